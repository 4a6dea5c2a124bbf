package dev.airlock.it;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.bouncycastle.bcpg.ArmoredInputStream;
import org.bouncycastle.bcpg.ArmoredOutputStream;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPPublicKeyRingCollection;
import org.bouncycastle.openpgp.operator.bc.BcKeyFingerprintCalculator;

/**
 * An OpenPGP key server on 127.0.0.1 for the ITs ({@code it.keyserver=dir[,dir...]}): serves every public key
 * (certificate) found in the armored files under the given directories (any file holding one or more
 * {@code -----BEGIN PGP PUBLIC KEY BLOCK-----} blocks, text between them allowed: {@code *.asc}, {@code KEYS} files),
 * indexed by its primary key's fingerprint, each subkey's fingerprint and every key id (the low 64 bits of a v4
 * fingerprint). The directories are read again on each request, so a key written after the server started (by
 * {@code it.pgp.sign}, before build 1) is served; the first directory holding a fingerprint wins.
 *
 * <p>It answers, with {@code 200} and the armored certificate (only that one, re-armored from its packets) or
 * {@code 404}:
 * <ul>
 *   <li>VKS: {@code GET /vks/v1/by-fingerprint/<40 (or 64) UPPER-case hex>} and
 *       {@code GET /vks/v1/by-keyid/<16 UPPER-case hex>}; lower-case or otherwise malformed hex is answered
 *       {@code 400} (as the public VKS servers do);</li>
 *   <li>HKP: {@code GET /pks/lookup?op=get&options=mr&search=0x<hex>} with a key id or fingerprint, any case
 *       ({@code 0x} optional); another {@code op} is {@code 501}, a malformed search {@code 400}.</li>
 * </ul>
 * Anything else is {@code 404}; a method other than GET or HEAD {@code 405}. Every request is logged
 * ({@code METHOD path[?query] status}), as {@link RepoServer} does.
 */
public final class KeyServer implements AutoCloseable {
    /** One logged request; {@code path} includes the query string, if any. */
    public record Request(String method, String path, int status) {
        @Override
        public String toString() {
            return method + " " + path + " " + status;
        }
    }

    private static final String BEGIN = "-----BEGIN PGP PUBLIC KEY BLOCK-----";
    private static final String END = "-----END PGP PUBLIC KEY BLOCK-----";
    private static final long MAX_FILE = 8L * 1024 * 1024;
    private static final Pattern VKS_FPR = Pattern.compile("/vks/v1/by-fingerprint/([^/]*)");
    private static final Pattern VKS_KEYID = Pattern.compile("/vks/v1/by-keyid/([^/]*)");
    private static final Pattern UPPER_FPR = Pattern.compile("[0-9A-F]{40}|[0-9A-F]{64}");
    private static final Pattern UPPER_KEYID = Pattern.compile("[0-9A-F]{16}");
    private static final Pattern ANY_HEX = Pattern.compile("(?i)(?:0x)?([0-9a-f]{16}|[0-9a-f]{40}|[0-9a-f]{64})");

    private final List<Path> dirs;
    private final List<Request> requests = Collections.synchronizedList(new ArrayList<>());
    private final List<String> problems = Collections.synchronizedList(new ArrayList<>());
    private final HttpServer server;
    private final ExecutorService executor;
    private final int port;

    private KeyServer(List<Path> dirs) throws IOException {
        this.dirs = List.copyOf(dirs);
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        this.executor = Executors.newFixedThreadPool(2);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
        this.port = server.getAddress().getPort();
    }

    /** Starts a key server over {@code dirs} (directories or single files; absent ones serve nothing until made). */
    public static KeyServer start(List<Path> dirs) throws IOException {
        return new KeyServer(dirs);
    }

    /** {@code http://127.0.0.1:<port>}, without a trailing slash (what {@code -Dairlock.keyserver} gets). */
    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** {@code hkp://127.0.0.1:<port>}: the same server, named with the HKP scheme. */
    public String hkpUrl() {
        return "hkp://127.0.0.1:" + port;
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

    /** Requests whose path (with query) contains {@code fragment}, e.g. a fingerprint. */
    public List<Request> requests(String fragment) {
        return requests().stream().filter(r -> r.path().contains(fragment)).toList();
    }

    public int count() {
        return requests.size();
    }

    /** Forgets the requests logged so far. */
    public void clear() {
        requests.clear();
    }

    /** The request log as text, one {@code METHOD path status} line per request. */
    public String logText() {
        StringBuilder sb = new StringBuilder();
        for (Request r : requests()) {
            sb.append(r).append('\n');
        }
        return sb.toString();
    }

    /** Blocks that could not be read as public keys (file and reason), from the last scan. */
    public List<String> problems() {
        synchronized (problems) {
            return new ArrayList<>(problems);
        }
    }

    /**
     * The certificates now under the directories, armored, by primary fingerprint (upper-case hex), in the order found.
     */
    public Map<String, String> certificates() throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : index().entrySet()) {
            if (e.getKey().startsWith("P:")) {
                out.put(e.getKey().substring(2), e.getValue());
            }
        }
        return out;
    }

    /** Looks a key up as the server does: a fingerprint (primary or subkey) or a key id, upper-case hex. */
    public String lookup(String upperHex) throws IOException {
        Map<String, String> index = index();
        String cert = index.get("F:" + upperHex);
        return cert != null ? cert : index.get("K:" + upperHex);
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String method = ex.getRequestMethod();
            String path = URLDecoder.decode(ex.getRequestURI().getRawPath(), StandardCharsets.UTF_8);
            String query = ex.getRequestURI().getRawQuery();
            int status;
            try {
                status = respond(ex, method, path, query);
            } catch (RuntimeException | IOException e) {
                problems.add(path + ": " + e);
                status = send(ex, 500, null, method);
            }
            requests.add(new Request(method, query == null ? path : path + "?" + query, status));
        }
    }

    private int respond(HttpExchange ex, String method, String path, String query) throws IOException {
        if (!method.equals("GET") && !method.equals("HEAD")) {
            return send(ex, 405, null, method);
        }
        Matcher m = VKS_FPR.matcher(path);
        if (m.matches()) {
            if (!UPPER_FPR.matcher(m.group(1)).matches()) {
                return send(ex, 400, null, method);
            }
            return answer(ex, method, index().get("F:" + m.group(1)));
        }
        m = VKS_KEYID.matcher(path);
        if (m.matches()) {
            if (!UPPER_KEYID.matcher(m.group(1)).matches()) {
                return send(ex, 400, null, method);
            }
            return answer(ex, method, index().get("K:" + m.group(1)));
        }
        if (path.equals("/pks/lookup")) {
            Map<String, String> params = params(query);
            if (!"get".equals(params.get("op"))) {
                return send(ex, 501, null, method);
            }
            Matcher h = ANY_HEX.matcher(params.getOrDefault("search", ""));
            if (!h.matches()) {
                return send(ex, 400, null, method);
            }
            String hex = h.group(1).toUpperCase(Locale.ROOT);
            Map<String, String> index = index();
            return answer(ex, method, index.get((hex.length() == 16 ? "K:" : "F:") + hex));
        }
        return send(ex, 404, null, method);
    }

    private static Map<String, String> params(String query) {
        Map<String, String> out = new LinkedHashMap<>();
        if (query == null) {
            return out;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.putIfAbsent(k, v);
        }
        return out;
    }

    private static int answer(HttpExchange ex, String method, String armored) throws IOException {
        if (armored == null) {
            return send(ex, 404, null, method);
        }
        ex.getResponseHeaders().add("Content-Type", "application/pgp-keys");
        return send(ex, 200, armored.getBytes(StandardCharsets.US_ASCII), method);
    }

    private static int send(HttpExchange ex, int status, byte[] body, String method) throws IOException {
        if (body == null) {
            ex.sendResponseHeaders(status, -1);
            return status;
        }
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

    // ------------------------------------------------------------------ index

    /**
     * Reads the directories: {@code P:<primary fpr>}, {@code F:<any fpr>} and {@code K:<key id>} to the armored
     * certificate. First found wins.
     */
    private synchronized Map<String, String> index() throws IOException {
        Map<String, String> index = new LinkedHashMap<>();
        List<String> found = new ArrayList<>();
        for (Path dir : dirs) {
            for (Path file : files(dir)) {
                for (PGPPublicKeyRing ring : readCertificates(file, found)) {
                    String armored = armor(ring);
                    String primary = hex(ring.getPublicKey().getFingerprint());
                    if (index.containsKey("P:" + primary)) {
                        continue;
                    }
                    index.put("P:" + primary, armored);
                    for (PGPPublicKey key : ring) {
                        index.putIfAbsent("F:" + hex(key.getFingerprint()), armored);
                        index.putIfAbsent("K:" + keyId(key), armored);
                    }
                }
            }
        }
        synchronized (problems) {
            problems.clear();
            problems.addAll(found);
        }
        return index;
    }

    private static List<Path> files(Path dir) throws IOException {
        if (Files.isRegularFile(dir)) {
            return List.of(dir);
        }
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).sorted().toList();
        }
    }

    /**
     * The certificates of every public key block in {@code file} (none when it holds none); a block that cannot be
     * read is noted in {@code problems} and skipped.
     */
    static List<PGPPublicKeyRing> readCertificates(Path file, List<String> problems) throws IOException {
        if (Files.size(file) > MAX_FILE) {
            return List.of();
        }
        String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        List<PGPPublicKeyRing> out = new ArrayList<>();
        int from = 0;
        while (true) {
            int begin = text.indexOf(BEGIN, from);
            if (begin < 0) {
                break;
            }
            int end = text.indexOf(END, begin);
            if (end < 0) {
                problems.add(file + ": a public key block without its END line");
                break;
            }
            from = end + END.length();
            String block = text.substring(begin, from) + "\n";
            try (InputStream in = new ArmoredInputStream(
                    new ByteArrayInputStream(block.getBytes(StandardCharsets.ISO_8859_1)))) {
                PGPPublicKeyRingCollection rings = new PGPPublicKeyRingCollection(in, new BcKeyFingerprintCalculator());
                rings.forEach(out::add);
            } catch (IOException | PGPException | RuntimeException e) {
                problems.add(file + ": a public key block at offset " + begin + " cannot be read: " + e);
            }
        }
        return out;
    }

    static String armor(PGPPublicKeyRing ring) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ArmoredOutputStream a = ArmoredOutputStream.builder().clearHeaders().build(bytes)) {
            ring.encode(a, true);
        }
        return bytes.toString(StandardCharsets.US_ASCII);
    }

    static String hex(byte[] b) {
        return HexFormat.of().withUpperCase().formatHex(b);
    }

    static String keyId(PGPPublicKey key) {
        return String.format(Locale.ROOT, "%016X", key.getKeyID());
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
