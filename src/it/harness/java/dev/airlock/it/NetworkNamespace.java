package dev.airlock.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs a scenario's build in a fresh network namespace (Linux: {@code unshare -rn}, loopback brought up, nothing
 * else): the offline phase of a sealed build, where the IT's own servers, in the parent namespace, are unreachable
 * too. Where the platform cannot make one, the build is skipped with the reason, never reported as passing.
 */
final class NetworkNamespace {
    private static Boolean available;
    private static String why = "";

    private NetworkNamespace() {}

    /** A script that runs {@code mavenHome/bin/mvn} with its arguments inside a new network namespace. */
    static Path wrapper(Path work, Path mavenHome) throws IOException {
        if (!available()) {
            Assumptions.abort("this platform cannot make a network namespace (" + why + "): the offline phase"
                    + " cannot be isolated here, so it is not run");
        }
        Path script = work.resolve("mvn-in-netns");
        Files.writeString(script, "#!/bin/sh\n"
                + "# runs Maven in a fresh network namespace: only loopback, no route out\n"
                + "exec unshare -rn sh -c 'ip link set lo up && exec \"$@\"' sh \""
                + mavenHome.resolve("bin/mvn") + "\" \"$@\"\n", StandardCharsets.UTF_8);
        script.toFile().setExecutable(true);
        return script;
    }

    static synchronized boolean available() {
        if (available == null) {
            try {
                Process p = new ProcessBuilder("unshare", "-rn", "sh", "-c", "ip link set lo up && echo ok")
                        .redirectErrorStream(true).start();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
                available = p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0 && out.endsWith("ok");
                why = available ? "" : out;
            } catch (IOException | InterruptedException e) {
                available = false;
                why = e.toString();
            }
        }
        return available;
    }
}
