package dev.airlock.verify.pgp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.sig.KeyFlags;
import org.bouncycastle.bcpg.sig.RevocationReasonTags;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureGenerator;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentSignerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading the offline keyring: what it reports per key, and every refusal. */
class PgpKeyringTest {
    static final Path DATA = Path.of("src/test/resources/pgp");

    @TempDir
    Path dir;

    @Test
    void oneCertificateIsReArmoredAloneAndDeterministically() throws Exception {
        PgpKeyring two = PgpKeyring.load(DATA.resolve("dd-plist.KEYS"));
        assertEquals(2, two.keys().size());
        String fpr = "1CEED21A8E77F056ED2341A84410603103CE3AF4";

        String armored = two.armored(fpr.toLowerCase()).orElseThrow();

        assertTrue(armored.startsWith(PgpKeyring.BEGIN + "\n"), armored);
        assertTrue(armored.endsWith(PgpKeyring.END + "\n"), armored);
        assertFalse(armored.contains("Version:") || armored.contains("Comment:") || armored.contains("\r"));
        PgpKeyring alone = PgpKeyring.parse("alone", armored.getBytes(StandardCharsets.US_ASCII));
        assertEquals(List.of(fpr), alone.keys().stream().map(PgpKeyInfo::fingerprint).toList());
        assertEquals(two.key(fpr).orElseThrow().subkeys(), alone.keys().get(0).subkeys());
        assertEquals(armored, alone.armored(fpr).orElseThrow(), "re-armoring its own output gives the same text");
        assertTrue(two.armored("B46DC71E03FEEB7F89D1F2491F7A8F87B9D8F501").isEmpty());
    }

    @Test
    void realKeysFileReportsKeySubkeysAndExpiry() throws Exception {
        PgpKeyring ring = PgpKeyring.load(DATA.resolve("jetbrains-java-annotations.KEYS"));
        assertEquals(1, ring.keys().size());
        PgpKeyInfo k = ring.keys().get(0);
        assertEquals("B46DC71E03FEEB7F89D1F2491F7A8F87B9D8F501", k.fingerprint());
        assertEquals("1F7A8F87B9D8F501", k.keyId());
        assertEquals("RSA", k.algorithm());
        assertEquals(3072, k.bits());
        assertEquals(List.of("Download <download@jetbrains.com>"), k.userIds());
        assertEquals(Instant.parse("2026-03-15T08:00:00Z").getEpochSecond() / 86400,
                k.expires().getEpochSecond() / 86400, "expires 2026-03-15 (gpg)");
        assertNull(k.revocation());
        assertEquals(8, k.line(), "the armored block starts on line 8 of the KEYS file");
        assertEquals(3, k.subkeys().size());
        PgpSubkeyInfo signing = k.subkeys().stream().filter(PgpSubkeyInfo::signing).findFirst().orElseThrow();
        assertEquals("33FD4BFD33554634053D73C0C2148900BCD3C2AF", signing.fingerprint());
        assertTrue(signing.bound());
        assertEquals(Instant.parse("2023-03-15T00:00:00Z").getEpochSecond() / 86400,
                signing.expires().getEpochSecond() / 86400);
        assertEquals(1, k.subkeys().stream().filter(PgpSubkeyInfo::signing).count(),
                "only the [S] subkey may sign; [E] and [A] may not");
        assertTrue(k.subkeys().stream().allMatch(s -> s.bound() && s.problem() == null));
        assertTrue(ring.key("b46d c71e 03fe eb7f 89d1  f249 1f7a 8f87 b9d8 f501").isPresent());
        assertTrue(ring.describe().contains("subkey 33FD4BFD33554634053D73C0C2148900BCD3C2AF RSA 3072-bit, signing"),
                ring.describe());
    }

    @Test
    void severalBlocksWithTextBetweenThem() throws Exception {
        PgpKeyring ring = PgpKeyring.load(DATA.resolve("dd-plist.KEYS"));
        assertEquals(List.of("57A9B92FEEDC551C3A5E5E5F6373846688F587B4", "1CEED21A8E77F056ED2341A84410603103CE3AF4"),
                ring.keys().stream().map(PgpKeyInfo::fingerprint).toList());
        assertEquals(List.of(18, 41), ring.keys().stream().map(PgpKeyInfo::line).toList());
        assertEquals("EdDSA", ring.keys().get(1).algorithm());
    }

    @Test
    void revocationIsReportedAndDuplicateCopiesAreMerged() throws Exception {
        TestKeys.Key k = TestKeys.signingPrimary("Dup <d@example.invalid>");
        String plain = k.armored();
        TestKeys.revoke(k, -1, RevocationReasonTags.KEY_RETIRED, TestKeys.T0.plusSeconds(100));
        String revoked = k.armored();
        PgpKeyring ring = PgpKeyring.parse("dups", (plain + "\n" + revoked).getBytes(StandardCharsets.US_ASCII));
        assertEquals(1, ring.keys().size(), "one key, two copies");
        PgpRevocation r = ring.keys().get(0).revocation();
        assertNotNull(r, "the revocation in the second copy counts");
        assertEquals("key retired", r.reason());
        assertFalse(r.hard());
        assertEquals("test revocation", r.description());
    }

    private PgpKeyringException refused(String content) {
        return assertThrows(PgpKeyringException.class,
                () -> PgpKeyring.parse("keys.asc", content.getBytes(StandardCharsets.ISO_8859_1)));
    }

    @Test
    void binaryKeyringIsRefusedWithTheFix() throws Exception {
        TestKeys.Key k = TestKeys.signingPrimary("Bin <b@example.invalid>");
        Path bin = Files.write(dir.resolve("pubring.gpg"), k.ring().getEncoded());
        PgpKeyringException e = assertThrows(PgpKeyringException.class, () -> PgpKeyring.load(bin));
        assertEquals(bin.toString(), e.where());
        assertTrue(e.problem().contains("not ASCII-armored"), e.problem());
        assertTrue(e.fix().contains("gpg --armor --export"), e.fix());
    }

    @Test
    void refusals() throws Exception {
        assertTrue(refused("").problem().contains("empty"));
        assertTrue(refused("just some text\n").problem().contains("holds no '-----BEGIN PGP PUBLIC KEY BLOCK-----'"));
        assertTrue(refused("-----BEGIN PGP PRIVATE KEY BLOCK-----\nxx\n-----END PGP PRIVATE KEY BLOCK-----\n")
                .problem().contains("PRIVATE key block"));
        PgpKeyringException noEnd = refused("header\n\n-----BEGIN PGP PUBLIC KEY BLOCK-----\n\nmQ==\n");
        assertEquals("keys.asc:3", noEnd.where());
        assertTrue(noEnd.problem().contains("no '-----END PGP PUBLIC KEY BLOCK-----' line"), noEnd.problem());

        TestKeys.Key k = TestKeys.signingPrimary("Dmg <d@example.invalid>");
        String[] lines = k.armored().split("\n");
        StringBuilder damaged = new StringBuilder("comment line\n");
        for (int i = 0; i < lines.length; i++) {
            String l = lines[i];
            if (i == 3) {
                l = l.substring(0, 10) + (l.charAt(10) == 'x' ? 'y' : 'x') + l.substring(11);
            }
            damaged.append(l).append('\n');
        }
        PgpKeyringException d = refused(damaged.toString());
        assertEquals("keys.asc:2", d.where());
        assertTrue(d.problem().contains("damaged") || d.problem().contains("no valid self-signature"), d.problem());

        Path missing = dir.resolve("missing.asc");
        PgpKeyringException m = assertThrows(PgpKeyringException.class, () -> PgpKeyring.load(missing));
        assertTrue(m.getMessage().startsWith(missing + ": the keyring file does not exist. Fix: create it"),
                m.getMessage());
        PgpKeyringException directory = assertThrows(PgpKeyringException.class, () -> PgpKeyring.load(dir));
        assertTrue(directory.problem().contains("directory"));
    }

    @Test
    void signatureBlockInsteadOfKeysIsRefused() throws Exception {
        TestKeys.Key k = TestKeys.signingPrimary("S <s@example.invalid>");
        String sig = TestKeys.sign(k.primary, "x".getBytes(StandardCharsets.US_ASCII), TestKeys.T0.plusSeconds(1))
                .replace("PGP SIGNATURE", "PGP PUBLIC KEY BLOCK");
        PgpKeyringException e = refused(sig);
        assertTrue(e.problem().contains("not public keys"), e.problem());
    }

    @Test
    void keyWithoutValidSelfSignatureIsRefused() throws Exception {
        // a certificate whose only user id certification was made by another key: nothing vouches for it
        TestKeys.Key other = TestKeys.signingPrimary("Other <o@example.invalid>");
        org.bouncycastle.openpgp.PGPKeyPair pair = TestKeys.ed25519(TestKeys.T0);
        PGPSignatureGenerator gen = new PGPSignatureGenerator(new BcPGPContentSignerBuilder(
                other.primary.getPublicKey().getAlgorithm(), HashAlgorithmTags.SHA256), other.primary.getPublicKey());
        gen.init(PGPSignature.POSITIVE_CERTIFICATION, other.primary.getPrivateKey());
        PGPPublicKey pub = PGPPublicKey.addCertification(pair.getPublicKey(), "Fake <f@example.invalid>",
                gen.generateCertification("Fake <f@example.invalid>", pair.getPublicKey()));
        TestKeys.Key fake = new TestKeys.Key(pair);
        fake.primaryPublic = pub;
        PgpKeyringException e = refused(fake.armored());
        assertTrue(e.problem().contains("has no valid self-signature"), e.problem());
        assertTrue(e.problem().contains(fake.fingerprint()), e.problem());
    }

    @Test
    void unboundSubkeyIsReportedWithItsProblem() throws Exception {
        TestKeys.Key k = TestKeys.signingPrimary("K <k@example.invalid>");
        TestKeys.Key attacker = TestKeys.signingPrimary("A <a@example.invalid>");
        TestKeys.addSubkey(k, TestKeys.ed25519(TestKeys.T0.plusSeconds(5)), attacker.primary, KeyFlags.SIGN_DATA, 0,
                true);
        PgpKeyInfo info = PgpKeyring.parse("k", k.armored().getBytes(StandardCharsets.US_ASCII)).keys().get(0);
        PgpSubkeyInfo s = info.subkeys().get(0);
        assertFalse(s.bound());
        assertFalse(s.signing());
        assertEquals("no valid binding signature by the primary key", s.problem());
    }
}
