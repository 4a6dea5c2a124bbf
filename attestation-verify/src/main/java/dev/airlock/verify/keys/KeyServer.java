package dev.airlock.verify.keys;

import dev.airlock.verify.pgp.PgpKeyInfo;
import dev.airlock.verify.pgp.PgpKeyring;
import dev.airlock.verify.pgp.PgpKeyringException;
import dev.airlock.verify.pgp.PgpSubkeyInfo;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.Authenticator;
import java.net.ConnectException;
import java.net.ProxySelector;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodySubscriber;
import java.net.http.HttpResponse.BodySubscribers;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A key server, as the user names it with {@code airlock.keyserver}, from which public keys are fetched one at a time
 * by fingerprint (or, for old signatures that carry only an issuer key id, by key id).
 *
 * <ul>
 *   <li>{@code http://host[:port][/path]} and {@code https://...}: the VKS interface,
 *       {@code GET {base}/vks/v1/by-fingerprint/{FPR}} (40 upper-case hex digits; a primary key's or a subkey's) and
 *       {@code GET {base}/vks/v1/by-keyid/{KEYID}} (16 upper-case hex digits).</li>
 *   <li>{@code hkp://host[:port]} (HTTP, port 11371 unless given) and {@code hkps://host[:port]} (HTTPS, port 443
 *       unless given): the HKP interface, {@code GET /pks/lookup?op=get&options=mr&search=0x{FPR or KEYID}}.</li>
 * </ul>
 *
 * <p>Requests go through {@link HttpClient} with the caller's {@link ProxySelector} and optional
 * {@link Authenticator} (the Maven plugin builds them from Maven's proxy settings), following redirects
 * ({@link HttpClient.Redirect#NORMAL}: never from HTTPS to HTTP). The timeout bounds connecting and the whole exchange,
 * body included; bodies larger than {@link #MAX_BODY_BYTES} are not read beyond that limit. One request per lookup, no
 * retries.
 *
 * <p>An answer is used only if it is an armored public key block that {@link PgpKeyring#parse} accepts (every key's
 * self-signatures verify) and one of its keys carries the requested fingerprint as its primary key or as a subkey
 * bound to it; that key alone is returned, other keys in the answer are dropped. Anything else is
 * {@link Lookup.Refused} or {@link Lookup.Failed}, with a one-line reason: a key server is not trusted, its answer is
 * checked. Fingerprints and key ids are those of OpenPGP v4 keys.
 *
 * <p>Immutable; one instance may serve parallel lookups.
 */
public final class KeyServer {
    /** Larger answers are not read beyond this (8 MiB): a key server answer is one key. */
    public static final long MAX_BODY_BYTES = 8L * 1024 * 1024;

    private static final String HKP_PATH = "/pks/lookup";
    private static final String FIX_FORMAT = "give the key server as https://host[:port][/path] (VKS),"
            + " hkps://host[:port] or hkp://host[:port] (HKP)";

    private enum Protocol { VKS, HKP }

    private final String value;
    private final Protocol protocol;
    /** {@code scheme://host[:port][/path]} without a trailing slash. */
    private final String base;
    private final Duration timeout;
    private final HttpClient client;

    private KeyServer(String value, Protocol protocol, String base, Duration timeout, HttpClient client) {
        this.value = value;
        this.protocol = protocol;
        this.base = base;
        this.timeout = timeout;
        this.client = client;
    }

    /**
     * A key server from the address the user gave.
     *
     * @param url {@code http(s)://host[:port][/path]} (VKS) or {@code hkp(s)://host[:port]} (HKP)
     * @param proxies where requests go (e.g. {@link ProxySelector#of} a proxy, or one built from Maven's settings)
     * @param authenticator proxy (or server) credentials; null for none
     * @param timeout for connecting and for the whole exchange of one lookup; positive
     * @throws KeyServerException naming the value, the problem and the fix, for a malformed URL, an unsupported
     *     scheme, user info in the URL, a query or fragment
     */
    public static KeyServer of(String url, ProxySelector proxies, Authenticator authenticator, Duration timeout)
            throws KeyServerException {
        Objects.requireNonNull(proxies, "proxies");
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the key server timeout must be positive: " + timeout);
        }
        String v = url == null ? "" : url.strip();
        if (v.isEmpty()) {
            throw new KeyServerException(String.valueOf(url), "no key server address is given", FIX_FORMAT);
        }
        URI uri;
        try {
            uri = new URI(v);
        } catch (URISyntaxException e) {
            throw new KeyServerException(v, "not a URL (" + e.getReason() + " at index " + e.getIndex() + ")",
                    FIX_FORMAT);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        Protocol protocol;
        String httpScheme;
        int defaultPort;
        switch (scheme) {
            case "http" -> {
                protocol = Protocol.VKS;
                httpScheme = "http";
                defaultPort = -1;
            }
            case "https" -> {
                protocol = Protocol.VKS;
                httpScheme = "https";
                defaultPort = -1;
            }
            case "hkp" -> {
                protocol = Protocol.HKP;
                httpScheme = "http";
                defaultPort = 11371;
            }
            case "hkps" -> {
                protocol = Protocol.HKP;
                httpScheme = "https";
                defaultPort = 443;
            }
            case "" -> throw new KeyServerException(v, "the address has no scheme", FIX_FORMAT);
            default -> throw new KeyServerException(v, "the scheme '" + uri.getScheme() + ":' is not supported",
                    FIX_FORMAT);
        }
        if (uri.isOpaque()) {
            throw new KeyServerException(v, "not a hierarchical URL (no '//' after '" + uri.getScheme() + ":')",
                    FIX_FORMAT);
        }
        if (uri.getRawUserInfo() != null) {
            String shown = v.replace(uri.getRawUserInfo() + "@", "***@");
            throw new KeyServerException(shown, "the URL holds user info (a name or password before '@'), which would be"
                    + " sent and logged", "remove it: key servers need no login, and proxy credentials belong in"
                    + " Maven's settings.xml <proxy>");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new KeyServerException(v, "the URL has no host name (or an invalid one)", FIX_FORMAT);
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new KeyServerException(v, "the URL has a query ('?') or fragment ('#')", "give the key server's base"
                    + " address only; Airlock adds the lookup path itself (" + FIX_FORMAT + ")");
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        if (protocol == Protocol.HKP && !path.isEmpty()) {
            throw new KeyServerException(v, "an HKP address has no path (HKP always uses " + HKP_PATH + ")",
                    "write " + scheme + "://" + uri.getHost() + (uri.getPort() >= 0 ? ":" + uri.getPort() : ""));
        }
        int port = uri.getPort() >= 0 ? uri.getPort() : defaultPort;
        String base = httpScheme + "://" + uri.getHost() + (port >= 0 ? ":" + port : "") + path;
        HttpClient.Builder b = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .proxy(proxies)
                .connectTimeout(timeout);
        if (authenticator != null) {
            b.authenticator(authenticator);
        }
        return new KeyServer(v, protocol, base, timeout, b.build());
    }

    /** The address as the user gave it. */
    public String address() {
        return value;
    }

    /**
     * The URL a lookup of this fingerprint (40 hex digits) or key id (16 hex digits) requests; spaces, case and a
     * {@code 0x} prefix are ignored.
     *
     * @throws IllegalArgumentException when the value is neither
     */
    public String lookupUrl(String fingerprintOrKeyId) {
        String v = Fingerprints.normalize(fingerprintOrKeyId);
        if (Fingerprints.isHex(v, 40)) {
            return url(v, false);
        }
        if (Fingerprints.isHex(v, 16)) {
            return url(v, true);
        }
        throw new IllegalArgumentException("not an OpenPGP v4 fingerprint (40 hex digits) or key id (16 hex digits): '"
                + fingerprintOrKeyId + "'");
    }

    private String url(String hex, boolean keyId) {
        if (protocol == Protocol.HKP) {
            return base + HKP_PATH + "?op=get&options=mr&search=0x" + hex;
        }
        return base + (keyId ? "/vks/v1/by-keyid/" : "/vks/v1/by-fingerprint/") + hex;
    }

    /**
     * {@link #byFingerprint} for 40 hex digits, {@link #byKeyId} for 16 (spaces, case and {@code 0x} ignored): for a
     * signature's issuer, which is a fingerprint in newer signatures and only a key id in old ones.
     *
     * @throws IllegalArgumentException when the value is neither
     */
    public Lookup lookup(String fingerprintOrKeyId) {
        String v = Fingerprints.normalize(fingerprintOrKeyId);
        if (Fingerprints.isHex(v, 16)) {
            return byKeyId(v);
        }
        if (Fingerprints.isHex(v, 40)) {
            return byFingerprint(v);
        }
        throw new IllegalArgumentException("not an OpenPGP v4 fingerprint (40 hex digits) or key id (16 hex digits): '"
                + fingerprintOrKeyId + "'");
    }

    /**
     * Fetches the key carrying this fingerprint (a primary key's or a subkey's; spaces, case and {@code 0x} ignored).
     *
     * @throws IllegalArgumentException when it is not 40 hex digits
     */
    public Lookup byFingerprint(String fingerprint) {
        String f = Fingerprints.fingerprint(fingerprint);
        return fetch(url(f, false), f, false);
    }

    /**
     * Fetches the key carrying this key id (the low 64 bits of a primary key's or a subkey's fingerprint), for old
     * signatures that name only their issuer's key id. The answer must hold exactly one key carrying it.
     *
     * @throws IllegalArgumentException when it is not 16 hex digits
     */
    public Lookup byKeyId(String keyId) {
        String k = Fingerprints.keyId(keyId);
        return fetch(url(k, true), k, true);
    }

    private Lookup fetch(String url, String requested, boolean keyId) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .timeout(timeout)
                .header("Accept", "application/pgp-keys, text/plain;q=0.5, */*;q=0.1")
                .GET()
                .build();
        CompletableFuture<HttpResponse<byte[]>> future = client.sendAsync(request, info -> {
            if (info.statusCode() / 100 != 2) {
                return BodySubscribers.replacing((byte[]) null);
            }
            long declared = info.headers().firstValueAsLong("Content-Length").orElse(-1L);
            if (declared > MAX_BODY_BYTES) {
                return new CappedBody(-1);
            }
            return new CappedBody(MAX_BODY_BYTES);
        });
        HttpResponse<byte[]> response;
        try {
            response = future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            return new Lookup.Failed(url, "no complete answer within " + human(timeout));
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            return new Lookup.Failed(url, "interrupted");
        } catch (ExecutionException e) {
            return new Lookup.Failed(url, reason(e.getCause()));
        }
        int status = response.statusCode();
        if (status == 404) {
            return new Lookup.NotFound(url);
        }
        if (status / 100 == 3) {
            return new Lookup.Failed(url, "HTTP status " + status + ", a redirect that is not followed (only 301, 302,"
                    + " 303, 307 and 308 are, and never from HTTPS to HTTP)");
        }
        if (status / 100 != 2) {
            return new Lookup.Failed(url, "HTTP status " + status);
        }
        return check(url, requested, keyId, response.body());
    }

    private String reason(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof BodyTooLarge) {
                return "the answer is larger than " + (MAX_BODY_BYTES / (1024 * 1024)) + " MiB, far more than one key";
            }
            if (c instanceof HttpConnectTimeoutException) {
                return "could not connect within " + human(timeout);
            }
            if (c instanceof HttpTimeoutException) {
                return "no answer within " + human(timeout);
            }
            if (c instanceof ConnectException) {
                return "cannot connect" + detail(c);
            }
        }
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return (root instanceof IOException ? "network error: " : "error: ") + root.getClass().getSimpleName()
                + detail(root);
    }

    private static String detail(Throwable t) {
        String m = t.getMessage();
        return m == null || m.isBlank() ? "" : " (" + oneLine(m) + ")";
    }

    private static String oneLine(String s) {
        String one = s.replaceAll("[\\r\\n\\t]+", " ").strip();
        return one.length() > 200 ? one.substring(0, 200) + "..." : one;
    }

    private static String human(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? (ms / 1000) + " s" : ms + " ms";
    }

    /** Checks an answer: an armored key block that loads, one key of which carries what was asked. */
    static Lookup check(String url, String requested, boolean keyId, byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        if (!text.contains("-----BEGIN PGP PUBLIC KEY BLOCK-----")) {
            return new Lookup.Failed(url, "the answer is not an armored public key block (" + body.length + " bytes"
                    + (body.length == 0 ? "" : ", starting '" + oneLine(text.substring(0, Math.min(40, text.length())))
                    + "'") + ")");
        }
        PgpKeyring keyring;
        try {
            keyring = PgpKeyring.parse(url, body);
        } catch (PgpKeyringException e) {
            return new Lookup.Refused(url, "the key data does not hold up: " + oneLine(e.problem()));
        }
        String what = (keyId ? "key id " : "fingerprint ") + requested;
        List<PgpKeyInfo> carrying = new ArrayList<>();
        List<String> unbound = new ArrayList<>();
        for (PgpKeyInfo k : keyring.keys()) {
            if (matches(k.fingerprint(), requested, keyId)) {
                carrying.add(k);
                continue;
            }
            for (PgpSubkeyInfo s : k.subkeys()) {
                if (matches(s.fingerprint(), requested, keyId)) {
                    if (s.bound()) {
                        carrying.add(k);
                    } else {
                        unbound.add(k.fingerprint());
                    }
                    break;
                }
            }
        }
        if (carrying.isEmpty()) {
            List<String> got = keyring.keys().stream().map(PgpKeyInfo::fingerprint).toList();
            return new Lookup.Refused(url, "asked for " + what + ", the server answered with "
                    + (got.size() == 1 ? "key " + got.get(0) : "keys " + String.join(", ", got))
                    + (unbound.isEmpty() ? ", which does not carry it" : ", where it is a subkey without a valid binding"
                    + " signature by " + String.join(", ", unbound)));
        }
        if (carrying.size() > 1) {
            return new Lookup.Refused(url, "asked for " + what + ", the answer holds several keys carrying it ("
                    + String.join(", ", carrying.stream().map(PgpKeyInfo::fingerprint).toList())
                    + "); look it up by the full fingerprint");
        }
        PgpKeyInfo k = carrying.get(0);
        String armored = keyring.armored(k.fingerprint()).orElseThrow();
        return new Lookup.Found(new FetchedKey(k.fingerprint(), k.userIds(), k, armored), url);
    }

    private static boolean matches(String fingerprint, String requested, boolean keyId) {
        return keyId ? fingerprint.endsWith(requested) : fingerprint.equals(requested);
    }

    @Override
    public String toString() {
        return value;
    }

    /** The body exceeded the limit. */
    private static final class BodyTooLarge extends IOException {
        private static final long serialVersionUID = 1L;

        BodyTooLarge() {
            super("body larger than " + MAX_BODY_BYTES + " bytes");
        }
    }

    /** Collects a body up to a limit, cancelling the transfer beyond it (a negative limit refuses at once). */
    private static final class CappedBody implements BodySubscriber<byte[]> {
        private final long limit;
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        private Flow.Subscription subscription;

        CappedBody(long limit) {
            this.limit = limit;
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            if (limit < 0) {
                s.cancel();
                result.completeExceptionally(new BodyTooLarge());
                return;
            }
            s.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            if (result.isDone()) {
                return;
            }
            for (ByteBuffer b : items) {
                int n = b.remaining();
                if (buffer.size() + (long) n > limit) {
                    subscription.cancel();
                    result.completeExceptionally(new BodyTooLarge());
                    return;
                }
                byte[] chunk = new byte[n];
                b.get(chunk);
                buffer.write(chunk, 0, n);
            }
        }

        @Override
        public void onError(Throwable t) {
            result.completeExceptionally(t);
        }

        @Override
        public void onComplete() {
            result.complete(buffer.toByteArray());
        }
    }
}
