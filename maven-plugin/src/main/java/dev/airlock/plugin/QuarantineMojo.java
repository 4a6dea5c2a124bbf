package dev.airlock.plugin;

import dev.airlock.verify.quarantine.QuarantineStore;
import java.io.IOException;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * Lists the quarantine store: every quarantined file with its coordinates, SHA-256, finding code, the rule that
 * raised it, when, and its evidence file; released entries with who released them, when and why.
 */
@Mojo(name = "quarantine", requiresProject = false, aggregator = true, threadSafe = true)
public class QuarantineMojo extends AbstractQuarantineMojo {

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        QuarantineStore store = store();
        List<QuarantineStore.Entry> entries;
        try {
            entries = store.list();
        } catch (IOException e) {
            throw new MojoExecutionException("[airlock] cannot read the quarantine store " + store.root() + ": "
                    + e.getMessage(), e);
        }
        long active = entries.stream().filter(QuarantineStore.Entry::active).count();
        getLog().info("[airlock] quarantine store " + store.root() + ": " + active + " active, "
                + (entries.size() - active) + " released");
        for (QuarantineStore.Entry e : entries) {
            String state = e.active() ? "ACTIVE  " : "RELEASED";
            getLog().info("[airlock] " + state + " " + e.evidence().coordinates() + " sha256 " + e.evidence().sha256()
                    + " " + e.evidence().code() + " by " + e.evidence().rule() + " at " + e.evidence().detectedAt());
            getLog().info("[airlock]          evidence: " + e.evidenceFile());
            if (e.evidence().detail() != null) {
                getLog().info("[airlock]          detail: " + e.evidence().detail());
            }
            if (!e.active()) {
                getLog().info("[airlock]          released by " + e.released().who() + " at " + e.released().when()
                        + ": " + e.released().reason());
            }
        }
    }
}
