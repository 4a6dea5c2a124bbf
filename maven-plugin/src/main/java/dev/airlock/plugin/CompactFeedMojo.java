package dev.airlock.plugin;

import dev.airlock.maven.AirlockBuild;
import dev.airlock.maven.FeedAccess;
import dev.airlock.verify.config.ConfigException;
import dev.airlock.verify.config.FeedSettings;
import dev.airlock.verify.feed.FeedCompactor;
import dev.airlock.verify.feed.FeedException;
import java.io.IOException;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.execution.MavenSession;
import org.eclipse.aether.spi.connector.transport.TransporterProvider;

/**
 * Compacts the fleet-wide quarantine feed (docs/fleet.md, "Compaction"): reads the feed from the hosted repository
 * runners publish to ({@code airlock.feed.publish}), verifying every file as a build does, folds the live entries and
 * releases into a snapshot signed with the feed's key ({@code airlock.feed.signingKey}), publishes it, and rewrites
 * the feed's {@code maven-metadata.xml} to list the snapshot and the versions it does not cover. Nothing is deleted.
 * A new runner then reads the feed in a few requests whatever its history. Run it from one scheduled job (one
 * compaction at a time); runners may publish while it runs.
 */
@Mojo(name = "compact-feed", requiresProject = false, aggregator = true, threadSafe = true)
public class CompactFeedMojo extends AbstractMojo {
    @Parameter(defaultValue = "${session}", readonly = true, required = true)
    private MavenSession session;

    @Component
    private TransporterProvider transporters;

    @Override
    public void execute() throws MojoFailureException {
        FeedSettings feed;
        try {
            feed = AirlockBuild.of(session).config().feed();
        } catch (ConfigException e) {
            throw new MojoFailureException("[airlock] CONFIG_ERROR " + e.getMessage());
        }
        if (feed == null || !feed.publishes()) {
            throw new MojoFailureException("[airlock] compact-feed rewrites the fleet-wide quarantine feed in the"
                    + " repository runners publish to, but " + (feed == null ? "airlock.feed is not configured"
                    : "airlock.feed.publish is not set") + ": set airlock.feed, airlock.feed.publish=<id>::<url> and"
                    + " airlock.feed.signingKey=<the feed's key> (docs/fleet.md)");
        }
        FeedCompactor.Result r;
        try {
            r = FeedAccess.compact(feed, session.getRepositorySession(), transporters);
        } catch (FeedAccess.Unreadable | FeedException e) {
            throw new MojoFailureException("[airlock] the feed " + feed.coordinates() + " cannot be compacted: "
                    + e.getMessage());
        } catch (IOException e) {
            throw new MojoFailureException("[airlock] the feed " + feed.coordinates() + " cannot be compacted in "
                    + feed.publishId() + " (" + feed.publishUrl() + "): " + e.getMessage());
        }
        for (String ignored : r.ignored()) {
            getLog().warn("[airlock] feed " + feed.coordinates() + ": " + ignored + " (left listed, not compacted)");
        }
        if (!r.compacted()) {
            getLog().info("[airlock] feed " + feed.coordinates() + " in " + feed.publishId() + ": nothing to compact ("
                    + r.listedBefore() + " versions listed, " + (r.previous() == null ? "no snapshot"
                    : "snapshot " + r.previous()) + "; no accepted entry or release since)");
            return;
        }
        getLog().info("[airlock] compacted feed " + feed.coordinates() + " in " + feed.publishId() + ": snapshot "
                + r.version() + " (from " + (r.previous() == null ? "no snapshot" : r.previous()) + "; folded in: "
                + r.folded() + ", covered: " + r.snapshot().covers().size() + ", live: "
                + r.snapshot().entries().size() + "); maven-metadata.xml lists " + r.listedAfter()
                + " versions, was " + r.listedBefore());
    }
}
