package dev.airlock.verify.feed;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;

/**
 * Compacts a feed (docs/fleet.md, "Compaction"): reads it as a build does ({@link FeedReader}: the newest snapshot
 * and the versions it does not cover, every file verified), folds what was accepted into a new snapshot
 * ({@link FeedSnapshot#compact}) signed with the feed's key, publishes it, and rewrites the metadata to list the
 * snapshot and the versions it does not cover ({@link FeedPublisher#publishCompaction}). Nothing is deleted: the
 * files of the versions that leave the list stay in the repository.
 *
 * <p>Files that are not accepted (forged, unsigned) are not folded in and stay listed: every reader still reports
 * them. Entries a runner publishes while the compaction runs stay listed, because each rewrite of the list starts from
 * the list as it is then.
 */
public final class FeedCompactor {
    /**
     * What a compaction did.
     *
     * @param version the new snapshot's version, or null when there was nothing to fold in
     * @param snapshot the new snapshot, or null
     * @param previous the snapshot it was compacted from, or null
     * @param folded the entry and release versions folded in (accepted since the previous snapshot)
     * @param ignored the files left out and why (still listed)
     * @param listedBefore the versions the metadata listed before
     * @param listedAfter the versions it lists after
     */
    public record Result(String version, FeedSnapshot snapshot, String previous, int folded, List<String> ignored,
            int listedBefore, int listedAfter) {
        public Result {
            ignored = List.copyOf(ignored);
        }

        public boolean compacted() {
            return version != null;
        }
    }

    /**
     * The largest metadata file a compaction reads (about 1,000,000 versions): a feed that grew past what builds read
     * ({@link MetadataVersions#MAX_BYTES}) can still be compacted.
     */
    public static final int MAX_METADATA_BYTES = 64 * 1024 * 1024;

    private final FeedLayout layout;
    private final FeedVerifier verifier;
    private final FeedRepository repository;
    private final FeedSigner signer;
    private final Clock clock;
    private final Duration settle;

    /**
     * @param repository the feed's hosted repository (the one published to: a group or proxy in front of it may serve
     *     a list older than the one being rewritten)
     */
    public FeedCompactor(FeedLayout layout, FeedVerifier verifier, FeedRepository repository, FeedSigner signer,
            Clock clock, Duration settle) {
        this.layout = Objects.requireNonNull(layout, "layout");
        this.verifier = Objects.requireNonNull(verifier, "verifier");
        this.repository = Objects.requireNonNull(repository, "repository");
        this.signer = Objects.requireNonNull(signer, "signer");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.settle = Objects.requireNonNull(settle, "settle");
    }

    /**
     * Compacts the feed.
     *
     * @param timeout the time reading the feed may take
     * @throws FeedException when the feed cannot be read (as a build would fail to read it)
     * @throws IOException when the repository cannot be reached or refuses, or another compaction runs at once
     */
    public Result compact(Duration timeout) throws IOException, FeedException {
        FeedReader.Result read = new FeedReader(layout, verifier, repository, null, timeout)
                .metadataLimit(MAX_METADATA_BYTES).read();
        if (!read.metadataFound()) {
            throw new FeedException(repository.describe() + "/" + layout.metadataPath(), "does not exist: nothing"
                    + " was ever published to the feed " + layout + " in this repository", "check airlock.feed and"
                    + " airlock.feed.publish (the compaction rewrites the hosted repository runners publish to)");
        }
        if (read.accepted().isEmpty()) {
            return new Result(null, null, read.snapshot(), 0, read.ignored(), read.versions().size(),
                    read.versions().size());
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        if (read.start() != null && !now.isAfter(read.start().time())) {
            now = read.start().time().plusSeconds(1); // a newer snapshot sorts after the one it compacts
        }
        FeedSnapshot snapshot = FeedSnapshot.compact(read.start(), read.accepted(), now);
        FeedPublisher publisher = new FeedPublisher(layout, repository, signer, clock, settle);
        String version = publisher.publishCompaction(snapshot, read.snapshot());
        int after = repository.get(layout.metadataPath())
                .map(xml -> {
                    try {
                        return MetadataVersions.read(repository.describe(), xml, MAX_METADATA_BYTES).size();
                    } catch (FeedException e) {
                        return -1;
                    }
                }).orElse(-1);
        return new Result(version, snapshot, read.snapshot(), read.accepted().size(), read.ignored(),
                read.versions().size(), after);
    }
}
