package dev.airlock.verify.bench;

import dev.airlock.verify.digest.DigestCache;
import dev.airlock.verify.sigstore.SignatureOutcome;
import dev.airlock.verify.sigstore.SigstoreBundleVerifier;
import dev.airlock.verify.sigstore.TrustedRoot;
import dev.airlock.verify.slsa.ProvenanceOutcome;
import dev.airlock.verify.slsa.ProvenanceVerifier;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Benchmark (not a test) of offline signature and provenance verification on the shared fixtures: the set-up once
 * per build (trusted root and verifiers), then the time per verification over at least 300 real Sigstore bundles
 * (the four from {@code central}, by digest, cycled) and at least 300 real provenance files (every slsa-verifier
 * bundle fixture, cycled). Each verification reads its bundle from disk, as a rule does. Prints the figures and their
 * ratio to the 10 ms budget. Run with {@code bench/signature-bench.sh}.
 *
 * <p>Arguments: {@code [fixturesDir] [count]} (defaults: the system property {@code airlock.fixtures}, 600).
 */
public final class SignatureBench {
    private static final double BUDGET_MS = 10.0;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    public static void main(String[] args) throws Exception {
        Path fixtures = Path.of(args.length > 0 ? args[0] : System.getProperty("airlock.fixtures"));
        int count = args.length > 1 ? Integer.parseInt(args[1]) : 600;
        if (count < 300) {
            throw new IllegalArgumentException("count must be at least 300");
        }

        long t0 = System.nanoTime();
        TrustedRoot root = TrustedRoot.publicGood(TrustedRoot.PUBLIC_GOOD_SHA256);
        SigstoreBundleVerifier signatures = new SigstoreBundleVerifier(root);
        ProvenanceVerifier provenance = new ProvenanceVerifier(signatures, List.of());
        double setupMs = (System.nanoTime() - t0) / 1e6;

        // signatures: the real central bundles, by the digests of SHA256SUMS
        Map<String, String> sums = new HashMap<>();
        for (String line : Files.readAllLines(fixtures.resolve("maven-central/SHA256SUMS"))) {
            String[] p = line.trim().split("\\s+");
            sums.put(p[1], p[0]);
        }
        List<Path> bundles = new ArrayList<>();
        List<String> bundleSha = new ArrayList<>();
        for (String name : sums.keySet().stream().sorted().toList()) {
            bundles.add(fixtures.resolve("maven-central/" + name + ".sigstore.json"));
            bundleSha.add(sums.get(name));
        }
        double[] sig = new double[count];
        double[] sigCpu = new double[count];
        for (int i = 0; i < count; i++) {
            int k = i % bundles.size();
            long c = THREADS.getCurrentThreadCpuTime();
            long s = System.nanoTime();
            SignatureOutcome o = signatures.verify(bundles.get(k), bundleSha.get(k));
            sig[i] = (System.nanoTime() - s) / 1e6;
            sigCpu[i] = (THREADS.getCurrentThreadCpuTime() - c) / 1e6;
            if (!o.isVerified()) {
                throw new IllegalStateException("not verified: " + o);
            }
        }

        // provenance: every bundle-format slsa-verifier fixture with its artifact
        List<Path> files = new ArrayList<>();
        List<String> fileSha = new ArrayList<>();
        try (Stream<Path> s = Files.walk(fixtures.resolve("slsa-verifier"))) {
            for (Path p : s.filter(f -> f.toString().endsWith(".build.slsa")).sorted().toList()) {
                files.add(p);
                fileSha.add(DigestCache.sha256Uncached(Path.of(p.toString().replace(".build.slsa", ""))));
            }
        }
        for (String bcr : List.of("MODULE.bazel", "rules_lint-v1.3.1.tar.gz")) {
            files.add(fixtures.resolve("slsa-verifier/bcr/" + bcr + ".intoto.jsonl"));
            fileSha.add(DigestCache.sha256Uncached(fixtures.resolve("slsa-verifier/bcr/" + bcr)));
        }
        files.add(fixtures.resolve("slsa-verifier/gha_generic-v2.1.0/binary-linux-amd64-workflow_dispatch.intoto.jsonl"));
        fileSha.add(sha256Sums(fixtures.resolve("slsa-verifier/gha_generic-v2.1.0/SHA256SUMS")));
        double[] prov = new double[count];
        double[] provCpu = new double[count];
        for (int i = 0; i < count; i++) {
            int k = i % files.size();
            long c = THREADS.getCurrentThreadCpuTime();
            long s = System.nanoTime();
            ProvenanceOutcome o = provenance.verify(files.get(k), fileSha.get(k));
            prov[i] = (System.nanoTime() - s) / 1e6;
            provCpu[i] = (THREADS.getCurrentThreadCpuTime() - c) / 1e6;
            if (!o.isVerified()) {
                throw new IllegalStateException("not verified: " + o);
            }
        }

        System.out.printf("load average at the end: %.2f on %d cores (the wall times below grow with it; the"
                + " thread CPU times do not)%n", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                Runtime.getRuntime().availableProcessors());
        System.out.printf("set-up (trusted root + verifiers, once per build): %.1f ms%n", setupMs);
        report("signatures (" + bundles.size() + " real central bundles, cycled), wall", sig);
        report("signatures, thread CPU", sigCpu);
        report("provenance (" + files.size() + " real slsa-verifier files, cycled), wall", prov);
        report("provenance, thread CPU", provCpu);
    }

    private static void report(String what, double[] ms) {
        double all = Arrays.stream(ms).sum() / ms.length;
        double[] steady = Arrays.copyOfRange(ms, ms.length / 2, ms.length);
        double mean = Arrays.stream(steady).sum() / steady.length;
        double[] sorted = steady.clone();
        Arrays.sort(sorted);
        double p95 = sorted[(int) Math.floor(sorted.length * 0.95) - 1];
        System.out.printf("%s: %d verifications, mean %.2f ms per verification over all (JIT warm-up included);"
                + " second half: mean %.2f ms, median %.2f ms, p95 %.2f ms; budget %.0f ms, ratio mean/budget %.2f%n",
                what, ms.length, all, mean, sorted[sorted.length / 2], p95, BUDGET_MS, all / BUDGET_MS);
    }

    private static String sha256Sums(Path f) throws IOException {
        return Files.readAllLines(f).get(0).trim().split("\\s+")[0];
    }
}
