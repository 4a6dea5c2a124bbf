package dev.airlock.plugin;

import dev.airlock.maven.AirlockBuild;
import dev.airlock.maven.FeedAccess;
import dev.airlock.verify.config.AirlockConfig;
import dev.airlock.verify.config.ConfigException;
import dev.airlock.verify.config.FeedSettings;
import dev.airlock.verify.feed.FeedEntry;
import dev.airlock.verify.feed.FeedException;
import dev.airlock.verify.finding.Coordinates;
import dev.airlock.verify.quarantine.QuarantineStore;
import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.maven.plugins.annotations.Component;
import org.eclipse.aether.spi.connector.transport.TransporterProvider;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Lifts the quarantine block of an artifact: {@code -Dartifact=groupId:artifactId[:extension[:classifier]]:version
 * -Dreason="..."}. The file and its evidence stay in the store; who released it, when and why are appended to the
 * store's {@code release-log.jsonl}. Without an extension, every extension and classifier of that version is
 * released. A release without a reason is refused before anything else is looked at.
 *
 * <p>With a fleet-wide quarantine feed ({@code airlock.feed}) that this runner publishes to
 * ({@code airlock.feed.publish}), the goal also publishes a signed release of every feed entry that blocks the
 * artifact, or of the one entry {@code -Dentry=<id>} names (docs/fleet.md), so that no runner refuses it any more.
 */
@Mojo(name = "release", requiresProject = false, aggregator = true, threadSafe = true)
public class ReleaseMojo extends AbstractQuarantineMojo {
    /** What to release: {@code groupId:artifactId[:extension[:classifier]]:version}. */
    @Parameter(property = "artifact")
    private String artifact;

    /** A feed entry to release for the whole fleet: its id (64 hex digits, or a unique prefix of at least 16). */
    @Parameter(property = "entry")
    private String entry;

    /** Why it is safe after all; kept in the release log. Required. */
    @Parameter(property = "reason")
    private String reason;

    @Component
    private TransporterProvider transporters;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (reason == null || reason.isBlank()) {
            throw new MojoFailureException("[airlock] a release needs a reason: add -Dreason=\"why it is safe\"; it is"
                    + " kept in the release log with who released what and when");
        }
        boolean byArtifact = artifact != null && !artifact.isBlank();
        boolean byEntry = entry != null && !entry.isBlank();
        if (!byArtifact && !byEntry) {
            throw new MojoFailureException("[airlock] name what to release: -Dartifact=groupId:artifactId"
                    + "[:extension[:classifier]]:version (list the store with the quarantine goal), or a feed entry:"
                    + " -Dentry=<id>");
        }
        FeedSettings feed = feedSettings(byEntry);
        if (byEntry && (feed == null || !feed.publishes())) {
            throw new MojoFailureException("[airlock] -Dentry names an entry of the fleet-wide quarantine feed, but "
                    + (feed == null ? "airlock.feed is not configured" : "this runner does not publish to it")
                    + ": set airlock.feed, airlock.feed.publish=<id>::<url> and airlock.feed.signingKey=<the feed's"
                    + " key> (docs/fleet.md)");
        }
        boolean viaFeed = feed != null && feed.publishes();
        if (byArtifact) {
            releaseLocally(viaFeed);
        }
        if (viaFeed) {
            releaseInFeed(feed, byArtifact);
        } else if (feed != null) {
            getLog().warn("[airlock] the fleet-wide quarantine feed " + feed.coordinates() + " may still block "
                    + artifact + " on every runner: this runner does not publish to it (airlock.feed.publish);"
                    + " publish the release from a runner that does");
        }
    }

    /**
     * The feed of the build's configuration. A configuration error matters only when the feed is needed (an entry
     * named) or the store is taken from the configuration; releasing in a store given as {@code airlock.quarantine.dir}
     * works as before without a readable configuration.
     */
    private FeedSettings feedSettings(boolean needed) throws MojoFailureException {
        try {
            return AirlockBuild.of(session).config().feed();
        } catch (ConfigException e) {
            if (needed || quarantineDir == null) {
                throw new MojoFailureException("[airlock] CONFIG_ERROR " + e.getMessage());
            }
            getLog().warn("[airlock] the Airlock configuration cannot be read (" + e.getMessage() + "): releasing in "
                    + quarantineDir + " only, not in a fleet-wide quarantine feed");
            return null;
        }
    }

    private void releaseLocally(boolean feedToo) throws MojoExecutionException, MojoFailureException {
        QuarantineStore store = store();
        String who = System.getProperty("user.name", "unknown");
        List<QuarantineStore.Entry> released;
        try {
            released = store.release(artifact, reason, who, Instant.now());
        } catch (IllegalStateException e) {
            if (feedToo) {
                getLog().info("[airlock] " + e.getMessage() + " in this runner's store " + store.root()
                        + "; releasing it in the feed");
                return;
            }
            throw new MojoFailureException("[airlock] " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new MojoFailureException("[airlock] " + e.getMessage());
        } catch (IOException e) {
            throw new MojoExecutionException("[airlock] cannot update the quarantine store " + store.root() + ": "
                    + e.getMessage(), e);
        }
        for (QuarantineStore.Entry e : released) {
            getLog().info("[airlock] released " + e.evidence().coordinates() + " sha256 " + e.evidence().sha256()
                    + " (" + e.evidence().code() + "); evidence kept in " + e.evidenceFile());
        }
        getLog().info("[airlock] logged in " + store.root().resolve(QuarantineStore.RELEASE_LOG) + " as released by "
                + who + ": " + reason.trim());
    }

    /** Publishes a signed release of each feed entry that blocks the artifact, or of the entry named. */
    private void releaseInFeed(FeedSettings feed, boolean byArtifact) throws MojoFailureException {
        FeedAccess.Read read;
        AirlockConfig config;
        try {
            config = AirlockBuild.of(session).config();
            read = FeedAccess.read(config, session.getRepositorySession(), transporters, null);
        } catch (FeedAccess.Unreadable e) {
            throw new MojoFailureException("[airlock] " + e.getMessage());
        }
        for (String ignored : read.result().ignored()) {
            getLog().warn("[airlock] feed " + feed.coordinates() + ": " + ignored);
        }
        List<FeedEntry> targets = new ArrayList<>();
        for (FeedEntry e : read.result().index().blocking()) {
            boolean named = entry != null && !entry.isBlank()
                    ? entry.trim().length() >= 16 && e.id().startsWith(entry.trim().toLowerCase(Locale.ROOT))
                    : byArtifact && matches(e.coordinates(), artifact);
            if (named) {
                targets.add(e);
            }
        }
        if (targets.isEmpty()) {
            throw new MojoFailureException("[airlock] nothing in the feed " + feed.coordinates() + " (read from "
                    + (read.mirrorId() == null ? "no mirror: none has it" : "mirror " + read.mirrorId()) + ", "
                    + read.result().index().blocking().size() + " blocking entries) matches "
                    + (entry != null && !entry.isBlank() ? "entry " + entry : artifact)
                    + " (an entry id is 64 hex digits; a prefix of at least 16 will do)");
        }
        String runner = FeedAccess.runner(feed);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        List<FeedEntry> releases = new ArrayList<>();
        try {
            for (FeedEntry e : targets) {
                releases.add(FeedEntry.release(e, reason.trim(), now, runner));
            }
        } catch (IllegalArgumentException e) {
            throw new MojoFailureException("[airlock] " + e.getMessage());
        }
        try {
            for (String line : FeedAccess.publish(feed, session.getRepositorySession(), transporters, releases)) {
                getLog().info("[airlock] " + line);
            }
        } catch (FeedException e) {
            throw new MojoFailureException("[airlock] " + e.getMessage());
        } catch (IOException e) {
            throw new MojoFailureException("[airlock] the release could not be published to the feed "
                    + feed.coordinates() + ": " + e.getMessage());
        }
    }

    /** Whether {@code c} is what {@code groupId:artifactId[:extension[:classifier]]:version} names. */
    static boolean matches(Coordinates c, String spec) {
        String[] p = spec.trim().split(":", -1);
        if (p.length < 3 || p.length > 5) {
            return false;
        }
        String cls = c.classifier() == null ? "" : c.classifier();
        return c.groupId().equals(p[0]) && c.artifactId().equals(p[1]) && c.version().equals(p[p.length - 1])
                && (p.length < 4 || c.extension().equals(p[2])) && (p.length < 5 || cls.equals(p[3]));
    }
}
