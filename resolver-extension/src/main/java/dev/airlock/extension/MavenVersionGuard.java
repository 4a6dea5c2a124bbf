package dev.airlock.extension;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.maven.AbstractMavenLifecycleParticipant;
import org.apache.maven.MavenExecutionException;
import org.apache.maven.execution.MavenSession;

/**
 * Fails the build at its start on a Maven that Airlock cannot guard. On Maven 3.8.x the extension's components never
 * load: its container (Sisu 0.3.5) cannot read the Java 17 class files that the {@code javax.inject.Named} index points
 * to, and its resolver (1.6) lacks the repository filter and post-processor hooks the extension locks resolution with.
 * The build would run unguarded, without a word.
 *
 * <p>So this class is declared the old way, in {@code META-INF/plexus/components.xml}, which every Maven since 3.0
 * reads without scanning class files, and not in the index; it injects nothing and uses only APIs Maven 3.0 has.
 *
 * <p>It refuses in every {@code airlock.mode}: the extension's presence is the user's statement that the build is to
 * be guarded, and removing it from {@code .mvn/extensions.xml} is the way to build without Airlock.
 */
public class MavenVersionGuard extends AbstractMavenLifecycleParticipant {
    /** What the README and docs/extension.md promise; the IT matrix runs the tested versions. */
    static final String SUPPORTED = "Maven 3.9.x (tested: 3.9.16), 3.10.x (tested: 3.10.0) and 4.0.x"
            + " (tested: 4.0.0-rc-4)";

    /** The resolver hooks the extension cannot work without (Resolver 1.9 and later). */
    static final String[] REQUIRED_HOOKS = {
        "org.eclipse.aether.spi.connector.filter.RemoteRepositoryFilterSource",
        "org.eclipse.aether.spi.resolution.ArtifactResolverPostProcessor",
    };

    private static final Pattern VERSION = Pattern.compile("(\\d+)\\.(\\d+)(?:\\.(\\d+))?.*");

    @Override
    public void afterSessionStart(MavenSession session) throws MavenExecutionException {
        // set by every Maven's launcher since 3.0.4 (Maven 4 too); no injection, so nothing Sisu must read
        String version = session.getSystemProperties().getProperty("maven.version");
        Optional<String> refusal = refusal(version, MavenVersionGuard.class.getClassLoader());
        if (refusal.isPresent()) {
            throw new MavenExecutionException(refusal.get(), session.getRequest().getPom());
        }
    }

    /**
     * Why this Maven cannot be guarded, or empty when it can.
     *
     * @param mavenVersion the running Maven's version ({@code 3.8.7}, {@code 4.0.0-rc-4}); blank when unknown
     * @param loader a class loader that sees the running Maven's resolver API (the extension's realm)
     */
    static Optional<String> refusal(String mavenVersion, ClassLoader loader) {
        String found = mavenVersion == null || mavenVersion.isBlank() ? "(version unknown)" : mavenVersion.trim();
        Matcher m = VERSION.matcher(found);
        String why = null;
        if (!m.matches()) {
            why = "its version cannot be read";
        } else {
            int major = Integer.parseInt(m.group(1));
            int minor = Integer.parseInt(m.group(2));
            boolean line = (major == 3 && (minor == 9 || minor == 10)) || (major == 4 && minor == 0);
            if (!line) {
                why = major < 3 || (major == 3 && minor < 9)
                        ? "its resolver lacks the repository filter and post-processor hooks (Resolver 1.9) that"
                                + " Airlock locks resolution with, and its container cannot load the extension's"
                                + " components (Java 17 class files), so the build would run unguarded"
                        : "this Maven line is newer than any Airlock has been tested on";
            }
        }
        if (why == null) {
            for (String hook : REQUIRED_HOOKS) {
                if (!present(hook, loader)) {
                    why = "its resolver lacks " + hook + ", which Airlock locks resolution with, so the build would"
                            + " run unguarded";
                    break;
                }
            }
        }
        if (why == null) {
            return Optional.empty();
        }
        return Optional.of("[airlock] Maven " + found + " is not supported: " + why + ". Supported: " + SUPPORTED
                + ". Fix: run this build with a supported Maven (for a project, the Maven Wrapper's"
                + " .mvn/wrapper/maven-wrapper.properties pins one); to build without Airlock, remove"
                + " dev.airlock:airlock-maven-extension from .mvn/extensions.xml (or from the installation's lib/ext).");
    }

    private static boolean present(String className, ClassLoader loader) {
        try {
            Class.forName(className, false, loader);
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
