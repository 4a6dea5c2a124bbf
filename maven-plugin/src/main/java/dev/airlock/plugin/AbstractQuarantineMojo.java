package dev.airlock.plugin;

import dev.airlock.verify.config.AirlockConfig;
import dev.airlock.verify.config.AirlockConfigLoader;
import dev.airlock.verify.config.ConfigException;
import dev.airlock.verify.config.ConfigFiles;
import dev.airlock.verify.quarantine.QuarantineStore;
import java.io.File;
import java.nio.file.Path;
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
        Path root = session.getRequest().getMultiModuleProjectDirectory() == null ? null
                : session.getRequest().getMultiModuleProjectDirectory().toPath();
        try {
            AirlockConfig c = AirlockConfigLoader.loadForTools(root, ConfigFiles.standard(root,
                    session.getSystemProperties()), ConfigFiles.commandLine(session.getSystemProperties(),
                    session.getUserProperties()));
            if (c.quarantineDir() != null) {
                return new QuarantineStore(c.quarantineDir());
            }
        } catch (ConfigException e) {
            throw new MojoFailureException("[airlock] CONFIG_ERROR " + e.getMessage());
        }
        return new QuarantineStore(QuarantineStore.defaultDir(Path.of(session.getLocalRepository().getBasedir())));
    }
}
