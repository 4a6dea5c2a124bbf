package dev.airlock.verify.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.airlock.verify.artifact.ArtifactPattern;
import dev.airlock.verify.artifact.ResolvedArtifact;
import dev.airlock.verify.config.AirlockConfigLoader;
import dev.airlock.verify.config.ConfigException;
import dev.airlock.verify.digest.DigestCache;
import dev.airlock.verify.digest.Digests;
import dev.airlock.verify.finding.Coordinates;
import dev.airlock.verify.finding.FindingCode;
import dev.airlock.verify.lock.LockFile;
import dev.airlock.verify.policy.KeyResolver;
import dev.airlock.verify.policy.PolicyException;
import dev.airlock.verify.policy.PolicyPattern;
import dev.airlock.verify.policy.TrustPolicy;
import dev.airlock.verify.policy.ValueMatcher;
import dev.airlock.verify.quarantine.Evidence;
import dev.airlock.verify.quarantine.QuarantineStore;
import dev.airlock.verify.sbom.SbomDocument;
import dev.airlock.verify.sbom.SbomException;
import dev.airlock.verify.sbom.SbomParser;
import dev.airlock.verify.sbom.SbomVerification;
import dev.airlock.verify.sbom.SbomVerifier;
import dev.airlock.verify.sigstore.InTotoStatement;
import dev.airlock.verify.sigstore.SignatureOutcome;
import dev.airlock.verify.sigstore.SigstoreBundleVerifier;
import dev.airlock.verify.sigstore.TrustedRoot;
import dev.airlock.verify.sigstore.TrustedRootException;
import dev.airlock.verify.slsa.ProvenanceOutcome;
import dev.airlock.verify.slsa.ProvenanceVerifier;
import dev.airlock.verify.testing.Fixtures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hardening probe, kept: malformed inputs fed to every parser the hardening touched (configuration files, lock,
 * trust policy and its globs, quarantine release specs, Sigstore bundles, trusted roots, in-toto statements,
 * provenance files, CycloneDX hashes). Each input is judged:
 * <ul>
 *   <li><b>clean error</b>: refused with the parser's own error or outcome (ConfigException, PolicyException, a
 *       MALFORMED or INVALID outcome, ...), or, for the matchers, the right answer in time;</li>
 *   <li><b>crash</b>: any other exception, or a matcher that took more than a second;</li>
 *   <li><b>accepted</b>: read as if it were fine (a VERIFIED bundle, a loaded configuration, a wrong match).</li>
 * </ul>
 * Prints one line per parser and the totals ({@code probe: ...}); fails on any crash or acceptance.
 */
class MalformedInputProbeTest {
    private static final Map<String, int[]> COUNTS = new LinkedHashMap<>();
    private static final List<String> PROBLEMS = new ArrayList<>();
    private static final int TRIED = 0;
    private static final int CLEAN = 1;
    private static final int CRASH = 2;
    private static final int ACCEPTED = 3;
    private static ExecutorService pool;

    @TempDir
    Path tmp;

    @BeforeAll
    static void start() {
        pool = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "probe");
            t.setDaemon(true);
            return t;
        });
    }

    @AfterAll
    static void report() {
        pool.shutdownNow();
        System.out.println("probe: parser                    tried  clean-error  crash  accepted");
        int[] total = new int[4];
        COUNTS.forEach((parser, c) -> {
            System.out.printf("probe: %-25s %5d  %11d  %5d  %8d%n", parser, c[TRIED], c[CLEAN], c[CRASH], c[ACCEPTED]);
            for (int i = 0; i < 4; i++) {
                total[i] += c[i];
            }
        });
        System.out.printf("probe: %-25s %5d  %11d  %5d  %8d%n", "total", total[TRIED], total[CLEAN], total[CRASH],
                total[ACCEPTED]);
        PROBLEMS.forEach(p -> System.out.println("probe: PROBLEM " + p));
    }

    /** What one input came to. */
    private enum Verdict { CLEAN, ACCEPTED }

    @FunctionalInterface
    private interface Probe {
        Verdict run() throws Exception;
    }

    private static void probe(String parser, String input, Probe p) {
        int[] c = COUNTS.computeIfAbsent(parser, k -> new int[4]);
        c[TRIED]++;
        Future<Verdict> f = pool.submit(p::run);
        try {
            Verdict v = f.get(20, TimeUnit.SECONDS);
            if (v == Verdict.CLEAN) {
                c[CLEAN]++;
            } else {
                c[ACCEPTED]++;
                PROBLEMS.add(parser + ": accepted " + input);
            }
        } catch (TimeoutException e) {
            f.cancel(true);
            c[CRASH]++;
            PROBLEMS.add(parser + ": no answer in 20 s for " + input);
            pool.shutdownNow();
            start();
        } catch (Exception e) {
            c[CRASH]++;
            Throwable cause = e.getCause() == null ? e : e.getCause();
            PROBLEMS.add(parser + ": " + cause + " for " + input);
        }
    }

    /** No crash and no acceptance among the inputs of these parsers. */
    private static void assertNoCrashNoAcceptance(String... parsers) {
        for (String parser : parsers) {
            int[] c = COUNTS.get(parser);
            assertTrue(c != null && c[TRIED] > 0, parser + " was probed");
            List<String> mine = PROBLEMS.stream().filter(p -> p.startsWith(parser + ":")).toList();
            assertEquals(0, c[CRASH] + c[ACCEPTED], String.join("\n", mine));
        }
    }

    // ------------------------------------------------------------------------------------------- JSON mutations

    /** Malformed variants of a JSON document: each one must be refused by a strict reader. */
    static Map<String, String> jsonMutations(String doc) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        String compact = doc.strip();
        for (int i = 1; i <= 12; i++) {
            int at = compact.length() * i / 13;
            out.put("truncated at " + at, compact.substring(0, at));
        }
        out.put("second document", compact + "\n" + compact);
        out.put("trailing garbage", compact + " x");
        out.put("trailing {}", compact + "{}");
        out.put("trailing comment", compact + "\n// signed");
        out.put("leading comment", "/* c */" + compact);
        out.put("byte-order mark", "\uFEFF" + compact);
        out.put("trailing comma", compact.substring(0, compact.lastIndexOf('}')) + ",}");
        out.put("array around it", "[" + compact + "]");
        out.put("empty", "");
        out.put("null", "null");
        List<long[]> names = new ArrayList<>();
        List<String> nameText = new ArrayList<>();
        try (JsonParser p = new JsonFactory().createParser(compact)) {
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                if (t == JsonToken.FIELD_NAME) {
                    names.add(new long[] {p.currentTokenLocation().getCharOffset()});
                    nameText.add(p.currentName());
                }
            }
        }
        int step = Math.max(1, names.size() / 8);
        for (int i = 0; i < names.size(); i += step) {
            int off = (int) names.get(i)[0];
            String name = nameText.get(i);
            String quoted = "\"" + name + "\"";
            if (!compact.startsWith(quoted, off)) {
                continue;
            }
            out.put("duplicate '" + name + "' (first bogus)", compact.substring(0, off) + quoted + ":\"bogus\","
                    + compact.substring(off));
            out.put("comment before '" + name + "'", compact.substring(0, off) + "/* x */" + compact.substring(off));
            out.put("single-quoted '" + name + "'", compact.substring(0, off) + "'" + name + "'"
                    + compact.substring(off + quoted.length()));
            out.put("unquoted '" + name + "'", compact.substring(0, off) + name
                    + compact.substring(off + quoted.length()));
        }
        return out;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    // ------------------------------------------------------------------------------------------- the probes

    @Test
    void sigstoreBundles() throws Exception {
        SigstoreBundleVerifier verifier = new SigstoreBundleVerifier(TrustedRoot.publicGood());
        String sha = "f338c08740cdb2e663737abaf372fc3c442210ab7291c991e180797bd886cd61";
        String good = Files.readString(Fixtures.file("maven-central/sigstore-java-2.0.0.jar.sigstore.json"));
        assertEquals(SignatureOutcome.Status.VERIFIED, verifier.verify("b", utf8(good), sha, List.of()).status());
        Map<String, byte[]> inputs = new LinkedHashMap<>();
        jsonMutations(good).forEach((k, v) -> inputs.put(k, utf8(v)));
        byte[] bad = utf8(good);
        bad[bad.length / 2] = (byte) 0xFF;
        inputs.put("invalid UTF-8", bad);
        inputs.put("UTF-16", good.getBytes(StandardCharsets.UTF_16));
        inputs.put("raw control character in a string", utf8(good.replaceFirst("hashedrekord", "hashed\u0001rekord")));
        inputs.put("deep nesting", utf8("[".repeat(100_000)));
        inputs.forEach((name, bytes) -> probe("sigstore bundle", name, () -> {
            SignatureOutcome o = verifier.verify("b", bytes, sha, List.of());
            return o.status() == SignatureOutcome.Status.VERIFIED ? Verdict.ACCEPTED : Verdict.CLEAN;
        }));
        assertNoCrashNoAcceptance("sigstore bundle");
    }

    @Test
    void trustedRoots() throws Exception {
        String good = Files.readString(Fixtures.file("sigstore/trusted_root.public-good.json"));
        TrustedRoot.parse("root", utf8(good), null);
        jsonMutations(good).forEach((name, text) -> probe("trusted root", name, () -> {
            try {
                TrustedRoot.parse("root", utf8(text), null);
                return Verdict.ACCEPTED;
            } catch (TrustedRootException e) {
                return Verdict.CLEAN;
            }
        }));
        assertNoCrashNoAcceptance("trusted root");
    }

    static final String SUBJECT = "a".repeat(64);

    @Test
    void inTotoStatements() throws Exception {
        String good = "{\"_type\":\"https://in-toto.io/Statement/v1\",\"subject\":[{\"name\":\"a.jar\",\"digest\":"
                + "{\"sha256\":\"" + SUBJECT + "\"}}],\"predicateType\":\"https://slsa.dev/provenance/v1\","
                + "\"predicate\":{\"buildDefinition\":{\"buildType\":\"x\"}}}";
        InTotoStatement.parse(utf8(good));
        Map<String, String> inputs = new LinkedHashMap<>(jsonMutations(good));
        for (String digest : List.of("\"ab\"", "null", "12", "\"" + SUBJECT.toUpperCase() + "\"", "\"\"", "{}", "[]",
                "\"" + SUBJECT + "0\"", "\"" + "z".repeat(64) + "\"")) {
            inputs.put("sha256 digest " + digest, good.replace("\"" + SUBJECT + "\"", digest));
        }
        inputs.put("empty digest", good.replace("{\"sha256\":\"" + SUBJECT + "\"}", "{}"));
        inputs.put("digest not an object", good.replace("{\"sha256\":\"" + SUBJECT + "\"}", "\"" + SUBJECT + "\""));
        inputs.put("sha512 of 64 digits", good.replace("sha256", "sha512"));
        inputs.put("gitCommit of 3 digits", good.replace("\"sha256\":\"" + SUBJECT + "\"", "\"gitCommit\":\"abc\""));
        inputs.put("duplicate _type", "{\"_type\":\"bogus\"," + good.substring(1));
        inputs.put("unknown _type", good.replace("Statement/v1", "Statement/v9"));
        inputs.put("no subject", good.replaceFirst("\"subject\":\\[.*?\\]\\]?,", ""));
        inputs.put("subject not a list", good.replaceFirst("\"subject\":\\[", "\"subject\":{\"x\":[").replace("}}],",
                "}}]},"));
        inputs.put("no predicateType", good.replace("\"predicateType\"", "\"predicateTyp\""));
        inputs.forEach((name, text) -> probe("in-toto statement", name, () -> {
            try {
                InTotoStatement st = InTotoStatement.parse(utf8(text));
                // a statement may be read, but it must not name the subject through a guess
                return st.hasSubjectSha256(SUBJECT) ? Verdict.ACCEPTED : Verdict.CLEAN;
            } catch (IllegalArgumentException e) {
                return Verdict.CLEAN;
            }
        }));
        assertNoCrashNoAcceptance("in-toto statement");
    }

    @Test
    void provenanceFiles() throws Exception {
        ProvenanceVerifier verifier = new ProvenanceVerifier(TrustedRoot.publicGood());
        Path file = Fixtures.file("slsa-verifier/gha_maven/v2.1.0/binary-linux-amd64-push-v14.2.build.slsa");
        String sha = DigestCache.sha256Uncached(
                Fixtures.file("slsa-verifier/gha_maven/v2.1.0/binary-linux-amd64-push-v14.2"));
        String good = Files.readString(file);
        assertEquals(ProvenanceOutcome.Status.VERIFIED, verifier.verify(file, sha).status());
        Map<String, String> inputs = new LinkedHashMap<>(jsonMutations(good));
        inputs.remove("second document"); // on two lines, that is JSON Lines: two valid entries
        inputs.put("JSON Lines with a comment line", good.strip() + "\n# more\n");
        inputs.put("JSON Lines with a single-quoted line", good.strip() + "\n{'a':1}\n");
        inputs.put("JSON Lines, second line truncated", good.strip() + "\n" + good.strip().substring(0, 100));
        inputs.put("pretty-printed with a duplicate key", "{\n\"mediaType\": \"bogus\",\n" + good.strip().substring(1));
        inputs.forEach((name, text) -> probe("provenance file", name, () -> {
            List<ProvenanceOutcome> all = verifier.verifyAll("p", utf8(text), sha);
            return all.stream().anyMatch(o -> o.status() == ProvenanceOutcome.Status.VERIFIED) ? Verdict.ACCEPTED
                    : Verdict.CLEAN;
        }));
        assertNoCrashNoAcceptance("provenance file");
    }

    @Test
    void configurationFiles() throws Exception {
        String base = "airlock.mirrors=internal=https://repo.corp.example/maven\n";
        Map<String, String> inputs = new LinkedHashMap<>();
        inputs.put("duplicate mode, weaker last", base + "airlock.mode=enforce\nairlock.mode=warn\n");
        inputs.put("duplicate mode, same value", base + "airlock.mode=enforce\nairlock.mode=enforce\n");
        inputs.put("duplicate mirrors via ':'", base + "airlock.mirrors : internal=https://evil.example/m\n");
        inputs.put("duplicate via continuation", base + "airlock.floatingVersions=deny\nairlock.floating\\\n"
                + "  Versions=allow\n");
        inputs.put("duplicate via escape", base + "airlock.mode=enforce\nairlock\\u002emode=warn\n");
        inputs.put("unknown key", base + "airlock.floatingVersion=allow\n");
        inputs.put("empty value", base + "airlock.mode=\n");
        inputs.put("bad mode", base + "airlock.mode=enforced\n");
        inputs.put("bad boolean", base + "airlock.digestIndex=yes\n");
        inputs.put("bad allowInsecureMirrors", base + "airlock.allowInsecureMirrors=1\n");
        inputs.put("http mirror", "airlock.mirrors=internal=http://repo.corp.example/maven\n");
        inputs.put("http mirror, second", base.strip() + ",other=http://10.1.2.3/m\nairlock.namespaces=*=internal\n");
        inputs.put("central id", "airlock.mirrors=central=https://repo.corp.example/maven\n");
        inputs.put("credentials in URL", "airlock.mirrors=internal=https://u:p@repo.corp.example/maven\n");
        inputs.put("ftp mirror", "airlock.mirrors=internal=ftp://repo.corp.example/maven\n");
        inputs.put("no mirror", "airlock.mode=enforce\n");
        inputs.put("two mirrors without namespaces", base.strip() + ",o=https://repo.corp.example/o\n");
        inputs.put("malformed unicode escape", base + "airlock.mode=\\u12\n");
        inputs.put("binary", "\u0000\u0001\u0002=\u0003\n");
        inputs.put("unknown namespace mirror", base + "airlock.namespaces=com.acme.*=other\n");
        Path f = tmp.resolve(".mvn/airlock.properties");
        Files.createDirectories(f.getParent());
        inputs.forEach((name, text) -> probe("airlock.properties", name, () -> {
            Files.writeString(f, text, StandardCharsets.UTF_8);
            try {
                AirlockConfigLoader.load(tmp, List.of(f), Map.of());
                return Verdict.ACCEPTED;
            } catch (ConfigException e) {
                return Verdict.CLEAN;
            }
        }));
        probe("airlock.properties", "invalid UTF-8", () -> {
            Files.write(f, new byte[] {'a', 'i', 'r', '=', (byte) 0xC3, (byte) 0x28, '\n'});
            try {
                AirlockConfigLoader.load(tmp, List.of(f), Map.of());
                return Verdict.ACCEPTED;
            } catch (ConfigException e) {
                return Verdict.CLEAN;
            }
        });
        probe("airlock.properties", "-D weakening allowInsecureMirrors", () -> {
            Files.writeString(f, "airlock.mirrors=internal=http://repo.corp.example/maven\n");
            try {
                AirlockConfigLoader.load(tmp, List.of(f), Map.of("airlock.allowInsecureMirrors", "true"));
                return Verdict.ACCEPTED;
            } catch (ConfigException e) {
                return Verdict.CLEAN;
            }
        });
        assertNoCrashNoAcceptance("airlock.properties");
    }

    @Test
    void lockFiles() throws Exception {
        String a = "a".repeat(64);
        String b = "b".repeat(64);
        Map<String, String> inputs = new LinkedHashMap<>();
        inputs.put("empty", "");
        inputs.put("blank lines", "\n  \n");
        inputs.put("duplicate, different hashes", a + "  g:a:jar:1\n" + b + "  g:a:jar:1\n");
        inputs.put("duplicate, same hash", a + "  g:a:jar:1\n" + a + "  g:a:jar:1\n");
        inputs.put("duplicate, reordered", a + "  g:a:jar:1\n" + a + "  g:b:jar:1\n" + b + "  g:a:jar:1\n");
        inputs.put("uppercase hex", a.toUpperCase() + "  g:a:jar:1\n");
        inputs.put("short hash", "abc  g:a:jar:1\n");
        inputs.put("one space", a + " g:a:jar:1\n");
        inputs.put("tab", a + "\tg:a:jar:1\n");
        inputs.put("three parts", a + "  g:a:1\n");
        inputs.put("six parts", a + "  g:a:jar:c:d:1\n");
        inputs.put("traversal", a + "  g:../a:jar:1\n");
        inputs.put("slash", a + "  g:a/b:jar:1\n");
        inputs.put("comment", "# lock\n" + a + "  g:a:jar:1\n");
        inputs.put("trailing space", a + "  g:a:jar:1 \n");
        inputs.put("empty groupId segment", a + "  g..h:a:jar:1\n");
        Path f = tmp.resolve("airlock.lock");
        inputs.forEach((name, text) -> probe("lock", name, () -> {
            Files.writeString(f, text, StandardCharsets.UTF_8);
            try {
                LockFile.read(f);
                return Verdict.ACCEPTED;
            } catch (ConfigException e) {
                return Verdict.CLEAN;
            }
        }));
        probe("lock", "invalid UTF-8", () -> {
            byte[] bytes = utf8(a + "  g:a:jar:1\n");
            bytes[bytes.length - 3] = (byte) 0xC3;
            Files.write(f, bytes);
            try {
                LockFile.read(f);
                return Verdict.ACCEPTED;
            } catch (ConfigException e) {
                return Verdict.CLEAN;
            }
        });
        assertNoCrashNoAcceptance("lock");
    }

    @Test
    void trustPolicies() {
        String fpr = "B46DC71E03FEEB7F89D1F2491F7A8F87B9D8F501";
        Map<String, String> inputs = new LinkedHashMap<>();
        inputs.put("empty", "");
        inputs.put("comments only", "# policy\n  # to do\n");
        inputs.put("byte-order mark only", "\uFEFF");
        inputs.put("key twice", "* sigstore san=a san=b issuer=c\n");
        inputs.put("key twice across a continuation", "* sigstore san=a \\\n  issuer=c san=b\n");
        inputs.put("unknown directive", "* sigstor san=a issuer=b\n");
        inputs.put("unknown key", "* slsa builder=a source=b buildtype=c\n");
        inputs.put("short fingerprint", "* pgp fingerprint=1F7A8F87B9D8F501\n");
        inputs.put("fingerprint glob", "* pgp fingerprint=" + fpr.substring(0, 30) + "*\n");
        inputs.put("unterminated quote", "* unsigned reason=\"open\n");
        inputs.put("hash in unquoted value", "* sigstore san=https://x.example/a#b issuer=c\n");
        inputs.put("bad regex", "* sigstore san=regex:(a issuer=c\n");
        inputs.put("empty regex", "* sigstore san=regex: issuer=c\n");
        inputs.put("source with ref", "* slsa builder=b source=https://github.com/a/b@refs/tags/v1\n");
        inputs.put("four segments", "a:b:c:d unsigned reason=\"x\"\n");
        inputs.put("groupId star with artifact", "*:lib unsigned reason=\"x\"\n");
        inputs.put("no directive", "com.acme:*\n");
        inputs.put("non-breaking space", "*\u00a0unsigned reason=\"x\"\n");
        inputs.put("control character", "* unsigned reason=\"x\"\u0007\n");
        inputs.put("trailing backslash", "* unsigned reason=\"x\" \\");
        inputs.put("blank reason", "* unsigned reason=\"  \"\n");
        inputs.forEach((name, text) -> probe("trust policy", name, () -> {
            try {
                TrustPolicy.parse("policy", text, KeyResolver.NONE);
                return Verdict.ACCEPTED;
            } catch (PolicyException e) {
                return Verdict.CLEAN;
            }
        }));
        probe("trust policy", "invalid UTF-8", () -> {
            try {
                TrustPolicy.parse("policy", new java.io.ByteArrayInputStream(new byte[] {'*', ' ', (byte) 0xC3,
                        (byte) 0x28}), KeyResolver.NONE);
                return Verdict.ACCEPTED;
            } catch (PolicyException e) {
                return Verdict.CLEAN;
            }
        });
        assertNoCrashNoAcceptance("trust policy");
    }

    @Test
    void globsAndRegexes() {
        String sixty = "a".repeat(60);
        String longText = "a".repeat(20_000);
        for (int n : new int[] {1, 6, 8, 12, 20, 40}) {
            String glob = "*a".repeat(n) + "*b";
            timed("policy value glob", glob + " on 60 a", () -> ValueMatcher.of(glob).matches(sixty));
            timed("policy value glob", glob + " on 20000 a", () -> ValueMatcher.of(glob).matches(longText));
            String seg = "x" + glob;
            timed("policy/exclude pattern", seg, () -> PolicyPattern.parse(seg).matches(Coordinates.parse("x"
                    + "a".repeat(190) + ":l:jar:1")) || ArtifactPattern.parse(seg).matches(Coordinates.parse("x"
                    + "a".repeat(190) + ":l:jar:1")));
        }
        for (String re : List.of("(a+)+b", "(a|aa)+b", "(a*)*b", "(.*a){20}", "(a|a?)+b", "((a+)+)+b")) {
            timed("policy value regex:", re, () -> ValueMatcher.of("regex:" + re).matches(sixty + "!"));
        }
        assertNoCrashNoAcceptance("policy value glob", "policy/exclude pattern", "policy value regex:");
    }

    /** A matcher probe: must answer false (the inputs never match) within a second. */
    private static void timed(String parser, String input, java.util.function.BooleanSupplier m) {
        probe(parser, input, () -> {
            long t0 = System.nanoTime();
            boolean matched = m.getAsBoolean();
            long ms = (System.nanoTime() - t0) / 1_000_000;
            if (ms > 1000) {
                throw new IllegalStateException("took " + ms + " ms");
            }
            return matched ? Verdict.ACCEPTED : Verdict.CLEAN;
        });
    }

    @Test
    void quarantineReleaseSpecs() throws Exception {
        QuarantineStore store = new QuarantineStore(tmp.resolve("q"));
        Path f = tmp.resolve("repo/g/b/1/b-1-tests.jar");
        Files.createDirectories(f.getParent());
        Files.writeString(f, "bytes");
        store.quarantine(f, new Evidence(Coordinates.parse("g:b:jar:tests:1"), null, null, "LOCK_HASH_MISMATCH",
                "test", "d", null, null, Instant.now().toString(), "s", null));
        for (String spec : List.of("g:b:jar~tests:1", "g:b:jar:test:1", "g:b:jar:tests:2", "g:b", "", ":::",
                "g:b:jar:tests:x:1", "g:../b:1", "g:b:jar:te/sts:1", "g:b:jar:tests:1\u0000", "g:b:jar@tests:1",
                "g.b:jar:tests:1", "g:b:" + "v".repeat(300))) {
            probe("quarantine release spec", "'" + spec + "'", () -> {
                try {
                    store.release(spec, "probe", "probe", Instant.now());
                    return Verdict.ACCEPTED;
                } catch (IllegalArgumentException | IllegalStateException e) {
                    return Verdict.CLEAN;
                }
            });
        }
        assertTrue(store.findActive(Coordinates.parse("g:b:jar:tests:1"), DigestCache.sha256(utf8("bytes")))
                .isPresent(), "no probe released the entry");
        assertNoCrashNoAcceptance("quarantine release spec");
    }

    /**
     * The real CycloneDX SBOM with one hash of the slf4j-api component changed: its algorithm renamed to {@code to},
     * and its value replaced by {@code value} ("only": every other hash of the component removed).
     */
    static String componentHash(String bom, String from, String to, String value) {
        com.google.gson.JsonObject o = com.google.gson.JsonParser.parseString(bom).getAsJsonObject();
        for (com.google.gson.JsonElement c : o.getAsJsonArray("components")) {
            com.google.gson.JsonObject comp = c.getAsJsonObject();
            if (!comp.get("purl").getAsString().contains("slf4j-api")) {
                continue;
            }
            com.google.gson.JsonArray kept = new com.google.gson.JsonArray();
            for (com.google.gson.JsonElement h : comp.getAsJsonArray("hashes")) {
                com.google.gson.JsonObject ho = h.getAsJsonObject();
                if (ho.get("alg").getAsString().equals(from)) {
                    ho.addProperty("alg", to);
                    if (value != null && !value.equals("only")) {
                        ho.addProperty("content", value);
                    }
                    kept.add(ho);
                } else if (!"only".equals(value)) {
                    kept.add(ho);
                }
            }
            comp.add("hashes", kept);
        }
        return o.toString();
    }

    @Test
    void cycloneDxHashes() throws Exception {
        Path src = Path.of("src/test/resources/sbom/cyclonedx/app-1.6.json");
        String good = Files.readString(src);
        Map<String, String> inputs = new LinkedHashMap<>();
        inputs.put("unknown algorithm SHA-999", componentHash(good, "SHA-512", "SHA-999", null));
        inputs.put("misspelt SHA-2566", componentHash(good, "SHA-256", "SHA-2566", null));
        inputs.put("algorithm other", componentHash(good, "SHA-384", "other", null));
        inputs.put("only an unknown algorithm", componentHash(good, "SHA-512", "SHA-999", "only"));
        inputs.put("hash of 3 digits", componentHash(good, "SHA-512", "SHA-512", "abc"));
        inputs.put("hash not hex", componentHash(good, "SHA-256", "SHA-256", "z".repeat(64)));
        inputs.put("two SHA-256 values", componentHash(good, "SHA-1", "SHA-256", "c".repeat(64)));
        inputs.put("duplicate alg key", good.replaceFirst("\"alg\" : \"SHA-512\"", "\"alg\" : \"MD5\", \"alg\" : \"SHA-512\""));
        inputs.put("hashes a string", good.replaceFirst("\"hashes\" : \\[", "\"hashes\" : \"x\", \"h\" : ["));
        inputs.put("trailing document", good + good);
        inputs.put("truncated", good.substring(0, good.length() / 2));
        inputs.forEach((name, text) -> probe("CycloneDX hashes", name, () -> {
            Path f = tmp.resolve("bom-" + Math.abs(name.hashCode()) + ".json");
            Files.writeString(f, text);
            SbomDocument doc;
            try {
                doc = SbomParser.parse(f);
            } catch (SbomException e) {
                return Verdict.CLEAN;
            }
            SbomVerification v = SbomVerifier.builder().digests(new Digests(100)).build().verify(List.<ResolvedArtifact>of(),
                    List.of(doc));
            // read: then every unknown algorithm must have been reported
            boolean reported = v.findings().stream().anyMatch(x -> x.code() == FindingCode.NOT_EVALUATED
                    && x.message().contains("which no SBOM format defines"));
            return reported ? Verdict.CLEAN : Verdict.ACCEPTED;
        }));
        assertNoCrashNoAcceptance("CycloneDX hashes");
    }
}
