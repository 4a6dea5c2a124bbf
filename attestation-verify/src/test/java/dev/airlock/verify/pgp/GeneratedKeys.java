package dev.airlock.verify.pgp;

import java.util.List;
import org.bouncycastle.bcpg.sig.KeyFlags;
import org.bouncycastle.openpgp.PGPKeyPair;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSignature;

/**
 * Generated OpenPGP keys for tests outside this package (the key server tests of {@code dev.airlock.verify.keys}),
 * built on {@link TestKeys}.
 */
public final class GeneratedKeys {
    /**
     * A generated public key.
     *
     * @param fingerprint its primary fingerprint, upper-case hex
     * @param subkeyFingerprints its subkeys' fingerprints, upper-case hex
     * @param armored its armored public key block
     */
    public record Generated(String fingerprint, List<String> subkeyFingerprints, String armored) {}

    private GeneratedKeys() {}

    /** A valid Ed25519 signing key with one self-certified user id. */
    public static Generated signingKey(String userId) throws Exception {
        TestKeys.Key k = TestKeys.signingPrimary(userId);
        return new Generated(k.fingerprint(), List.of(), k.armored());
    }

    /**
     * A valid primary key carrying a signing subkey whose binding signature was made by another key: the subkey is in
     * the certificate but not bound to it.
     *
     */
    public static Generated withUnboundSubkey(String userId) throws Exception {
        TestKeys.Key k = TestKeys.signingPrimary(userId);
        PGPKeyPair stranger = TestKeys.ed25519(TestKeys.T0);
        TestKeys.addSubkey(k, TestKeys.ed25519(TestKeys.T0), stranger, KeyFlags.SIGN_DATA, 0, true);
        return new Generated(k.fingerprint(), List.of(k.subFingerprint(0)), k.armored());
    }

    /**
     * A key whose only self-signature does not verify: the certification attached to {@code userId} was made over
     * another user id, as if the user id had been altered after signing.
     */
    public static Generated damagedSelfSignature(String userId) throws Exception {
        PGPKeyPair pair = TestKeys.ed25519(TestKeys.T0);
        String other = userId + " (before tampering)";
        TestKeys.Key signedOther = TestKeys.primary(pair, other, KeyFlags.CERTIFY_OTHER | KeyFlags.SIGN_DATA, 0);
        PGPSignature cert = signedOther.primaryPublic.getSignaturesForID(other).next();
        PGPPublicKey tampered = PGPPublicKey.addCertification(pair.getPublicKey(), userId, cert);
        return new Generated(PgpCertificate.hex(tampered.getFingerprint()), List.of(),
                TestKeys.armor(new PGPPublicKeyRing(List.of(tampered)).getEncoded()));
    }

    /** A generated key and its detached signature over some bytes (armored), for tests of what uses both. */
    public record Signed(Generated key, String asc) {}

    /** A key that signed {@code data} a day after it was made and was revoked as compromised a month later. */
    public static Signed revokedAfterSigning(String userId, byte[] data) throws Exception {
        TestKeys.Key k = TestKeys.signingPrimary(userId);
        String asc = TestKeys.sign(k.primary, data, TestKeys.T0.plus(java.time.Duration.ofDays(1)));
        TestKeys.revoke(k, -1, org.bouncycastle.bcpg.sig.RevocationReasonTags.KEY_COMPROMISED,
                TestKeys.T0.plus(java.time.Duration.ofDays(30)));
        return new Signed(new Generated(k.fingerprint(), List.of(), k.armored()), asc);
    }

    /** A key valid for ten days that signed {@code data} on the eleventh. */
    public static Signed expiredWhenSigning(String userId, byte[] data) throws Exception {
        TestKeys.Key k = TestKeys.primary(TestKeys.ed25519(TestKeys.T0), userId,
                KeyFlags.CERTIFY_OTHER | KeyFlags.SIGN_DATA, java.time.Duration.ofDays(10).toSeconds());
        String asc = TestKeys.sign(k.primary, data, TestKeys.T0.plus(java.time.Duration.ofDays(11)));
        return new Signed(new Generated(k.fingerprint(), List.of(), k.armored()), asc);
    }
}
