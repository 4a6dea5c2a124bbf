package dev.airlock.verify.judge;

import static dev.airlock.verify.judge.JudgeTestSupport.ENFORCE;
import static dev.airlock.verify.judge.JudgeTestSupport.WARN;
import static dev.airlock.verify.judge.JudgeTestSupport.resolution;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.airlock.verify.config.Levels;
import dev.airlock.verify.finding.Finding;
import dev.airlock.verify.finding.FindingCode;
import dev.airlock.verify.finding.Severity;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class LocalOriginJudgementTest {
    private static final String SHA = "a".repeat(64);
    private static final String MIRROR_SHA = "b".repeat(64);
    private static final Path FILE = Path.of("/m2/com/acme/lib/1.0/lib-1.0.jar");
    private static final String INSTALLED = "installed locally (origin record '>=')";
    private static final String FIX = "delete it from the local repository (or use a fresh local repository) so that it"
            + " is downloaded from a mirror; if it was installed by hand, publish it to a mirror";
    private static final Resolution LIB = resolution("com.acme:lib:jar:1.0", FILE, SHA, null, null)
            .withLocalOrigin(INSTALLED);

    private static LocalOriginJudgement judgement(Levels.LocalOrigin policy, JudgeMode mode) {
        return new LocalOriginJudgement(policy, "default", mode);
    }

    private static void assertUntrusted(Finding f, Severity severity) {
        assertEquals(FindingCode.UNTRUSTED_LOCAL_ORIGIN, f.code());
        assertEquals(severity, f.severity());
        assertEquals("extension", f.source());
        assertEquals("com.acme:lib:jar:1.0", f.subject());
        assertEquals(FILE.toString(), f.file());
        assertEquals(SHA, f.sha256());
        assertEquals(FIX, f.fix());
    }

    @Test
    void warnUsesItWithAWarning() {
        LocalOriginJudgement j = judgement(Levels.LocalOrigin.WARN, ENFORCE);
        assertFalse(j.verifies());
        Verdict v = j.byPolicy(LIB);
        assertUntrusted(v.findings().get(0), Severity.WARN);
        assertEquals("com.acme:lib:jar:1.0 in the local repository is " + INSTALLED + "; used without checking"
                + " (airlock.localOrigin=warn (from default))", v.findings().get(0).message());
        assertNull(v.findings().get(0).repositoryId());
        assertNull(v.findings().get(0).expected());
        assertFalse(v.refused());
    }

    @Test
    void denyRefusesItWhenEnforcing() {
        LocalOriginJudgement j = judgement(Levels.LocalOrigin.DENY, ENFORCE);
        assertFalse(j.verifies());
        Verdict v = j.byPolicy(LIB);
        assertUntrusted(v.findings().get(0), Severity.ERROR);
        assertEquals("com.acme:lib:jar:1.0 in the local repository is " + INSTALLED + " (airlock.localOrigin=deny"
                + " (from default))", v.findings().get(0).message());
        assertEquals(List.of("UNTRUSTED_LOCAL_ORIGIN: com.acme:lib:jar:1.0 is " + INSTALLED), v.refusals());

        Verdict warn = judgement(Levels.LocalOrigin.DENY, WARN).byPolicy(LIB);
        assertUntrusted(warn.findings().get(0), Severity.WARN);
        assertFalse(warn.refused());
    }

    @Test
    void verifyLeavesItToTheComparison() {
        LocalOriginJudgement j = judgement(Levels.LocalOrigin.VERIFY, ENFORCE);
        assertTrue(j.verifies());
        assertEquals(Verdict.none(), j.byPolicy(LIB));
    }

    @Test
    void otherBytesThanTheMirrorsAreUntrusted() {
        Verdict v = judgement(Levels.LocalOrigin.VERIFY, ENFORCE).differsFromMirror(LIB, "internal", "http://m/",
                MIRROR_SHA);
        Finding f = v.findings().get(0);
        assertUntrusted(f, Severity.ERROR);
        assertEquals("internal", f.repositoryId());
        assertEquals("http://m/", f.repositoryUrl());
        assertEquals("com.acme:lib:jar:1.0 in the local repository is " + INSTALLED + ", and its bytes differ from"
                + " mirror internal's", f.message());
        assertEquals("sha256 " + MIRROR_SHA + " (mirror internal)", f.expected());
        assertEquals("sha256 " + SHA + " (local repository)", f.actual());
        assertEquals(List.of("UNTRUSTED_LOCAL_ORIGIN: com.acme:lib:jar:1.0 is " + INSTALLED + " and differs from"
                + " mirror internal"), v.refusals());
        assertFalse(judgement(Levels.LocalOrigin.VERIFY, WARN).differsFromMirror(LIB, "internal", "http://m/",
                MIRROR_SHA).refused());
    }

    @Test
    void aCopyNoMirrorHasIsUntrusted() {
        Verdict v = judgement(Levels.LocalOrigin.VERIFY, ENFORCE).notOnAnyMirror(LIB);
        assertUntrusted(v.findings().get(0), Severity.ERROR);
        assertEquals("com.acme:lib:jar:1.0 in the local repository is " + INSTALLED + ", and no configured mirror has"
                + " it", v.findings().get(0).message());
        assertEquals(List.of("UNTRUSTED_LOCAL_ORIGIN: com.acme:lib:jar:1.0 is " + INSTALLED + " and no configured"
                + " mirror has it"), v.refusals());
        assertEquals(Severity.WARN, judgement(Levels.LocalOrigin.VERIFY, WARN).notOnAnyMirror(LIB).findings().get(0)
                .severity());
    }

    @Test
    void aMirrorFailingDuringTheComparisonIsReported() {
        Verdict v = judgement(Levels.LocalOrigin.VERIFY, ENFORCE).mirrorFailed(LIB, "internal", "http://m/",
                "java.net.ConnectException: refused");
        Finding f = v.findings().get(0);
        assertEquals(FindingCode.MIRROR_UNAVAILABLE, f.code());
        assertEquals(Severity.ERROR, f.severity());
        assertEquals("com.acme:lib:jar:1.0", f.subject());
        assertNull(f.file());
        assertEquals("internal", f.repositoryId());
        assertEquals("mirror internal (http://m/) failed while Airlock re-fetched com.acme:lib:jar:1.0 to verify a"
                + " cached copy: java.net.ConnectException: refused", f.message());
        assertEquals("bring mirror internal back", f.fix());
        assertEquals(List.of("MIRROR_UNAVAILABLE while verifying com.acme:lib:jar:1.0"), v.refusals());
        assertFalse(judgement(Levels.LocalOrigin.VERIFY, WARN).mirrorFailed(LIB, "internal", "http://m/", "x")
                .refused());
    }

    @Test
    void aFetchedCopyThatCannotBeHashedIsRefusedWhenEnforcing() {
        Verdict v = judgement(Levels.LocalOrigin.VERIFY, ENFORCE).unhashable("internal");
        assertTrue(v.findings().isEmpty());
        assertEquals(List.of("cannot hash the copy fetched from internal"), v.refusals());
        assertEquals(Verdict.none(), judgement(Levels.LocalOrigin.VERIFY, WARN).unhashable("internal"));
    }
}
