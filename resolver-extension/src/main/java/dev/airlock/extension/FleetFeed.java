package dev.airlock.extension;

import dev.airlock.maven.FeedAccess;
import dev.airlock.maven.TransportedFeed;
import dev.airlock.verify.config.FeedSettings;
import dev.airlock.verify.digest.DigestCache;
import dev.airlock.verify.feed.FeedEntry;
import dev.airlock.verify.feed.FeedException;
import dev.airlock.verify.feed.FeedIndex;
import dev.airlock.verify.feed.FeedReader;
import dev.airlock.verify.finding.Coordinates;
import dev.airlock.verify.finding.Finding;
import dev.airlock.verify.finding.FindingCode;
import dev.airlock.verify.judge.FeedJudgement;
import dev.airlock.verify.judge.Resolution;
import dev.airlock.verify.judge.Verdict;
import dev.airlock.verify.quarantine.QuarantineStore;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.spi.connector.transport.TransporterProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fleet-wide quarantine feed in a build (docs/fleet.md): read from the mirrors at session start, judged before
 * each download and on each resolved artifact, and, on a publishing runner, added to at the end of the build with
 * what this build quarantined for an integrity failure. Glue: the format, verification, index and judgement are the
 * library's ({@code dev.airlock.verify.feed}, {@link FeedJudgement}).
 */
final class FleetFeed {
    private static final Logger LOG = LoggerFactory.getLogger(FleetFeed.class);

    private final FeedSettings settings;
    private final FeedIndex index;
    private final FeedJudgement judgement;
    private final TransporterProvider transporters;
    private final RepositorySystemSession session;
    /** Opened at session start on a publishing runner (see {@link FeedAccess#openPublishTarget}); else null. */
    private final TransportedFeed publishTarget;

    private FleetFeed(FeedSettings settings, FeedIndex index, FeedJudgement judgement,
            TransporterProvider transporters, RepositorySystemSession session, TransportedFeed publishTarget) {
        this.settings = settings;
        this.index = index;
        this.judgement = judgement;
        this.transporters = transporters;
        this.session = session;
        this.publishTarget = publishTarget;
    }

    /**
     * Reads the feed ({@link FeedAccess#read}) and reports what was read and what was ignored.
     *
     * @throws FeedAccess.Unreadable when it cannot be read
     */
    static FleetFeed read(BuildSession s, RepositorySystemSession session, TransporterProvider transporters)
            throws FeedAccess.Unreadable {
        FeedSettings f = s.config().feed();
        String name = f.coordinates();
        QuarantineStore store = s.quarantine();
        Path cache = store == null ? null : store.root().resolve("feed-cache");
        FeedAccess.Read read = FeedAccess.read(s.config(), session, transporters, cache);
        FeedReader.Result r = read.result();
        if (read.mirrorId() == null) {
            String none = "feed " + name + ": no mirror has it (" + String.join(", ", read.mirrorsAsked())
                    + " have no maven-metadata.xml for it): nothing was published to it yet, or airlock.feed names"
                    + " other coordinates than the publishers use";
            LOG.info("[airlock] {}", none);
            s.feedLine(none);
        } else {
            for (String ignored : r.ignored()) {
                LOG.warn("[airlock] feed {}: {}", name, ignored);
                s.feedLine("feed " + name + ": " + ignored);
            }
            for (String kept : r.kept()) {
                LOG.warn("[airlock] feed {}: {}", name, kept);
                s.feedLine("feed " + name + ": " + kept);
            }
            for (String problem : r.index().problems()) {
                LOG.warn("[airlock] feed {}: {}", name, problem);
                s.feedLine("feed " + name + ": " + problem);
            }
            String line = "feed " + name + " read from mirror " + read.mirrorId() + ": "
                    + r.index().blocking().size() + " blocked, " + r.versions().size() + " versions"
                    + (r.snapshot() == null ? "" : " (from snapshot " + r.snapshot() + ")") + ", "
                    + r.ignored().size() + " ignored" + (r.kept().isEmpty() ? "" : ", " + r.kept().size()
                    + " kept from the cache although not listed") + "; " + r.requests() + " requests, " + r.bytes() + " bytes, "
                    + r.cached() + " files from the cache, " + read.millis() + " ms";
            LOG.info("[airlock] {}", line);
            s.feedLine(line);
        }
        TransportedFeed target = null;
        if (f.publishes()) {
            try {
                target = FeedAccess.openPublishTarget(f, session, transporters);
            } catch (IOException e) {
                LOG.error("[airlock] feed {}: this runner cannot publish to {}: {}", name, f.publishId(),
                        e.getMessage());
                s.feedLine("feed " + name + ": this runner cannot publish (" + e.getMessage() + ")");
            }
        }
        return new FleetFeed(f, r.index(), new FeedJudgement(r.index(), name, s.judgeMode()), transporters,
                session, target);
    }

    /** Before a download: the verdict on these coordinates, given the SHA-256 the lock expects (or null). */
    Verdict beforeDownload(Resolution r, String lockedSha256) {
        return judgement.beforeDownload(r, lockedSha256);
    }

    /** On a resolved artifact with its SHA-256. */
    Verdict judge(Resolution r) {
        return judgement.judge(r);
    }

    /** Whether the feed blocks any bytes of {@code coordinates}: only then is the hash needed now. */
    boolean mayBlock(Coordinates coordinates) {
        return coordinates != null && !index.blocked(coordinates).isEmpty();
    }

    boolean isEmpty() {
        return index.isEmpty();
    }

    /**
     * Publishes an entry for each file this build quarantined for an integrity failure the feed carries, when this
     * runner publishes ({@code airlock.feed.publish}). A failure is reported, never thrown: the build's own outcome
     * is already decided.
     */
    void publish(BuildSession s, List<QuarantineStore.Outcome> quarantined) {
        if (!settings.publishes()) {
            return;
        }
        List<FeedEntry> entries = new ArrayList<>();
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String runner = FeedAccess.runner(settings);
        for (QuarantineStore.Outcome o : quarantined) {
            Finding f = o.finding();
            if (o.entry() == null || f.coordinates() == null) {
                continue;
            }
            FindingCode code = f.code();
            if (!code.isIntegrityFailure() || code == FindingCode.QUARANTINED) {
                continue;
            }
            try {
                entries.add(FeedEntry.quarantine(f.coordinates(), o.entry().evidence().sha256(), code, f.source(),
                        now, runner, DigestCache.sha256Uncached(o.entry().evidenceFile())));
            } catch (IOException | IllegalArgumentException e) {
                LOG.error("[airlock] feed {}: cannot publish {} ({}): {}", settings.coordinates(), f.coordinates(),
                        code, e.getMessage());
            }
        }
        if (entries.isEmpty()) {
            return;
        }
        if (publishTarget == null) {
            LOG.error("[airlock] feed {}: {} entr{} NOT published: the publish repository could not be opened at"
                    + " session start", settings.coordinates(), entries.size(), entries.size() == 1 ? "y" : "ies");
            s.feedLine("feed " + settings.coordinates() + ": " + entries.size() + " entries NOT published");
            return;
        }
        try (TransportedFeed target = publishTarget) {
            for (String line : FeedAccess.publish(settings, target, entries)) {
                LOG.info("[airlock] {}", line);
                s.feedLine(line);
            }
        } catch (FeedException | IOException e) {
            LOG.error("[airlock] feed {}: publishing failed: {}; the other runners do not know of this quarantine"
                    + " until it is published", settings.coordinates(), e.getMessage());
            s.feedLine("feed " + settings.coordinates() + ": publishing FAILED: " + e.getMessage());
        }
    }

    /** Closes the publish repository opened at session start, if it is still open. */
    void close() {
        if (publishTarget != null) {
            publishTarget.close();
        }
    }
}
