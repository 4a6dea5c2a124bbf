package dev.airlock.verify.judge;

import static dev.airlock.verify.judge.JudgeTestSupport.ENFORCE;
import static dev.airlock.verify.judge.JudgeTestSupport.WARN;
import static dev.airlock.verify.judge.JudgeTestSupport.resolution;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.airlock.verify.finding.Finding;
import dev.airlock.verify.finding.FindingCode;
import dev.airlock.verify.finding.Severity;
import dev.airlock.verify.lock.LockFile;
import dev.airlock.verify.report.ToolVersion;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LockJudgementTest {
    private static final String LOCKED = "a".repeat(64);
    private static final String OTHER = "b".repeat(64);
    private static final Path FILE = Path.of("/repo/com/acme/lib/1.0/lib-1.0.jar");
    private static final LockFile LOCK = LockFile.of(Map.of("com.acme:lib:jar:1.0", LOCKED));
    private static final String LOCK_PATH = "/project/airlock.lock";

    private static Verdict judge(JudgeMode mode, Resolution r) {
        return new LockJudgement(LOCK, LOCK_PATH, mode).judge(r);
    }

    @Test
    void theLockedBytesPass() {
        Verdict v = judge(ENFORCE, resolution("com.acme:lib:jar:1.0", FILE, LOCKED, "internal", "http://m/"));
        assertEquals(Verdict.none(), v);
        assertFalse(v.refused());
    }

    @Test
    void anArtifactTheLockDoesNotListIsRefusedWhenEnforcing() {
        Verdict v = judge(ENFORCE, resolution("com.acme:other:jar:2.0", FILE, OTHER, "internal", "http://m/"));
        assertEquals(1, v.findings().size());
        Finding f = v.findings().get(0);
        assertEquals(FindingCode.NOT_IN_LOCK, f.code());
        assertEquals(Severity.ERROR, f.severity());
        assertEquals("extension", f.source());
        assertEquals("com.acme:other:jar:2.0", f.subject());
        assertEquals(FILE.toString(), f.file());
        assertEquals(OTHER, f.sha256());
        assertEquals("internal", f.repositoryId());
        assertEquals("http://m/", f.repositoryUrl());
        assertEquals("com.acme:other:jar:2.0 is not in the lock /project/airlock.lock (1 artifacts)", f.message());
        assertEquals("an entry in /project/airlock.lock", f.expected());
        assertEquals("sha256 " + OTHER, f.actual());
        assertEquals("if the change is intended, record the lock again with the goals your build runs (e.g. mvn verify"
                + " dev.airlock:airlock-maven-plugin:" + ToolVersion.get() + ":record), review the diff it prints,"
                + " and commit it", f.fix());
        assertEquals(List.of("NOT_IN_LOCK: com.acme:other:jar:2.0 is not in /project/airlock.lock"), v.refusals());
    }

    @Test
    void theFindingCarriesTheResolversCoordinatesTypedAndInvalidOnesAsItsSubject() {
        Finding typed = judge(ENFORCE, resolution("com.acme:other:jar:tests:2.0", FILE, OTHER, "i", "u"))
                .findings().get(0);
        assertEquals(new dev.airlock.verify.finding.Coordinates("com.acme", "other", "jar", "tests", "2.0"),
                typed.coordinates());
        // coordinates no store can hold (a space in the artifactId): kept as text, nothing typed
        Finding text = judge(ENFORCE, new Resolution("com.acme", "odd name", "jar", null, "2.0", "2.0", FILE, OTHER,
                "i", "u", null)).findings().get(0);
        assertEquals(FindingCode.NOT_IN_LOCK, text.code());
        org.junit.jupiter.api.Assertions.assertNull(text.coordinates());
        assertEquals("com.acme:odd name:jar:2.0", text.subject());
    }

    @Test
    void anArtifactTheLockDoesNotListIsAWarningInWarnMode() {
        Verdict v = judge(WARN, resolution("com.acme:other:jar:2.0", FILE, OTHER, null, null));
        assertEquals(Severity.WARN, v.findings().get(0).severity());
        assertEquals(FindingCode.NOT_IN_LOCK, v.findings().get(0).code());
        assertTrue(v.refusals().isEmpty());
    }

    @Test
    void aSideFileTheLockDoesNotListPasses() {
        assertEquals(Verdict.none(), judge(ENFORCE, resolution("com.acme:lib:jar.asc:1.0", FILE, OTHER, "i", "u")));
        assertEquals(Verdict.none(), judge(ENFORCE, resolution("com.acme:lib:jar.sigstore.json:1.0", FILE, OTHER,
                "i", "u")));
        assertTrue(LockJudgement.isVerifiedSidecar("com.acme:lib:jar.asc:1.0"));
        assertFalse(LockJudgement.isVerifiedSidecar("com.acme:lib:jar:1.0"));
        assertFalse(LockJudgement.isVerifiedSidecar("com.acme:lib"));
    }

    @Test
    void otherBytesFromARepositoryAreAMismatch() {
        Verdict v = judge(ENFORCE, resolution("com.acme:lib:jar:1.0", FILE, OTHER, "internal", "http://m/"));
        Finding f = v.findings().get(0);
        assertEquals(FindingCode.LOCK_HASH_MISMATCH, f.code());
        assertEquals(Severity.ERROR, f.severity());
        assertEquals("com.acme:lib:jar:1.0 from internal (http://m/) is not what the lock /project/airlock.lock"
                + " records: its bytes changed since they were recorded", f.message());
        assertEquals("sha256 " + LOCKED, f.expected());
        assertEquals("sha256 " + OTHER, f.actual());
        assertEquals("do not use it: find out why the bytes changed (mirror drift or tampering); it is moved into"
                + " quarantine at the end of this build. If the new bytes are legitimate, release them with a reason"
                + " (mvn dev.airlock:airlock-maven-plugin:" + ToolVersion.get() + ":release"
                + " -Dartifact=com.acme:lib:jar:1.0 -Dreason=\"...\"), record the lock again and review the change",
                f.fix());
        assertEquals(List.of("LOCK_HASH_MISMATCH: com.acme:lib:jar:1.0 has sha256 " + OTHER + ", the lock records "
                + LOCKED), v.refusals());
    }

    @Test
    void otherBytesInTheLocalRepositoryInWarnModeAreAWarningThatSaysWhenTheyWouldMove() {
        Verdict v = judge(WARN, resolution("com.acme:lib:jar:1.0", FILE, OTHER, null, null));
        Finding f = v.findings().get(0);
        assertEquals(Severity.WARN, f.severity());
        assertEquals("com.acme:lib:jar:1.0 in the local repository is not what the lock /project/airlock.lock"
                + " records: its bytes changed since they were recorded", f.message());
        assertTrue(f.fix().contains("it is moved into quarantine at the end of this build in enforce mode. If"),
                f.fix());
        assertTrue(v.refusals().isEmpty());
    }
}
