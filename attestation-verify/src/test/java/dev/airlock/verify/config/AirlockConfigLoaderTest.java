package dev.airlock.verify.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.airlock.verify.config.Levels.FloatingVersions;
import dev.airlock.verify.config.Levels.LocalOrigin;
import dev.airlock.verify.config.Levels.Mode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AirlockConfigLoaderTest {
    @TempDir
    Path root;

    private Path project(String text) throws IOException {
        Path f = root.resolve(".mvn/airlock.properties");
        Files.createDirectories(f.getParent());
        Files.writeString(f, text, StandardCharsets.UTF_8);
        return f;
    }

    private Path file(String name, String text) throws IOException {
        Path f = root.resolve(name);
        Files.createDirectories(f.getParent());
        Files.writeString(f, text, StandardCharsets.UTF_8);
        return f;
    }

    private AirlockConfig load(List<Path> files, Map<String, String> cli) {
        return AirlockConfigLoader.load(root, files, cli);
    }

    @Test
    void aPathValueTheFileSystemCannotTakeIsAConfigErrorNamingTheLine() throws IOException {
        Path f = project("airlock.mirrors=internal=https://repo.corp.example/maven\nairlock.report.dir=a\u0000b\n");
        ConfigException e = assertThrows(ConfigException.class, () -> load(List.of(f), Map.of()));
        assertTrue(e.getMessage().contains("airlock.properties:2"), e.getMessage());
        assertTrue(e.getMessage().contains("a\\u0000b"), e.getMessage());
        ConfigException cli = assertThrows(ConfigException.class,
                () -> load(List.of(), Map.of("airlock.lock", "x\u0000.lock")));
        assertTrue(cli.getMessage().contains("-Dairlock.lock="), cli.getMessage());
    }

    @Test
    void defaultsAreTheStrictOnes() throws IOException {
        AirlockConfig c = load(List.of(project("airlock.mirrors=internal=https://repo.corp.example/maven\n")), Map.of());
        assertEquals(Mode.ENFORCE, c.mode());
        assertEquals(FloatingVersions.DENY, c.floatingVersions());
        assertEquals(LocalOrigin.VERIFY, c.localOrigin());
        assertNull(c.lock());
        assertEquals(1, c.mirrors().size());
        assertEquals("internal", c.mirrors().get(0).id());
        assertTrue(c.originOf(ConfigKeys.MIRRORS).endsWith(".mvn/airlock.properties:1"));
        assertEquals("default", c.originOf(ConfigKeys.MODE));
        assertTrue(c.digestIndex());
    }

    @Test
    void digestIndexIsTrueOrFalseFromAFileOrTheCommandLine() throws IOException {
        String mirror = "airlock.mirrors=internal=https://repo.corp.example/maven\n";
        assertFalse(load(List.of(project(mirror + "airlock.digestIndex=false\n")), Map.of()).digestIndex());
        assertTrue(load(List.of(project(mirror + "airlock.digestIndex=false\n")),
                Map.of(ConfigKeys.DIGEST_INDEX, "true")).digestIndex());
        assertFalse(load(List.of(project(mirror)), Map.of(ConfigKeys.DIGEST_INDEX, "false")).digestIndex());
        Path p = project(mirror + "airlock.digestIndex=yes\n");
        ConfigException e = assertThrows(ConfigException.class, () -> load(List.of(p), Map.of()));
        assertEquals(p + ":2", e.where());
        assertTrue(e.fix().contains("airlock.digestIndex=false"), e.fix());
        ConfigException cli = assertThrows(ConfigException.class,
                () -> load(List.of(project(mirror)), Map.of(ConfigKeys.DIGEST_INDEX, "off")));
        assertTrue(cli.where().startsWith("-Dairlock.digestIndex=off"), cli.where());
    }

    @Test
    void noMirrorFailsAndSaysWhatToSet() throws IOException {
        ConfigException e = assertThrows(ConfigException.class,
                () -> load(List.of(project("airlock.floatingVersions=deny\n")), Map.of()));
        assertTrue(e.problem().contains("no mirror is configured"));
        assertTrue(e.fix().contains("set airlock.mirrors"));
    }

    @Test
    void offModeNeedsNoMirror() throws IOException {
        AirlockConfig c = load(List.of(project("airlock.mode=off\n")), Map.of());
        assertEquals(Mode.OFF, c.mode());
    }

    @Test
    void unknownKeyInAFileNamesFileAndLine() throws IOException {
        Path f = project("# comment\nairlock.mirrors=internal=https://repo.corp.example/maven\nairlock.floatingVersion=allow\n");
        ConfigException e = assertThrows(ConfigException.class, () -> load(List.of(f), Map.of()));
        assertEquals(f + ":3", e.where());
        assertTrue(e.problem().contains("unknown key 'airlock.floatingVersion'"));
        assertTrue(e.fix().contains("airlock.floatingVersions"));
    }

    @Test
    void lineNumbersFollowContinuations() throws IOException {
        Path f = project("airlock.mirrors=internal=https://repo.corp.example/maven,\\\n  other=https://repo.corp.example/other\n"
                + "airlock.namespaces=com.acme.*=internal\nairlock.bogus=1\n");
        ConfigException e = assertThrows(ConfigException.class, () -> load(List.of(f), Map.of()));
        assertEquals(f + ":4", e.where());
    }

    @Test
    void reservedCentralIdIsRefused() throws IOException {
        ConfigException e = assertThrows(ConfigException.class,
                () -> load(List.of(project("airlock.mirrors=central=https://repo.corp.example/maven\n")), Map.of()));
        assertTrue(e.problem().contains("'central' is reserved"));
    }

    @Test
    void credentialsInTheUrlAreRefused() throws IOException {
        ConfigException e = assertThrows(ConfigException.class, () -> load(
                List.of(project("airlock.mirrors=internal=https://user:pw@repo.corp.example/maven\n")), Map.of()));
        assertTrue(e.problem().contains("credentials"));
    }

    @Test
    void moreThanOneMirrorRequiresNamespaces() throws IOException {
        ConfigException e = assertThrows(ConfigException.class, () -> load(List.of(project(
                "airlock.mirrors=proxy=https://repo.corp.example/proxy,internal=https://repo.corp.example/releases\n")),
                Map.of()));
        assertTrue(e.problem().contains("airlock.namespaces is not set"));
    }

    @Test
    void namespacesMustNameConfiguredMirrors() throws IOException {
        ConfigException e = assertThrows(ConfigException.class, () -> load(List.of(project(
                "airlock.mirrors=proxy=https://repo.corp.example/proxy,internal=https://repo.corp.example/releases\n"
                        + "airlock.namespaces=com.acme.*=intrenal\n")), Map.of()));
        assertTrue(e.problem().contains("'intrenal'"));
    }

    @Test
    void aKeySetTwiceInOneFileIsAnErrorNamingBothLines() throws IOException {
        // Properties would keep the last value: enforce, then warn, loaded as warn without a word
        Path f = project("airlock.mirrors=internal=https://repo.corp.example/maven\nairlock.mode=enforce\n"
                + "# later, by someone else\nairlock.mode=warn\n");
        ConfigException e = assertThrows(ConfigException.class, () -> load(List.of(f), Map.of()));
        assertEquals(f + ":4", e.where());
        assertTrue(e.problem().contains("key 'airlock.mode' is set twice (line 2 and line 4)"), e.problem());
        assertTrue(e.fix().contains("keep one line for airlock.mode"), e.fix());

        // the same value twice, a continued line, ':' and whitespace as separators: still one key written twice
        Path g = project("airlock.mirrors=internal=https://repo.corp.example/maven,\\\n  other=https://repo.corp.example/o\n"
                + "airlock.namespaces=com.acme.*=internal\n! comment\nairlock.mirrors : internal=https://repo.corp.example/maven\n");
        ConfigException twice = assertThrows(ConfigException.class, () -> load(List.of(g), Map.of()));
        assertEquals(g + ":5", twice.where());
        assertTrue(twice.problem().contains("'airlock.mirrors' is set twice (line 1 and line 5)"), twice.problem());
        Path h = project("airlock.mirrors=internal=https://repo.corp.example/maven\nairlock.mode enforce\nairlock.mode=enforce\n");
        assertTrue(assertThrows(ConfigException.class, () -> load(List.of(h), Map.of())).problem()
                .contains("(line 2 and line 3)"));

        // at the user and installation levels too
        Path p = project("airlock.mirrors=internal=https://repo.corp.example/maven\n");
        Path install = file("maven-home/conf/airlock.properties", "airlock.floatingVersions=deny\n"
                + "airlock.floatingVersions=allow\n");
        ConfigException i = assertThrows(ConfigException.class, () -> load(List.of(p, install), Map.of()));
        assertEquals(install + ":2", i.where());
        // one key in two files is precedence, not a duplicate
        Path user = file("user/airlock.properties", "airlock.mode=enforce\n");
        assertEquals(Mode.ENFORCE, load(List.of(project("airlock.mirrors=internal=https://repo.corp.example/maven\n"
                + "airlock.mode=warn\n"), user), Map.of()).mode());
    }

    /**
     * Hardening item 7: a plain-http mirror on a host other than loopback is refused in enforce mode unless
     * airlock.allowInsecureMirrors=true (Maven itself blocks external:http:*).
     */
    @Test
    void aPlainHttpMirrorIsRefusedInEnforceModeUnlessAllowed() throws IOException {
        Path f = project("airlock.mirrors=internal=http://repo.corp.example/maven\n");
        ConfigException e = assertThrows(ConfigException.class, () -> load(List.of(f), Map.of()));
        assertEquals(f + ":1", e.where());
        assertTrue(e.problem().contains("mirror internal (http://repo.corp.example/maven) uses plain http://"),
                e.problem());
        assertTrue(e.fix().contains("airlock.allowInsecureMirrors=true"), e.fix());
        // loopback is this machine
        for (String url : List.of("http://127.0.0.1:8080/m", "http://127.10.0.1/m", "http://localhost:1/m",
                "http://[::1]:8080/m", "https://repo.corp.example/maven")) {
            assertEquals(1, load(List.of(project("airlock.mirrors=internal=" + url + "\n")), Map.of()).mirrors()
                    .size(), url);
        }
        for (String url : List.of("http://127.0.0.1.example/m", "http://128.0.0.1/m", "http://10.0.0.1/m",
                "http://localhost.example/m")) {
            assertThrows(ConfigException.class, () -> load(List.of(project("airlock.mirrors=internal=" + url + "\n")),
                    Map.of()), url);
        }
        // allowed by a file
        AirlockConfig ok = load(List.of(project("airlock.mirrors=internal=http://repo.corp.example/maven\n"
                + "airlock.allowInsecureMirrors=true\n")), Map.of());
        assertTrue(ok.allowInsecureMirrors());
        assertTrue(ok.originOf(ConfigKeys.ALLOW_INSECURE_MIRRORS).endsWith(":2"));
        // the command line may only tighten it
        Path insecure = project("airlock.mirrors=internal=http://repo.corp.example/maven\n");
        ConfigException cli = assertThrows(ConfigException.class,
                () -> load(List.of(insecure), Map.of(ConfigKeys.ALLOW_INSECURE_MIRRORS, "true")));
        assertTrue(cli.where().startsWith("-Dairlock.allowInsecureMirrors=true"), cli.where());
        Path allowed = project("airlock.mirrors=internal=http://repo.corp.example/maven\n"
                + "airlock.allowInsecureMirrors=true\n");
        assertThrows(ConfigException.class,
                () -> load(List.of(allowed), Map.of(ConfigKeys.ALLOW_INSECURE_MIRRORS, "false")),
                "tightened back to false: the http mirror is refused again");
        // warn mode: a warning, the build goes on
        AirlockConfig warn = load(List.of(project("airlock.mirrors=internal=http://repo.corp.example/maven\n"
                + "airlock.mode=warn\n")), Map.of());
        assertTrue(warn.warnings().stream().anyMatch(w -> w.contains("uses plain http://")), warn.warnings().toString());
        assertFalse(ConfigKeys.SECURITY_KEYS.isEmpty());
        assertTrue(ConfigKeys.SECURITY_KEYS.contains(ConfigKeys.ALLOW_INSECURE_MIRRORS));
        assertThrows(ConfigException.class, () -> load(List.of(project("airlock.mirrors=internal=https://r.example/m\n"
                + "airlock.allowInsecureMirrors=yes\n")), Map.of()));
    }

    @Test
    void installationLevelWinsOverProject() throws IOException {
        Path p = project("airlock.mirrors=internal=https://repo.corp.example/maven\nairlock.mode=warn\n");
        Path install = file("maven-home/conf/airlock.properties", "airlock.mode=enforce\n");
        AirlockConfig c = load(List.of(p, install), Map.of());
        assertEquals(Mode.ENFORCE, c.mode());
        assertTrue(c.originOf(ConfigKeys.MODE).contains("maven-home/conf/airlock.properties:1"));
        assertEquals("internal", c.mirrors().get(0).id());
    }

    @Test
    void commandLineMayTighten() throws IOException {
        Path p = project("airlock.mirrors=proxy=https://repo.corp.example/proxy,internal=https://repo.corp.example/releases\n"
                + "airlock.namespaces=com.acme.*=internal|proxy\nairlock.mode=warn\nairlock.floatingVersions=allow\n"
                + "airlock.localOrigin=warn\n");
        AirlockConfig c = load(List.of(p), Map.of(
                "airlock.mode", "enforce",
                "airlock.floatingVersions", "deny",
                "airlock.localOrigin", "deny",
                "airlock.mirrors", "proxy=https://repo.corp.example/proxy,internal=https://repo.corp.example/releases/sub",
                "airlock.namespaces", "com.acme.*=internal"));
        assertEquals(Mode.ENFORCE, c.mode());
        assertEquals(FloatingVersions.DENY, c.floatingVersions());
        assertEquals(LocalOrigin.DENY, c.localOrigin());
        assertEquals("https://repo.corp.example/releases/sub", c.mirror("internal").orElseThrow().url());
        assertEquals(List.of("internal"), c.namespaces().get(0).mirrorIds());
        assertEquals("-Dairlock.mode", c.originOf(ConfigKeys.MODE));
    }

    @Test
    void commandLineMayNotWeakenMode() throws IOException {
        Path p = project("airlock.mirrors=internal=https://repo.corp.example/maven\nairlock.mode=warn\n");
        ConfigException e = assertThrows(ConfigException.class, () -> load(List.of(p), Map.of("airlock.mode", "off")));
        assertTrue(e.problem().contains("refused: it would weaken airlock.mode=warn"));
        assertTrue(e.fix().contains(p + ":2"));
    }

    @Test
    void commandLineMayNotWeakenADefault() throws IOException {
        Path p = project("airlock.mirrors=internal=https://repo.corp.example/maven\n");
        ConfigException e = assertThrows(ConfigException.class,
                () -> load(List.of(p), Map.of("airlock.floatingVersions", "allow")));
        assertTrue(e.fix().contains("set it in .mvn/airlock.properties"));
    }

    @Test
    void commandLineMayNotWidenMirrors() throws IOException {
        Path p = project("airlock.mirrors=internal=https://repo.corp.example/releases\n");
        // another host
        assertThrows(ConfigException.class,
                () -> load(List.of(p), Map.of("airlock.mirrors", "internal=https://evil.example/releases")));
        // a wider path
        assertThrows(ConfigException.class,
                () -> load(List.of(p), Map.of("airlock.mirrors", "internal=https://repo.corp.example/")));
        // a sibling path that merely shares a prefix
        assertThrows(ConfigException.class,
                () -> load(List.of(p), Map.of("airlock.mirrors", "internal=https://repo.corp.example/releases-evil")));
        // an added mirror
        assertThrows(ConfigException.class, () -> load(List.of(p), Map.of("airlock.mirrors",
                "internal=https://repo.corp.example/releases,extra=https://repo.corp.example/releases")));
    }

    @Test
    void commandLineMayNotRerouteANamespace() throws IOException {
        Path p = project("airlock.mirrors=proxy=https://repo.corp.example/proxy,internal=https://repo.corp.example/releases\n"
                + "airlock.namespaces=com.acme.*=internal\n");
        // dropping the rule
        assertThrows(ConfigException.class,
                () -> load(List.of(p), Map.of("airlock.namespaces", "org.other=internal")));
        // adding a more specific rule that routes part of the namespace to the proxy
        assertThrows(ConfigException.class,
                () -> load(List.of(p), Map.of("airlock.namespaces", "com.acme.*=internal,com.acme.x=proxy")));
        // a more specific rule that keeps the same mirror is a tightening
        AirlockConfig c = load(List.of(p), Map.of("airlock.namespaces", "com.acme.*=internal,com.acme.x=internal"));
        assertEquals(2, c.namespaces().size());
    }

    @Test
    void lockMayOnlyBeAddedFromTheCommandLine() throws IOException {
        Path p = project("airlock.mirrors=internal=https://repo.corp.example/maven\n");
        file(".mvn/airlock.lock", "");
        file("other.lock", "");
        AirlockConfig c = load(List.of(p), Map.of());
        assertEquals(root.resolve(".mvn/airlock.lock"), c.lock());
        Path withLock = project("airlock.mirrors=internal=https://repo.corp.example/maven\nairlock.lock=.mvn/airlock.lock\n");
        assertThrows(ConfigException.class, () -> load(List.of(withLock), Map.of("airlock.lock", "other.lock")));
    }

    @Test
    void aConfiguredLockIsReportedEvenBeforeItExists() throws IOException {
        Path p = project("airlock.mirrors=internal=https://repo.corp.example/maven\nairlock.lock=locks/build.lock\n");
        AirlockConfig c = load(List.of(p), Map.of());
        assertEquals(root.resolve("locks/build.lock"), c.lock());
        assertEquals(root.resolve("locks/build.lock"), c.lockToRecord(root));
        Path none = project("airlock.mirrors=internal=https://repo.corp.example/maven\n");
        assertEquals(root.resolve(".mvn/airlock.lock"), load(List.of(none), Map.of()).lockToRecord(root));
    }

    @Test
    void unknownCommandLinePropertiesWarn() throws IOException {
        Path p = project("airlock.mirrors=internal=https://repo.corp.example/maven\n");
        AirlockConfig c = load(List.of(p), Map.of("airlock.mirors", "x", "airlock.version", "1.0",
                "airlock.quarantine.dir", "q", "airlock.record.phases", "verify", "airlock.record.sbom", "false",
                "airlock.seal.phases", "verify", "airlock.seal.sidecars", "false"));
        assertEquals(1, c.warnings().size());
        assertTrue(c.warnings().get(0).contains("-Dairlock.mirors"), c.warnings().get(0));
        assertTrue(c.warnings().get(0).contains("airlock.record.phases"), "the goal parameters are listed as known");
        assertEquals(root.resolve("q"), c.quarantineDir());
    }

    @Test
    void badValuesNameTheAllowedOnes() throws IOException {
        Path p = project("airlock.mirrors=internal=https://repo.corp.example/maven\nairlock.mode=strict\n");
        ConfigException e = assertThrows(ConfigException.class, () -> load(List.of(p), Map.of()));
        assertEquals(p + ":2", e.where());
        assertTrue(e.fix().contains("enforce"));
    }

    @Test
    void emptyValueAndMalformedEntriesFail() throws IOException {
        assertThrows(ConfigException.class, () -> load(List.of(project("airlock.mirrors=\n")), Map.of()));
        assertThrows(ConfigException.class, () -> load(List.of(project("airlock.mirrors=internal\n")), Map.of()));
        assertThrows(ConfigException.class,
                () -> load(List.of(project("airlock.mirrors=a=https://x.example,a=https://y.example\n")), Map.of()));
        assertThrows(ConfigException.class,
                () -> load(List.of(project("airlock.mirrors=internal=ftp://x.example/\n")), Map.of()));
    }

    @Test
    void mirrorContainingMatchesByPrefixNeverByHost() throws IOException {
        AirlockConfig c = load(List.of(project(
                "airlock.mirrors=proxy=https://repo.corp.example/proxy,internal=https://repo.corp.example/proxy/internal\n"
                        + "airlock.namespaces=com.acme.*=internal\n")), Map.of());
        assertEquals("internal", c.mirrorContaining("https://REPO.corp.example:443/proxy/internal/").orElseThrow().id());
        assertEquals("proxy", c.mirrorContaining("https://repo.corp.example/proxy/other").orElseThrow().id());
        assertFalse(c.mirrorContaining("https://repo.corp.example/releases").isPresent());
        assertFalse(c.mirrorContaining("http://repo.corp.example/proxy").isPresent());
        assertFalse(c.mirrorContaining("https://repo.corp.example:8443/proxy").isPresent());
        assertFalse(c.mirrorContaining("https://repo.corp.example/proxy-evil").isPresent());
        assertTrue(c.mayServe("internal", "com.acme.x"));
        assertFalse(c.mayServe("proxy", "com.acme"));
        assertTrue(c.mayServe("proxy", "com.acmex"));
    }
}
