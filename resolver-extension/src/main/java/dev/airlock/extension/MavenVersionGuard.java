package dev.airlock.extension;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.inject.Inject;
import javax.inject.Named;
import javax.inject.Singleton;
import org.apache.maven.AbstractMavenLifecycleParticipant;
import org.apache.maven.MavenExecutionException;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.rtinfo.RuntimeInformation;

/**
 * Fails the build at its start on a Maven that Airlock cannot guard. On Maven 3.8.x (Resolver 1.6) the resolver has
 * neither the repository filter nor the post-processor hook the extension locks resolution with: its components
 * would not load and the build would run unguarded, without a word. This class uses only APIs that Maven 3.3 and
 * later have, so that it loads where the rest of the extension cannot, and refuses the build there.
 *
 * <p>It refuses in every {@code airlock.mode}: the extension's presence is the user's statement that the build is to
 * be guarded, and removing it from {@code .mvn/extensions.xml} is the way to build without Airlock.
 */
@Named("airlock-maven-version")
@Singleton
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

    private final RuntimeInformation runtime;

    @Inject
    public MavenVersionGuard(RuntimeInformation runtime) {
        this.runtime = runtime;
    }

    @Override
    public void afterSessionStart(MavenSession session) throws MavenExecutionException {
        Optional<String> refusal = refusal(runtime.getMavenVersion(), MavenVersionGuard.class.getClassLoader());
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
                                + " Airlock locks resolution with, so the build would run unguarded"
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
