package dev.airlock.extension;

import dev.airlock.verify.config.AirlockConfig;
import dev.airlock.verify.config.AirlockConfigLoader;
import dev.airlock.verify.config.ConfigException;
import dev.airlock.verify.config.ConfigFiles;
import dev.airlock.verify.config.ConfigKeys;
import dev.airlock.verify.lock.LockFile;
import dev.airlock.verify.report.ToolVersion;
import java.nio.file.Files;
import java.util.List;
import java.nio.file.Path;
import java.util.Properties;
import javax.inject.Named;
import javax.inject.Singleton;
import org.eclipse.aether.RepositorySystemSession;

/**
 * Holds the {@link BuildSession} of the running build, shared by the extension's components (event spy, filter,
 * connector, post-processor, listener, lifecycle participant). The event spy starts it as soon as Maven has read
 * its request; a component that runs without it (an embedder that does not call event spies) starts it from the
 * repository session's properties, so resolution is still filtered.
 */
@Named
@Singleton
public class AirlockState {
    private volatile BuildSession current;

    /** Starts a new build session from Maven's request properties. Never throws: errors are kept for later. */
    BuildSession start(Properties systemProperties, Properties userProperties, Path projectRoot, long startMillis,
            List<String> goals) {
        AirlockConfig config = null;
        ConfigException error = null;
        LockFile lock = null;
        boolean recording = dev.airlock.verify.config.AirlockGoals.recording(goals);
        try {
            config = AirlockConfigLoader.load(projectRoot, ConfigFiles.standard(projectRoot, systemProperties),
                    ConfigFiles.commandLine(systemProperties, userProperties));
            if (config.lock() != null && !recording) {
                if (!Files.isRegularFile(config.lock())) {
                    throw new ConfigException(config.originOf(ConfigKeys.LOCK), "airlock.lock names " + config.lock()
                            + ", which does not exist", "record it: mvn dev.airlock:airlock-maven-plugin:"
                            + ToolVersion.get() + ":record, or correct the path");
                }
                lock = LockFile.read(config.lock());
            }
        } catch (ConfigException e) {
            error = e;
        }
        BuildSession s = new BuildSession(startMillis, config, error, projectRoot, lock, recording);
        current = s;
        return s;
    }

    /** The running build's session. */
    BuildSession current() {
        return current;
    }

    /** The running build's session, started from the repository session's properties when nothing started it. */
    BuildSession forSession(RepositorySystemSession session) {
        BuildSession s = current;
        if (s != null) {
            return s;
        }
        synchronized (this) {
            if (current == null) {
                Properties sys = new Properties();
                sys.putAll(session.getSystemProperties());
                Properties user = new Properties();
                user.putAll(session.getUserProperties());
                String root = sys.getProperty("maven.multiModuleProjectDirectory");
                start(sys, user, root == null ? null : Path.of(root), System.currentTimeMillis(), List.of())
                        .secrets(dev.airlock.verify.secrets.SecretScanner.of(System.getenv(), java.util.Map.of()));
            }
            return current;
        }
    }
}
