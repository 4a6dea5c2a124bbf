package dev.airlock.verify.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.airlock.verify.digest.DigestCache;
import dev.airlock.verify.finding.Coordinates;
import dev.airlock.verify.finding.Finding;
import dev.airlock.verify.finding.FindingCode;
import dev.airlock.verify.finding.Severity;
import dev.airlock.verify.lock.LockFile;
import dev.airlock.verify.policy.KeyResolver;
import dev.airlock.verify.policy.TrustPolicy;
import dev.airlock.verify.quarantine.Evidence;
import dev.airlock.verify.quarantine.QuarantineStore;
import dev.airlock.verify.sbom.SbomParser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditTest {
    @TempDir
    Path tmp;

    /** A planted repository: see {@link #plant()}. */
    record Planted(Path repo, Path lock, Path policy, Path quarantine) {}

    static byte[] jar(String content) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream out = new JarOutputStream(bytes)) {
            out.putNextEntry(new JarEntry("META-INF/x.txt"));
            out.write(content.getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        return bytes.toByteArray();
    }

    static byte[] pom(String g, String a, String v) {
        return ("<project><modelVersion>4.0.0</modelVersion><groupId>" + g + "</groupId><artifactId>" + a
                + "</artifactId><version>" + v + "</version></project>\n").getBytes(StandardCharsets.UTF_8);
    }

    static Path put(Path repo, String relative, byte[] content) throws IOException {
        Path f = repo.resolve(relative);
        Files.createDirectories(f.getParent());
        Files.write(f, content);
        return f;
    }

    static String sha(byte[] b) {
        return DigestCache.sha256(b);
    }

    /**
     * com.acme:lib:1.0 (jar, pom, .asc, checksums, metadata) locked and clean; com.acme:signed:2.0 locked, the
     * policy asks for a PGP signature, none is there; com.acme:drift:1.0 drifted from the lock; com.acme:evil:1.0
     * drifted and its bytes are quarantined; org.other:stray:3.0 not in the lock; two files outside the layout.
     */
    static Planted plant(Path tmp) throws Exception {
        Path repo = tmp.resolve("repository");
        Map<String, String> lock = new TreeMap<>();
        byte[] lib = jar("lib");
        put(repo, "com/acme/lib/1.0/lib-1.0.jar", lib);
        lock.put("com.acme:lib:jar:1.0", sha(lib));
        byte[] libPom = pom("com.acme", "lib", "1.0");
        put(repo, "com/acme/lib/1.0/lib-1.0.pom", libPom);
        lock.put("com.acme:lib:pom:1.0", sha(libPom));
        put(repo, "com/acme/lib/1.0/lib-1.0.jar.asc", "-----BEGIN PGP SIGNATURE-----\n".getBytes());
        put(repo, "com/acme/lib/1.0/lib-1.0.jar.sha1", "0000".getBytes());
        put(repo, "com/acme/lib/1.0/lib-1.0.jar.lastUpdated", "x".getBytes());
        put(repo, "com/acme/lib/1.0/_remote.repositories", "lib-1.0.jar>mirror=\n".getBytes());
        put(repo, "com/acme/lib/maven-metadata-mirror.xml", "<metadata/>".getBytes());
        put(repo, ".locks/some.lock", new byte[0]);

        byte[] signed = jar("signed");
        put(repo, "com/acme/signed/2.0/signed-2.0.jar", signed);
        lock.put("com.acme:signed:jar:2.0", sha(signed));

        put(repo, "com/acme/drift/1.0/drift-1.0.jar", jar("drift, changed"));
        lock.put("com.acme:drift:jar:1.0", sha(jar("drift, as recorded")));

        byte[] evil = jar("evil, tampered");
        put(repo, "com/acme/evil/1.0/evil-1.0.jar", evil);
        lock.put("com.acme:evil:jar:1.0", sha(jar("evil, as recorded")));
        Path store = tmp.resolve("airlock-quarantine");
        Path copy = put(tmp, "copy/evil-1.0.jar", evil);
        new QuarantineStore(store).quarantine(copy, new Evidence(Coordinates.parse("com.acme:evil:jar:1.0"), null,
                sha(jar("evil, as recorded")), "LOCK_HASH_MISMATCH", "extension", "test", "mirror",
                "https://mirror.example/maven2/", Instant.parse("2026-12-01T10:00:00Z").toString(), "s1", null));

        put(repo, "org/other/stray/3.0/stray-3.0.jar", jar("stray"));
        put(repo, "stray.txt", "hello".getBytes());
        put(repo, "com/acme/lib/1.0/notes.txt", "notes".getBytes());

        Path lockFile = tmp.resolve("airlock.lock");
        LockFile.of(lock).write(lockFile);
        Path policy = tmp.resolve("airlock-policy");
        Files.writeString(policy, String.join("\n",
                "com.acme:signed  pgp fingerprint=0123456789ABCDEF0123456789ABCDEF01234567",
                "*                unsigned reason=\"not signed upstream\"",
                "*                noprovenance reason=\"not attested upstream\"", ""));
        return new Planted(repo, lockFile, policy, store);
    }

    static List<String> codes(List<Finding> findings) {
        List<String> out = new ArrayList<>();
        for (Finding f : findings) {
            out.add(f.severity().id() + " " + f.code() + " " + (f.subject() != null ? f.subject()
                    : tail(f.file())));
        }
        out.sort(null);
        return out;
    }

    private static String tail(String file) {
        return Path.of(file).getFileName().toString();
    }

    @Test
    void aPlantedRepositoryHasExactlyTheFindingsPlanted() throws Exception {
        Planted p = plant(tmp);
        List<String> lines = new ArrayList<>();
        AuditResult r = Audit.builder(p.repo()).lock(LockFile.read(p.lock())).policy(TrustPolicy.parse(p.policy()))
                .quarantine(new QuarantineStore(p.quarantine())).progress(lines::add).build().run();
        assertEquals(List.of(
                "error LOCK_HASH_MISMATCH com.acme:drift:jar:1.0",
                "error LOCK_HASH_MISMATCH com.acme:evil:jar:1.0",
                "error QUARANTINED com.acme:evil:jar:1.0",
                "warn NOT_IN_LOCK org.other:stray:jar:3.0",
                "warn SIGNATURE_MISSING com.acme:signed:jar:2.0",
                "warn UNKNOWN_FILE notes.txt",
                "warn UNKNOWN_FILE stray.txt"), codes(r.findings()));
        assertEquals(6, r.artifacts());
        assertEquals(2, r.sideFiles());
        assertEquals(3, r.metadata()); // .locks/ is skipped, not counted
        assertEquals(AuditResult.FINDINGS, r.exitCode(false));
        Finding drift = r.findings().stream().filter(f -> f.subject() != null
                && f.subject().equals("com.acme:drift:jar:1.0")).findFirst().orElseThrow();
        assertEquals("sha256 " + sha(jar("drift, as recorded")), drift.expected());
        assertEquals("sha256 " + sha(jar("drift, changed")), drift.actual());
        assertEquals(Audit.SOURCE, drift.source());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("[airlock] audit: 13 files under ")), lines.toString());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("[airlock] audit: hashing: 6 of 6 files")),
                lines.toString());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("[airlock] audit: checks: 6 of 6 artifacts")),
                lines.toString());
    }

    @Test
    void warningsFailOnlyStrictAuditsAndACleanRepositoryPasses() throws Exception {
        Planted p = plant(tmp);
        Path repo = p.repo();
        // keep what only warns: no drift, nothing quarantined
        for (String d : List.of("com/acme/drift", "com/acme/evil")) {
            try (var s = Files.walk(repo.resolve(d))) {
                s.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
        AuditResult r = Audit.builder(repo).lock(LockFile.read(p.lock())).policy(TrustPolicy.parse(p.policy()))
                .build().run();
        assertFalse(r.findings().isEmpty());
        assertTrue(r.findings().stream().allMatch(f -> f.severity() == Severity.WARN));
        assertEquals(AuditResult.CLEAN, r.exitCode(false));
        assertEquals(AuditResult.FINDINGS, r.exitCode(true));

        Path clean = tmp.resolve("clean");
        byte[] lib = jar("lib");
        put(clean, "com/acme/lib/1.0/lib-1.0.jar", lib);
        AuditResult ok = Audit.builder(clean).lock(LockFile.of(Map.of("com.acme:lib:jar:1.0", sha(lib)))).build()
                .run();
        assertEquals(List.of(), ok.findings());
        assertEquals(AuditResult.CLEAN, ok.exitCode(true));
    }

    @Test
    void aPolicyDemandingProvenanceWithoutAFileIsProvenanceMissingAndASidecarSatisfiesIt() throws Exception {
        Path repo = tmp.resolve("repo");
        put(repo, "com/acme/a/1.0/a-1.0.jar", jar("a"));
        put(repo, "com/acme/b/1.0/b-1.0.jar", jar("b"));
        put(repo, "com/acme/b/1.0/b-1.0-jar.build.slsa", "{}".getBytes());
        put(repo, "com/acme/b/1.0/b-1.0.jar.sigstore.json", "{}".getBytes());
        TrustPolicy policy = TrustPolicy.parse("policy", String.join("\n",
                "com.acme  slsa builder=https://builder.example/* source=https://git.example/acme/*",
                "com.acme  sigstore san=https://ci.example/* issuer=https://issuer.example", ""), KeyResolver.NONE);
        AuditResult r = Audit.builder(repo).policy(policy).build().run();
        assertEquals(List.of("warn PROVENANCE_MISSING com.acme:a:jar:1.0", "warn SIGNATURE_MISSING com.acme:a:jar:1.0"),
                codes(r.findings()));
    }

    @Test
    void sbomHashesAreComparedAndUnlistedArtifactsWarn() throws Exception {
        Path repo = tmp.resolve("repo");
        byte[] a = jar("a");
        put(repo, "com/acme/a/1.0/a-1.0.jar", a);
        put(repo, "com/acme/b/1.0/b-1.0.jar", jar("b, changed"));
        put(repo, "com/acme/c/1.0/c-1.0.jar", jar("c"));
        Path sbom = tmp.resolve("bom.json");
        Files.writeString(sbom, "{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.6\",\"version\":1,\"components\":["
                + component("pkg:maven/com.acme/a@1.0?type=jar", sha(a)) + ","
                + component("pkg:maven/com.acme/b@1.0?type=jar", sha(jar("b"))) + "]}");
        AuditResult r = Audit.builder(repo).sbom(SbomParser.parse(sbom)).build().run();
        assertEquals(List.of("error SBOM_HASH_MISMATCH com.acme:b:jar:1.0", "warn NOT_IN_SBOM com.acme:c:jar:1.0"),
                codes(r.findings()));
        assertTrue(r.findings().stream().allMatch(f -> f.source().equals(Audit.SOURCE)));
    }

    private static String component(String purl, String sha256) {
        return "{\"type\":\"library\",\"name\":\"x\",\"bom-ref\":\"" + purl + "\",\"purl\":\"" + purl
                + "\",\"hashes\":[{\"alg\":\"SHA-256\",\"content\":\"" + sha256 + "\"}]}";
    }

    @Test
    void theLayoutReadsClassifiersSnapshotsAndSideFiles() throws Exception {
        Path repo = tmp.resolve("repo");
        put(repo, "g/h/a/1.0-SNAPSHOT/a-1.0-20240101.101010-3-tests.jar", new byte[1]);
        put(repo, "g/h/a/1.0-SNAPSHOT/a-1.0-SNAPSHOT.pom", new byte[1]);
        put(repo, "g/h/a/1.0/a-1.0-jar.build.slsa", new byte[1]);
        put(repo, "g/h/a/1.0/a-1.0.tar.gz", new byte[1]);
        put(repo, "g/h/a/1.0/b-1.0.jar", new byte[1]);
        List<RepositoryLayout.Entry> e = RepositoryLayout.scan(repo, List.of());
        List<String> got = e.stream().map(x -> x.kind() + " " + x.coordinates()).toList();
        assertEquals(List.of("ARTIFACT g.h:a:jar:tests:1.0-20240101.101010-3", "ARTIFACT g.h:a:pom:1.0-SNAPSHOT",
                "SIDE_FILE g.h:a:build.slsa:jar:1.0", "ARTIFACT g.h:a:tar.gz:1.0", "UNKNOWN null"), got);
        assertEquals("g/h/a/1.0-SNAPSHOT/a-1.0-20240101.101010-3-tests.jar",
                RepositoryLayout.relativePath(Coordinates.parse("g.h:a:jar:tests:1.0-20240101.101010-3")));
        assertNull(e.get(4).coordinates());
        assertTrue(e.get(4).reason().contains("a-1.0"), e.get(4).reason());
    }

    @Test
    void aLinkToTheRepositoryIsFollowedAndLinksInsideItAreReported() throws Exception {
        Path repo = tmp.resolve("repo");
        byte[] a = jar("a");
        put(repo, "com/acme/a/1.0/a-1.0.jar", a);
        Path elsewhere = put(tmp, "elsewhere/b-1.0.jar", jar("b"));
        Files.createDirectories(repo.resolve("com/acme/b/1.0"));
        Files.createSymbolicLink(repo.resolve("com/acme/b/1.0/b-1.0.jar"), elsewhere);
        Path link = Files.createSymbolicLink(tmp.resolve("link-to-repo"), repo);
        AuditResult r = Audit.builder(link).lock(LockFile.of(Map.of("com.acme:a:jar:1.0", sha(a)))).build().run();
        assertEquals(List.of("warn UNKNOWN_FILE b-1.0.jar"), codes(r.findings()));
        assertTrue(r.findings().get(0).message().contains("symbolic link"), r.findings().get(0).message());
        assertEquals(1, r.artifacts());
    }

    @Test
    void withVerifyARealPgpSignatureIsCheckedAndATamperedJarIsSignatureInvalid() throws Exception {
        Path data = Path.of("src/test/resources/pgp");
        Path repo = tmp.resolve("repo");
        Path dir = Files.createDirectories(repo.resolve("org/jetbrains/annotations/23.0.0"));
        Files.copy(data.resolve("annotations-23.0.0.jar"), dir.resolve("annotations-23.0.0.jar"));
        Files.copy(data.resolve("annotations-23.0.0.jar.asc"), dir.resolve("annotations-23.0.0.jar.asc"));
        TrustPolicy policy = TrustPolicy.parse("policy", String.join("\n",
                "org.jetbrains  pgp fingerprint=B46DC71E03FEEB7F89D1F2491F7A8F87B9D8F501",
                "*  noprovenance reason=\"not attested upstream\"", ""), KeyResolver.NONE);
        dev.airlock.verify.pgp.PgpKeyring keyring = dev.airlock.verify.pgp.PgpKeyring.load(
                data.resolve("jetbrains-java-annotations.KEYS"));
        dev.airlock.verify.sigstore.SigstoreBundleVerifier sigstore = new dev.airlock.verify.sigstore
                .SigstoreBundleVerifier(dev.airlock.verify.sigstore.TrustedRoot.publicGood());
        AuditResult ok = Audit.builder(repo).policy(policy).verify(sigstore, keyring).build().run();
        assertEquals(List.of(), ok.findings());

        // without the key: the signature is there but cannot be checked (a policy outcome, warn)
        AuditResult noKey = Audit.builder(repo).policy(policy).verify(sigstore, null).build().run();
        assertEquals(List.of("warn IDENTITY_NOT_ALLOWED org.jetbrains:annotations:jar:23.0.0"),
                codes(noKey.findings()));

        byte[] jar = Files.readAllBytes(dir.resolve("annotations-23.0.0.jar"));
        jar[jar.length / 2] ^= 1;
        Files.write(dir.resolve("annotations-23.0.0.jar"), jar);
        AuditResult bad = Audit.builder(repo).policy(policy).verify(sigstore, keyring).build().run();
        assertEquals(List.of("error SIGNATURE_INVALID org.jetbrains:annotations:jar:23.0.0"), codes(bad.findings()));
        assertEquals(Audit.SOURCE, bad.findings().get(0).source());
        assertEquals("verifySignatures", bad.findings().get(0).details().get("check"));
        // presence alone would have passed it
        assertEquals(List.of(), Audit.builder(repo).policy(policy).build().run().findings());
    }

    @Test
    void aMissingDirectoryCannotBeAudited() {
        IOException e = org.junit.jupiter.api.Assertions.assertThrows(IOException.class,
                () -> Audit.builder(tmp.resolve("nothing")).build().run());
        assertTrue(e.getMessage().contains("nothing"), e.getMessage());
    }
}
