package dev.airlock.verify.pgp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.bcpg.ArmoredOutputStream;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.PublicKeyAlgorithmTags;
import org.bouncycastle.bcpg.PublicKeyPacket;
import org.bouncycastle.bcpg.sig.KeyFlags;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.generators.Ed25519KeyPairGenerator;
import org.bouncycastle.crypto.generators.RSAKeyPairGenerator;
import org.bouncycastle.crypto.params.Ed25519KeyGenerationParameters;
import org.bouncycastle.crypto.params.RSAKeyGenerationParameters;
import org.bouncycastle.openpgp.PGPKeyPair;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureGenerator;
import org.bouncycastle.openpgp.PGPSignatureSubpacketGenerator;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentSignerBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPGPKeyPair;

/**
 * OpenPGP keys made by the tests (BouncyCastle), for the cases no real published key shows on demand: revoked,
 * expired, SHA-1, short RSA, unbound or un-back-signed subkeys. Times are explicit so the cases are deterministic.
 */
final class TestKeys {
    static final SecureRandom RANDOM = new SecureRandom();
    static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");

    /** A key being built: its primary pair, its public ring so far, and its subkey pairs. */
    static final class Key {
        final PGPKeyPair primary;
        PGPPublicKey primaryPublic;
        final List<PGPKeyPair> subPairs = new ArrayList<>();
        final List<PGPPublicKey> subPublics = new ArrayList<>();

        Key(PGPKeyPair primary) {
            this.primary = primary;
            this.primaryPublic = primary.getPublicKey();
        }

        PGPPublicKeyRing ring() {
            List<PGPPublicKey> keys = new ArrayList<>();
            keys.add(primaryPublic);
            keys.addAll(subPublics);
            return new PGPPublicKeyRing(keys);
        }

        String fingerprint() {
            return PgpCertificate.hex(primaryPublic.getFingerprint());
        }

        String subFingerprint(int i) {
            return PgpCertificate.hex(subPublics.get(i).getFingerprint());
        }

        String armored() throws IOException {
            return armor(ring().getEncoded());
        }

        Path write(Path file) throws IOException {
            Files.writeString(file, armored());
            return file;
        }
    }

    private TestKeys() {}

    static PGPKeyPair ed25519(Instant created) throws Exception {
        Ed25519KeyPairGenerator g = new Ed25519KeyPairGenerator();
        g.init(new Ed25519KeyGenerationParameters(RANDOM));
        return new BcPGPKeyPair(PublicKeyPacket.VERSION_4, PublicKeyAlgorithmTags.EDDSA_LEGACY, g.generateKeyPair(), Date.from(created));
    }

    static PGPKeyPair rsa(int bits, Instant created) throws Exception {
        RSAKeyPairGenerator g = new RSAKeyPairGenerator();
        g.init(new RSAKeyGenerationParameters(BigInteger.valueOf(0x10001), RANDOM, bits, 80));
        AsymmetricCipherKeyPair kp = g.generateKeyPair();
        return new BcPGPKeyPair(PublicKeyPacket.VERSION_4, PublicKeyAlgorithmTags.RSA_GENERAL, kp, Date.from(created));
    }

    private static PGPSignatureGenerator generator(PGPKeyPair signer, int hash) {
        return new PGPSignatureGenerator(new BcPGPContentSignerBuilder(signer.getPublicKey().getAlgorithm(), hash),
                signer.getPublicKey());
    }

    private static PGPSignatureSubpacketGenerator subpackets(PGPKeyPair issuer, Instant at) {
        PGPSignatureSubpacketGenerator h = new PGPSignatureSubpacketGenerator();
        h.setSignatureCreationTime(true, Date.from(at));
        h.setIssuerFingerprint(false, issuer.getPublicKey());
        return h;
    }

    /**
     * A primary key with one user id, self-certified at its creation time.
     *
     * @param flags key flags of the self-signature (e.g. {@code CERTIFY_OTHER | SIGN_DATA})
     * @param expirySeconds key expiration after creation, 0 for none
     */
    static Key primary(PGPKeyPair pair, String userId, int flags, long expirySeconds) throws Exception {
        Key k = new Key(pair);
        Instant created = pair.getPublicKey().getCreationTime().toInstant();
        PGPSignatureGenerator gen = generator(pair, HashAlgorithmTags.SHA256);
        gen.init(PGPSignature.POSITIVE_CERTIFICATION, pair.getPrivateKey());
        PGPSignatureSubpacketGenerator h = subpackets(pair, created);
        h.setKeyFlags(true, flags);
        if (expirySeconds > 0) {
            h.setKeyExpirationTime(true, expirySeconds);
        }
        gen.setHashedSubpackets(h.generate());
        PGPSignature cert = gen.generateCertification(userId, pair.getPublicKey());
        k.primaryPublic = PGPPublicKey.addCertification(pair.getPublicKey(), userId, cert);
        return k;
    }

    static Key signingPrimary(String userId) throws Exception {
        return primary(ed25519(T0), userId, KeyFlags.CERTIFY_OTHER | KeyFlags.SIGN_DATA, 0);
    }

    /**
     * Adds a subkey bound by {@code binder} (normally the key's own primary; another key's makes it unbound), with a
     * back-signature when {@code backSign}.
     */
    static void addSubkey(Key k, PGPKeyPair sub, PGPKeyPair binder, int flags, long expirySeconds, boolean backSign)
            throws Exception {
        sub = sub.asSubkey(new org.bouncycastle.openpgp.operator.bc.BcKeyFingerprintCalculator());
        Instant at = sub.getPublicKey().getCreationTime().toInstant();
        PGPSignatureSubpacketGenerator h = subpackets(binder, at);
        h.setKeyFlags(true, flags);
        if (expirySeconds > 0) {
            h.setKeyExpirationTime(true, expirySeconds);
        }
        if (backSign) {
            PGPSignatureGenerator back = generator(sub, HashAlgorithmTags.SHA256);
            back.init(PGPSignature.PRIMARYKEY_BINDING, sub.getPrivateKey());
            back.setHashedSubpackets(subpackets(sub, at).generate());
            h.addEmbeddedSignature(false, back.generateCertification(k.primaryPublic, sub.getPublicKey()));
        }
        PGPSignatureGenerator gen = generator(binder, HashAlgorithmTags.SHA256);
        gen.init(PGPSignature.SUBKEY_BINDING, binder.getPrivateKey());
        gen.setHashedSubpackets(h.generate());
        PGPSignature binding = gen.generateCertification(k.primaryPublic, sub.getPublicKey());
        k.subPairs.add(sub);
        k.subPublics.add(PGPPublicKey.addCertification(sub.getPublicKey(), binding));
    }

    /** Revokes the primary key ({@code subIndex < 0}) or a subkey, at {@code at}, with a reason code. */
    static void revoke(Key k, int subIndex, byte reason, Instant at) throws Exception {
        PGPSignatureGenerator gen = generator(k.primary, HashAlgorithmTags.SHA256);
        gen.init(subIndex < 0 ? PGPSignature.KEY_REVOCATION : PGPSignature.SUBKEY_REVOCATION,
                k.primary.getPrivateKey());
        PGPSignatureSubpacketGenerator h = subpackets(k.primary, at);
        h.setRevocationReason(true, reason, "test revocation");
        gen.setHashedSubpackets(h.generate());
        if (subIndex < 0) {
            k.primaryPublic = PGPPublicKey.addCertification(k.primaryPublic,
                    gen.generateCertification(k.primaryPublic));
        } else {
            PGPPublicKey sub = k.subPublics.get(subIndex);
            k.subPublics.set(subIndex, PGPPublicKey.addCertification(sub,
                    gen.generateCertification(k.primaryPublic, sub)));
        }
    }

    /** A detached signature over {@code data} by {@code signer}, armored. */
    static String sign(PGPKeyPair signer, byte[] data, int hash, Instant at, long signatureExpirySeconds)
            throws Exception {
        PGPSignatureGenerator gen = generator(signer, hash);
        gen.init(PGPSignature.BINARY_DOCUMENT, signer.getPrivateKey());
        PGPSignatureSubpacketGenerator h = subpackets(signer, at);
        if (signatureExpirySeconds > 0) {
            h.setSignatureExpirationTime(true, signatureExpirySeconds);
        }
        gen.setHashedSubpackets(h.generate());
        gen.update(data);
        return armor(gen.generate().getEncoded());
    }

    static String sign(PGPKeyPair signer, byte[] data, Instant at) throws Exception {
        return sign(signer, data, HashAlgorithmTags.SHA512, at, 0);
    }

    static String armor(byte[] binary) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ArmoredOutputStream a = ArmoredOutputStream.builder().clearHeaders().build(out)) {
            a.write(binary);
        }
        return out.toString(StandardCharsets.US_ASCII);
    }
}
