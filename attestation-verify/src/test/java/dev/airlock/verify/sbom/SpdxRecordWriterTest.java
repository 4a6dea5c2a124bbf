package dev.airlock.verify.sbom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.airlock.verify.artifact.ResolvedArtifact;
import dev.airlock.verify.artifact.ResolvedArtifact.Kind;
import dev.airlock.verify.digest.Digests;
import dev.airlock.verify.digest.HashAlgorithm;
import dev.airlock.verify.finding.Coordinates;
import dev.airlock.verify.finding.Finding;
import dev.airlock.verify.finding.FindingCode;
import dev.airlock.verify.finding.Severity;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The recorded SBOM: written through spdx-java-library, read back by the parser, verified against itself. */
class SpdxRecordWriterTest {
    private static final Coordinates APP = Coordinates.parse("com.example.sbom:app:jar:1.0.0");
    private static final Instant OUTPUT_TIMESTAMP = Instant.parse("2026-01-01T00:00:00Z");

    @TempDir
    Path tmp;

    /** A plugin or extension jar in a scratch local repository (the demo's real jars are dependencies). */
    private ResolvedArtifact tool(String coords, Kind kind, int size) throws Exception {
        Coordinates c = Coordinates.parse(coords);
        Path f = tmp.resolve("repo").resolve(c.groupId().replace('.', '/')).resolve(c.artifactId())
                .resolve(c.version()).resolve(c.artifactId() + '-' + c.version() + ".jar");
        Files.createDirectories(f.getParent());
        byte[] b = new byte[size];
        new Random(coords.hashCode()).nextBytes(b);
        Files.write(f, b);
        return new ResolvedArtifact(c, f, kind, null, false, List.of(), "com.example.sbom:app", "central");
    }

    /** Everything the build of module app resolved: its dependencies (every scope), 3 plugin jars, an extension. */
    private List<ResolvedArtifact> build() throws Exception {
        List<ResolvedArtifact> all = new ArrayList<>(SbomTestData.appResolved());
        all.add(tool("org.apache.maven.plugins:maven-compiler-plugin:jar:3.14.0", Kind.PLUGIN, 70_000));
        all.add(tool("org.apache.maven.plugins:maven-surefire-plugin:jar:3.5.3", Kind.PLUGIN, 40_000));
        all.add(tool("org.codehaus.plexus:plexus-utils:jar:4.0.2", Kind.PLUGIN, 190_000));
        all.add(tool("com.acme.build:acme-extension:jar:2.1", Kind.EXTENSION, 12_000));
        // slf4j-api 2.0.16 is also a plugin dependency: one package, both kinds
        ResolvedArtifact api = SbomTestData.dep("org.slf4j:slf4j-api:jar:2.0.16", null);
        all.add(new ResolvedArtifact(api.coordinates(), api.file(), Kind.PLUGIN, null, false, List.of(),
                "com.example.sbom:app", "central"));
        return all;
    }

    private SpdxRecordWriter writer(Instant created) {
        return new SpdxRecordWriter(APP, created, new Digests(1000), "0.1.0-test");
    }

    @Test
    void theRecordReadsBackWithHashesKindsAndScopes() throws Exception {
        List<ResolvedArtifact> build = build();
        Path out = tmp.resolve("airlock.spdx.json");
        List<SpdxRecordWriter.Recorded> recorded = writer(OUTPUT_TIMESTAMP).write(build, out);
        assertEquals(13, recorded.size());

        SbomDocument d = SbomParser.parse(out);
        assertEquals(SbomFormat.SPDX_JSON, d.format());
        assertEquals("SPDX-2.3", d.specVersion());
        assertTrue(d.airlockRecord());
        assertTrue(d.recordsPlugins());
        assertEquals(List.of("Tool: airlock-0.1.0-test"), d.tools());
        assertEquals("com.example.sbom:app:jar:1.0.0", d.root().orElseThrow().display());
        assertTrue(d.coveredScopes().isEmpty()); // every scope
        assertEquals(13, d.entries().size());
        Map<String, SbomEntry> byCoords = new TreeMap<>();
        d.entries().forEach(e -> byCoords.put(e.display(), e));
        Digests digests = new Digests(100);
        for (ResolvedArtifact a : build) {
            SbomEntry e = byCoords.get(a.coordinates().toString());
            assertTrue(e != null, a.coordinates().toString());
            assertTrue(e.qualified());
            assertEquals(Set.of(HashAlgorithm.SHA256, HashAlgorithm.SHA512), e.hashes().keySet());
            assertEquals(digests.digest(a.file(), HashAlgorithm.SHA512), e.hashes().get(HashAlgorithm.SHA512));
            assertEquals(digests.digest(a.file(), HashAlgorithm.SHA256), e.hashes().get(HashAlgorithm.SHA256));
        }
        assertEquals(Set.of(Kind.DEPENDENCY, Kind.PLUGIN), byCoords.get("org.slf4j:slf4j-api:jar:2.0.16").kinds());
        assertEquals("compile", byCoords.get("org.slf4j:slf4j-api:jar:2.0.16").scope());
        assertEquals(Set.of(Kind.DEPENDENCY), byCoords.get("com.example.sbom:lib-a:jar:tests:1.0.0").kinds());
        assertEquals("test", byCoords.get("com.example.sbom:lib-a:jar:tests:1.0.0").scope());
        assertEquals(Set.of(Kind.EXTENSION), byCoords.get("com.acme.build:acme-extension:jar:2.1").kinds());
        assertEquals("pkg:maven/io.netty/netty-transport-native-epoll@4.1.115.Final?classifier=linux-x86_64&type=jar",
                byCoords.get("io.netty:netty-transport-native-epoll:jar:linux-x86_64:4.1.115.Final").purl().purl());

        String text = Files.readString(out, StandardCharsets.UTF_8);
        assertTrue(text.contains("\"created\" : \"2026-01-01T00:00:00Z\""), text.substring(0, 600));
        assertTrue(text.contains("\"spdxVersion\" : \"SPDX-2.3\""));
        assertTrue(text.contains("BUILD_TOOL_OF") && text.contains("TEST_DEPENDENCY_OF")
                && text.contains("RUNTIME_DEPENDENCY_OF") && text.contains("PROVIDED_DEPENDENCY_OF"));
        assertFalse(text.contains(tmp.toString()), "no machine paths in the record");
        assertFalse(text.contains(SbomTestData.dir().toString()), "no machine paths in the record");
        assertTrue(text.endsWith("}\n"));
    }

    @Test
    void verifySbomPassesAgainstItsOwnRecordWithDefaultSettings() throws Exception {
        List<ResolvedArtifact> build = build();
        Path out = tmp.resolve("airlock.spdx.json");
        writer(OUTPUT_TIMESTAMP).write(build, out);
        SbomVerification v = SbomVerifier.builder().digests(new Digests(100)).build()
                .verify(build, List.of(SbomParser.parse(out)));
        assertEquals(List.of(), v.findings());
        // every non-reactor artifact (6 dependencies + 4 plugin/extension jars) verified by SHA-512
        assertEquals(Map.of(HashAlgorithm.SHA512, 10), v.hashesVerified());
        assertEquals(List.of(), v.pluginsNotEvaluated());

        // a build that runs fewer phases loads fewer plugins: their entries are not stale
        List<ResolvedArtifact> fewer = new ArrayList<>(build);
        fewer.removeIf(a -> a.coordinates().artifactId().equals("maven-surefire-plugin"));
        assertEquals(List.of(), SbomVerifier.builder().digests(new Digests(100)).build()
                .verify(fewer, List.of(SbomParser.parse(out))).findings());
        // a dependency the record lists but the build no longer resolves is
        fewer.removeIf(a -> a.coordinates().artifactId().equals("jsr305"));
        List<Finding> stale = SbomVerifier.builder().digests(new Digests(100)).build()
                .verify(fewer, List.of(SbomParser.parse(out))).findings();
        assertEquals(1, stale.size(), stale.toString());
        assertEquals(FindingCode.SBOM_ENTRY_NOT_RESOLVED, stale.get(0).code());
        assertEquals("com.google.code.findbugs:jsr305:jar:3.0.2", stale.get(0).subject());
    }

    @Test
    void oneChangedByteOfOnePluginJarIsAHashMismatchForExactlyThatPlugin() throws Exception {
        List<ResolvedArtifact> build = build();
        Path out = tmp.resolve("airlock.spdx.json");
        writer(OUTPUT_TIMESTAMP).write(build, out);
        ResolvedArtifact surefire = build.stream()
                .filter(a -> a.coordinates().artifactId().equals("maven-surefire-plugin")).findFirst().orElseThrow();
        byte[] b = Files.readAllBytes(surefire.file());
        b[1234] ^= 0x20;
        Files.write(surefire.file(), b);
        Files.setLastModifiedTime(surefire.file(), java.nio.file.attribute.FileTime.fromMillis(
                Files.getLastModifiedTime(surefire.file()).toMillis() + 2000));

        SbomVerification v = SbomVerifier.builder().digests(new Digests(100)).build()
                .verify(build, List.of(SbomParser.parse(out)));
        assertEquals(1, v.findings().size(), v.findings().toString());
        Finding f = v.findings().get(0);
        assertEquals(FindingCode.SBOM_HASH_MISMATCH, f.code());
        assertEquals(Severity.ERROR, f.severity());
        assertEquals("org.apache.maven.plugins:maven-surefire-plugin:jar:3.5.3", f.subject());
        assertEquals(surefire.file().toString(), f.file());
        assertTrue(f.expected().startsWith("sha512 "));
        assertEquals(new Digests(10).digest(surefire.file(), HashAlgorithm.SHA256), f.sha256());
        assertTrue(f.details().get("kind").contains("build plugin"), f.details().toString());
    }

    @Test
    void deterministicSameBytesForTheSameInputInAnyOrder() throws Exception {
        List<ResolvedArtifact> build = build();
        byte[] first = writer(OUTPUT_TIMESTAMP).render(build);
        List<ResolvedArtifact> shuffled = new ArrayList<>(build);
        Collections.shuffle(shuffled, new Random(7));
        assertArrayEquals(first, writer(OUTPUT_TIMESTAMP).render(shuffled));
        Path out = tmp.resolve("airlock.spdx.json");
        writer(OUTPUT_TIMESTAMP).write(build, out);
        assertArrayEquals(first, Files.readAllBytes(out));
        writer(OUTPUT_TIMESTAMP).write(shuffled, out);
        assertArrayEquals(first, Files.readAllBytes(out));

        // no outputTimestamp: the fixed documented value, still deterministic
        String noTimestamp = new String(writer(null).render(build), StandardCharsets.UTF_8);
        assertTrue(noTimestamp.contains("\"created\" : \"1970-01-01T00:00:00Z\""));
        assertEquals(noTimestamp, new String(writer(null).render(build), StandardCharsets.UTF_8));

        // one more artifact: a different namespace and one more package, the rest unchanged
        List<ResolvedArtifact> more = new ArrayList<>(build);
        more.add(tool("org.apache.maven.plugins:maven-jar-plugin:jar:3.4.2", Kind.PLUGIN, 30_000));
        String a = new String(first, StandardCharsets.UTF_8);
        String c = new String(writer(OUTPUT_TIMESTAMP).render(more), StandardCharsets.UTF_8);
        assertNotEquals(a, c);
        assertTrue(c.contains("maven-jar-plugin"));
        long changedLines = diffLines(a, c);
        assertTrue(changedLines < 60, "a small reviewable diff, got " + changedLines + " changed lines");
    }

    private static long diffLines(String a, String b) {
        List<String> x = a.lines().toList();
        List<String> y = b.lines().toList();
        // lines of b not in a plus lines of a not in b (multiset-free approximation is enough here)
        Set<String> sx = Set.copyOf(x);
        Set<String> sy = Set.copyOf(y);
        return y.stream().filter(l -> !sx.contains(l)).count() + x.stream().filter(l -> !sy.contains(l)).count();
    }

    @Test
    void reactorModulesNotBuiltYetAreRecordedWithoutChecksumsOthersMustHaveAFile() throws Exception {
        Path classes = Files.createDirectories(tmp.resolve("lib-b/target/classes"));
        ResolvedArtifact libB = new ResolvedArtifact(Coordinates.parse("com.example.sbom:lib-b:jar:1.0.0"), classes,
                Kind.DEPENDENCY, "compile", true, List.of(), "com.example.sbom:app", null);
        ResolvedArtifact api = SbomTestData.dep("org.slf4j:slf4j-api:jar:2.0.16", "compile");
        Path out = tmp.resolve("airlock.spdx.json");
        writer(OUTPUT_TIMESTAMP).write(List.of(libB, api), out);
        SbomDocument d = SbomParser.parse(out);
        SbomEntry e = d.entries().stream().filter(x -> x.artifactId().equals("lib-b")).findFirst().orElseThrow();
        assertTrue(e.hashes().isEmpty());
        assertEquals(List.of(), SbomVerifier.builder().digests(new Digests(10)).build()
                .verify(List.of(libB, api), List.of(d)).findings());

        ResolvedArtifact missing = new ResolvedArtifact(Coordinates.parse("org.acme:gone:jar:1"),
                tmp.resolve("gone-1.jar"), Kind.PLUGIN, null, false, List.of(), "com.example.sbom:app", null);
        SbomException ex = assertThrows(SbomException.class, () -> writer(OUTPUT_TIMESTAMP).write(List.of(missing),
                tmp.resolve("x.spdx.json")));
        assertTrue(ex.getMessage().contains("org.acme:gone:jar:1"), ex.getMessage());
        assertFalse(Files.exists(tmp.resolve("x.spdx.json")));
    }

    @Test
    void stableIdsAreValidSpdxIds() {
        Coordinates c = Coordinates.parse("io.netty:netty-x:jar:linux-x86_64:4.1.115.Final");
        String id = SpdxRecordWriter.spdxId("pkg", c);
        assertTrue(id.matches("SPDXRef-[A-Za-z0-9.-]+"), id);
        assertEquals(id, SpdxRecordWriter.spdxId("pkg", Coordinates.parse(c.toString())));
        // '_' and '-' both become '-' in the readable part: the hash keeps the ids apart
        assertNotEquals(id, SpdxRecordWriter.spdxId("pkg",
                Coordinates.parse("io.netty:netty-x:jar:linux_x86_64:4.1.115.Final")));
    }
}
