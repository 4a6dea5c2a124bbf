package dev.airlock.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.bcpg.ArmoredInputStream;
import org.bouncycastle.openpgp.PGPObjectFactory;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureList;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.operator.bc.BcKeyFingerprintCalculator;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentVerifierBuilderProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The harness's key server ({@code it.keyserver}) over real published keys (attestation-verify's test data), and its
 * signer ({@code it.pgp.sign}): what the key server serves verifies what the signer signed.
 */
class KeyServerTest {
    private static final Path PGP = Path.of(System.getProperty("basedir", "."))
            .resolve("../../attestation-verify/src/test/resources/pgp").normalize();
    private static final String JETBRAINS = "B46DC71E03FEEB7F89D1F2491F7A8F87B9D8F501";
    private static final String JETBRAINS_SIGNING_SUBKEY = "33FD4BFD33554634053D73C0C2148900BCD3C2AF";
    private static final String DD_PLIST_OLD = "1CEED21A8E77F056ED2341A84410603103CE3AF4";
    private static final String DD_PLIST_NEW = "57A9B92FEEDC551C3A5E5E5F6373846688F587B4";

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> get(KeyServer s, String pathAndQuery) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(s.url() + pathAndQuery)).GET().build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.US_ASCII));
    }

    private static List<PGPPublicKeyRing> certificates(String armored) throws Exception {
        List<PGPPublicKeyRing> out = new ArrayList<>();
        try (InputStream in = new ArmoredInputStream(new ByteArrayInputStream(armored.getBytes(StandardCharsets.US_ASCII)))) {
            new org.bouncycastle.openpgp.PGPPublicKeyRingCollection(in, new BcKeyFingerprintCalculator())
                    .forEach(out::add);
        }
        return out;
    }

    private static String primary(String armored) throws Exception {
        List<PGPPublicKeyRing> rings = certificates(armored);
        assertEquals(1, rings.size(), "one certificate per answer");
        return KeyServer.hex(rings.get(0).getPublicKey().getFingerprint());
    }

    @Test
    void servesEachCertificateByPrimaryAndSubkeyFingerprintAndKeyIdOverVksAndHkp() throws Exception {
        Path keys = Files.createDirectories(dir.resolve("keys"));
        Files.copy(PGP.resolve("jetbrains-java-annotations.KEYS"), keys.resolve("jetbrains.KEYS"));
        Files.copy(PGP.resolve("dd-plist.KEYS"), Files.createDirectories(keys.resolve("more")).resolve("dd-plist.KEYS"));
        Files.writeString(keys.resolve("notes.txt"), "no key here\n");
        try (KeyServer s = KeyServer.start(List.of(keys, dir.resolve("absent")))) {
            assertTrue(s.url().startsWith("http://127.0.0.1:"));

            HttpResponse<String> r = get(s, "/vks/v1/by-fingerprint/" + JETBRAINS);
            assertEquals(200, r.statusCode());
            assertEquals("application/pgp-keys", r.headers().firstValue("Content-Type").orElse(""));
            assertTrue(r.body().startsWith("-----BEGIN PGP PUBLIC KEY BLOCK-----"), r.body());
            assertEquals(JETBRAINS, primary(r.body()));
            assertEquals(4, count(r.body()), "the primary key and its three subkeys");

            r = get(s, "/vks/v1/by-fingerprint/" + JETBRAINS_SIGNING_SUBKEY);
            assertEquals(200, r.statusCode());
            assertEquals(JETBRAINS, primary(r.body()));

            r = get(s, "/vks/v1/by-keyid/" + JETBRAINS_SIGNING_SUBKEY.substring(24));
            assertEquals(200, r.statusCode());
            assertEquals(JETBRAINS, primary(r.body()));
            assertEquals(200, get(s, "/vks/v1/by-keyid/" + JETBRAINS.substring(24)).statusCode());

            // a file holding two keys: each served alone
            assertEquals(DD_PLIST_OLD, primary(get(s, "/vks/v1/by-fingerprint/" + DD_PLIST_OLD).body()));
            assertEquals(DD_PLIST_NEW, primary(get(s, "/vks/v1/by-fingerprint/" + DD_PLIST_NEW).body()));

            assertEquals(404, get(s, "/vks/v1/by-fingerprint/0123456789ABCDEF0123456789ABCDEF01234567").statusCode());
            assertEquals(404, get(s, "/vks/v1/by-keyid/0123456789ABCDEF").statusCode());
            assertEquals(400, get(s, "/vks/v1/by-fingerprint/" + JETBRAINS.toLowerCase()).statusCode());
            assertEquals(404, get(s, "/vks/v1/by-email/download@jetbrains.example").statusCode());
            assertEquals(404, get(s, "/").statusCode());

            r = get(s, "/pks/lookup?op=get&options=mr&search=0x" + JETBRAINS_SIGNING_SUBKEY);
            assertEquals(200, r.statusCode());
            assertEquals(JETBRAINS, primary(r.body()));
            r = get(s, "/pks/lookup?op=get&options=mr&search=0x" + DD_PLIST_OLD.substring(24).toLowerCase());
            assertEquals(200, r.statusCode());
            assertEquals(DD_PLIST_OLD, primary(r.body()));
            assertEquals(404, get(s, "/pks/lookup?op=get&options=mr&search=0x0123456789ABCDEF").statusCode());
            assertEquals(501, get(s, "/pks/lookup?op=index&search=0x" + JETBRAINS).statusCode());

            assertEquals(3, s.certificates().size());
            assertTrue(s.problems().isEmpty(), s.problems().toString());
            String log = s.logText();
            assertTrue(log.startsWith("GET /vks/v1/by-fingerprint/" + JETBRAINS + " 200\n"), log);
            assertTrue(log.contains("GET /pks/lookup?op=get&options=mr&search=0x" + JETBRAINS_SIGNING_SUBKEY + " 200\n"),
                    log);
            assertEquals(2, s.requests(JETBRAINS_SIGNING_SUBKEY).size());
        }
    }

    private static int count(String armored) throws Exception {
        int n = 0;
        for (java.util.Iterator<PGPPublicKey> it = certificates(armored).get(0).getPublicKeys(); it.hasNext(); it.next()) {
            n++;
        }
        return n;
    }

    @Test
    void signsWithAKeyItServesAndTheAttackersKeyIsAnother() throws Exception {
        PgpSigner publisher = PgpSigner.generate(PgpSigner.PUBLISHER);
        PgpSigner attacker = PgpSigner.generate(PgpSigner.ATTACKER);
        assertFalse(publisher.fingerprint().equals(attacker.fingerprint()));
        assertTrue(publisher.fingerprint().matches("[0-9A-F]{40}"));
        assertEquals(publisher.fingerprint().substring(24), publisher.keyId());

        Path keys = Files.createDirectories(dir.resolve(".mvn/keys"));
        // a file with text around the block, as KEYS files have
        Files.writeString(keys.resolve("it-publisher.asc"), "publisher key\n\n" + publisher.armoredPublicKey() + "\nend\n");
        Path jar = Files.write(dir.resolve("lib-1.0.jar"), "the artifact's bytes".getBytes(StandardCharsets.UTF_8));
        publisher.sign(jar, dir.resolve("lib-1.0.jar.asc"));
        attacker.sign(jar, dir.resolve("lib-1.0.jar.mallory.asc"));

        try (KeyServer s = KeyServer.start(List.of(keys))) {
            HttpResponse<String> r = get(s, "/vks/v1/by-fingerprint/" + publisher.fingerprint());
            assertEquals(200, r.statusCode());
            PGPPublicKeyRing cert = certificates(r.body()).get(0);
            PGPPublicKey key = cert.getPublicKey();
            assertEquals(PgpSigner.PUBLISHER, key.getUserIDs().next());
            assertTrue(verifies(dir.resolve("lib-1.0.jar"), dir.resolve("lib-1.0.jar.asc"), key));
            assertFalse(verifies(dir.resolve("lib-1.0.jar"), dir.resolve("lib-1.0.jar.mallory.asc"), key));
            assertEquals(404, get(s, "/vks/v1/by-fingerprint/" + attacker.fingerprint()).statusCode());

            // a key written after the server started is served (the directories are read on each request)
            Files.writeString(keys.resolve("it-attacker.asc"), attacker.armoredPublicKey());
            r = get(s, "/vks/v1/by-keyid/" + attacker.keyId());
            assertEquals(200, r.statusCode());
            PGPPublicKey mallory = certificates(r.body()).get(0).getPublicKey();
            assertEquals(PgpSigner.ATTACKER, mallory.getUserIDs().next());
            assertTrue(verifies(dir.resolve("lib-1.0.jar"), dir.resolve("lib-1.0.jar.mallory.asc"), mallory));

            // a changed byte breaks the signature
            Files.write(jar, "the artifact's bytes!".getBytes(StandardCharsets.UTF_8));
            assertFalse(verifies(jar, dir.resolve("lib-1.0.jar.asc"), key));
        }
        String asc = Files.readString(dir.resolve("lib-1.0.jar.asc"));
        assertTrue(asc.startsWith("-----BEGIN PGP SIGNATURE-----"), asc);
    }

    private static boolean verifies(Path file, Path asc, PGPPublicKey key) throws Exception {
        try (InputStream in = PGPUtil.getDecoderStream(Files.newInputStream(asc))) {
            PGPSignatureList list = (PGPSignatureList) new PGPObjectFactory(in, new BcKeyFingerprintCalculator())
                    .nextObject();
            PGPSignature sig = list.get(0);
            assertEquals(PGPSignature.BINARY_DOCUMENT, sig.getSignatureType());
            if (sig.getKeyID() != key.getKeyID()) {
                return false;
            }
            sig.init(new BcPGPContentVerifierBuilderProvider(), key);
            sig.update(Files.readAllBytes(file));
            assertNotNull(sig.getCreationTime());
            return sig.verify();
        }
    }
}
