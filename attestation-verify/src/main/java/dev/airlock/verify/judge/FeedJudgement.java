package dev.airlock.verify.judge;

import dev.airlock.verify.feed.FeedEntry;
import dev.airlock.verify.feed.FeedIndex;
import dev.airlock.verify.finding.Coordinates;
import dev.airlock.verify.finding.FindingCode;
import dev.airlock.verify.report.ToolVersion;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Checks an artifact against the fleet-wide quarantine feed (docs/fleet.md): these coordinates with these bytes,
 * blocked by an accepted feed entry that no accepted release lifts, are {@code QUARANTINED}, naming the feed entry,
 * the runner that raised it and when. The index holds only entries whose signatures the trust policy accepts
 * ({@link dev.airlock.verify.feed.FeedVerifier}).
 */
public final class FeedJudgement {
    private final FeedIndex index;
    private final String feed;
    private final JudgeMode mode;

    /**
     * @param index the feed's index
     * @param feed the feed's coordinates, {@code groupId:artifactId}, for messages
     * @param mode enforce or warn, and the source findings name
     */
    public FeedJudgement(FeedIndex index, String feed, JudgeMode mode) {
        this.index = Objects.requireNonNull(index, "index");
        this.feed = Objects.requireNonNull(feed, "feed");
        this.mode = Objects.requireNonNull(mode, "mode");
    }

    /**
     * Judges {@code r} by its coordinates and {@code sha256} (before the download, the lock's SHA-256 may be
     * passed as {@code r.withSha256(locked)}). Without a SHA-256 there is nothing to compare: no finding (the
     * extension judges again once the bytes are downloaded).
     */
    public Verdict judge(Resolution r) {
        Coordinates parsed = r.parsed();
        if (parsed == null || r.sha256() == null) {
            return Verdict.none();
        }
        Optional<FeedEntry> blocked = index.blocked(parsed, r.sha256().toLowerCase(java.util.Locale.ROOT));
        if (blocked.isEmpty()) {
            return Verdict.none();
        }
        return verdict(r, parsed, blocked.get(), "");
    }

    /**
     * Judges {@code r} before anything is downloaded: when the feed blocks bytes of these coordinates and the build
     * cannot tell that it expects other bytes ({@code expectedSha256}, the lock's, is null or is itself blocked),
     * the artifact is refused without a request. A build whose lock names other bytes downloads them, and
     * {@link #judge} looks at what arrived.
     *
     * @param expectedSha256 the SHA-256 the build expects for {@code r} (its lock entry), or null
     */
    public Verdict beforeDownload(Resolution r, String expectedSha256) {
        Coordinates parsed = r.parsed();
        if (parsed == null) {
            return Verdict.none();
        }
        List<FeedEntry> blocked = index.blocked(parsed);
        if (blocked.isEmpty()) {
            return Verdict.none();
        }
        if (expectedSha256 != null) {
            String expected = expectedSha256.toLowerCase(java.util.Locale.ROOT);
            Optional<FeedEntry> same = blocked.stream().filter(e -> e.sha256().equals(expected)).findFirst();
            return same.isEmpty() ? Verdict.none() : verdict(r, parsed, same.get(), " (refused before download: the"
                    + " lock expects these bytes)");
        }
        return verdict(r, parsed, blocked.get(0), " (refused before download: nothing in this build says it expects"
                + " other bytes; lock the artifact to have other bytes of it downloaded and checked)");
    }

    private Verdict verdict(Resolution r, Coordinates parsed, FeedEntry e, String when) {
        String id = e.id();
        String coords = r.coordinates();
        return Verdict.of(mode.finding(FindingCode.QUARANTINED, mode.failing())
                .coordinates(parsed)
                .file(r.fileText())
                .sha256(e.sha256())
                .repository(r.repositoryId(), r.repositoryUrl())
                .message(coords + " with sha256 " + e.sha256() + " is in the fleet-wide quarantine: feed " + feed
                        + " entry " + id + " (" + e.code() + " by " + e.rule() + ", raised by runner " + e.runner()
                        + " at " + e.time() + ")" + when)
                .fix("if it is safe after all, release it for the fleet: mvn dev.airlock:airlock-maven-plugin:"
                        + ToolVersion.get() + ":release -Dentry=" + id + " -Dreason=\"...\" (publishes a release"
                        + " signed with the feed's key)")
                .detail("feed", feed)
                .detail("feedEntry", id)
                .detail("runner", e.runner())
                .detail("raisedAt", e.time().toString())
                .detail("evidenceSha256", e.evidenceSha256())
                .build(),
                mode.enforce() ? "QUARANTINED: " + coords + " with these bytes is in the fleet-wide quarantine (feed "
                        + feed + " entry " + id + ", runner " + e.runner() + ", " + e.time() + ")" : null);
    }
}
