package dev.airlock.plugin;

import dev.airlock.verify.quarantine.QuarantineStore;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Lifts the quarantine block of an artifact: {@code -Dartifact=groupId:artifactId[:extension[:classifier]]:version
 * -Dreason="..."}. The file and its evidence stay in the store; who released it, when and why are appended to the
 * store's {@code release-log.jsonl}. Without an extension, every extension and classifier of that version is
 * released. A release without a reason is refused before anything else is looked at.
 */
@Mojo(name = "release", requiresProject = false, aggregator = true, threadSafe = true)
public class ReleaseMojo extends AbstractQuarantineMojo {
    /** What to release: {@code groupId:artifactId[:extension[:classifier]]:version}. */
    @Parameter(property = "artifact")
    private String artifact;

    /** Why it is safe after all; kept in the release log. Required. */
    @Parameter(property = "reason")
    private String reason;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (reason == null || reason.isBlank()) {
            throw new MojoFailureException("[airlock] a release needs a reason: add -Dreason=\"why it is safe\"; it is"
                    + " kept in the release log with who released what and when");
        }
        if (artifact == null || artifact.isBlank()) {
            throw new MojoFailureException("[airlock] name what to release: -Dartifact=groupId:artifactId"
                    + "[:extension[:classifier]]:version (list the store with the quarantine goal)");
        }
        QuarantineStore store = store();
        String who = System.getProperty("user.name", "unknown");
        List<QuarantineStore.Entry> released;
        try {
            released = store.release(artifact, reason, who, Instant.now());
        } catch (IllegalArgumentException | IllegalStateException e) {
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
}
