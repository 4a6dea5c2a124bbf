package dev.airlock.verify.judge;

import static dev.airlock.verify.judge.JudgeTestSupport.ENFORCE;
import static dev.airlock.verify.judge.JudgeTestSupport.WARN;
import static dev.airlock.verify.judge.JudgeTestSupport.resolution;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.airlock.verify.digest.DigestCache;
import dev.airlock.verify.feed.FeedEntry;
import dev.airlock.verify.feed.FeedIndex;
import dev.airlock.verify.finding.Coordinates;
import dev.airlock.verify.finding.Finding;
import dev.airlock.verify.finding.FindingCode;
import dev.airlock.verify.finding.Severity;
import dev.airlock.verify.report.ToolVersion;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FeedJudgementTest {
    private static final String COORDS = "com.acme:lib:jar:1.0";
    private static final String FEED = "com.acme.fleet:quarantine";
    private static final String SHA = DigestCache.sha256("tampered".getBytes(StandardCharsets.UTF_8));
    private static final String EVIDENCE = DigestCache.sha256("evidence".getBytes(StandardCharsets.UTF_8));
    private static final FeedEntry ENTRY = FeedEntry.quarantine(Coordinates.parse(COORDS), SHA,
            FindingCode.LOCK_HASH_MISMATCH, "extension", Instant.parse("2026-12-07T10:00:00Z"), "ci-7.example",
            EVIDENCE);
    private static final Path FILE = Path.of("repository/com/acme/lib/1.0/lib-1.0.jar");

    @Test
    void blockedBytesAreQuarantinedNamingEntryRunnerAndTime() {
        Verdict v = new FeedJudgement(FeedIndex.of(List.of(ENTRY)), FEED, ENFORCE)
                .judge(resolution(COORDS, FILE, SHA, "internal", "http://127.0.0.1:8081/repo/"));
        assertEquals(1, v.findings().size());
        Finding f = v.findings().get(0);
        String id = ENTRY.id();
        assertEquals(FindingCode.QUARANTINED, f.code());
        assertEquals(Severity.ERROR, f.severity());
        assertEquals("extension", f.source());
        assertEquals(COORDS, f.subject());
        assertEquals(dev.airlock.verify.finding.Coordinates.parse(COORDS), f.coordinates());
        assertEquals(FILE.toString(), f.file());
        assertEquals(SHA, f.sha256());
        assertEquals("internal", f.repositoryId());
        assertEquals(COORDS + " with sha256 " + SHA + " is in the fleet-wide quarantine: feed " + FEED + " entry " + id
                + " (LOCK_HASH_MISMATCH by extension, raised by runner ci-7.example at 2026-12-07T10:00:00Z)",
                f.message());
        assertEquals("if it is safe after all, release it for the fleet: mvn dev.airlock:airlock-maven-plugin:"
                + ToolVersion.get() + ":release -Dentry=" + id + " -Dreason=\"...\" (publishes a release signed with"
                + " the feed's key)", f.fix());
        assertEquals(Map.of("feed", FEED, "feedEntry", id, "runner", "ci-7.example", "raisedAt",
                "2026-12-07T10:00:00Z", "evidenceSha256", EVIDENCE), f.details());
        assertTrue(v.refused());
        assertEquals(List.of("QUARANTINED: " + COORDS + " with these bytes is in the fleet-wide quarantine (feed "
                + FEED + " entry " + id + ", runner ci-7.example, 2026-12-07T10:00:00Z)"), v.refusals());
    }

    @Test
    void warnModeReportsWithoutRefusing() {
        Verdict v = new FeedJudgement(FeedIndex.of(List.of(ENTRY)), FEED, WARN)
                .judge(resolution(COORDS, FILE, SHA, "internal", null));
        assertEquals(Severity.WARN, v.findings().get(0).severity());
        assertFalse(v.refused());
    }

    @Test
    void otherBytesReleasedEntriesAndUnknownShaAreNotJudged() {
        FeedJudgement judgement = new FeedJudgement(FeedIndex.of(List.of(ENTRY)), FEED, ENFORCE);
        String other = DigestCache.sha256("genuine".getBytes(StandardCharsets.UTF_8));
        assertEquals(Verdict.none(), judgement.judge(resolution(COORDS, FILE, other, "internal", null)));
        assertEquals(Verdict.none(), judgement.judge(resolution("com.acme:lib:jar:1.1", FILE, SHA, "internal",
                null)));
        assertEquals(Verdict.none(), judgement.judge(resolution(COORDS, FILE, null, "internal", null)));
        // upper-case hex from a caller is the same digest
        assertTrue(judgement.judge(resolution(COORDS, FILE, SHA.toUpperCase(java.util.Locale.ROOT), "internal",
                null)).refused());
        FeedEntry release = FeedEntry.release(ENTRY, "upstream confirmed the new bytes",
                Instant.parse("2026-12-08T09:00:00Z"), "ci-3.example");
        assertEquals(Verdict.none(), new FeedJudgement(FeedIndex.of(List.of(release, ENTRY)), FEED, ENFORCE)
                .judge(resolution(COORDS, FILE, SHA, "internal", null)));
    }

    @Test
    void beforeDownloadRefusesBlockedCoordinatesUnlessTheLockExpectsOtherBytes() {
        FeedJudgement j = new FeedJudgement(FeedIndex.of(List.of(ENTRY)), FEED, ENFORCE);
        Resolution r = resolution(COORDS, null, null, "internal", "http://127.0.0.1:8081/repo/");
        Verdict noLock = j.beforeDownload(r, null);
        assertTrue(noLock.refused());
        assertEquals(FindingCode.QUARANTINED, noLock.findings().get(0).code());
        assertTrue(noLock.findings().get(0).message().contains("refused before download: nothing in this build"),
                noLock.findings().get(0).message());
        assertEquals(ENTRY.id(), noLock.findings().get(0).details().get("feedEntry"));

        Verdict lockedOther = j.beforeDownload(r, DigestCache.sha256("good".getBytes(StandardCharsets.UTF_8)));
        assertFalse(lockedOther.refused());
        assertTrue(lockedOther.findings().isEmpty());

        Verdict lockedSame = j.beforeDownload(r, SHA.toUpperCase(java.util.Locale.ROOT));
        assertTrue(lockedSame.refused());
        assertTrue(lockedSame.findings().get(0).message().contains("the lock expects these bytes"));

        Verdict otherArtifact = j.beforeDownload(resolution("com.acme:lib:jar:1.1", null, null, "internal",
                "http://127.0.0.1:8081/repo/"), null);
        assertTrue(otherArtifact.findings().isEmpty());

        Verdict warn = new FeedJudgement(FeedIndex.of(List.of(ENTRY)), FEED, WARN).beforeDownload(r, null);
        assertFalse(warn.refused());
        assertEquals(Severity.WARN, warn.findings().get(0).severity());
    }
}
