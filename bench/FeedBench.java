import com.sun.net.httpserver.HttpServer;
import dev.airlock.verify.feed.FeedCompactor;
import dev.airlock.verify.feed.FeedEntry;
import dev.airlock.verify.feed.FeedException;
import dev.airlock.verify.feed.FeedLayout;
import dev.airlock.verify.feed.FeedReader;
import dev.airlock.verify.feed.FeedRepository;
import dev.airlock.verify.feed.FeedSigner;
import dev.airlock.verify.feed.FeedSnapshot;
import dev.airlock.verify.feed.FeedVerifier;
import dev.airlock.verify.feed.MetadataVersions;
import dev.airlock.verify.finding.Coordinates;
import dev.airlock.verify.finding.FindingCode;
import dev.airlock.verify.policy.TrustPolicy;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;

/**
 * The cost of the fleet-wide quarantine feed per build (docs/scale.md): a feed of N entries is published into a folder
 * with Airlock's own publisher, served over HTTP on 127.0.0.1 by the JDK's server, and read with Airlock's
 * {@link FeedReader} as the extension reads it at session start, once without the cache (a new runner) and once
 * with it (every later build). Requests, bytes and milliseconds are what the reader counts; wall time includes
 * verification. A benchmark, not a test.
 *
 * <pre>
 * java -cp attestation-verify/target/classes bench/FeedBench.java [N ...]     # default 10 1000 100000
 * </pre>
 *
 * For each N it measures the feed as publishers leave it (one version per entry, no snapshot) and compacted (all but
 * the last 10 files compacted with Airlock's {@link FeedCompactor}, timed, and then those 10 published: a metadata
 * file that lists the snapshot and those 10).
 */
public class FeedBench {
    static final FeedLayout LAYOUT = FeedLayout.parse("com.acme.fleet:quarantine");
    static final Instant T0 = Instant.parse("2026-12-07T00:00:00Z");

    public static void main(String[] args) throws Exception {
        List<Integer> sizes = new ArrayList<>();
        for (String a : args) {
            sizes.add(Integer.parseInt(a));
        }
        if (sizes.isEmpty()) {
            sizes = List.of(10, 1000, 100000);
        }
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair key = g.generateKeyPair();
        FeedSigner signer = FeedSigner.of(key.getPrivate());
        Path work = Files.createTempDirectory("feed-bench");
        Files.writeString(work.resolve("feed.pub"), "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder(64,
                new byte[] {'\n'}).encodeToString(key.getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----\n");
        Files.writeString(work.resolve("policy"), "com.acme.fleet:quarantine cosign key=feed.pub\n");
        TrustPolicy policy = TrustPolicy.parse(work.resolve("policy"));
        FeedVerifier verifier = new FeedVerifier(policy, LAYOUT);
        System.out.printf("%-8s %-10s %-6s %9s %11s %9s   %9s %11s %9s%n", "entries", "layout", "result",
                "requests", "bytes", "ms", "requests", "bytes", "ms");
        System.out.printf("%-8s %-10s %-6s %31s   %31s%n", "", "", "", "-- new runner (no cache) --",
                "-- later build (cache) --");
        for (int n : sizes) {
            for (boolean compacted : new boolean[] {false, true}) {
                Path root = work.resolve(n + (compacted ? "-compacted" : "-plain"));
                long t0 = System.nanoTime();
                Built built = build(root, n, compacted, signer, verifier);
                int blocked = built.blocked();
                long publishMs = (System.nanoTime() - t0) / 1_000_000;
                HttpServer server = serve(root);
                try {
                    HttpRepository repo = new HttpRepository(server.getAddress().getPort());
                    Path cache = root.resolve("cache");
                    String[] cold = read(verifier, repo, cache, blocked);
                    String[] warm = read(verifier, repo, cache, blocked);
                    System.out.printf("%-8d %-10s %-6s %9s %11s %9s   %9s %11s %9s   (feed written in %d ms)%n", n,
                            compacted ? "compacted" : "plain", cold[0], cold[1], cold[2], cold[3], warm[1], warm[2],
                            warm[3], publishMs);
                    if (built.compactMs() >= 0) {
                        System.out.printf("%-8s compact-feed's compaction: %d ms (%s)%n", "", built.compactMs(),
                                built.compaction());
                    }
                } finally {
                    server.stop(0);
                }
            }
        }
        System.exit(0);
    }

    /** How many entries stay blocked, and how long the compaction took (-1: not compacted). */
    record Built(int blocked, long compactMs, String compaction) {}

    /**
     * Writes a feed of n entries (one in ten released) into root. Compacted: all but the last 10 files are published,
     * then compacted with Airlock's {@link FeedCompactor} (as the compact-feed goal does), then the last 10 published.
     */
    static Built build(Path root, int n, boolean compacted, FeedSigner signer, FeedVerifier verifier)
            throws IOException, FeedException {
        List<FeedEntry> all = new ArrayList<>();
        int blocked = 0;
        for (int i = 0; i < n; i++) {
            FeedEntry e = FeedEntry.quarantine(Coordinates.parse("com.acme.lib" + (i % 97) + ":lib" + i + ":jar:1."
                    + (i % 13)), sha("bytes " + i), FindingCode.LOCK_HASH_MISMATCH, "extension", T0.plusSeconds(i),
                    "ci-" + (i % 50) + ".example", sha("evidence " + i));
            all.add(e);
            if (i % 10 == 9) {
                all.add(FeedEntry.release(e, "confirmed with the maintainers", T0.plusSeconds(i + 1), "ci-admin"));
            } else {
                blocked++;
            }
        }
        FolderRepository folder = new FolderRepository(root);
        int split = compacted ? Math.max(0, all.size() - 10) : all.size();
        List<String> listed = new ArrayList<>();
        write(folder, all.subList(0, split), listed, signer);
        long compactMs = -1;
        String compaction = "";
        if (compacted) {
            long t0 = System.nanoTime();
            FeedCompactor.Result r = new FeedCompactor(LAYOUT, verifier, folder, signer,
                    Clock.fixed(T0.plusSeconds(10L * n), ZoneOffset.UTC), Duration.ZERO)
                    .compact(Duration.ofMinutes(30));
            compactMs = (System.nanoTime() - t0) / 1_000_000;
            compaction = "folded in " + r.folded() + ", " + r.snapshot().entries().size() + " live; metadata "
                    + r.listedBefore() + " -> " + r.listedAfter() + " versions";
            listed = new ArrayList<>(MetadataVersions.read("bench", folder.get(LAYOUT.metadataPath()).orElseThrow(),
                    FeedCompactor.MAX_METADATA_BYTES));
            write(folder, all.subList(split, all.size()), listed, signer);
        }
        return new Built(blocked, compactMs, compaction);
    }

    /**
     * Stores the files of {@code entries} and lists them after {@code listed} in one metadata write (the list the
     * publishers' merges leave; FeedPublisher writes it the same way, one version at a time).
     */
    static void write(FolderRepository folder, List<FeedEntry> entries, List<String> listed, FeedSigner signer)
            throws IOException {
        for (FeedEntry e : entries) {
            FeedLayout.Files f = LAYOUT.files(e);
            byte[] bytes = e.canonicalBytes();
            folder.put(f.entryPath(), bytes);
            folder.put(f.signaturePath(), signer.sign(bytes));
            listed.add(f.version());
        }
        byte[] xml = MetadataVersions.write(LAYOUT.groupId(), LAYOUT.artifactId(), listed, T0);
        folder.put(LAYOUT.metadataPath(), xml);
        // with its checksum, as a deploy writes it (a later build asks for the .sha1 first)
        folder.put(LAYOUT.metadataPath() + ".sha1", sha1(xml).getBytes(StandardCharsets.US_ASCII));
    }

    static String sha1(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(b));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String[] read(FeedVerifier verifier, HttpRepository repo, Path cache, int blocked) {
        repo.requests = 0;
        long t0 = System.nanoTime();
        try {
            FeedReader.Result r = new FeedReader(LAYOUT, verifier, repo, cache, Duration.ofMinutes(10)).read();
            long ms = (System.nanoTime() - t0) / 1_000_000;
            if (r.index().blocking().size() != blocked || !r.ignored().isEmpty()) {
                throw new IllegalStateException("read " + r.index().blocking().size() + " blocked, expected " + blocked
                        + "; ignored " + r.ignored());
            }
            return new String[] {"ok", String.valueOf(r.requests()), String.valueOf(r.bytes()), String.valueOf(ms)};
        } catch (FeedException | IOException e) {
            System.out.println("  refused: " + e.getMessage());
            return new String[] {"FAILS", String.valueOf(repo.requests), "-", String.valueOf(
                    (System.nanoTime() - t0) / 1_000_000)};
        }
    }

    static String sha(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(
                    s.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static HttpServer serve(Path root) throws IOException {
        // without it the JDK's server answers each request about 20 ms late (Nagle's algorithm and delayed ACKs)
        System.setProperty("sun.net.httpserver.nodelay", "true");
        HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        s.setExecutor(Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "feed-bench-server");
            t.setDaemon(true);
            return t;
        }));
        s.createContext("/", ex -> {
            try (ex) {
                Path p = root.resolve(ex.getRequestURI().getPath().substring(1)).normalize();
                if (!p.startsWith(root) || !Files.isRegularFile(p)) {
                    ex.sendResponseHeaders(404, -1);
                    return;
                }
                byte[] b = Files.readAllBytes(p);
                ex.sendResponseHeaders(200, b.length);
                ex.getResponseBody().write(b);
            }
        });
        s.start();
        return s;
    }

    /** The repository over HTTP, with the JDK's client. */
    static final class HttpRepository implements FeedRepository {
        final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        final String base;
        volatile int requests;

        HttpRepository(int port) {
            this.base = "http://127.0.0.1:" + port + "/";
        }

        @Override
        public Optional<byte[]> get(String path) throws IOException {
            requests++;
            try {
                HttpResponse<byte[]> r = client.send(HttpRequest.newBuilder(URI.create(base + path)).build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                if (r.statusCode() == 404) {
                    return Optional.empty();
                }
                if (r.statusCode() != 200) {
                    throw new IOException("HTTP " + r.statusCode() + " for " + path);
                }
                return Optional.of(r.body());
            } catch (InterruptedException e) {
                throw new IOException(e);
            }
        }

        @Override
        public void put(String path, byte[] bytes) {
            throw new UnsupportedOperationException();
        }

        @Override
        public String describe() {
            return base;
        }
    }

    /** A folder as the publisher's target. */
    record FolderRepository(Path root) implements FeedRepository {
        @Override
        public Optional<byte[]> get(String path) throws IOException {
            Path p = root.resolve(path);
            return Files.isRegularFile(p) ? Optional.of(Files.readAllBytes(p)) : Optional.empty();
        }

        @Override
        public void put(String path, byte[] bytes) throws IOException {
            Path p = root.resolve(path);
            Files.createDirectories(p.getParent());
            Files.write(p, bytes);
        }

        @Override
        public String describe() {
            return root.toString();
        }
    }
}
