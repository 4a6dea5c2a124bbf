package dev.airlock.verify.pgp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.airlock.verify.finding.Coordinates;
import dev.airlock.verify.pgp.PgpOutcome.Status;
import dev.airlock.verify.policy.KeyResolver;
import dev.airlock.verify.policy.SignatureDecision;
import dev.airlock.verify.policy.TrustPolicy;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.sig.KeyFlags;
import org.bouncycastle.bcpg.sig.RevocationReasonTags;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** OpenPGP detached signatures: real Maven Central data first, then generated keys for every other outcome. */
class PgpSignatureVerifierTest {
    static final Path DATA = Path.of("src/test/resources/pgp");
    static final String JETBRAINS = "B46DC71E03FEEB7F89D1F2491F7A8F87B9D8F501";
    static final String JETBRAINS_SIGNING_SUBKEY = "33FD4BFD33554634053D73C0C2148900BCD3C2AF";
    static final String DD_PLIST_OLD = "1CEED21A8E77F056ED2341A84410603103CE3AF4";

    /** "Now" for the generated cases: after every generated time. */
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-06-01T00:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    final PgpSignatureVerifier verifier = new PgpSignatureVerifier(CLOCK);

    static PgpKeyring jetbrains() throws PgpKeyringException {
        return PgpKeyring.load(DATA.resolve("jetbrains-java-annotations.KEYS"));
    }

    static PgpKeyring ddPlist() throws PgpKeyringException {
        return PgpKeyring.load(DATA.resolve("dd-plist.KEYS"));
    }

    // ------------------------------------------------------------ real data

    @Test
    void realMavenCentralSignatureBySubkeyVerifiesAgainstTheSignersKeysFile() throws Exception {
        PgpOutcome o = new PgpSignatureVerifier().verify(DATA.resolve("annotations-23.0.0.jar"),
                DATA.resolve("annotations-23.0.0.jar.asc"), jetbrains());
        PgpOutcome.Verified v = assertInstanceOf(PgpOutcome.Verified.class, o, o.message());
        assertEquals(JETBRAINS, v.primaryFingerprint());
        assertEquals(JETBRAINS_SIGNING_SUBKEY, v.signer().signingKeyFingerprint());
        assertTrue(v.signer().bySubkey());
        assertEquals(List.of("Download <download@jetbrains.com>"), v.signer().userIds());
        assertEquals(Instant.parse("2021-11-10T10:38:51Z"), v.created());
        assertEquals("SHA-512", v.hashAlgorithm());
        assertEquals("RSA", v.signer().keyAlgorithm());
        assertEquals(3072, v.signer().keyBits());
        // the signing subkey expired on 2023-03-15, after it signed: still good, with a note
        assertTrue(v.notes().stream().anyMatch(n -> n.contains("expired since")), v.notes().toString());
    }

    @Test
    void realSignatureByPrimaryKeyOfAnExpiredKeyStillVerifies() throws Exception {
        PgpOutcome o = verifier.verify(DATA.resolve("dd-plist-1.28.jar"), DATA.resolve("dd-plist-1.28.jar.asc"),
                ddPlist());
        PgpOutcome.Verified v = assertInstanceOf(PgpOutcome.Verified.class, o, o.message());
        assertEquals(DD_PLIST_OLD, v.primaryFingerprint());
        assertFalse(v.signer().bySubkey());
        assertEquals("EdDSA", v.signer().keyAlgorithm());
        assertEquals(Instant.parse("2024-03-10T13:25:18Z"), v.created());
        assertEquals(List.of("Daniel Dreibrodt <daniel.dreibrodt@gmail.com>"), v.signer().userIds());
        assertTrue(v.notes().get(0).contains("2024-06-23"), v.notes().toString());
    }

    @Test
    void realSignatureAgainstAnotherSignersKeyringIsKeyNotFound() throws Exception {
        PgpOutcome o = verifier.verify(DATA.resolve("annotations-23.0.0.jar"),
                DATA.resolve("annotations-23.0.0.jar.asc"), ddPlist());
        PgpOutcome.KeyNotFound k = assertInstanceOf(PgpOutcome.KeyNotFound.class, o, o.message());
        assertEquals(JETBRAINS_SIGNING_SUBKEY, k.issuerFingerprint());
        assertEquals("C2148900BCD3C2AF", k.issuerKeyId());
        assertTrue(k.message().contains("out of band"), k.message());
        assertTrue(k.message().contains(JETBRAINS_SIGNING_SUBKEY), k.message());
    }

    @Test
    void oneChangedByteOfTheRealArtifactIsInvalid() throws Exception {
        byte[] jar = Files.readAllBytes(DATA.resolve("annotations-23.0.0.jar"));
        jar[jar.length / 2] ^= 0x01;
        Path changed = Files.write(dir.resolve("annotations-23.0.0.jar"), jar);
        PgpOutcome o = verifier.verify(changed, DATA.resolve("annotations-23.0.0.jar.asc"), jetbrains());
        PgpOutcome.Invalid i = assertInstanceOf(PgpOutcome.Invalid.class, o, o.message());
        assertEquals(JETBRAINS, i.signer().primaryFingerprint());
        assertTrue(i.reason().contains("does not match the artifact's bytes"), i.reason());
    }

    @Test
    void theRealSignerIsAllowedOnlyByAPolicyNamingItsPrimaryFingerprint() throws Exception {
        PgpOutcome.Verified v = (PgpOutcome.Verified) verifier.verify(DATA.resolve("annotations-23.0.0.jar"),
                DATA.resolve("annotations-23.0.0.jar.asc"), jetbrains());
        TrustPolicy policy = TrustPolicy.parse("policy", """
                org.jetbrains:*  pgp fingerprint="B46D C71E 03FE EB7F 89D1  F249 1F7A 8F87 B9D8 F501"
                com.googlecode.plist  pgp fingerprint=%s
                """.formatted(DD_PLIST_OLD), KeyResolver.NONE);
        SignatureDecision jb = policy.signature(Coordinates.parse("org.jetbrains:annotations:jar:23.0.0"));
        assertTrue(jb.pgpMatch(v.primaryFingerprint()).isPresent());
        assertFalse(jb.pgpMatch(v.signer().signingKeyFingerprint()).isPresent(),
                "the policy names primary keys; the subkey counts only through its binding");
        SignatureDecision other = policy.signature(Coordinates.parse("com.googlecode.plist:dd-plist:jar:1.28"));
        assertFalse(other.pgpMatch(v.primaryFingerprint()).isPresent());
    }

    // ------------------------------------------------------------ generated keys

    private Path artifact(String content) throws IOException {
        return Files.writeString(dir.resolve("artifact-" + System.nanoTime() + ".jar"), content);
    }

    private Path asc(String armored) throws IOException {
        return Files.writeString(dir.resolve("sig-" + System.nanoTime() + ".asc"), armored);
    }

    private PgpKeyring keyring(TestKeys.Key... keys) throws Exception {
        StringBuilder sb = new StringBuilder();
        for (TestKeys.Key k : keys) {
            sb.append(k.armored()).append('\n');
        }
        return PgpKeyring.parse("test-keyring", sb.toString().getBytes(StandardCharsets.US_ASCII));
    }

    private PgpOutcome check(TestKeys.Key key, org.bouncycastle.openpgp.PGPKeyPair signer, int hash, Instant at,
            long sigExpiry) throws Exception {
        Path a = artifact("payload " + at);
        Path s = asc(TestKeys.sign(signer, Files.readAllBytes(a), hash, at, sigExpiry));
        return verifier.verify(a, s, keyring(key));
    }

    @Test
    void generatedPrimaryKeySignatureVerifies() throws Exception {
        TestKeys.Key k = TestKeys.signingPrimary("Test <test@example.invalid>");
        PgpOutcome o = check(k, k.primary, HashAlgorithmTags.SHA256, TestKeys.T0.plusSeconds(60), 0);
        PgpOutcome.Verified v = assertInstanceOf(PgpOutcome.Verified.class, o, o.message());
        assertEquals(k.fingerprint(), v.primaryFingerprint());
        assertEquals("SHA-256", v.hashAlgorithm());
        assertTrue(v.notes().isEmpty());
    }

    @Test
    void sha1SignatureIsWeak() throws Exception {
        TestKeys.Key k = TestKeys.signingPrimary("Test <test@example.invalid>");
        PgpOutcome o = check(k, k.primary, HashAlgorithmTags.SHA1, TestKeys.T0.plusSeconds(60), 0);
        PgpOutcome.Weak w = assertInstanceOf(PgpOutcome.Weak.class, o, o.message());
        assertEquals("hash algorithm SHA-1", w.weakness());
        assertEquals(k.fingerprint(), w.signer().primaryFingerprint());
        assertEquals(Status.WEAK, check(k, k.primary, HashAlgorithmTags.RIPEMD160, TestKeys.T0.plusSeconds(60), 0)
                .status());
        assertEquals(Status.WEAK, check(k, k.primary, HashAlgorithmTags.MD5, TestKeys.T0.plusSeconds(60), 0)
                .status());
    }

    @Test
    void shortRsaKeyIsWeak() throws Exception {
        TestKeys.Key k = TestKeys.primary(TestKeys.rsa(1024, TestKeys.T0), "Weak <weak@example.invalid>",
                KeyFlags.CERTIFY_OTHER | KeyFlags.SIGN_DATA, 0);
        PgpOutcome o = check(k, k.primary, HashAlgorithmTags.SHA256, TestKeys.T0.plusSeconds(60), 0);
        PgpOutcome.Weak w = assertInstanceOf(PgpOutcome.Weak.class, o, o.message());
        assertEquals("RSA 1024-bit key (at least 2048 bits are required)", w.weakness());
    }

    @Test
    void hardRevokedKeyIsRefusedEvenForOlderSignatures() throws Exception {
        TestKeys.Key k = TestKeys.signingPrimary("Revoked <r@example.invalid>");
        TestKeys.revoke(k, -1, RevocationReasonTags.KEY_COMPROMISED, TestKeys.T0.plus(Duration.ofDays(30)));
        PgpOutcome o = check(k, k.primary, HashAlgorithmTags.SHA256, TestKeys.T0.plus(Duration.ofDays(1)), 0);
        PgpOutcome.KeyRevoked r = assertInstanceOf(PgpOutcome.KeyRevoked.class, o, o.message());
        assertTrue(r.revocation().hard());
        assertEquals("key compromised", r.revocation().reason());
        assertEquals(k.fingerprint(), r.revokedKeyFingerprint());
        assertTrue(r.message().contains("primary key has a hard revocation"), r.message());
    }

    @Test
    void softRevocationRefusesOnlyLaterSignatures() throws Exception {
        TestKeys.Key k = TestKeys.signingPrimary("Retired <r@example.invalid>");
        Instant revokedAt = TestKeys.T0.plus(Duration.ofDays(30));
        TestKeys.revoke(k, -1, RevocationReasonTags.KEY_SUPERSEDED, revokedAt);
        PgpOutcome before = check(k, k.primary, HashAlgorithmTags.SHA256, revokedAt.minusSeconds(3600), 0);
        PgpOutcome.Verified v = assertInstanceOf(PgpOutcome.Verified.class, before, before.message());
        assertTrue(v.notes().get(0).contains("soft revocation"), v.notes().toString());
        PgpOutcome after = check(k, k.primary, HashAlgorithmTags.SHA256, revokedAt.plusSeconds(3600), 0);
        PgpOutcome.KeyRevoked r = assertInstanceOf(PgpOutcome.KeyRevoked.class, after, after.message());
        assertFalse(r.revocation().hard());
    }

    @Test
    void keyExpiredAtSignatureTime() throws Exception {
        TestKeys.Key k = TestKeys.primary(TestKeys.ed25519(TestKeys.T0), "Expiring <e@example.invalid>",
                KeyFlags.CERTIFY_OTHER | KeyFlags.SIGN_DATA, Duration.ofDays(10).toSeconds());
        PgpOutcome o = check(k, k.primary, HashAlgorithmTags.SHA256, TestKeys.T0.plus(Duration.ofDays(11)), 0);
        PgpOutcome.KeyExpired e = assertInstanceOf(PgpOutcome.KeyExpired.class, o, o.message());
        assertEquals(PgpOutcome.Expired.PRIMARY_KEY, e.what());
        assertEquals(TestKeys.T0.plus(Duration.ofDays(10)), e.expiredAt());
        // made while valid: good, with a note that it has expired since
        PgpOutcome ok = check(k, k.primary, HashAlgorithmTags.SHA256, TestKeys.T0.plus(Duration.ofDays(9)), 0);
        assertEquals(Status.VERIFIED, ok.status(), ok.message());
        assertFalse(((PgpOutcome.Verified) ok).notes().isEmpty());
    }

    @Test
    void expiredSignatureItself() throws Exception {
        TestKeys.Key k = TestKeys.signingPrimary("Test <test@example.invalid>");
        PgpOutcome o = check(k, k.primary, HashAlgorithmTags.SHA256, TestKeys.T0, 3600);
        PgpOutcome.KeyExpired e = assertInstanceOf(PgpOutcome.KeyExpired.class, o, o.message());
        assertEquals(PgpOutcome.Expired.SIGNATURE, e.what());
    }

    @Test
    void boundSigningSubkeyCountsForItsPrimary() throws Exception {
        TestKeys.Key k = TestKeys.primary(TestKeys.ed25519(TestKeys.T0), "Sub <s@example.invalid>",
                KeyFlags.CERTIFY_OTHER, 0);
        TestKeys.addSubkey(k, TestKeys.ed25519(TestKeys.T0.plusSeconds(10)), k.primary, KeyFlags.SIGN_DATA, 0, true);
        PgpOutcome o = check(k, k.subPairs.get(0), HashAlgorithmTags.SHA256, TestKeys.T0.plusSeconds(60), 0);
        PgpOutcome.Verified v = assertInstanceOf(PgpOutcome.Verified.class, o, o.message());
        assertEquals(k.fingerprint(), v.primaryFingerprint());
        assertEquals(k.subFingerprint(0), v.signer().signingKeyFingerprint());
    }

    @Test
    void certifyOnlyPrimaryCannotSignData() throws Exception {
        TestKeys.Key k = TestKeys.primary(TestKeys.ed25519(TestKeys.T0), "C <c@example.invalid>",
                KeyFlags.CERTIFY_OTHER, 0);
        PgpOutcome o = check(k, k.primary, HashAlgorithmTags.SHA256, TestKeys.T0.plusSeconds(60), 0);
        PgpOutcome.Invalid i = assertInstanceOf(PgpOutcome.Invalid.class, o, o.message());
        assertTrue(i.reason().contains("does not allow to sign data"), i.reason());
    }

    @Test
    void subkeyBoundByAnotherKeyDoesNotCountForThePrimary() throws Exception {
        // an attacker appends their own subkey to the victim's certificate, "bound" with the attacker's key
        TestKeys.Key victim = TestKeys.signingPrimary("Victim <v@example.invalid>");
        TestKeys.Key attacker = TestKeys.signingPrimary("Attacker <a@example.invalid>");
        TestKeys.addSubkey(victim, TestKeys.ed25519(TestKeys.T0.plusSeconds(10)), attacker.primary,
                KeyFlags.SIGN_DATA, 0, true);
        PgpOutcome o = check(victim, victim.subPairs.get(0), HashAlgorithmTags.SHA256, TestKeys.T0.plusSeconds(60),
                0);
        PgpOutcome.Invalid i = assertInstanceOf(PgpOutcome.Invalid.class, o, o.message());
        assertTrue(i.reason().contains("no valid binding signature ties to primary key " + victim.fingerprint()),
                i.reason());
    }

    @Test
    void signingSubkeyWithoutBackSignatureIsRefused() throws Exception {
        TestKeys.Key k = TestKeys.signingPrimary("NoBack <n@example.invalid>");
        TestKeys.addSubkey(k, TestKeys.ed25519(TestKeys.T0.plusSeconds(10)), k.primary, KeyFlags.SIGN_DATA, 0, false);
        PgpOutcome o = check(k, k.subPairs.get(0), HashAlgorithmTags.SHA256, TestKeys.T0.plusSeconds(60), 0);
        PgpOutcome.Invalid i = assertInstanceOf(PgpOutcome.Invalid.class, o, o.message());
        assertTrue(i.reason().contains("no valid back-signature"), i.reason());
    }

    @Test
    void encryptionOnlySubkeyCannotSign() throws Exception {
        TestKeys.Key k = TestKeys.signingPrimary("Enc <e@example.invalid>");
        TestKeys.addSubkey(k, TestKeys.ed25519(TestKeys.T0.plusSeconds(10)), k.primary,
                KeyFlags.AUTHENTICATION, 0, false);
        PgpOutcome o = check(k, k.subPairs.get(0), HashAlgorithmTags.SHA256, TestKeys.T0.plusSeconds(60), 0);
        PgpOutcome.Invalid i = assertInstanceOf(PgpOutcome.Invalid.class, o, o.message());
        assertTrue(i.reason().contains("does not allow to sign data"), i.reason());
    }

    @Test
    void revokedAndExpiredSubkeys() throws Exception {
        TestKeys.Key k = TestKeys.primary(TestKeys.ed25519(TestKeys.T0), "Subs <s@example.invalid>",
                KeyFlags.CERTIFY_OTHER, 0);
        TestKeys.addSubkey(k, TestKeys.ed25519(TestKeys.T0.plusSeconds(10)), k.primary, KeyFlags.SIGN_DATA, 0, true);
        TestKeys.addSubkey(k, TestKeys.ed25519(TestKeys.T0.plusSeconds(20)), k.primary, KeyFlags.SIGN_DATA,
                Duration.ofDays(1).toSeconds(), true);
        TestKeys.revoke(k, 0, RevocationReasonTags.KEY_COMPROMISED, TestKeys.T0.plus(Duration.ofDays(5)));
        PgpOutcome revoked = check(k, k.subPairs.get(0), HashAlgorithmTags.SHA256, TestKeys.T0.plusSeconds(60), 0);
        PgpOutcome.KeyRevoked r = assertInstanceOf(PgpOutcome.KeyRevoked.class, revoked, revoked.message());
        assertEquals(k.subFingerprint(0), r.revokedKeyFingerprint());
        assertTrue(r.message().contains("subkey " + k.subFingerprint(0)), r.message());
        PgpOutcome expired = check(k, k.subPairs.get(1), HashAlgorithmTags.SHA256,
                TestKeys.T0.plus(Duration.ofDays(2)), 0);
        PgpOutcome.KeyExpired e = assertInstanceOf(PgpOutcome.KeyExpired.class, expired, expired.message());
        assertEquals(PgpOutcome.Expired.SUBKEY, e.what());
    }

    @Test
    void signatureDatedBeforeItsKeyIsInvalid() throws Exception {
        TestKeys.Key k = TestKeys.signingPrimary("Time <t@example.invalid>");
        PgpOutcome o = check(k, k.primary, HashAlgorithmTags.SHA256, TestKeys.T0.minusSeconds(3600), 0);
        PgpOutcome.Invalid i = assertInstanceOf(PgpOutcome.Invalid.class, o, o.message());
        assertTrue(i.reason().contains("before its key was created"), i.reason());
    }

    @Test
    void severalSignaturesInOneFile() throws Exception {
        TestKeys.Key known = TestKeys.signingPrimary("Known <k@example.invalid>");
        TestKeys.Key unknown = TestKeys.signingPrimary("Unknown <u@example.invalid>");
        Path a = artifact("co-signed");
        byte[] data = Files.readAllBytes(a);
        // concatenated armored signatures, the way co-signers append theirs
        Path s = asc(TestKeys.sign(unknown.primary, data, TestKeys.T0.plusSeconds(5)) + "\n"
                + TestKeys.sign(known.primary, data, TestKeys.T0.plusSeconds(6)));
        PgpKeyring ring = keyring(known);
        List<PgpOutcome> all = verifier.verifyAll(a, s, ring);
        assertEquals(List.of(Status.KEY_NOT_FOUND, Status.VERIFIED), all.stream().map(PgpOutcome::status).toList());
        PgpOutcome one = verifier.verify(a, s, ring);
        assertEquals(known.fingerprint(), ((PgpOutcome.Verified) one).primaryFingerprint());
    }

    @Test
    void malformedSignatureFiles() throws Exception {
        TestKeys.Key k = TestKeys.signingPrimary("Test <test@example.invalid>");
        PgpKeyring ring = keyring(k);
        Path a = artifact("x");
        String good = TestKeys.sign(k.primary, Files.readAllBytes(a), TestKeys.T0.plusSeconds(1));
        String[] lines = good.split("\n");
        // flip one base64 character inside the body: the armor's CRC (or the packet) no longer holds
        StringBuilder damaged = new StringBuilder();
        for (int i = 0; i < lines.length; i++) {
            String l = lines[i];
            if (i == 2) {
                char c = l.charAt(5);
                l = l.substring(0, 5) + (c == 'A' ? 'B' : 'A') + l.substring(6);
            }
            damaged.append(l).append('\n');
        }
        List<String> cases = List.of(
                "this is not a signature\n",
                "",
                "-----BEGIN PGP SIGNATURE-----\n\niQ==\n-----END PGP SIGNATURE-----\n",
                k.armored(),
                damaged.toString(),
                good.substring(0, good.length() / 2));
        for (String c : cases) {
            Path s = asc(c);
            PgpOutcome o = verifier.verify(a, s, ring);
            PgpOutcome.Malformed m = assertInstanceOf(PgpOutcome.Malformed.class, o, "case: " + c + " -> "
                    + o.message());
            assertEquals(s, m.file());
            assertTrue(m.message().startsWith(s.toString() + ": "), m.message());
        }
        PgpOutcome missing = verifier.verify(a, dir.resolve("nope.asc"), ring);
        assertEquals("does not exist", ((PgpOutcome.Malformed) missing).problem());
        Path s = asc(good);
        PgpOutcome noArtifact = verifier.verify(dir.resolve("missing.jar"), s, ring);
        assertEquals(dir.resolve("missing.jar"), ((PgpOutcome.Malformed) noArtifact).file());
    }

    @Test
    void binarySignatureIsAcceptedToo() throws Exception {
        TestKeys.Key k = TestKeys.signingPrimary("Test <test@example.invalid>");
        Path a = artifact("binary sig");
        String armored = TestKeys.sign(k.primary, Files.readAllBytes(a), TestKeys.T0.plusSeconds(1));
        byte[] binary;
        try (var in = org.bouncycastle.openpgp.PGPUtil.getDecoderStream(
                new java.io.ByteArrayInputStream(armored.getBytes(StandardCharsets.US_ASCII)))) {
            binary = in.readAllBytes();
        }
        Path sig = Files.write(dir.resolve("a.sig"), binary);
        assertEquals(Status.VERIFIED, verifier.verify(a, sig, keyring(k)).status());
    }

    /** Streams a 64 MiB artifact (never loaded whole) and prints the throughput measured in this run. */
    @Test
    void largeArtifactIsStreamed() throws Exception {
        TestKeys.Key k = TestKeys.signingPrimary("Big <b@example.invalid>");
        Path big = dir.resolve("big.bin");
        byte[] chunk = new byte[1 << 20];
        TestKeys.RANDOM.nextBytes(chunk);
        org.bouncycastle.openpgp.PGPSignatureGenerator gen = new org.bouncycastle.openpgp.PGPSignatureGenerator(
                new org.bouncycastle.openpgp.operator.bc.BcPGPContentSignerBuilder(
                        k.primary.getPublicKey().getAlgorithm(), HashAlgorithmTags.SHA512), k.primary.getPublicKey());
        gen.init(org.bouncycastle.openpgp.PGPSignature.BINARY_DOCUMENT, k.primary.getPrivateKey());
        org.bouncycastle.openpgp.PGPSignatureSubpacketGenerator h =
                new org.bouncycastle.openpgp.PGPSignatureSubpacketGenerator();
        h.setSignatureCreationTime(true, java.util.Date.from(TestKeys.T0.plusSeconds(1)));
        h.setIssuerFingerprint(false, k.primary.getPublicKey());
        gen.setHashedSubpackets(h.generate());
        int mib = 64;
        try (OutputStream out = Files.newOutputStream(big)) {
            for (int i = 0; i < mib; i++) {
                out.write(chunk);
                gen.update(chunk);
            }
        }
        Path sig = asc(TestKeys.armor(gen.generate().getEncoded()));
        PgpKeyring ring = keyring(k);
        long t = System.nanoTime();
        PgpOutcome o = verifier.verify(big, sig, ring);
        double seconds = (System.nanoTime() - t) / 1e9;
        assertEquals(Status.VERIFIED, o.status(), o.message());
        System.out.printf("PGP verification of a %d MiB artifact (SHA-512, Ed25519): %.2f s, %.0f MiB/s%n", mib,
                seconds, mib / seconds);
    }

    @Test
    void keyNotFoundWithoutFingerprintReportsTheKeyId() throws Exception {
        TestKeys.Key k = TestKeys.signingPrimary("Id <i@example.invalid>");
        TestKeys.Key other = TestKeys.signingPrimary("Other <o@example.invalid>");
        PgpOutcome o = check(other, k.primary, HashAlgorithmTags.SHA256, TestKeys.T0.plusSeconds(1), 0);
        PgpOutcome.KeyNotFound n = assertInstanceOf(PgpOutcome.KeyNotFound.class, o, o.message());
        assertEquals(k.fingerprint(), n.issuerFingerprint());
        assertEquals(k.fingerprint().substring(24), n.issuerKeyId());
    }
}
