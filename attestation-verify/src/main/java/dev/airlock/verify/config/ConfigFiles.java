package dev.airlock.verify.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Where the {@code airlock.properties} files of a build are, lowest precedence first (project, user, installation),
 * and which command-line properties concern Airlock. Shared by the extension, the rules and the goals, so they all
 * read the same configuration.
 */
public final class ConfigFiles {
    private ConfigFiles() {}

    /**
     * @param projectRoot {@code maven.multiModuleProjectDirectory}, or null
     * @param systemProperties Maven's system properties ({@code maven.home}, {@code user.home}, and on Maven 4
     *     {@code maven.user.conf} and {@code maven.installation.conf})
     */
    public static List<Path> standard(Path projectRoot, Properties systemProperties) {
        List<Path> files = new ArrayList<>();
        if (projectRoot != null) {
            files.add(projectRoot.resolve(".mvn").resolve(ConfigKeys.FILE_NAME));
        }
        String userConf = systemProperties.getProperty("maven.user.conf");
        String userHome = systemProperties.getProperty("user.home", System.getProperty("user.home"));
        if (userConf != null) {
            files.add(Path.of(userConf).resolve(ConfigKeys.FILE_NAME));
        } else if (userHome != null) {
            files.add(Path.of(userHome, ".m2", ConfigKeys.FILE_NAME));
        }
        String installationConf = systemProperties.getProperty("maven.installation.conf");
        String mavenHome = systemProperties.getProperty("maven.home");
        if (installationConf != null) {
            files.add(Path.of(installationConf).resolve(ConfigKeys.FILE_NAME));
        } else if (mavenHome != null) {
            files.add(Path.of(mavenHome, "conf", ConfigKeys.FILE_NAME));
        }
        return files;
    }

    /** The {@code airlock.*} entries of the system and user properties; user properties ({@code -D}) win. */
    public static Map<String, String> commandLine(Properties systemProperties, Properties userProperties) {
        Map<String, String> out = new HashMap<>();
        collect(systemProperties, out);
        collect(userProperties, out);
        return out;
    }

    private static void collect(Properties props, Map<String, String> into) {
        if (props == null) {
            return;
        }
        for (String name : props.stringPropertyNames()) {
            if (name.startsWith("airlock.")) {
                into.put(name, props.getProperty(name));
            }
        }
    }
}
