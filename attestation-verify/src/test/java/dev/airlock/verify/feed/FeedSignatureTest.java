package dev.airlock.verify.feed;

import static dev.airlock.verify.feed.FeedTestSupport.FEED;
import static dev.airlock.verify.feed.FeedTestSupport.LAYOUT;
import static dev.airlock.verify.feed.FeedTestSupport.p256;
import static dev.airlock.verify.feed.FeedTestSupport.policy;
import static dev.airlock.verify.feed.FeedTestSupport.privatePem;
import static dev.airlock.verify.feed.FeedTestSupport.quarantine;
import static dev.airlock.verify.feed.FeedTestSupport.release;
import static dev.airlock.verify.feed.FeedTestSupport.writePublic;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.airlock.verify.feed.FeedVerifier.Result;
import dev.airlock.verify.feed.FeedVerifier.Status;
import dev.airlock.verify.policy.TrustPolicy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeedSignatureTest {
    @TempDir
    Path dir;

    private KeyPair feedKey;
    private KeyPair otherKey;
    private FeedSigner signer;
    private TrustPolicy policy;

    @BeforeEach
    void keysAndPolicy() throws Exception {
        feedKey = p256();
        otherKey = p256();
        writePublic(dir, "feed.pub", feedKey);
        writePublic(dir, "other.pub", otherKey);
        Path pem = dir.resolve("feed.key");
        Files.writeString(pem, privatePem(feedKey));
        signer = FeedSigner.fromPem(pem);
        // the feed names feed.pub; other.pub is a key the policy names for other coordinates only
        policy = policy(dir, FEED + " cosign key=feed.pub\ncom.acme:* cosign key=other.pub\n"
                + "* unsigned reason=\"not yet signed upstream\"\n");
    }

    private Result verify(TrustPolicy p, FeedEntry e, byte[] sig) {
        return new FeedVerifier(p, LAYOUT).verify(FeedLayout.version(e), e.canonicalBytes(), sig);
    }

    @Test
    void signedEntryIsAcceptedWithTheKeysName() {
        FeedEntry e = quarantine(1, "x", 0);
        Result r = verify(policy, e, signer.sign(e));
        assertEquals(Status.ACCEPTED, r.status(), r.reason());
        assertTrue(r.accepted());
        assertEquals("feed.pub", r.keyName());
        FeedEntry rel = release(e, 10);
        assertEquals(Status.ACCEPTED, verify(policy, rel, signer.sign(rel)).status());
    }

    @Test
    void signatureIsWhatCosignSignBlobWrites() throws Exception {
        // base64 of a DER ECDSA signature over SHA-256 of the bytes: verifies with plain JCA, as cosign verify-blob does
        FeedEntry e = quarantine(1, "x", 0);
        byte[] sig = Base64.getDecoder().decode(new String(signer.sign(e), StandardCharsets.US_ASCII));
        assertEquals(0x30, sig[0] & 0xff); // DER SEQUENCE
        Signature v = Signature.getInstance("SHA256withECDSA");
        v.initVerify(feedKey.getPublic());
        v.update(e.canonicalBytes());
        assertTrue(v.verify(sig));
    }

    @Test
    void forgedFilesAreRefusedWithTheReason() throws Exception {
        FeedEntry e = quarantine(1, "x", 0);
        FeedEntry rel = release(e, 10);
        String version = FeedLayout.version(e);
        for (FeedEntry f : List.of(e, rel)) {
            // unsigned
            Result none = verify(policy, f, null);
            assertEquals(Status.NO_SIGNATURE, none.status(), none.reason());
            assertTrue(none.reason().contains("has no signature"), none.reason());
            assertNull(none.keyName());
            assertEquals(Status.NO_SIGNATURE, verify(policy, f, new byte[0]).status());
            // signed by a key the policy does not name at all
            Result stranger = verify(policy, f, FeedSigner.of(p256().getPrivate()).sign(f));
            assertEquals(Status.BAD_SIGNATURE, stranger.status(), stranger.reason());
            assertTrue(stranger.reason().contains("does not verify under any key the policy names for the feed"
                    + " (feed.pub)"), stranger.reason());
            // signed by a key the policy names, but not for the feed
            Result other = verify(policy, f, FeedSigner.of(otherKey.getPrivate()).sign(f));
            assertEquals(Status.KEY_NOT_NAMED_FOR_FEED, other.status(), other.reason());
            assertTrue(other.reason().contains("signed with key other.pub"), other.reason());
            // not a signature
            assertEquals(Status.MALFORMED_SIGNATURE, verify(policy, f, "====".getBytes(StandardCharsets.US_ASCII))
                    .status());
            assertEquals(Status.MALFORMED_SIGNATURE, verify(policy, f, new byte[FeedVerifier.MAX_SIGNATURE + 1])
                    .status());
        }
        // the signature of one entry on altered bytes
        byte[] altered = quarantine(1, "y", 0).canonicalBytes();
        Result alt = new FeedVerifier(policy, LAYOUT).verify(version, altered, signer.sign(e));
        assertEquals(Status.BAD_SIGNATURE, alt.status(), alt.reason());
    }

    @Test
    void aFeedThePolicyDoesNotNameAdmitsNothing() throws Exception {
        FeedEntry e = quarantine(1, "x", 0);
        byte[] sig = signer.sign(e);
        // no line for the feed at all
        TrustPolicy unrelated = policy(dir, "org.example:* cosign key=feed.pub\n");
        Result r = verify(unrelated, e, sig);
        assertEquals(Status.NO_POLICY, r.status(), r.reason());
        assertTrue(r.reason().contains("has no signature-class line for the feed " + FEED), r.reason());
        assertTrue(r.reason().contains("add '" + FEED + " cosign key="), r.reason());
        // only a waiver for the feed: an unsigned waiver never admits a feed file
        TrustPolicy waived = policy(dir, FEED + " unsigned reason=\"x\"\n* cosign key=feed.pub\n");
        Result w = verify(waived, e, sig);
        assertEquals(Status.NO_POLICY, w.status(), w.reason());
        assertTrue(w.reason().contains("name no usable cosign key"), w.reason());
        // a wildcard line that names the key does admit it
        assertEquals(Status.ACCEPTED, verify(policy(dir, "com.acme.*:* cosign key=feed.pub\n"), e, sig).status());
    }

    @Test
    void aReleaseWithoutAValidSignatureDoesNotLift() {
        FeedEntry e = quarantine(1, "x", 0);
        FeedEntry rel = release(e, 10);
        Map<FeedEntry, byte[]> forged = Map.of(e, signer.sign(e),
                rel, FeedSigner.of(otherKey.getPrivate()).sign(rel));
        FeedIndex index = FeedIndex.of(accepted(forged));
        assertEquals(e, index.blocked(e.coordinates(), e.sha256()).orElseThrow());
        Map<FeedEntry, byte[]> unsigned = Map.of(e, signer.sign(e), rel, new byte[0]);
        assertTrue(FeedIndex.of(accepted(unsigned)).blocked(e.coordinates(), e.sha256()).isPresent());
        Map<FeedEntry, byte[]> signed = Map.of(e, signer.sign(e), rel, signer.sign(rel));
        assertTrue(FeedIndex.of(accepted(signed)).blocked(e.coordinates(), e.sha256()).isEmpty());
        // and a forged entry blocks nothing
        Map<FeedEntry, byte[]> forgedEntry = Map.of(e, FeedSigner.of(p256().getPrivate()).sign(e));
        assertTrue(FeedIndex.of(accepted(forgedEntry)).isEmpty());
    }

    private List<FeedEntry> accepted(Map<FeedEntry, byte[]> files) {
        FeedVerifier v = new FeedVerifier(policy, LAYOUT);
        List<FeedEntry> out = new ArrayList<>();
        files.forEach((e, sig) -> {
            if (v.verify(FeedLayout.version(e), e.canonicalBytes(), sig).accepted()) {
                out.add(e);
            }
        });
        return out;
    }

    @Test
    void signingKeysAreCheckedWhenRead() throws Exception {
        FeedException enc = assertThrows(FeedException.class, () -> FeedSigner.fromPem("cosign.key",
                "-----BEGIN ENCRYPTED SIGSTORE PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED SIGSTORE PRIVATE KEY-----\n"));
        assertTrue(enc.problem().contains("encrypted"), enc.getMessage());
        assertTrue(enc.fix().contains("openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256"), enc.fix());
        FeedException sec1 = assertThrows(FeedException.class, () -> FeedSigner.fromPem("k.pem",
                "-----BEGIN EC PRIVATE KEY-----\nAAAA\n-----END EC PRIVATE KEY-----\n"));
        assertTrue(sec1.fix().contains("openssl pkcs8 -topk8 -nocrypt"), sec1.fix());
        assertThrows(FeedException.class, () -> FeedSigner.fromPem("pub.pem", FeedTestSupport.publicPem(feedKey)));
        assertThrows(FeedException.class, () -> FeedSigner.fromPem("bad.pem",
                "-----BEGIN PRIVATE KEY-----\n!!!\n-----END PRIVATE KEY-----\n"));
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        KeyPair rsaKey = rsa.generateKeyPair();
        FeedException r = assertThrows(FeedException.class, () -> FeedSigner.fromPem("rsa.pem", privatePem(rsaKey)));
        assertTrue(r.getMessage().startsWith("rsa.pem: "), r.getMessage());
        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        ec.initialize(new java.security.spec.ECGenParameterSpec("secp384r1"));
        KeyPair p384 = ec.generateKeyPair();
        FeedException c = assertThrows(FeedException.class, () -> FeedSigner.fromPem("p384.pem", privatePem(p384)));
        assertTrue(c.problem().contains("on another curve"), c.getMessage());
        assertFalse(FeedSigner.fromPem("ok.pem", privatePem(feedKey)) == null);
    }
}
