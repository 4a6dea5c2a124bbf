package dev.airlock.verify.bench;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.airlock.verify.artifact.ResolvedArtifact;
import dev.airlock.verify.digest.Digests;
import dev.airlock.verify.digest.HashAlgorithm;
import dev.airlock.verify.finding.Coordinates;
import dev.airlock.verify.sbom.SbomDocument;
import dev.airlock.verify.sbom.SbomParser;
import dev.airlock.verify.sbom.SbomVerification;
import dev.airlock.verify.sbom.SbomVerifier;
import dev.airlock.verify.sbom.SpdxRecordWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Benchmark (not a test) of verifySbom's two costs: hashing the resolved files and parsing the SBOM. Driven by
 * {@code bench/sbom-bench.sh}, which documents the modes; every figure is measured in the run that prints it.
 *
 * <pre>
 *   generate DIR [FILES]   FILES artifact files (default 1200) with jar-like sizes, plus 3,000-entry SBOMs
 *   startup                the fixed cost: JVM start to the first file hashed through Digests
 *   hash DIR [FILES]       verifySbom over all files (or the first FILES): the first run in this JVM, then after
 *                          warm-up rounds pair by pair against openssl, then cached; the fixed start-up is the
 *                          first run's time minus the warm median
 *   parse FILE [WARM]      one parse of an SBOM in this JVM (cold), then WARM more (best reported)
 *   parse-warmed FILE      SbomParser.warmUp() first (what a rule can run in the background), then one parse
 * </pre>
 */
public final class SbomBench {
    private static final int SBOM_ENTRIES = 3000;

    private SbomBench() {}

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println("usage: SbomBench generate DIR [FILES] | startup | hash DIR | parse FILE [WARM]");
            System.exit(2);
        }
        switch (args[0]) {
            case "generate" -> generate(Path.of(args[1]), args.length > 2 ? Integer.parseInt(args[2]) : 1200);
            case "startup" -> startup();
            case "hash" -> hash(Path.of(args[1]), args.length > 2 ? Integer.parseInt(args[2]) : Integer.MAX_VALUE);
            case "parse" -> parse(Path.of(args[1]), args.length > 2 ? Integer.parseInt(args[2]) : 5, false);
            case "parse-warmed" -> parse(Path.of(args[1]), 0, true);
            default -> throw new IllegalArgumentException(args[0]);
        }
    }

    // ---------------------------------------------------------------------------------------------------------

    private static Path repo(Path dir) {
        return dir.resolve("repo");
    }

    private static Coordinates coords(int i) {
        return new Coordinates("org.bench.g" + (i % 97), "artifact-" + i, "jar", null, "1." + (i % 13) + ".0");
    }

    private static Path fileOf(Path dir, Coordinates c) {
        return repo(dir).resolve(c.groupId().replace('.', '/')).resolve(c.artifactId()).resolve(c.version())
                .resolve(c.artifactId() + '-' + c.version() + ".jar");
    }

    /** Jar-like sizes: log-normal, median 50 kB, sigma 1.3, clipped to 2 kB .. 8 MB; random (incompressible). */
    private static void generate(Path dir, int files) throws Exception {
        Random r = new Random(20260101L);
        long total = 0;
        byte[] buf = new byte[1 << 20];
        List<ResolvedArtifact> artifacts = new ArrayList<>();
        for (int i = 0; i < files; i++) {
            long size = (long) Math.exp(Math.log(50_000) + 1.3 * r.nextGaussian());
            size = Math.max(2_000, Math.min(8_000_000, size));
            Coordinates c = coords(i);
            Path f = fileOf(dir, c);
            Files.createDirectories(f.getParent());
            try (OutputStream out = Files.newOutputStream(f)) {
                long left = size;
                while (left > 0) {
                    r.nextBytes(buf);
                    int n = (int) Math.min(buf.length, left);
                    out.write(buf, 0, n);
                    left -= n;
                }
            }
            total += size;
            artifacts.add(new ResolvedArtifact(c, f, ResolvedArtifact.Kind.DEPENDENCY, "compile", false, List.of(),
                    "org.bench:app", "internal"));
        }
        System.out.printf(Locale.ROOT, "generated %d files, %.1f MB in %s%n", files, total / 1e6, repo(dir));

        // the SBOM of exactly these files (CycloneDX 1.6 JSON, SHA-256 + SHA-512): what verifySbom checks in "hash"
        Digests d = new Digests(100_000);
        Map<Path, Set<HashAlgorithm>> req = new LinkedHashMap<>();
        artifacts.forEach(a -> req.put(a.file(), EnumSet.of(HashAlgorithm.SHA256, HashAlgorithm.SHA512)));
        Map<Path, Digests.Result> h = d.digestAll(req);
        List<String[]> rows = new ArrayList<>();
        for (ResolvedArtifact a : artifacts) {
            Map<HashAlgorithm, String> x = h.get(a.file()).digests();
            rows.add(new String[] {a.coordinates().groupId(), a.coordinates().artifactId(), a.coordinates().version(),
                x.get(HashAlgorithm.SHA256), x.get(HashAlgorithm.SHA512)});
        }
        writeCycloneDxJson(dir.resolve("files.cdx.json"), rows);

        // 3,000-entry SBOMs of each format (entries beyond the files reuse their hashes under other coordinates)
        List<String[]> big = new ArrayList<>();
        for (int i = 0; i < SBOM_ENTRIES; i++) {
            String[] base = rows.get(i % rows.size());
            Coordinates c = coords(i);
            big.add(new String[] {c.groupId(), c.artifactId(), c.version(), base[3], base[4]});
        }
        writeCycloneDxJson(dir.resolve("sbom-3000.cdx.json"), big);
        writeCycloneDxXml(dir.resolve("sbom-3000.cdx.xml"), big);
        writeSpdx3(dir.resolve("sbom-3000.spdx3.jsonld"), big);
        List<ResolvedArtifact> three = new ArrayList<>();
        for (int i = 0; i < SBOM_ENTRIES; i++) {
            ResolvedArtifact a = artifacts.get(i % artifacts.size());
            three.add(new ResolvedArtifact(coords(i), a.file(), ResolvedArtifact.Kind.DEPENDENCY, "compile", false,
                    List.of(), "org.bench:app", "internal"));
        }
        new SpdxRecordWriter(Coordinates.parse("org.bench:app:jar:1.0.0"), null, d)
                .write(three, dir.resolve("sbom-3000.spdx.json"));
        try (Stream<Path> s = Files.list(dir)) {
            s.filter(p -> p.getFileName().toString().startsWith("sbom-") || p.getFileName().toString().startsWith(
                    "files.")).sorted().forEach(p -> {
                        try {
                            System.out.printf(Locale.ROOT, "  %-24s %6.2f MB%n", p.getFileName(), Files.size(p) / 1e6);
                        } catch (IOException e) {
                            throw new RuntimeException(e);
                        }
                    });
        }
    }

    private static final JsonFactory JSON = new JsonFactory();

    private static void writeCycloneDxJson(Path f, List<String[]> rows) throws IOException {
        try (JsonGenerator g = JSON.createGenerator(f.toFile(), JsonEncoding.UTF8)) {
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeStringField("bomFormat", "CycloneDX");
            g.writeStringField("specVersion", "1.6");
            g.writeNumberField("version", 1);
            g.writeObjectFieldStart("metadata");
            g.writeArrayFieldStart("properties");
            g.writeStartObject();
            g.writeStringField("name", "maven.scopes");
            g.writeStringField("value", "compile,provided,runtime,system");
            g.writeEndObject();
            g.writeEndArray();
            g.writeObjectFieldStart("component");
            g.writeStringField("type", "application");
            g.writeStringField("group", "org.bench");
            g.writeStringField("name", "app");
            g.writeStringField("version", "1.0.0");
            g.writeStringField("purl", "pkg:maven/org.bench/app@1.0.0?type=jar");
            g.writeEndObject();
            g.writeEndObject();
            g.writeArrayFieldStart("components");
            for (String[] r : rows) {
                String purl = "pkg:maven/" + r[0] + '/' + r[1] + '@' + r[2] + "?type=jar";
                g.writeStartObject();
                g.writeStringField("type", "library");
                g.writeStringField("bom-ref", purl);
                g.writeStringField("group", r[0]);
                g.writeStringField("name", r[1]);
                g.writeStringField("version", r[2]);
                g.writeArrayFieldStart("hashes");
                g.writeStartObject();
                g.writeStringField("alg", "SHA-256");
                g.writeStringField("content", r[3]);
                g.writeEndObject();
                g.writeStartObject();
                g.writeStringField("alg", "SHA-512");
                g.writeStringField("content", r[4]);
                g.writeEndObject();
                g.writeEndArray();
                g.writeStringField("purl", purl);
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
    }

    private static void writeCycloneDxXml(Path f, List<String[]> rows) throws IOException {
        try (Writer w = Files.newBufferedWriter(f, StandardCharsets.UTF_8)) {
            w.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<bom xmlns=\"http://cyclonedx.org/schema/bom/1.6\""
                    + " version=\"1\">\n  <metadata><component type=\"application\"><group>org.bench</group>"
                    + "<name>app</name><version>1.0.0</version><purl>pkg:maven/org.bench/app@1.0.0?type=jar</purl>"
                    + "</component></metadata>\n  <components>\n");
            for (String[] r : rows) {
                String purl = "pkg:maven/" + r[0] + '/' + r[1] + '@' + r[2] + "?type=jar";
                w.write("    <component type=\"library\" bom-ref=\"" + purl.replace("&", "&amp;") + "\"><group>" + r[0]
                        + "</group><name>" + r[1] + "</name><version>" + r[2] + "</version><hashes>"
                        + "<hash alg=\"SHA-256\">" + r[3] + "</hash><hash alg=\"SHA-512\">" + r[4] + "</hash></hashes>"
                        + "<purl>" + purl + "</purl></component>\n");
            }
            w.write("  </components>\n</bom>\n");
        }
    }

    /** SPDX 3.0.1 JSON-LD in the shape spdx-maven-plugin writes, each package with two hashes. */
    private static void writeSpdx3(Path f, List<String[]> rows) throws IOException {
        String ns = "https://bench.example/spdx/app-1.0.0";
        try (JsonGenerator g = JSON.createGenerator(f.toFile(), JsonEncoding.UTF8)) {
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeStringField("@context", "https://spdx.org/rdf/3.0.1/spdx-context.jsonld");
            g.writeArrayFieldStart("@graph");
            g.writeStartObject();
            g.writeStringField("@id", "_:creationInfo_0");
            g.writeStringField("type", "CreationInfo");
            g.writeStringField("specVersion", "3.0.1");
            g.writeArrayFieldStart("createdBy");
            g.writeString(ns + "#agent");
            g.writeEndArray();
            g.writeStringField("created", "2026-01-01T00:00:00Z");
            g.writeEndObject();
            g.writeStartObject();
            g.writeStringField("spdxId", ns + "#agent");
            g.writeStringField("type", "Agent");
            g.writeStringField("name", "bench");
            g.writeStringField("creationInfo", "_:creationInfo_0");
            g.writeEndObject();
            g.writeStartObject();
            g.writeStringField("spdxId", ns + "#doc");
            g.writeStringField("type", "SpdxDocument");
            g.writeArrayFieldStart("rootElement");
            g.writeString(ns + "#root");
            g.writeEndArray();
            g.writeStringField("creationInfo", "_:creationInfo_0");
            g.writeEndObject();
            g.writeStartObject();
            g.writeStringField("spdxId", ns + "#root");
            g.writeStringField("type", "software_Package");
            g.writeStringField("name", "app");
            g.writeStringField("software_packageVersion", "1.0.0");
            g.writeStringField("creationInfo", "_:creationInfo_0");
            g.writeEndObject();
            int i = 0;
            for (String[] r : rows) {
                g.writeStartObject();
                g.writeStringField("spdxId", ns + "#pkg-" + i++);
                g.writeStringField("type", "software_Package");
                g.writeStringField("name", r[1]);
                g.writeStringField("software_packageVersion", r[2]);
                g.writeStringField("software_packageUrl", "pkg:maven/" + r[0] + '/' + r[1] + '@' + r[2]);
                g.writeArrayFieldStart("verifiedUsing");
                for (String[] h : new String[][] {{"sha256", r[3]}, {"sha512", r[4]}}) {
                    g.writeStartObject();
                    g.writeStringField("type", "Hash");
                    g.writeStringField("algorithm", h[0]);
                    g.writeStringField("hashValue", h[1]);
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeStringField("creationInfo", "_:creationInfo_0");
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
    }

    // ---------------------------------------------------------------------------------------------------------

    private static double sinceJvmStartMs() {
        return System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
    }

    private static void startup() throws Exception {
        double main = sinceJvmStartMs();
        Path f = Files.createTempFile("airlock-bench", ".jar");
        try {
            Files.writeString(f, "x");
            long t0 = System.nanoTime();
            new Digests(10).digest(f, HashAlgorithm.SHA512);
            double first = (System.nanoTime() - t0) / 1e6;
            System.out.printf(Locale.ROOT, "startup: JVM start to main %.0f ms, first hash %.1f ms, total %.0f ms%n",
                    main, first, sinceJvmStartMs());
        } finally {
            Files.deleteIfExists(f);
        }
    }

    private static List<ResolvedArtifact> listFiles(Path dir) throws IOException {
        List<ResolvedArtifact> out = new ArrayList<>();
        try (Stream<Path> s = Files.walk(repo(dir))) {
            for (Path p : s.filter(Files::isRegularFile).sorted().toList()) {
                String v = p.getParent().getFileName().toString();
                String a = p.getParent().getParent().getFileName().toString();
                String g = repo(dir).relativize(p.getParent().getParent().getParent()).toString().replace('/', '.');
                out.add(new ResolvedArtifact(new Coordinates(g, a, "jar", null, v), p, ResolvedArtifact.Kind.DEPENDENCY,
                        "compile", false, List.of(), "org.bench:app", "internal"));
            }
        }
        return out;
    }

    private static double openssl(List<Path> files) throws Exception {
        return openssl(files, "-sha256");
    }

    private static double openssl(List<Path> files, String algorithm) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("openssl", "dgst", algorithm));
        files.forEach(p -> cmd.add(p.toString()));
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        int rc = p.waitFor();
        double ms = (System.nanoTime() - t0) / 1e6;
        if (rc != 0) {
            throw new IOException("openssl exited " + rc);
        }
        return ms;
    }

    private static void hash(Path dir, int limit) throws Exception {
        double startup = sinceJvmStartMs();
        List<ResolvedArtifact> artifacts = listFiles(dir);
        if (artifacts.size() > limit) {
            artifacts = artifacts.subList(0, limit);
        }
        List<Path> files = artifacts.stream().map(ResolvedArtifact::file).toList();
        long bytes = 0;
        for (Path p : files) {
            bytes += Files.size(p);
        }
        System.out.printf(Locale.ROOT, "%d files, %.1f MB, %d processors; JVM start to main %.0f ms%n", files.size(),
                bytes / 1e6, Runtime.getRuntime().availableProcessors(), startup);

        long t0 = System.nanoTime();
        SbomDocument sbom = SbomParser.parse(dir.resolve("files.cdx.json"));
        System.out.printf(Locale.ROOT, "parse files.cdx.json (%d entries, cold): %.0f ms%n", sbom.entries().size(),
                (System.nanoTime() - t0) / 1e6);

        // 1. cold: the first verification in this JVM (JIT not warm), next to one openssl run
        double sslCold = openssl(files);
        Digests cold = new Digests(100_000);
        t0 = System.nanoTime();
        SbomVerification v = SbomVerifier.builder().digests(cold).build().verify(artifacts, List.of(sbom));
        double verifyCold = (System.nanoTime() - t0) / 1e6;
        check(v, files.size(), sbom.entries().size());
        System.out.printf(Locale.ROOT, "first run in this JVM: openssl %.0f ms, verifySbom (SHA-512, parallel, fresh"
                + " cache) %.0f ms%n", sslCold, verifyCold);

        // 2. warm-up: the JIT compiles the SHA-512 intrinsic path only after tens of megabytes; untimed rounds first
        //    so that the pairs measure the per-byte cost, and the first run's excess is the fixed start-up
        int warmup = Integer.getInteger("bench.warmup", 15);
        for (int i = 0; i < warmup; i++) {
            check(SbomVerifier.builder().digests(new Digests(100_000)).build().verify(artifacts, List.of(sbom)),
                    files.size(), sbom.entries().size());
        }

        // 3. pairs A B A B ...: openssl, then verifySbom with a fresh cache (every file read and hashed again)
        int pairs = Integer.getInteger("bench.pairs", 7);
        List<Double> ratios = new ArrayList<>();
        List<Double> ssl = new ArrayList<>();
        List<Double> ver = new ArrayList<>();
        List<Double> sha256 = new ArrayList<>();
        List<Double> ssl512 = new ArrayList<>();
        List<Double> ratios512 = new ArrayList<>();
        List<Double> verCpu = new ArrayList<>();
        com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
                ManagementFactory.getOperatingSystemMXBean();
        for (int i = 0; i < pairs; i++) {
            double a = openssl(files);
            double a512 = openssl(files, "-sha512");
            Digests fresh = new Digests(100_000);
            long cpu0 = os.getProcessCpuTime();
            t0 = System.nanoTime();
            v = SbomVerifier.builder().digests(fresh).build().verify(artifacts, List.of(sbom));
            double b = (System.nanoTime() - t0) / 1e6;
            verCpu.add((os.getProcessCpuTime() - cpu0) / 1e6);
            check(v, files.size(), sbom.entries().size());
            Digests par = new Digests(100_000);
            Map<Path, Set<HashAlgorithm>> req = new LinkedHashMap<>();
            files.forEach(p -> req.put(p, EnumSet.of(HashAlgorithm.SHA256)));
            t0 = System.nanoTime();
            par.digestAll(req);
            sha256.add((System.nanoTime() - t0) / 1e6);
            ssl.add(a);
            ver.add(b);
            ratios.add(b / a);
            ssl512.add(a512);
            ratios512.add(b / a512);
        }
        System.out.printf(Locale.ROOT, "%d pairs, median (min-max):%n", pairs);
        System.out.printf(Locale.ROOT, "  openssl dgst -sha256, one process over all files: %s ms%n", stats(ssl));
        System.out.printf(Locale.ROOT, "  verifySbom (SHA-512, parallel, fresh cache):      %s ms%n", stats(ver));
        System.out.printf(Locale.ROOT, "    CPU of all the JVM's threads meanwhile:         %s ms%n", stats(verCpu));
        System.out.printf(Locale.ROOT, "  ratio verifySbom / openssl, pair by pair:          %s%n", stats(ratios));
        System.out.printf(Locale.ROOT, "  Digests.digestAll SHA-256 (for comparison):       %s ms%n", stats(sha256));
        // the SBOM's strongest algorithm is SHA-512, which no CPU accelerates as SHA extensions accelerate SHA-256:
        // the like-for-like comparison is openssl's own SHA-512
        System.out.printf(Locale.ROOT, "  openssl dgst -sha512 (like for like):             %s ms%n", stats(ssl512));
        System.out.printf(Locale.ROOT, "  ratio verifySbom / openssl -sha512, pair by pair:  %s%n", stats(ratios512));
        System.out.printf(Locale.ROOT, "fixed start-up (first run minus the warm median, after %d warm-up rounds): %.0f ms%n",
                warmup, verifyCold - median(ver));

        // 3. the same build asking again (the next module's rule): served from the cache, no file read
        Digests shared = new Digests(100_000);
        SbomVerifier.builder().digests(shared).build().verify(artifacts, List.of(sbom));
        t0 = System.nanoTime();
        v = SbomVerifier.builder().digests(shared).build().verify(artifacts, List.of(sbom));
        double cached = (System.nanoTime() - t0) / 1e6;
        check(v, files.size(), sbom.entries().size());
        System.out.printf(Locale.ROOT, "again in the same build (cached): %.0f ms; files read: %d for %d files%n",
                cached, shared.filesRead(), files.size());
    }

    /** Every file verified; with a subset of the files, only the SBOM's other entries reported (not resolved). */
    private static void check(SbomVerification v, int files, int entries) {
        long stale = v.findings().stream().filter(f -> f.code() == dev.airlock.verify.finding.FindingCode
                .SBOM_ENTRY_NOT_RESOLVED).count();
        if (v.findings().size() != stale || stale != entries - files || v.verifiedCount() != files) {
            throw new IllegalStateException("unexpected verification result: " + v.summary());
        }
    }

    private static double median(List<Double> xs) {
        List<Double> s = new ArrayList<>(xs);
        s.sort(null);
        return s.size() % 2 == 1 ? s.get(s.size() / 2) : (s.get(s.size() / 2 - 1) + s.get(s.size() / 2)) / 2;
    }

    private static String stats(List<Double> xs) {
        List<Double> s = new ArrayList<>(xs);
        s.sort(null);
        double med = median(s);
        boolean small = s.get(s.size() - 1) < 20;
        String f = small ? "%.2f (%.2f-%.2f)" : "%.0f (%.0f-%.0f)";
        return String.format(Locale.ROOT, f, med, s.get(0), s.get(s.size() - 1));
    }

    private static void parse(Path file, int warm, boolean warmUpFirst) throws Exception {
        double startup = sinceJvmStartMs();
        java.lang.management.ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
                ManagementFactory.getOperatingSystemMXBean();
        long t0 = System.nanoTime();
        if (warmUpFirst) {
            int n = SbomParser.warmUp();
            System.out.printf(Locale.ROOT, "  SbomParser.warmUp() (%d formats): %.0f ms; then%n", n,
                    (System.nanoTime() - t0) / 1e6);
            t0 = System.nanoTime();
        }
        long cpu0 = mx.getCurrentThreadCpuTime();
        long proc0 = os.getProcessCpuTime();
        SbomDocument d = SbomParser.parse(file);
        double cold = (System.nanoTime() - t0) / 1e6;
        double cpu = (mx.getCurrentThreadCpuTime() - cpu0) / 1e6;
        double proc = (os.getProcessCpuTime() - proc0) / 1e6;
        double best = Double.MAX_VALUE;
        for (int i = 0; i < warm; i++) {
            t0 = System.nanoTime();
            SbomParser.parse(file);
            best = Math.min(best, (System.nanoTime() - t0) / 1e6);
        }
        Runtime rt = Runtime.getRuntime();
        System.out.printf(Locale.ROOT, "%-24s %-20s %5d entries  first parse %5.0f ms (CPU: parsing thread %4.0f ms,"
                + " all threads %4.0f ms)%s  (JVM start to main %.0f ms, heap used %d MB)%n", file.getFileName(),
                d.format() + " " + d.specVersion(), d.entries().size(), cold, cpu, proc,
                warm > 0 ? String.format(Locale.ROOT, "  warm best %4.0f ms", best) : "", startup,
                (rt.totalMemory() - rt.freeMemory()) >> 20);
        if (d.entries().size() < SBOM_ENTRIES || d.entries().stream().anyMatch(e -> e.hashes().size() < 2)) {
            throw new IllegalStateException(file + ": expected " + SBOM_ENTRIES + " entries with 2 hashes each");
        }
    }
}
