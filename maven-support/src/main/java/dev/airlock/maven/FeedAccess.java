package dev.airlock.maven;

import dev.airlock.verify.config.AirlockConfig;
import dev.airlock.verify.config.FeedSettings;
import dev.airlock.verify.config.MirrorSpec;
import dev.airlock.verify.feed.FeedCompactor;
import dev.airlock.verify.feed.FeedEntry;
import dev.airlock.verify.feed.FeedException;
import dev.airlock.verify.feed.FeedPublisher;
import dev.airlock.verify.feed.FeedReader;
import dev.airlock.verify.feed.FeedRepository;
import dev.airlock.verify.feed.FeedSigner;
import dev.airlock.verify.feed.FeedVerifier;
import dev.airlock.verify.policy.PolicyException;
import dev.airlock.verify.policy.TrustPolicy;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.spi.connector.transport.TransporterProvider;

/**
 * The fleet-wide quarantine feed (docs/fleet.md) through Maven: read from the configured mirrors, published to
 * {@code airlock.feed.publish} with that repository's {@code settings.xml} credentials. Shared by the extension
 * (which reads it at session start and publishes what a build quarantined) and the {@code release} goal.
 */
public final class FeedAccess {
    private FeedAccess() {}

    /** The time reading the feed may take. */
    public static final Duration READ_TIMEOUT = Duration.ofSeconds(20);

    /**
     * What was read.
     *
     * @param mirrorId the mirror the feed was read from; null when no mirror has it (nothing published yet)
     * @param mirrorsAsked the mirrors asked, in order
     * @param result what was read (an empty index when no mirror has it)
     */
    public record Read(String mirrorId, List<String> mirrorsAsked, FeedReader.Result result, long millis) {}

    /** The feed cannot be read: unreachable, too slow, its policy unreadable, or its metadata not metadata. */
    public static final class Unreadable extends Exception {
        private static final long serialVersionUID = 1L;

        public Unreadable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * Reads the feed from the first mirror (in configured order, among those whose routing admits the feed's groupId)
     * that has its metadata; every file verified against the keys {@code airlock.feed.policy} names for it.
     *
     * @param cache a folder for accepted files (next to the quarantine store), or null
     */
    public static Read read(AirlockConfig config, RepositorySystemSession session, TransporterProvider transporters,
            Path cache) throws Unreadable {
        FeedSettings f = config.feed();
        String name = f.coordinates();
        FeedVerifier verifier = verifier(f);
        long started = System.nanoTime();
        List<String> asked = new ArrayList<>();
        FeedReader.Result last = null;
        for (MirrorSpec m : config.mirrors()) {
            if (!config.mayServe(m.id(), f.feed().groupId())) {
                continue;
            }
            asked.add(m.id());
            Duration left = READ_TIMEOUT.minusNanos(System.nanoTime() - started);
            try (TransportedFeed repo = TransportedFeed.open(transporters, session, m.id(), m.url(),
                    Math.max(1, left.toMillis()))) {
                last = new FeedReader(f.feed(), verifier, repo, cache, left).read();
            } catch (IOException e) {
                throw new Unreadable("the feed " + name + " cannot be read from mirror " + m.id() + ": "
                        + e.getMessage(), e);
            } catch (FeedException e) {
                throw new Unreadable("the feed " + name + " on mirror " + m.id() + " is not a feed: "
                        + e.getMessage(), e);
            }
            if (last.metadataFound()) {
                return new Read(m.id(), asked, last, (System.nanoTime() - started) / 1_000_000);
            }
        }
        if (last == null) {
            throw new Unreadable("the feed " + name + " cannot be read: no configured mirror may serve its groupId "
                    + f.feed().groupId() + " (airlock.namespaces)", null);
        }
        return new Read(null, asked, last, (System.nanoTime() - started) / 1_000_000);
    }

    /** The verifier of the feed's files: the keys {@code airlock.feed.policy} names for the feed's coordinates. */
    private static FeedVerifier verifier(FeedSettings f) throws Unreadable {
        try {
            return new FeedVerifier(TrustPolicy.parse(f.policy()), f.feed());
        } catch (PolicyException e) {
            throw new Unreadable("the feed " + f.coordinates() + " cannot be verified: its policy"
                    + " (airlock.feed.policy) cannot be read: " + e.getMessage(), e);
        }
    }

    /** The time a compaction may take to read the feed. */
    public static final Duration COMPACT_READ_TIMEOUT = Duration.ofMinutes(10);

    /**
     * Compacts the feed in {@code airlock.feed.publish} (the hosted repository runners publish to, read and rewritten
     * there: a group in front of it may serve an older list), signing the snapshot with {@code airlock.feed.signingKey}.
     *
     * @throws Unreadable when the policy cannot be read
     * @throws FeedException when the feed or the signing key cannot be read
     * @throws IOException when the repository refuses or cannot be reached, or another compaction runs at once
     */
    public static FeedCompactor.Result compact(FeedSettings settings, RepositorySystemSession session,
            TransporterProvider transporters) throws Unreadable, FeedException, IOException {
        FeedVerifier verifier = verifier(settings);
        FeedSigner signer = FeedSigner.fromPem(settings.signingKey());
        try (TransportedFeed repo = TransportedFeed.open(transporters, session, settings.publishId(),
                settings.publishUrl(), COMPACT_READ_TIMEOUT.toMillis())) {
            return new FeedCompactor(settings.feed(), verifier, repo, signer, Clock.systemUTC(),
                    FeedPublisher.SETTLE).compact(COMPACT_READ_TIMEOUT);
        }
    }

    /**
     * Signs and publishes {@code entries} (entries or releases) to {@code airlock.feed.publish}; returns one line per
     * entry published.
     *
     * @throws FeedException when the signing key cannot be read
     * @throws IOException when the repository refuses or cannot be reached
     */
    public static List<String> publish(FeedSettings settings, RepositorySystemSession session,
            TransporterProvider transporters, List<FeedEntry> entries) throws FeedException, IOException {
        try (TransportedFeed repo = openPublishTarget(settings, session, transporters)) {
            return publish(settings, repo, entries);
        }
    }

    /**
     * Opens {@code airlock.feed.publish}. The extension opens it at session start and publishes at the end: some
     * Maven versions no longer hand out transporters once the session has ended.
     */
    public static TransportedFeed openPublishTarget(FeedSettings settings, RepositorySystemSession session,
            TransporterProvider transporters) throws IOException {
        if (!settings.publishes()) {
            throw new IllegalStateException("airlock.feed.publish is not set");
        }
        return TransportedFeed.open(transporters, session, settings.publishId(), settings.publishUrl(),
                READ_TIMEOUT.toMillis());
    }

    /** Signs and publishes {@code entries} to {@code repo}; returns one line per entry published. */
    public static List<String> publish(FeedSettings settings, FeedRepository repo, List<FeedEntry> entries)
            throws FeedException, IOException {
        FeedSigner signer = FeedSigner.fromPem(settings.signingKey());
        List<String> lines = new ArrayList<>();
        FeedPublisher publisher = new FeedPublisher(settings.feed(), repo, signer, Clock.systemUTC());
        for (FeedEntry e : entries) {
            String version = publisher.publish(e);
            lines.add("published to feed " + settings.coordinates() + " (" + repo.describe() + "): "
                    + e.kind() + " " + e.coordinates() + " sha256 " + e.sha256()
                    + (e.isRelease() ? " lifting entry " + e.lifts() : " " + e.code()) + ", id " + e.id()
                    + " (version " + version + ")");
        }
        return lines;
    }

    /** The name this runner publishes under: {@code airlock.feed.runner}, else the host name. */
    public static String runner(FeedSettings settings) {
        if (settings.runner() != null) {
            return settings.runner();
        }
        String h = System.getenv("HOSTNAME");
        if (h == null || h.isBlank()) {
            try {
                h = InetAddress.getLocalHost().getHostName();
            } catch (IOException e) {
                h = "unknown-runner";
            }
        }
        String clean = h.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]", "-");
        return clean.isEmpty() || !Character.isLetterOrDigit(clean.charAt(0)) ? "runner-" + clean : clean;
    }
}
