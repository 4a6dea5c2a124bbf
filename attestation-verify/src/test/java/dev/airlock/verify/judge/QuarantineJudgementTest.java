package dev.airlock.verify.judge;

import static dev.airlock.verify.judge.JudgeTestSupport.ENFORCE;
import static dev.airlock.verify.judge.JudgeTestSupport.WARN;
import static dev.airlock.verify.judge.JudgeTestSupport.resolution;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.airlock.verify.digest.DigestCache;
import dev.airlock.verify.finding.Coordinates;
import dev.airlock.verify.finding.Finding;
import dev.airlock.verify.finding.FindingCode;
import dev.airlock.verify.finding.Severity;
import dev.airlock.verify.quarantine.Evidence;
import dev.airlock.verify.quarantine.QuarantineStore;
import dev.airlock.verify.report.ToolVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QuarantineJudgementTest {
    private static final String COORDS = "com.acme:lib:jar:1.0";

    @TempDir
    Path tmp;

    private QuarantineStore store;
    private QuarantineStore.Entry entry;
    private String sha;

    @BeforeEach
    void quarantineOne() throws IOException {
        Path file = tmp.resolve("repository/com/acme/lib/1.0/lib-1.0.jar");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "tampered");
        sha = DigestCache.sha256Uncached(file);
        store = new QuarantineStore(tmp.resolve("q"));
        entry = store.quarantine(file, new Evidence(Coordinates.parse(COORDS), null, "00ff", "LOCK_HASH_MISMATCH",
                "extension", "the mirror served other bytes", "internal", "http://m/", "2026-11-25T10:00:00Z",
                "session-1", null));
    }

    @Test
    void quarantinedBytesAreRefusedWhenEnforcing() {
        Path file = tmp.resolve("repository/com/acme/lib/1.0/lib-1.0.jar");
        Verdict v = new QuarantineJudgement(store, ENFORCE).judge(resolution(COORDS, file, sha, "internal",
                "http://m/"));
        Finding f = v.findings().get(0);
        assertEquals(FindingCode.QUARANTINED, f.code());
        assertEquals(Severity.ERROR, f.severity());
        assertEquals("extension", f.source());
        assertEquals(COORDS, f.subject());
        assertEquals(file.toString(), f.file());
        assertEquals(sha, f.sha256());
        assertEquals("internal", f.repositoryId());
        assertEquals("http://m/", f.repositoryUrl());
        assertEquals(COORDS + " with sha256 " + sha + " is in quarantine (LOCK_HASH_MISMATCH by extension at"
                + " 2026-11-25T10:00:00Z); evidence: " + entry.evidenceFile(), f.message());
        assertEquals("if it is safe after all, release it: mvn dev.airlock:airlock-maven-plugin:" + ToolVersion.get()
                + ":release -Dartifact=" + COORDS + " -Dreason=\"...\"", f.fix());
        assertEquals(entry.evidenceFile().toString(), f.details().get("evidence"));
        assertEquals(List.of("QUARANTINED: " + COORDS + " with these bytes is in quarantine, see "
                + entry.evidenceFile()), v.refusals());
    }

    @Test
    void quarantinedBytesAreAWarningInWarnMode() {
        Verdict v = new QuarantineJudgement(store, WARN).judge(resolution(COORDS, null, sha, null, null));
        assertEquals(Severity.WARN, v.findings().get(0).severity());
        assertEquals(null, v.findings().get(0).file());
        assertTrue(v.refusals().isEmpty());
    }

    @Test
    void otherBytesOrOtherCoordinatesPass() {
        QuarantineJudgement q = new QuarantineJudgement(store, ENFORCE);
        assertEquals(Verdict.none(), q.judge(resolution(COORDS, null, "c".repeat(64), null, null)));
        assertEquals(Verdict.none(), q.judge(resolution("com.acme:lib:pom:1.0", null, sha, null, null)));
        assertEquals(Verdict.none(), q.judge(resolution("com.acme:other:jar:1.0", null, sha, null, null)));
    }

    @Test
    void coordinatesThatCannotBeInTheStorePass() {
        Resolution bad = new Resolution("com.acme", "lib/..", "jar", null, "1.0", "1.0", null, sha, null, null, null);
        assertEquals(null, bad.parsed());
        assertEquals(Verdict.none(), new QuarantineJudgement(store, ENFORCE).judge(bad));
    }

    @Test
    void anUnreadableStoreRefusesTheArtifact() throws IOException {
        Files.writeString(entry.evidenceFile(), "{ not json");
        Verdict v = new QuarantineJudgement(store, WARN).judge(resolution(COORDS, null, sha, null, null));
        assertTrue(v.findings().isEmpty());
        assertEquals(1, v.refusals().size());
        assertTrue(v.refusals().get(0).startsWith("cannot read the quarantine store " + store.root() + ": "
                + entry.evidenceFile() + ": "), v.refusals().get(0));
        assertEquals("cannot read the quarantine store " + store.root() + ": gone",
                new QuarantineJudgement(store, ENFORCE).unreadable(new IOException("gone")));
    }
}
