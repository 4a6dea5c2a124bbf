package dev.airlock.it;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;

/**
 * A Maven repository over HTTP on 127.0.0.1, for the ITs: serves files from layered directories (first hit wins),
 * logs every request, computes checksum files on the fly, and can require basic authentication or fail every
 * request (a mirror that is down or answers 5xx). A directory marked as a local repository is served the way a
 * repository manager would serve it: local bookkeeping files are hidden, and {@code maven-metadata.xml} is answered
 * from the stored {@code maven-metadata-central.xml} (or, in a repository an install filled, {@code -local.xml}).
 */
public final class RepoServer implements AutoCloseable {
    /** One logged request. */
    public record Request(String method, String path, int status, boolean authenticated) {
        @Override
        public String toString() {
            return method + " " + path + " " + status;
        }
    }

    /** A directory served by the repository; {@code localRepository} marks a Maven local repository. */
    public record Layer(Path dir, boolean localRepository) {}

    private static final Map<String, String> CHECKSUMS =
            Map.of(".sha1", "SHA-1", ".md5", "MD5", ".sha256", "SHA-256", ".sha512", "SHA-512");

    private final String name;
    private final List<Layer> layers;
    private final String credentials;
    private final int failStatus;
    private final boolean hang;
    private final List<Request> requests = Collections.synchronizedList(new ArrayList<>());
    private final HttpServer server;
    private final ExecutorService executor;
    private final int port;

    private RepoServer(String name, List<Layer> layers, String credentials, String failure) throws IOException {
        this.name = name;
        this.layers = List.copyOf(layers);
        this.credentials = credentials;
        if ("down".equals(failure)) {
            // a port nobody listens on: connections are refused
            try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                this.port = s.getLocalPort();
            }
            this.server = null;
            this.executor = null;
            this.failStatus = 0;
            this.hang = false;
            return;
        }
        this.hang = "hang".equals(failure);
        this.failStatus = failure == null || failure.isBlank() || hang ? 0 : Integer.parseInt(failure.trim());
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        this.executor = Executors.newFixedThreadPool(4);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
        this.port = server.getAddress().getPort();
    }

    /**
     * @param credentials {@code user:password} to require basic authentication, or null
     * @param failure {@code down}, {@code hang} (accept, never answer), an HTTP status to answer every request
     *     with, or null
     */
    public static RepoServer start(String name, List<Layer> layers, String credentials, String failure)
            throws IOException {
        return new RepoServer(name, layers, credentials, failure);
    }

    public String name() {
        return name;
    }

    public String url() {
        return "http://127.0.0.1:" + port + "/";
    }

    public int port() {
        return port;
    }

    /** Every request so far, in order. */
    public List<Request> requests() {
        synchronized (requests) {
            return new ArrayList<>(requests);
        }
    }

    /** Requests whose path contains {@code fragment}. */
    public List<Request> requests(String fragment) {
        return requests().stream().filter(r -> r.path().contains(fragment)).toList();
    }

    private volatile List<String> hidden = List.of();

    /**
     * Paths (relative, e.g. {@code org/apache/maven/plugins/maven-deploy-plugin/}) answered with 404 although a layer
     * has them: a mirror that holds only what the builds that ran resolved.
     */
    public RepoServer hide(List<String> pathPrefixes) {
        this.hidden = List.copyOf(pathPrefixes);
        return this;
    }

    private volatile Path deployDir;

    /**
     * Accepts deploys ({@code PUT}, with the same authentication as downloads) into {@code dir}, as a hosted repository
     * of a repository manager does; serve {@code dir} as a layer to read them back.
     */
    public RepoServer deployTo(Path dir) {
        this.deployDir = dir;
        return this;
    }

    private volatile String failingPrefix;
    private volatile int failingStatus;

    /**
     * Requests for paths starting with {@code prefix} (relative; null: none) are answered with {@code status}: one
     * part of a repository failing while the rest serves (a feed's folder, behind a broken proxy rule).
     */
    public RepoServer failUnder(String prefix, int status) {
        this.failingStatus = status;
        this.failingPrefix = prefix == null || prefix.isBlank() ? null : prefix.trim();
        return this;
    }

    private volatile String pairedPath;
    private final Object pairLock = new Object();
    private boolean pairWaiting;
    private long pairGeneration;
    private int pairsMade;

    /** How long a paired GET waits for its partner. */
    static final long PAIR_WAIT_MILLIS = 10_000;

    /**
     * GETs of {@code path} (relative, e.g. {@code com/acme/fleet/quarantine/maven-metadata.xml}; null: none) are
     * answered in pairs: each reads the file, then waits (at most {@link #PAIR_WAIT_MILLIS}) until a second GET of the
     * path arrives, and both are answered together with what they read. Two clients that read and then write the
     * file (two publishers merging a version list) thus both read the same content before either writes: the race a
     * repository without compare-and-set allows, made to happen every time.
     */
    public RepoServer pairGets(String path) {
        this.pairedPath = path == null || path.isBlank() ? null : path.trim();
        return this;
    }

    /** The GETs answered together with a partner so far. */
    public int pairsMade() {
        synchronized (pairLock) {
            return pairsMade;
        }
    }

    private void pairUp() {
        synchronized (pairLock) {
            if (pairWaiting) {
                pairWaiting = false;
                pairGeneration++;
                pairsMade++;
                pairLock.notifyAll();
                return;
            }
            pairWaiting = true;
            long generation = pairGeneration;
            long deadline = System.nanoTime() + PAIR_WAIT_MILLIS * 1_000_000;
            try {
                while (pairGeneration == generation) {
                    long left = (deadline - System.nanoTime()) / 1_000_000;
                    if (left <= 0) {
                        pairWaiting = false; // no partner came: answered alone
                        return;
                    }
                    pairLock.wait(left);
                }
            } catch (InterruptedException e) {
                pairWaiting = false;
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Forgets the requests logged so far. */
    public void clear() {
        requests.clear();
    }

    public int count() {
        return requests.size();
    }

    /** The request log as text, one {@code METHOD path status} line per request. */
    public String logText() {
        StringBuilder sb = new StringBuilder();
        for (Request r : requests()) {
            sb.append(r).append('\n');
        }
        return sb.toString();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String method = ex.getRequestMethod();
            String path = URLDecoder.decode(ex.getRequestURI().getRawPath(), StandardCharsets.UTF_8);
            boolean authenticated = isAuthenticated(ex);
            int status = respond(ex, method, path, authenticated);
            requests.add(new Request(method, path, status, authenticated));
        }
    }

    private boolean isAuthenticated(HttpExchange ex) {
        if (credentials == null) {
            return false;
        }
        String header = ex.getRequestHeaders().getFirst("Authorization");
        String expected = "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
        return expected.equals(header);
    }

    private int respond(HttpExchange ex, String method, String path, boolean authenticated) throws IOException {
        if (method.equals("PUT") && deployDir != null) {
            return deploy(ex, path, authenticated);
        }
        if (!method.equals("GET") && !method.equals("HEAD")) {
            return send(ex, 405, null, method);
        }
        if (credentials != null && !authenticated) {
            ex.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"" + name + "\"");
            return send(ex, 401, null, method);
        }
        if (failStatus != 0) {
            return send(ex, failStatus, null, method);
        }
        if (hang) {
            try {
                // never answer; then drop the connection (the JDK transport of Resolver 2.0.9 ignores request
                // timeouts, so without this Maven 4.0.0-rc-4 would wait for as long as the server does)
                Thread.sleep(6_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return 0;
        }
        if (path.contains("/../") || path.endsWith("/..") || !path.startsWith("/")) {
            return send(ex, 400, null, method);
        }
        String rel = path.substring(1);
        String failing = failingPrefix;
        if (failing != null && rel.startsWith(failing)) {
            return send(ex, failingStatus, null, method);
        }
        if (hidden.stream().anyMatch(rel::startsWith)) {
            return send(ex, 404, null, method);
        }
        for (Map.Entry<String, String> c : CHECKSUMS.entrySet()) {
            if (rel.endsWith(c.getKey())) {
                Path base = find(rel.substring(0, rel.length() - c.getKey().length()));
                if (base == null) {
                    return send(ex, 404, null, method);
                }
                byte[] hex = digest(base, c.getValue()).getBytes(StandardCharsets.US_ASCII);
                return send(ex, 200, hex, method);
            }
        }
        Path file = find(rel);
        if (file == null) {
            return send(ex, 404, null, method);
        }
        byte[] content = Files.readAllBytes(file);
        if (method.equals("GET") && rel.equals(pairedPath)) {
            pairUp(); // read before the wait: the partner cannot have written yet
        }
        return send(ex, 200, content, method);
    }

    private int deploy(HttpExchange ex, String path, boolean authenticated) throws IOException {
        if (credentials != null && !authenticated) {
            ex.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"" + name + "\"");
            return send(ex, 401, null, "PUT");
        }
        Path target = deployDir.resolve(path.substring(1)).normalize();
        if (!path.startsWith("/") || path.endsWith("/") || !target.startsWith(deployDir)) {
            return send(ex, 400, null, "PUT");
        }
        byte[] body = ex.getRequestBody().readAllBytes();
        Files.createDirectories(target.getParent());
        Path tmp = Files.createTempFile(target.getParent(), ".put-", ".tmp");
        Files.write(tmp, body);
        Files.move(tmp, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        return send(ex, 201, null, "PUT");
    }

    /** The file serving {@code rel}, first layer first; null when none has it. */
    Path find(String rel) {
        if (rel.isEmpty() || rel.endsWith("/")) {
            return null;
        }
        String fileName = rel.substring(rel.lastIndexOf('/') + 1);
        for (Layer layer : layers) {
            if (layer.localRepository() && hiddenInLocalRepository(rel, fileName)) {
                continue;
            }
            Path p = layer.dir().resolve(rel).normalize();
            if (!p.startsWith(layer.dir())) {
                continue;
            }
            if (Files.isRegularFile(p)) {
                return p;
            }
            if (layer.localRepository() && fileName.equals("maven-metadata.xml")) {
                // a downloaded copy, or the one an install wrote (the IT mirror's repository is filled by one)
                for (String stored : new String[] {"maven-metadata-central.xml", "maven-metadata-local.xml"}) {
                    Path candidate = p.resolveSibling(stored);
                    if (Files.isRegularFile(candidate)) {
                        return candidate;
                    }
                }
            }
        }
        return null;
    }

    private static boolean hiddenInLocalRepository(String rel, String fileName) {
        return fileName.equals("_remote.repositories")
                || fileName.equals("resolver-status.properties")
                || fileName.endsWith(".lastUpdated")
                || (fileName.startsWith("maven-metadata-") && fileName.endsWith(".xml"))
                || rel.startsWith(".locks/")
                || rel.startsWith(".cache/");
    }

    private static int send(HttpExchange ex, int status, byte[] body, String method) throws IOException {
        if (body == null) {
            ex.sendResponseHeaders(status, -1);
            return status;
        }
        ex.getResponseHeaders().add("Content-Type", "application/octet-stream");
        if (method.equals("HEAD")) {
            ex.getResponseHeaders().add("Content-Length", Integer.toString(body.length));
            ex.sendResponseHeaders(status, -1);
            return status;
        }
        ex.sendResponseHeaders(status, body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
        return status;
    }

    private static String digest(Path file, String algorithm) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(Files.readAllBytes(file)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        if (server != null) {
            server.stop(0);
            executor.shutdownNow();
        }
    }
}
