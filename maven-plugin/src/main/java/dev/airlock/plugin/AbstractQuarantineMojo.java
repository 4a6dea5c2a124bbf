package dev.airlock.plugin;

import dev.airlock.maven.AirlockBuild;
import dev.airlock.verify.config.ConfigException;
import dev.airlock.verify.quarantine.QuarantineStore;
import java.io.File;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;

/** The quarantine store the extension and the rules use: {@code airlock.quarantine.dir}, or next to the local repository. */
abstract class AbstractQuarantineMojo extends AbstractMojo {
    @Parameter(defaultValue = "${session}", readonly = true, required = true)
    protected MavenSession session;

    /** The quarantine store; default {@code airlock.quarantine.dir} of the Airlock configuration, else {@code <local repository>/../airlock-quarantine}. */
    @Parameter(property = "airlock.quarantine.dir")
    protected File quarantineDir;

    protected QuarantineStore store() throws MojoFailureException {
        if (quarantineDir != null) {
            return new QuarantineStore(quarantineDir.toPath());
        }
        try {
            return AirlockBuild.of(session).quarantine();
        } catch (ConfigException e) {
            throw new MojoFailureException("[airlock] CONFIG_ERROR " + e.getMessage());
        }
    }
}
