import dev.airlock.verify.digest.DigestCache;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The cost of the extension's evidence hashing, alone: SHA-256 of every .jar and .pom under a local repository with
 * Airlock's own digest code ({@link DigestCache#sha256Uncached}), three rounds in one fresh JVM (the first one before
 * the JIT has compiled the digest loop), wall time and the hashing thread's CPU time. Run by bench/run-airlock.sh
 * (step "hash"): {@code java -cp attestation-verify/target/classes bench/HashFiles.java DIR}.
 */
public class HashFiles {
    public static void main(String[] args) throws Exception {
        List<Path> files;
        try (Stream<Path> s = Files.walk(Path.of(args[0]))) {
            files = s.filter(p -> p.toString().endsWith(".jar") || p.toString().endsWith(".pom"))
                    .sorted().collect(Collectors.toList());
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (int round = 1; round <= 3; round++) {
            long cpu0 = threads.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            long bytes = 0;
            for (Path p : files) {
                DigestCache.sha256Uncached(p);
                bytes += Files.size(p);
            }
            System.out.printf("round %d%s: %d files, %.1f MB, wall %d ms, thread CPU %d ms%n", round,
                    round == 1 ? " (fresh JVM)" : "", files.size(), bytes / 1e6, (System.nanoTime() - t0) / 1_000_000,
                    (threads.getCurrentThreadCpuTime() - cpu0) / 1_000_000);
        }
    }
}
