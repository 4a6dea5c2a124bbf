package dev.airlock.verify.keys;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.airlock.verify.pgp.GeneratedKeys;
import dev.airlock.verify.pgp.PgpKeyInfo;
import dev.airlock.verify.pgp.PgpKeyring;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link KeyServer} against a loopback HTTP server serving the real public keys of src/test/resources/pgp (see the
 * README.md there), over the VKS and HKP paths; every request the server gets is recorded.
 */
class KeyServerTest {
    static final String JETBRAINS = "B46DC71E03FEEB7F89D1F2491F7A8F87B9D8F501";
    static final String JETBRAINS_SIGNING_SUBKEY = "33FD4BFD33554634053D73C0C2148900BCD3C2AF";
    static final String DD_PLIST_OLD = "1CEED21A8E77F056ED2341A84410603103CE3AF4";
    static final String DD_PLIST_NEW = "57A9B92FEEDC551C3A5E5E5F6373846688F587B4";
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    private record Answer(int status, byte[] body, boolean chunked) {}

    private HttpServer server;
    private ExecutorService executor;
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private final List<String> requests = Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void start() throws IOException {
        executor = Executors.newCachedThreadPool();
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::serve);
        server.setExecutor(executor);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void serve(HttpExchange x) throws IOException {
        String target = x.getRequestURI().toString();
        requests.add(target);
        String pathAndQuery = x.getRequestURI().getRawPath()
                + (x.getRequestURI().getRawQuery() == null ? "" : "?" + x.getRequestURI().getRawQuery());
        Answer a = answers.getOrDefault(pathAndQuery, new Answer(404, "Not Found".getBytes(StandardCharsets.UTF_8),
                false));
        x.sendResponseHeaders(a.status(), a.chunked() ? 0 : a.body().length);
        try (OutputStream out = x.getResponseBody()) {
            out.write(a.body());
        } catch (IOException e) {
            // the client stopped reading (the oversize cases)
        }
    }

    private String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private String hkp() {
        return "hkp://127.0.0.1:" + server.getAddress().getPort();
    }

    private static KeyServer keyServer(String url) throws KeyServerException {
        return KeyServer.of(url, HttpClient.Builder.NO_PROXY, null, TIMEOUT);
    }

    static byte[] resource(String name) throws IOException {
        try (InputStream in = KeyServerTest.class.getResourceAsStream("/pgp/" + name)) {
            return in.readAllBytes();
        }
    }

    private void serveKey(String pathAndQuery, String resource) throws IOException {
        answers.put(pathAndQuery, new Answer(200, resource(resource), false));
    }

    private static FetchedKey found(Lookup l) {
        return assertInstanceOf(Lookup.Found.class, l, () -> l.describe()).key();
    }

    @Test
    void findsAKeyByItsPrimaryFingerprintOverVks() throws Exception {
        serveKey("/vks/v1/by-fingerprint/" + JETBRAINS, "jetbrains-java-annotations.KEYS");
        // the fingerprint as a user might paste it: spaced, lower case, with 0x
        Lookup l = keyServer(base() + "/").byFingerprint("0xb46d c71e 03fe eb7f 89d1  f249 1f7a 8f87 b9d8 f501");

        FetchedKey k = found(l);
        assertEquals(JETBRAINS, k.fingerprint());
        assertEquals(List.of("Download <download@jetbrains.com>"), k.userIds());
        assertEquals(JETBRAINS, k.info().fingerprint());
        assertEquals(base() + "/vks/v1/by-fingerprint/" + JETBRAINS, l.url());
        assertEquals(List.of("/vks/v1/by-fingerprint/" + JETBRAINS), requests, "one request, the VKS path");
        List<PgpKeyInfo> back = PgpKeyring.parse("fetched", k.armoredBytes()).keys();
        assertEquals(1, back.size());
        assertEquals(JETBRAINS, back.get(0).fingerprint());
        assertFalse(k.armored().contains("Version:"), "no varying armor header");
    }

    @Test
    void findsAKeyByItsPrimaryFingerprintOverHkp() throws Exception {
        serveKey("/pks/lookup?op=get&options=mr&search=0x" + JETBRAINS, "jetbrains-java-annotations.KEYS");

        Lookup l = keyServer(hkp()).byFingerprint(JETBRAINS);

        assertEquals(JETBRAINS, found(l).fingerprint());
        assertEquals(List.of("/pks/lookup?op=get&options=mr&search=0x" + JETBRAINS), requests);
    }

    @Test
    void findsAKeyByASubkeyFingerprint() throws Exception {
        serveKey("/vks/v1/by-fingerprint/" + JETBRAINS_SIGNING_SUBKEY, "jetbrains-java-annotations.KEYS");

        FetchedKey k = found(keyServer(base()).byFingerprint(JETBRAINS_SIGNING_SUBKEY));

        assertEquals(JETBRAINS, k.fingerprint(), "the primary key carrying the subkey");
        assertTrue(k.info().subkeys().stream().anyMatch(s -> s.fingerprint().equals(JETBRAINS_SIGNING_SUBKEY)
                && s.signing()));
        assertEquals(1, requests.size());
        assertEquals(JETBRAINS, found(keyServer(base()).lookup(JETBRAINS_SIGNING_SUBKEY)).fingerprint());
        assertEquals(List.of("/vks/v1/by-fingerprint/" + JETBRAINS_SIGNING_SUBKEY,
                "/vks/v1/by-fingerprint/" + JETBRAINS_SIGNING_SUBKEY), requests, "lookup picks by-fingerprint");
    }

    @Test
    void findsAKeyByKeyIdOverVksAndHkp() throws Exception {
        String subkeyId = JETBRAINS_SIGNING_SUBKEY.substring(24);
        serveKey("/vks/v1/by-keyid/" + subkeyId, "jetbrains-java-annotations.KEYS");
        serveKey("/pks/lookup?op=get&options=mr&search=0x" + subkeyId, "jetbrains-java-annotations.KEYS");

        assertEquals(JETBRAINS, found(keyServer(base()).byKeyId(subkeyId.toLowerCase())).fingerprint());
        assertEquals(JETBRAINS, found(keyServer(hkp()).byKeyId(subkeyId)).fingerprint());
        assertEquals(JETBRAINS, found(keyServer(base()).lookup("0x" + subkeyId)).fingerprint(), "lookup picks by-keyid");
        assertEquals(List.of("/vks/v1/by-keyid/" + subkeyId, "/pks/lookup?op=get&options=mr&search=0x" + subkeyId,
                "/vks/v1/by-keyid/" + subkeyId), requests);
        assertThrows(IllegalArgumentException.class, () -> keyServer(base()).lookup("C2148900"));
    }

    @Test
    void keepsOnlyTheRequestedKeyOfAnAnswerWithSeveral() throws Exception {
        serveKey("/vks/v1/by-fingerprint/" + DD_PLIST_OLD, "dd-plist.KEYS");
        assertEquals(2, PgpKeyring.parse("dd-plist.KEYS", resource("dd-plist.KEYS")).keys().size());

        FetchedKey k = found(keyServer(base()).byFingerprint(DD_PLIST_OLD));

        assertEquals(DD_PLIST_OLD, k.fingerprint());
        List<PgpKeyInfo> back = PgpKeyring.parse("fetched", k.armoredBytes()).keys();
        assertEquals(List.of(DD_PLIST_OLD), back.stream().map(PgpKeyInfo::fingerprint).toList(),
                "the other key of the answer is dropped");
    }

    @Test
    void aMissingKeyIsNotFound() throws Exception {
        Lookup l = keyServer(base()).byFingerprint(JETBRAINS);

        assertInstanceOf(Lookup.NotFound.class, l);
        assertEquals(base() + "/vks/v1/by-fingerprint/" + JETBRAINS, l.url());
        assertEquals(1, requests.size());
    }

    @Test
    void anAnswerWithAnotherKeyIsRefusedNamingBoth() throws Exception {
        serveKey("/vks/v1/by-fingerprint/" + JETBRAINS, "dd-plist.KEYS");

        Lookup l = keyServer(base()).byFingerprint(JETBRAINS);

        Lookup.Refused r = assertInstanceOf(Lookup.Refused.class, l, l::describe);
        assertTrue(r.reason().contains(JETBRAINS), r.reason());
        assertTrue(r.reason().contains(DD_PLIST_OLD) && r.reason().contains(DD_PLIST_NEW), r.reason());
        assertTrue(r.describe().startsWith(base() + "/vks/v1/by-fingerprint/" + JETBRAINS), r.describe());
    }

    @Test
    void aKeyIdCarriedOnlyByAnotherKeyIsRefused() throws Exception {
        serveKey("/vks/v1/by-keyid/1F7A8F87B9D8F501", "dd-plist.KEYS");

        Lookup l = keyServer(base()).byKeyId("1F7A8F87B9D8F501");

        assertInstanceOf(Lookup.Refused.class, l, l::describe);
    }

    @Test
    void aKeyWhoseSelfSignatureDoesNotVerifyIsRefused() throws Exception {
        GeneratedKeys.Generated good = GeneratedKeys.signingKey("Good <good@keys.example>");
        GeneratedKeys.Generated bad = GeneratedKeys.damagedSelfSignature("Mallory <mallory@keys.example>");
        answers.put("/vks/v1/by-fingerprint/" + good.fingerprint(), new Answer(200,
                good.armored().getBytes(StandardCharsets.US_ASCII), false));
        answers.put("/vks/v1/by-fingerprint/" + bad.fingerprint(), new Answer(200,
                bad.armored().getBytes(StandardCharsets.US_ASCII), false));
        KeyServer ks = keyServer(base());

        assertEquals(good.fingerprint(), found(ks.byFingerprint(good.fingerprint())).fingerprint(),
                "the same construction, intact, is found");
        Lookup l = ks.byFingerprint(bad.fingerprint());
        Lookup.Refused r = assertInstanceOf(Lookup.Refused.class, l, l::describe);
        assertTrue(r.reason().contains("self-signature"), r.reason());
    }

    @Test
    void aSubkeyThatIsNotBoundToTheKeyIsRefused() throws Exception {
        GeneratedKeys.Generated k = GeneratedKeys.withUnboundSubkey("Owner <owner@keys.example>");
        String subkey = k.subkeyFingerprints().get(0);
        answers.put("/vks/v1/by-fingerprint/" + subkey, new Answer(200,
                k.armored().getBytes(StandardCharsets.US_ASCII), false));
        answers.put("/vks/v1/by-fingerprint/" + k.fingerprint(), new Answer(200,
                k.armored().getBytes(StandardCharsets.US_ASCII), false));
        KeyServer ks = keyServer(base());

        assertEquals(k.fingerprint(), found(ks.byFingerprint(k.fingerprint())).fingerprint(), "the primary is fine");
        Lookup l = ks.byFingerprint(subkey);
        Lookup.Refused r = assertInstanceOf(Lookup.Refused.class, l, l::describe);
        assertTrue(r.reason().contains("without a valid binding signature by " + k.fingerprint()), r.reason());
    }

    @Test
    void damagedKeyDataIsRefused() throws Exception {
        String armored = new String(resource("jetbrains-java-annotations.KEYS"), StandardCharsets.US_ASCII);
        int mid = armored.indexOf("-----BEGIN PGP PUBLIC KEY BLOCK-----") + 200;
        char c = armored.charAt(mid);
        String damaged = armored.substring(0, mid) + (c == 'A' ? 'B' : 'A') + armored.substring(mid + 1);
        answers.put("/vks/v1/by-fingerprint/" + JETBRAINS, new Answer(200,
                damaged.getBytes(StandardCharsets.US_ASCII), false));

        Lookup l = keyServer(base()).byFingerprint(JETBRAINS);

        assertInstanceOf(Lookup.Refused.class, l, l::describe);
    }

    @Test
    void aServerErrorFails() throws Exception {
        answers.put("/vks/v1/by-fingerprint/" + JETBRAINS, new Answer(500, "oops".getBytes(StandardCharsets.UTF_8),
                false));

        Lookup l = keyServer(base()).byFingerprint(JETBRAINS);

        Lookup.Failed f = assertInstanceOf(Lookup.Failed.class, l, l::describe);
        assertTrue(f.reason().contains("500"), f.reason());
        assertEquals(1, requests.size(), "no retry");
    }

    @Test
    void anAnswerThatIsNotAKeyFails() throws Exception {
        answers.put("/vks/v1/by-fingerprint/" + JETBRAINS, new Answer(200,
                "<html><body>No results</body></html>".getBytes(StandardCharsets.UTF_8), false));

        Lookup l = keyServer(base()).byFingerprint(JETBRAINS);

        Lookup.Failed f = assertInstanceOf(Lookup.Failed.class, l, l::describe);
        assertTrue(f.reason().contains("not an armored public key block"), f.reason());
        assertFalse(f.describe().contains("\n"));
    }

    @Test
    void aServerThatNeverAnswersFailsWithinTheTimeout() throws Exception {
        List<Socket> held = Collections.synchronizedList(new ArrayList<>());
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        held.add(silent.accept()); // accept, never read or write
                    }
                } catch (IOException e) {
                    // closed at the end of the test
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            KeyServer ks = KeyServer.of("http://127.0.0.1:" + silent.getLocalPort(), HttpClient.Builder.NO_PROXY,
                    null, Duration.ofMillis(700));

            long t0 = System.nanoTime();
            Lookup l = ks.byFingerprint(JETBRAINS);
            long ms = (System.nanoTime() - t0) / 1_000_000;

            Lookup.Failed f = assertInstanceOf(Lookup.Failed.class, l, l::describe);
            assertTrue(f.reason().contains("within 700 ms"), f.reason());
            assertTrue(ms >= 600 && ms < 5_000, "took " + ms + " ms");
            assertFalse(held.isEmpty(), "the client did connect");
        } finally {
            for (Socket s : held) {
                s.close();
            }
        }
    }

    @Test
    void aServerThatStallsInTheMiddleOfTheBodyFailsWithinTheTimeout() throws Exception {
        // headers arrive at once, the body never completes: the timeout bounds the whole exchange, not only the headers
        List<Socket> held = Collections.synchronizedList(new ArrayList<>());
        try (ServerSocket stalling = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        Socket s = stalling.accept();
                        held.add(s);
                        s.getOutputStream().write(("HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n"
                                + "-----BEGIN PGP PUBLIC KEY BLOCK-----\n").getBytes(StandardCharsets.US_ASCII));
                        s.getOutputStream().flush();
                    }
                } catch (IOException e) {
                    // closed at the end of the test
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            KeyServer ks = KeyServer.of("http://127.0.0.1:" + stalling.getLocalPort(), HttpClient.Builder.NO_PROXY,
                    null, Duration.ofMillis(800));

            long t0 = System.nanoTime();
            Lookup l = ks.byFingerprint(JETBRAINS);
            long ms = (System.nanoTime() - t0) / 1_000_000;

            Lookup.Failed f = assertInstanceOf(Lookup.Failed.class, l, l::describe);
            assertTrue(f.reason().contains("within 800 ms"), f.reason());
            assertTrue(ms >= 700 && ms < 5_000, "took " + ms + " ms");
        } finally {
            for (Socket s : held) {
                s.close();
            }
        }
    }

    @Test
    void redirectsAreFollowed() throws Exception {
        serveKey("/moved/" + JETBRAINS, "jetbrains-java-annotations.KEYS");
        server.createContext("/vks/v1/by-fingerprint/", x -> {
            requests.add(x.getRequestURI().toString());
            x.getResponseHeaders().add("Location", "/moved/" + JETBRAINS);
            x.sendResponseHeaders(302, -1);
            x.close();
        });

        Lookup l = keyServer(base()).byFingerprint(JETBRAINS);

        assertEquals(JETBRAINS, found(l).fingerprint());
        assertEquals(List.of("/vks/v1/by-fingerprint/" + JETBRAINS, "/moved/" + JETBRAINS), requests);
        assertEquals(base() + "/vks/v1/by-fingerprint/" + JETBRAINS, l.url(), "the URL asked, for the report");
    }

    @Test
    void anOversizeAnswerFailsWhetherItsLengthIsDeclaredOrNot() throws Exception {
        byte[] big = new byte[(int) KeyServer.MAX_BODY_BYTES + 1024 * 1024];
        java.util.Arrays.fill(big, (byte) 'A');
        answers.put("/vks/v1/by-fingerprint/" + JETBRAINS, new Answer(200, big, false));
        answers.put("/vks/v1/by-fingerprint/" + DD_PLIST_OLD, new Answer(200, big, true));
        KeyServer ks = keyServer(base());

        for (String fpr : List.of(JETBRAINS, DD_PLIST_OLD)) {
            Lookup l = ks.byFingerprint(fpr);
            Lookup.Failed f = assertInstanceOf(Lookup.Failed.class, l, l::describe);
            assertTrue(f.reason().contains("larger than 8 MiB"), f.reason());
        }
    }

    @Test
    void anAnswerJustUnderTheLimitIsRead() throws Exception {
        // the limit is on the body, not a guess: a key followed by padding up to the limit is still read
        byte[] key = resource("jetbrains-java-annotations.KEYS");
        byte[] body = new byte[(int) KeyServer.MAX_BODY_BYTES];
        java.util.Arrays.fill(body, (byte) '\n');
        System.arraycopy(key, 0, body, 0, key.length);
        answers.put("/vks/v1/by-fingerprint/" + JETBRAINS, new Answer(200, body, true));

        assertEquals(JETBRAINS, found(keyServer(base()).byFingerprint(JETBRAINS)).fingerprint());
    }

    @Test
    void requestsGoThroughTheGivenProxy() throws Exception {
        List<String> proxied = Collections.synchronizedList(new ArrayList<>());
        byte[] key = resource("jetbrains-java-annotations.KEYS");
        HttpServer proxy = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        proxy.createContext("/", x -> {
            proxied.add(x.getRequestURI() + " Host: " + x.getRequestHeaders().getFirst("Host"));
            x.sendResponseHeaders(200, key.length);
            try (OutputStream out = x.getResponseBody()) {
                out.write(key);
            }
        });
        proxy.start();
        try {
            // keys.example does not resolve: only the proxy can answer
            KeyServer ks = KeyServer.of("http://keys.example",
                    ProxySelector.of(proxy.getAddress()), null, TIMEOUT);

            Lookup l = ks.byFingerprint(JETBRAINS);

            assertEquals(JETBRAINS, found(l).fingerprint());
            assertEquals(List.of("http://keys.example/vks/v1/by-fingerprint/" + JETBRAINS + " Host: keys.example"),
                    proxied);
            assertTrue(requests.isEmpty(), "nothing reached the key server directly");
        } finally {
            proxy.stop(0);
        }
    }

    @Test
    void aRedirectThatCannotBeFollowedFails() throws Exception {
        answers.put("/vks/v1/by-fingerprint/" + JETBRAINS, new Answer(300, new byte[0], false));
        answers.put("/vks/v1/by-fingerprint/" + DD_PLIST_OLD, new Answer(302, new byte[0], false)); // no Location
        KeyServer ks = keyServer(base());

        Lookup l = ks.byFingerprint(JETBRAINS);
        Lookup.Failed f = assertInstanceOf(Lookup.Failed.class, l, l::describe);
        assertTrue(f.reason().startsWith("HTTP status 300, a redirect that is not followed"), f.reason());

        Lookup noLocation = ks.byFingerprint(DD_PLIST_OLD);
        Lookup.Failed g = assertInstanceOf(Lookup.Failed.class, noLocation, noLocation::describe);
        assertTrue(g.reason().contains("redirect"), g.reason());
    }

    @Test
    void theAuthenticatorAnswersAProxyThatAsksForCredentials() throws Exception {
        List<String> proxied = Collections.synchronizedList(new ArrayList<>());
        byte[] key = resource("jetbrains-java-annotations.KEYS");
        String expected = "Basic " + java.util.Base64.getEncoder().encodeToString(
                "builder:s3cret".getBytes(StandardCharsets.UTF_8));
        HttpServer proxy = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        proxy.createContext("/", x -> {
            String auth = x.getRequestHeaders().getFirst("Proxy-Authorization");
            proxied.add(auth == null ? "no credentials" : auth);
            if (!expected.equals(auth)) {
                x.getResponseHeaders().add("Proxy-Authenticate", "Basic realm=\"proxy.example\"");
                x.sendResponseHeaders(407, -1);
                x.close();
                return;
            }
            x.sendResponseHeaders(200, key.length);
            try (OutputStream out = x.getResponseBody()) {
                out.write(key);
            }
        });
        proxy.start();
        try {
            java.net.Authenticator credentials = new java.net.Authenticator() {
                @Override
                protected java.net.PasswordAuthentication getPasswordAuthentication() {
                    return getRequestorType() == RequestorType.PROXY
                            ? new java.net.PasswordAuthentication("builder", "s3cret".toCharArray()) : null;
                }
            };
            KeyServer ks = KeyServer.of("http://keys.example", ProxySelector.of(proxy.getAddress()), credentials,
                    TIMEOUT);

            assertEquals(JETBRAINS, found(ks.byFingerprint(JETBRAINS)).fingerprint());
            assertEquals(List.of("no credentials", expected), proxied);

            KeyServer without = KeyServer.of("http://keys.example", ProxySelector.of(proxy.getAddress()), null,
                    TIMEOUT);
            Lookup l = without.byFingerprint(JETBRAINS);
            assertTrue(assertInstanceOf(Lookup.Failed.class, l, l::describe).reason().contains("407"), l.describe());
        } finally {
            proxy.stop(0);
        }
    }

    @Test
    void theMergedKeyringIsTheSameBytesWhenBuiltTwiceAndLoadsBack() throws Exception {
        serveKey("/vks/v1/by-fingerprint/" + JETBRAINS, "jetbrains-java-annotations.KEYS");
        serveKey("/vks/v1/by-fingerprint/" + JETBRAINS_SIGNING_SUBKEY, "jetbrains-java-annotations.KEYS");
        serveKey("/vks/v1/by-fingerprint/" + DD_PLIST_OLD, "dd-plist.KEYS");
        KeyServer ks = keyServer(base());
        FetchedKey jetbrains = found(ks.byFingerprint(JETBRAINS));
        FetchedKey again = found(ks.byFingerprint(JETBRAINS_SIGNING_SUBKEY));
        FetchedKey ddPlist = found(ks.byFingerprint(DD_PLIST_OLD));

        String once = ProposedKeyring.text(List.of(jetbrains, ddPlist));
        String twice = ProposedKeyring.text(List.of(ddPlist, again, jetbrains));

        assertArrayEquals(once.getBytes(StandardCharsets.US_ASCII), twice.getBytes(StandardCharsets.US_ASCII));
        List<PgpKeyInfo> back = PgpKeyring.parse("proposed.asc", once.getBytes(StandardCharsets.US_ASCII)).keys();
        assertEquals(List.of(DD_PLIST_OLD, JETBRAINS), back.stream().map(PgpKeyInfo::fingerprint).toList(),
                "one block per key, ordered by fingerprint");
        assertTrue(once.startsWith("# " + DD_PLIST_OLD + " "), once.substring(0, 80));
        assertTrue(once.contains("\n# " + JETBRAINS + " Download <download@jetbrains.com>\n"));
        assertFalse(once.contains("Version:") || once.contains("Comment:") || once.contains("\r"));
        assertEquals("", ProposedKeyring.text(List.of()));
    }

    @Test
    void lookupUrlsFollowTheInterfaceOfTheScheme() throws Exception {
        assertEquals("https://keys.example/vks/v1/by-fingerprint/" + JETBRAINS,
                keyServer("https://keys.example").lookupUrl(JETBRAINS));
        assertEquals("https://keys.example:8443/base/vks/v1/by-keyid/1F7A8F87B9D8F501",
                keyServer("https://keys.example:8443/base/").lookupUrl("1f7a8f87b9d8f501"));
        assertEquals("http://keys.example:11371/pks/lookup?op=get&options=mr&search=0x" + JETBRAINS,
                keyServer("hkp://keys.example").lookupUrl(JETBRAINS));
        assertEquals("https://keys.example:443/pks/lookup?op=get&options=mr&search=0x1F7A8F87B9D8F501",
                keyServer("HKPS://keys.example/").lookupUrl("1F7A8F87B9D8F501"));
        assertEquals("http://keys.example:8080/pks/lookup?op=get&options=mr&search=0x" + JETBRAINS,
                keyServer("hkp://keys.example:8080").lookupUrl(JETBRAINS));
        assertThrows(IllegalArgumentException.class, () -> keyServer("https://keys.example").lookupUrl("1234"));
        assertThrows(IllegalArgumentException.class, () -> keyServer("https://keys.example").byFingerprint(
                JETBRAINS.substring(24)));
        assertThrows(IllegalArgumentException.class, () -> keyServer("https://keys.example").byKeyId(JETBRAINS));
    }

    @Test
    void unusableAddressesAreRefusedNamingTheValueAndTheFix() {
        for (String bad : List.of("ftp://keys.example", "https://user:secret@keys.example", "https://keys example",
                "keys.example", "hkps://keys.example/pks/lookup", "https://keys.example/?op=get", "hkp:///",
                "mailto:keys@keys.example")) {
            KeyServerException e = assertThrows(KeyServerException.class, () -> keyServer(bad), bad);
            assertTrue(e.getMessage().contains("'" + bad.replace("user:secret@", "***@") + "'"), e.getMessage());
            assertTrue(e.getMessage().contains(". Fix: "), e.getMessage());
            assertFalse(e.getMessage().contains("\n"), e.getMessage());
        }
        KeyServerException blank = assertThrows(KeyServerException.class, () -> keyServer(" "));
        assertTrue(blank.problem().contains("no key server address"), blank.getMessage());
        KeyServerException e = assertThrows(KeyServerException.class,
                () -> keyServer("https://user:secret@keys.example"));
        assertTrue(e.problem().contains("user info"), e.problem());
        assertFalse(e.getMessage().contains("secret"), "the password is not repeated: " + e.getMessage());
    }
}
