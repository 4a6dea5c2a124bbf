package dev.airlock.verify.sigstore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.airlock.verify.digest.DigestCache;
import dev.airlock.verify.sigstore.SignatureOutcome.Check;
import dev.airlock.verify.sigstore.SignatureOutcome.Status;
import dev.airlock.verify.testing.Fixtures;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** cosign key-based signatures with key pairs made here (JCA), over a real artifact. */
class CosignKeyTest {
    static KeyPair ec;
    static KeyPair ec2;
    static KeyPair rsa;
    static byte[] artifact;
    static String sha;
    static final CosignSignatureVerifier cosign = new CosignSignatureVerifier();

    @BeforeAll
    static void keys() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        ec = g.generateKeyPair();
        ec2 = g.generateKeyPair();
        KeyPairGenerator r = KeyPairGenerator.getInstance("RSA");
        r.initialize(2048);
        rsa = r.generateKeyPair();
        artifact = Files.readAllBytes(Fixtures.file("maven-central/sigstore-maven-plugin-2.0.0.jar"));
        sha = DigestCache.sha256(artifact);
    }

    static byte[] sign(String alg, PrivateKey key, byte[] data) throws Exception {
        Signature s = Signature.getInstance(alg);
        s.initSign(key);
        s.update(data);
        return s.sign();
    }

    static Path pem(Path dir, String name, byte[] der, String type) throws Exception {
        Path f = dir.resolve(name);
        Files.writeString(f, "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes())
                .encodeToString(der) + "\n-----END " + type + "-----\n");
        return f;
    }

    @Test
    void detachedSignatureVerifiesWithItsKey(@TempDir Path tmp) throws Exception {
        TrustedKey key = TrustedKey.fromPem(pem(tmp, "cosign.pub", ec.getPublic().getEncoded(), "PUBLIC KEY"));
        assertEquals(DigestCache.sha256(ec.getPublic().getEncoded()), key.sha256());
        Path sig = tmp.resolve("a.jar.sig");
        Files.writeString(sig, Base64.getEncoder().encodeToString(sign("SHA256withECDSA", ec.getPrivate(), artifact))
                + "\n");
        SignatureOutcome o = cosign.verify(sig, sha, List.of(key));
        assertEquals(Status.VERIFIED, o.status(), o.toString());
        assertEquals(key.name(), o.keyName().orElseThrow());
        assertEquals(key.sha256(), o.keySha256().orElseThrow());

        byte[] changed = artifact.clone();
        changed[7] ^= 1;
        SignatureOutcome bad = cosign.verify(sig, DigestCache.sha256(changed), List.of(key));
        assertEquals(Status.INVALID, bad.status());
        assertEquals(Check.SIGNATURE, bad.check());

        TrustedKey other = TrustedKey.of("other.pub", ec2.getPublic());
        assertEquals(Status.INVALID, cosign.verify(sig, sha, List.of(other)).status());
        assertEquals(Status.VERIFIED, cosign.verify(sig, sha, List.of(other, key)).status(), "any listed key");
        assertEquals(Status.KEY_NOT_TRUSTED, cosign.verify(sig, sha, List.of()).status());
    }

    @Test
    void rawDerAndRsaSignatures(@TempDir Path tmp) throws Exception {
        Path raw = tmp.resolve("raw.sig");
        Files.write(raw, sign("SHA256withECDSA", ec.getPrivate(), artifact));
        assertEquals(Status.VERIFIED, cosign.verify(raw, sha, List.of(TrustedKey.of("ec", ec.getPublic()))).status());
        TrustedKey rsaKey = TrustedKey.fromPem(pem(tmp, "rsa.pub", rsa.getPublic().getEncoded(), "PUBLIC KEY"));
        Path rsaSig = tmp.resolve("rsa.sig");
        Files.writeString(rsaSig, Base64.getEncoder().encodeToString(sign("SHA256withRSA", rsa.getPrivate(),
                artifact)));
        assertEquals(Status.VERIFIED, cosign.verify(rsaSig, sha, List.of(rsaKey)).status());
    }

    @Test
    void brokenSignatureFiles(@TempDir Path tmp) throws Exception {
        TrustedKey key = TrustedKey.of("ec", ec.getPublic());
        Path empty = Files.write(tmp.resolve("empty.sig"), new byte[0]);
        assertEquals(Status.MALFORMED, cosign.verify(empty, sha, List.of(key)).status());
        Path text = Files.writeString(tmp.resolve("text.sig"), "not a signature!");
        SignatureOutcome o = cosign.verify(text, sha, List.of(key));
        assertTrue(o.status() == Status.INVALID || o.status() == Status.MALFORMED, o.toString());
        Path b64 = Files.writeString(tmp.resolve("b64.sig"), "AAAA");
        assertEquals(Status.INVALID, cosign.verify(b64, sha, List.of(key)).status());
        SignatureOutcome missing = cosign.verify(tmp.resolve("missing.sig"), sha, List.of(key));
        assertEquals(Status.MALFORMED, missing.status());
        assertTrue(missing.reason().contains("cannot be read"));
    }

    @Test
    void pemProblemsNameTheFileAndTheFix(@TempDir Path tmp) throws Exception {
        Path priv = pem(tmp, "cosign.key", ec.getPrivate().getEncoded(), "ENCRYPTED SIGSTORE PRIVATE KEY");
        KeyFileException e = assertThrows(KeyFileException.class, () -> TrustedKey.fromPem(priv));
        assertTrue(e.getMessage().startsWith(priv.toString() + ": holds a private key"), e.getMessage());
        assertTrue(e.fix().contains("cosign public-key"), e.fix());

        Path cert = pem(tmp, "cert.pem", new byte[] {1, 2, 3}, "CERTIFICATE");
        assertTrue(assertThrows(KeyFileException.class, () -> TrustedKey.fromPem(cert)).getMessage()
                .contains("found a certificate"));

        Path badB64 = tmp.resolve("bad.pub");
        Files.writeString(badB64, "# key\n-----BEGIN PUBLIC KEY-----\n@@@@\n-----END PUBLIC KEY-----\n");
        assertTrue(assertThrows(KeyFileException.class, () -> TrustedKey.fromPem(badB64)).getMessage()
                .contains("line 3: the PEM body is not base64"));

        Path noEnd = tmp.resolve("noend.pub");
        Files.writeString(noEnd, "-----BEGIN PUBLIC KEY-----\nAAAA\n");
        assertTrue(assertThrows(KeyFileException.class, () -> TrustedKey.fromPem(noEnd)).getMessage()
                .contains("line 1: '-----BEGIN PUBLIC KEY-----' without '-----END PUBLIC KEY-----'"));

        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp384r1"));
        Path p384 = pem(tmp, "p384.pub", g.generateKeyPair().getPublic().getEncoded(), "PUBLIC KEY");
        assertTrue(assertThrows(KeyFileException.class, () -> TrustedKey.fromPem(p384)).getMessage()
                .contains("curve other than P-256"));

        Path garbage = pem(tmp, "garbage.pub", new byte[] {1, 2, 3}, "PUBLIC KEY");
        assertTrue(assertThrows(KeyFileException.class, () -> TrustedKey.fromPem(garbage)).getMessage()
                .contains("is not a PKIX public key"));

        Path missing = tmp.resolve("missing.pub");
        assertTrue(assertThrows(KeyFileException.class, () -> TrustedKey.fromPem(missing)).getMessage()
                .startsWith(missing + ": cannot be read"));
    }

    // --- key-based bundles (cosign v3 --new-bundle-format) built here; the conformance suite's managed-key cases
    // verify real ones end to end. A log entry cannot be forged, so these stop at the inclusion check: reaching it
    // proves that the signature, the key choice and the entry body were accepted.

    static final String REKOR_LOG_ID = "wNI9atQGlz+VWfO6LRygH4QUfY/8W4RFwiT5i5WRgB0=";

    static String keyBundle(KeyPair signer, KeyPair hinted, byte[] signature, JsonObject content, JsonObject body) {
        JsonObject b = new JsonObject();
        b.addProperty("mediaType", "application/vnd.dev.sigstore.bundle.v0.3+json");
        JsonObject vm = new JsonObject();
        JsonObject pk = new JsonObject();
        pk.addProperty("hint", Base64.getEncoder().encodeToString(HexFormat.of().parseHex(
                DigestCache.sha256(hinted.getPublic().getEncoded()))));
        vm.add("publicKey", pk);
        JsonObject entry = new JsonObject();
        entry.addProperty("logIndex", "1");
        JsonObject logId = new JsonObject();
        logId.addProperty("keyId", REKOR_LOG_ID);
        entry.add("logId", logId);
        entry.addProperty("integratedTime", String.valueOf(System.currentTimeMillis() / 1000));
        JsonObject promise = new JsonObject();
        promise.addProperty("signedEntryTimestamp", Base64.getEncoder().encodeToString(new byte[] {0x30, 0}));
        entry.add("inclusionPromise", promise);
        JsonObject proof = new JsonObject();
        proof.addProperty("logIndex", "1");
        proof.addProperty("rootHash", Base64.getEncoder().encodeToString(new byte[32]));
        proof.addProperty("treeSize", "2");
        proof.add("hashes", new JsonArray());
        JsonObject cp = new JsonObject();
        cp.addProperty("envelope", "x");
        proof.add("checkpoint", cp);
        entry.add("inclusionProof", proof);
        entry.addProperty("canonicalizedBody", Base64.getEncoder().encodeToString(body.toString()
                .getBytes(StandardCharsets.UTF_8)));
        JsonArray entries = new JsonArray();
        entries.add(entry);
        vm.add("tlogEntries", entries);
        b.add("verificationMaterial", vm);
        b.add(content.has("payload") ? "dsseEnvelope" : "messageSignature", content);
        return b.toString();
    }

    static String pemB64(KeyPair k) {
        String pem = "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes())
                .encodeToString(k.getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----\n";
        return Base64.getEncoder().encodeToString(pem.getBytes(StandardCharsets.US_ASCII));
    }

    static String hashedRekordBundle(KeyPair signer, KeyPair hinted, String artifactSha) throws Exception {
        byte[] digest = HexFormat.of().parseHex(artifactSha);
        byte[] sig = sign("SHA256withECDSA", signer.getPrivate(), artifact);
        JsonObject ms = new JsonObject();
        JsonObject md = new JsonObject();
        md.addProperty("algorithm", "SHA2_256");
        md.addProperty("digest", Base64.getEncoder().encodeToString(digest));
        ms.add("messageDigest", md);
        ms.addProperty("signature", Base64.getEncoder().encodeToString(sig));
        JsonObject body = JsonParserHolder.parse("{\"apiVersion\":\"0.0.1\",\"kind\":\"hashedrekord\",\"spec\":{"
                + "\"data\":{\"hash\":{\"algorithm\":\"sha256\",\"value\":\"" + artifactSha + "\"}},"
                + "\"signature\":{\"content\":\"" + Base64.getEncoder().encodeToString(sig) + "\","
                + "\"publicKey\":{\"content\":\"" + pemB64(signer) + "\"}}}}");
        return keyBundle(signer, hinted, sig, ms, body);
    }

    @Test
    void keyBasedBundlePassesKeySignatureAndEntryThenNeedsTheLog() throws Exception {
        SigstoreBundleVerifier v = new SigstoreBundleVerifier(TrustedRoot.publicGood());
        TrustedKey key = TrustedKey.of("acme.pub", ec.getPublic());
        byte[] json = hashedRekordBundle(ec, ec, sha).getBytes(StandardCharsets.UTF_8);
        SignatureOutcome o = v.verify("key.sigstore.json", json, sha, List.of(key));
        assertEquals(Status.INVALID, o.status(), o.toString());
        assertEquals(Check.TLOG_INCLUSION, o.check(), o.toString());

        SignatureOutcome untrusted = v.verify("key.sigstore.json", json, sha, List.of(TrustedKey.of("other",
                ec2.getPublic())));
        assertEquals(Status.KEY_NOT_TRUSTED, untrusted.status(), untrusted.toString());
        assertEquals(key.sha256(), untrusted.keySha256().orElseThrow(), "the bundle's key hint is reported");

        // signed by another key while naming the trusted one: a bad signature, not an unknown signer
        byte[] forged = hashedRekordBundle(ec2, ec, sha).getBytes(StandardCharsets.UTF_8);
        SignatureOutcome f = v.verify("forged.sigstore.json", forged, sha, List.of(key));
        assertEquals(Status.INVALID, f.status(), f.toString());
        assertEquals(Check.SIGNATURE, f.check());

        byte[] changed = artifact.clone();
        changed[3] ^= 1;
        SignatureOutcome d = v.verify("key.sigstore.json", json, DigestCache.sha256(changed), List.of(key));
        assertEquals(Check.ARTIFACT_DIGEST, d.check(), d.toString());
    }

    @Test
    void nonAsciiDssePayloadPassesTheSignatureCheck() throws Exception {
        SigstoreBundleVerifier v = new SigstoreBundleVerifier(TrustedRoot.publicGood());
        TrustedKey key = TrustedKey.of("acme.pub", ec.getPublic());
        byte[] payload = ("{\"_type\":\"https://in-toto.io/Statement/v1\",\"subject\":[{\"name\":\"Jos\u00e9.jar\","
                + "\"digest\":{\"sha256\":\"" + sha + "\"}}],\"predicateType\":\"https://example.test/p\","
                + "\"predicate\":{\"author\":\"Jos\u00e9\"}}").getBytes(StandardCharsets.UTF_8);
        String type = "application/vnd.in-toto+json";
        for (boolean specPae : new boolean[] {true, false}) {
            byte[] signed = specPae ? Dsse.pae(type, payload)
                    : ("DSSEv1 " + type.length() + " " + type + " " + new String(payload, StandardCharsets.UTF_8)
                            .length() + " " + new String(payload, StandardCharsets.UTF_8))
                            .getBytes(StandardCharsets.UTF_8);
            byte[] sig = sign("SHA256withECDSA", ec.getPrivate(), signed);
            JsonObject env = new JsonObject();
            env.addProperty("payload", Base64.getEncoder().encodeToString(payload));
            env.addProperty("payloadType", type);
            JsonArray sigs = new JsonArray();
            JsonObject s = new JsonObject();
            s.addProperty("sig", Base64.getEncoder().encodeToString(sig));
            sigs.add(s);
            env.add("signatures", sigs);
            JsonObject body = JsonParserHolder.parse("{\"apiVersion\":\"0.0.1\",\"kind\":\"dsse\",\"spec\":{"
                    + "\"payloadHash\":{\"algorithm\":\"sha256\",\"value\":\"" + DigestCache.sha256(payload) + "\"},"
                    + "\"signatures\":[{\"signature\":\"" + Base64.getEncoder().encodeToString(sig) + "\","
                    + "\"verifier\":\"" + pemB64(ec) + "\"}]}}");
            byte[] json = keyBundle(ec, ec, sig, env, body).getBytes(StandardCharsets.UTF_8);
            SignatureOutcome o = v.verify("dsse.sigstore.json", json, sha, List.of(key));
            if (specPae) {
                assertEquals(Check.TLOG_INCLUSION, o.check(), "signature and entry accepted: " + o);
            } else {
                assertEquals(Check.SIGNATURE, o.check(), "sigstore-java's UTF-16 encoding is not what DSSE signs: "
                        + o);
            }
        }
    }

    /** Gson in one place for the tests above. */
    static final class JsonParserHolder {
        static JsonObject parse(String s) {
            return com.google.gson.JsonParser.parseString(s).getAsJsonObject();
        }
    }

    /** Found by CosignKeyFuzzTest: an END overlapping BEGIN's closing dashes threw StringIndexOutOfBoundsException. */
    @Test
    void endOverlappingBeginIsAKeyFileException() {
        for (String pem : List.of("-----BEGIN PUBLIC KEY-----END PUBLIC KEY-----",
                "-----BEGIN PUBLIC KEY---------END PUBLIC KEY-----x-----END PUBLIC KEY-----\n")) {
            assertThrows(KeyFileException.class, () -> TrustedKey.fromPem("cosign.pub", pem), pem);
        }
    }
}
