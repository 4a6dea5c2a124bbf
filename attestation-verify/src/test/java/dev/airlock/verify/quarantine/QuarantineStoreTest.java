package dev.airlock.verify.quarantine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.airlock.verify.digest.DigestCache;
import dev.airlock.verify.finding.Coordinates;
import dev.airlock.verify.finding.Finding;
import dev.airlock.verify.finding.FindingCode;
import dev.airlock.verify.finding.Severity;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QuarantineStoreTest {
    @TempDir
    Path tmp;

    private Path repoFile(String g, String a, String v, String name, String content) throws IOException {
        Path f = tmp.resolve("repository").resolve(g.replace('.', '/')).resolve(a).resolve(v).resolve(name);
        Files.createDirectories(f.getParent());
        Files.writeString(f, content, StandardCharsets.UTF_8);
        return f;
    }

    static Evidence evidence(String coords, String expected) {
        return new Evidence(Coordinates.parse(coords), null, expected, "LOCK_HASH_MISMATCH", "extension",
                "the mirror served other bytes than the lock records", "internal", "http://127.0.0.1:1/",
                Instant.parse("2026-11-25T10:00:00Z").toString(), "session-1", null);
    }

    @Test
    void quarantineMovesTheFileAndKeepsEvidence() throws IOException {
        Path file = repoFile("com.acme", "lib", "1.0", "lib-1.0.jar", "tampered");
        String sha = DigestCache.sha256Uncached(file);
        QuarantineStore store = new QuarantineStore(tmp.resolve("q"));
        QuarantineStore.Entry e = store.quarantine(file, evidence("com.acme:lib:jar:1.0", "00ff"));

        assertFalse(Files.exists(file), "the file left the local repository");
        assertEquals("tampered", Files.readString(e.file()));
        assertEquals(sha, e.evidence().sha256());
        assertTrue(e.dir().startsWith(tmp.resolve("q/entries/com/acme/lib/1.0/jar")));
        String json = Files.readString(e.evidenceFile());
        assertTrue(json.contains("\"sha256\" : \"" + sha + "\""), json);
        assertTrue(json.contains("\"expected\" : \"00ff\""));
        assertTrue(json.contains("\"code\" : \"LOCK_HASH_MISMATCH\""));
        assertTrue(json.contains("\"session\" : \"session-1\""));
        assertTrue(json.contains("\"url\" : \"http://127.0.0.1:1/\""));

        assertTrue(store.findActive(Coordinates.parse("com.acme:lib:jar:1.0"), sha).isPresent());
        assertFalse(store.findActive(Coordinates.parse("com.acme:lib:jar:1.0"), "other").isPresent());
        assertFalse(store.findActive(Coordinates.parse("com.acme:lib:pom:1.0"), sha).isPresent());
        assertEquals(1, store.list().size());
    }

    @Test
    void onlyIntegrityFailuresThatFailTheBuildMove() throws IOException {
        QuarantineStore store = new QuarantineStore(tmp.resolve("q"));
        Path tampered = repoFile("g", "tampered", "1", "tampered-1.jar", "t");
        Path warned = repoFile("g", "warned", "1", "warned-1.jar", "w");
        Path policy = repoFile("g", "policy", "1", "policy-1.jar", "p");
        List<Finding> findings = List.of(
                finding(FindingCode.SBOM_HASH_MISMATCH, Severity.ERROR, "g:tampered:jar:1", tampered),
                finding(FindingCode.SBOM_HASH_MISMATCH, Severity.WARN, "g:warned:jar:1", warned),
                finding(FindingCode.IDENTITY_NOT_ALLOWED, Severity.ERROR, "g:policy:jar:1", policy),
                // the same file twice: moved once
                finding(FindingCode.SIGNATURE_INVALID, Severity.ERROR, "g:tampered:jar:1", tampered));

        List<QuarantineStore.Outcome> out = store.quarantineFailures(findings, "s-1");

        assertEquals(1, out.size(), out.toString());
        assertNotNull(out.get(0).entry());
        assertEquals("SBOM_HASH_MISMATCH", out.get(0).entry().evidence().code());
        assertEquals("verifySbom", out.get(0).entry().evidence().rule());
        assertEquals("s-1", out.get(0).entry().evidence().session());
        assertEquals("aa", out.get(0).entry().evidence().expected());
        assertFalse(Files.exists(tampered));
        assertTrue(Files.exists(warned), "a warning never moves a file");
        assertTrue(Files.exists(policy), "a policy outcome never moves a file");
    }

    @Test
    void theStoreFilesAFindingUnderItsTypedCoordinates() throws IOException {
        QuarantineStore store = new QuarantineStore(tmp.resolve("q"));
        Path file = Files.writeString(tmp.resolve("lib-1.0-tests.jar"), "tampered");
        Coordinates c = new Coordinates("com.acme", "lib", "jar", "tests", "1.0");
        Finding f = Finding.builder(FindingCode.LOCK_HASH_MISMATCH, Severity.ERROR).source("extension").coordinates(c)
                .file(file.toString()).expected("aa").message("test").build();
        List<QuarantineStore.Outcome> out = store.quarantineFailures(List.of(f), "s-typed");
        assertEquals(1, out.size());
        assertNotNull(out.get(0).entry(), String.valueOf(out.get(0).error()));
        assertEquals(c, out.get(0).entry().evidence().coordinates());
        assertFalse(Files.exists(file));
    }

    @Test
    void aFindingAboutALabelIsNotQuarantined() throws IOException {
        QuarantineStore store = new QuarantineStore(tmp.resolve("q"));
        Path file = Files.writeString(tmp.resolve("lib.jar"), "x");
        Finding f = Finding.builder(FindingCode.SBOM_HASH_MISMATCH, Severity.ERROR).source("verifySbom")
                .subject("com.acme:lib:*:1.0").file(file.toString()).expected("aa").message("test").build();
        List<QuarantineStore.Outcome> out = store.quarantineFailures(List.of(f), "s-label");
        assertEquals(1, out.size());
        assertEquals(null, out.get(0).entry());
        assertTrue(out.get(0).error() instanceof IllegalArgumentException, String.valueOf(out.get(0).error()));
        assertTrue(out.get(0).error().getMessage().contains("extension '*'"), out.get(0).error().getMessage());
        assertTrue(Files.exists(file), "the file stays where it is");
    }

    private static Finding finding(FindingCode code, Severity severity, String coords, Path file) {
        return Finding.builder(code, severity).source("verifySbom").coordinatesOrSubject(coords).file(file.toString())
                .expected("aa").message("test").build();
    }

    @Test
    void theSameBytesTwiceMakeOneEntry() throws IOException {
        QuarantineStore store = new QuarantineStore(tmp.resolve("q"));
        Path f1 = repoFile("g", "a", "1", "a-1.jar", "x");
        QuarantineStore.Entry first = store.quarantine(f1, evidence("g:a:jar:1", null));
        Path f2 = repoFile("g", "a", "1", "a-1.jar", "x");
        QuarantineStore.Entry second = store.quarantine(f2, evidence("g:a:jar:1", null));
        assertEquals(first.dir(), second.dir());
        assertFalse(Files.exists(f2));
        assertEquals(1, store.list().size());
    }

    @Test
    void aFailureBeforePublishingLeavesTheArtifactInTheLocalRepository() throws IOException {
        Path file = repoFile("g", "a", "1", "a-1.jar", "bytes");
        QuarantineStore store = new QuarantineStore(tmp.resolve("q"), step -> {
            if (step.equals("staged")) {
                throw new IOException("disk full (forced)");
            }
        });
        assertThrows(IOException.class, () -> store.quarantine(file, evidence("g:a:jar:1", null)));
        assertEquals("bytes", Files.readString(file), "the artifact is intact where it was");
        assertTrue(new QuarantineStore(tmp.resolve("q")).list().isEmpty(), "nothing half in quarantine");
        try (Stream<Path> s = Files.list(tmp.resolve("q/.staging"))) {
            assertEquals(0, s.count(), "no staging left behind");
        }
    }

    @Test
    void aFailureAfterPublishingLeavesItFullyInQuarantine() throws IOException {
        Path file = repoFile("g", "a", "1", "a-1.jar", "bytes");
        QuarantineStore store = new QuarantineStore(tmp.resolve("q"), step -> {
            if (step.equals("published")) {
                throw new IOException("killed (forced)");
            }
        });
        assertThrows(IOException.class, () -> store.quarantine(file, evidence("g:a:jar:1", null)));
        QuarantineStore clean = new QuarantineStore(tmp.resolve("q"));
        List<QuarantineStore.Entry> entries = clean.list();
        assertEquals(1, entries.size());
        assertEquals("bytes", Files.readString(entries.get(0).file()));
        assertNotNull(entries.get(0).evidence());
        // the copy left in the local repository is recognised as quarantined, so it cannot be used
        String sha = DigestCache.sha256Uncached(file);
        assertTrue(clean.findActive(Coordinates.parse("g:a:jar:1"), sha).isPresent());
        // and a second attempt completes the move
        clean.quarantine(file, evidence("g:a:jar:1", null));
        assertFalse(Files.exists(file));
        assertEquals(1, clean.list().size());
    }

    @Test
    void untrustedCoordinatesCannotEscapeTheStore() {
        for (String bad : List.of("../../etc:passwd:jar:1", "g:a:jar:../../x", "g:..:jar:1", "g:a/b:jar:1",
                "g:a\\b:jar:1", "/abs:a:jar:1", "g:a:jar:c/d:1", "g..h:a:jar:1", ".:a:jar:1", "g:a:jar:1\u0000",
                "g:" + "a".repeat(300) + ":jar:1", "g:a:jar", "")) {
            assertThrows(IllegalArgumentException.class, () -> Coordinates.parse(bad), bad);
        }
        QuarantineStore store = new QuarantineStore(tmp.resolve("q"));
        assertThrows(IllegalArgumentException.class,
                () -> store.release("g:../x:1", "because", "me", Instant.now()));
        assertThrows(IllegalArgumentException.class,
                () -> store.release("g:a:" + "v".repeat(500), "because", "me", Instant.now()));
        // the spec is read as coordinates are: control characters are not stripped off into a valid spec
        assertThrows(IllegalArgumentException.class,
                () -> store.release("g:a:jar:1\u0000", "because", "me", Instant.now()));
    }

    @Test
    void releaseNeedsAReasonBeforeAnythingElse() throws IOException {
        QuarantineStore store = new QuarantineStore(tmp.resolve("q"));
        // even a malformed spec and an empty store report the missing reason first
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> store.release("not coordinates", " ", "me", Instant.now()));
        assertTrue(e.getMessage().contains("needs a reason"));
        assertFalse(Files.exists(tmp.resolve("q")), "nothing was created");
    }

    @Test
    void releaseLiftsTheBlockKeepsTheEvidenceAndLogsWhoWhenWhy() throws IOException {
        QuarantineStore store = new QuarantineStore(tmp.resolve("q"));
        Path jar = repoFile("g", "a", "1", "a-1.jar", "jar bytes");
        Path pom = repoFile("g", "a", "1", "a-1.pom", "pom bytes");
        store.quarantine(jar, evidence("g:a:jar:1", null));
        store.quarantine(pom, evidence("g:a:pom:1", null));
        assertThrows(IllegalStateException.class, () -> store.release("g:a:jar:2", "why", "me", Instant.now()));

        List<QuarantineStore.Entry> released =
                store.release("g:a:jar:1", "false positive, confirmed with the publisher", "alice", Instant.now());
        assertEquals(1, released.size());
        List<QuarantineStore.Entry> all = store.list();
        assertEquals(2, all.size());
        QuarantineStore.Entry jarEntry = all.stream().filter(x -> x.evidence().coordinates().extension().equals("jar"))
                .findFirst().orElseThrow();
        assertFalse(jarEntry.active());
        assertEquals("alice", jarEntry.released().who());
        assertTrue(Files.exists(jarEntry.evidenceFile()));
        assertTrue(Files.exists(jarEntry.file()));
        assertFalse(store.findActive(Coordinates.parse("g:a:jar:1"), jarEntry.evidence().sha256()).isPresent());
        String log = Files.readString(tmp.resolve("q/" + QuarantineStore.RELEASE_LOG));
        assertTrue(log.contains("\"who\":\"alice\"") && log.contains("false positive"), log);
        // without an extension: every extension of that version
        assertEquals(1, store.release("g:a:1", "also the pom", "bob", Instant.now()).size());
    }

    /**
     * {@code ~} may occur in an extension and was the extension/classifier separator of entry folders: g:b:jar~tests:1
     * and g:b:jar:tests:1 shared one folder, and a lookup of one returned the other's evidence.
     */
    @Test
    void twoCoordinatesNeverShareAnEntry() throws IOException {
        QuarantineStore store = new QuarantineStore(tmp.resolve("q"));
        Coordinates tilde = Coordinates.parse("g:b:jar~tests:1");
        Coordinates classified = Coordinates.parse("g:b:jar:tests:1");
        Path x = repoFile("g", "b", "1", "b-1.jar~tests", "x bytes");
        QuarantineStore.Entry ex = store.quarantine(x, evidence(tilde.toString(), null));
        Path y = repoFile("g", "b", "1", "b-1-tests.jar", "y bytes");
        QuarantineStore.Entry ey = store.quarantine(y, evidence(classified.toString(), null));
        assertFalse(ex.dir().getParent().equals(ey.dir().getParent()), ex.dir() + " / " + ey.dir());
        assertEquals("jar@tests", ey.dir().getParent().getFileName().toString(), "readable: extension@classifier");

        assertEquals(ex.dir(), store.findActive(tilde, ex.evidence().sha256()).orElseThrow().dir());
        assertEquals(ey.dir(), store.findActive(classified, ey.evidence().sha256()).orElseThrow().dir());
        assertFalse(store.findActive(classified, ex.evidence().sha256()).isPresent(), "the other's evidence");
        assertFalse(store.findActive(tilde, ey.evidence().sha256()).isPresent(), "the other's evidence");

        // the same bytes under the other coordinates are an entry of their own, not the first one's
        Path z = repoFile("g", "b", "1", "b-1-tests.jar", "x bytes");
        QuarantineStore.Entry ez = store.quarantine(z, evidence(classified.toString(), null));
        assertEquals(classified, ez.evidence().coordinates());
        assertFalse(ez.dir().equals(ex.dir()));

        // the release spec reads the coordinates the same way: g:b:jar~tests:1 is the extension jar~tests
        List<QuarantineStore.Entry> r = store.release("g:b:jar~tests:1", "checked", "me", Instant.now());
        assertEquals(List.of(tilde), r.stream().map(e -> e.evidence().coordinates()).toList());
        assertTrue(store.findActive(classified, ey.evidence().sha256()).isPresent());
        assertEquals(2, store.release("g:b:jar:tests:1", "checked", "me", Instant.now()).size());
        assertThrows(IllegalStateException.class, () -> store.release("g:b:jar~tests:1", "again", "me", Instant.now()));
    }

    /** Stores written with the old folder names ({@code <extension>~<classifier>}) are still read. */
    @Test
    void entriesOfTheOldLayoutAreStillFoundAndReleasedByTheirEvidence() throws IOException {
        Path root = tmp.resolve("q");
        QuarantineStore store = new QuarantineStore(root);
        Path f = repoFile("g", "b", "1", "b-1-tests.jar", "old bytes");
        QuarantineStore.Entry made = store.quarantine(f, evidence("g:b:jar:tests:1", null));
        // move it where a store of the previous layout had it
        Path legacy = root.resolve("entries/g/b/1/jar~tests");
        Files.createDirectories(legacy);
        Files.move(made.dir(), legacy.resolve(made.dir().getFileName()));
        Files.delete(made.dir().getParent());
        String sha = made.evidence().sha256();

        assertTrue(store.hasEntries(Coordinates.parse("g:b:jar:tests:1")));
        assertTrue(store.findActive(Coordinates.parse("g:b:jar:tests:1"), sha).isPresent());
        // the old folder's name is also the new name of extension jar~tests: its evidence says whose it is
        assertFalse(store.findActive(Coordinates.parse("g:b:jar~tests:1"), sha).isPresent());
        assertThrows(IllegalStateException.class, () -> store.release("g:b:jar~tests:1", "no", "me", Instant.now()));
        assertEquals(1, store.release("g:b:jar:tests:1", "checked", "me", Instant.now()).size());
        assertFalse(store.findActive(Coordinates.parse("g:b:jar:tests:1"), sha).isPresent());
        assertEquals(1, store.list().size());
    }

    /** Two JVMs quarantining into one store at the same time lose no file and no evidence. */
    @Test
    void twoProcessesQuarantiningAtOnceLoseNothing() throws Exception {
        Path store = tmp.resolve("q");
        int perProcess = 150;
        List<Path> mine = new ArrayList<>();
        List<Path> theirs = new ArrayList<>();
        for (int i = 0; i < perProcess; i++) {
            mine.add(repoFile("com.mine", "lib" + i, "1.0", "lib" + i + "-1.0.jar", "mine " + i));
            theirs.add(repoFile("com.theirs", "lib" + i, "1.0", "lib" + i + "-1.0.jar", "theirs " + i));
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process other = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                QuarantineWorker.class.getName(), store.toString(), tmp.resolve("repository").toString(), "com.theirs",
                Integer.toString(perProcess))
                .redirectErrorStream(true)
                .start();
        long deadline = System.currentTimeMillis() + 60_000;
        while (!Files.exists(tmp.resolve("ready")) && System.currentTimeMillis() < deadline) {
            Thread.sleep(1);
        }
        Files.writeString(tmp.resolve("go"), "go");
        QuarantineWorker.run(store, tmp.resolve("repository"), "com.mine", perProcess);
        String out = new String(other.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(other.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, other.exitValue(), out);

        List<QuarantineStore.Entry> entries = new QuarantineStore(store).list();
        assertEquals(2 * perProcess, entries.size());
        for (QuarantineStore.Entry e : entries) {
            assertEquals(e.evidence().sha256(), DigestCache.sha256Uncached(e.file()), e.dir().toString());
        }
        for (Path p : mine) {
            assertFalse(Files.exists(p));
        }
        for (Path p : theirs) {
            assertFalse(Files.exists(p));
        }
    }
}
