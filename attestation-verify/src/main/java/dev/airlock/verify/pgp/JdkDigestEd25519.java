package dev.airlock.verify.pgp;

import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.PublicKeyAlgorithmTags;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.operator.PGPContentVerifier;
import org.bouncycastle.openpgp.operator.PGPContentVerifierBuilder;
import org.bouncycastle.openpgp.operator.PGPContentVerifierBuilderProvider;
import org.bouncycastle.openpgp.operator.bc.BcPGPKeyConverter;

/**
 * Checks an OpenPGP v4 EdDSA (Ed25519) signature with the JDK's digest and BouncyCastle's Ed25519: the file is hashed
 * by the JDK (SHA-2 on the processor's SHA instructions), and the 64-byte signature over that hash is checked by
 * BouncyCastle's {@code Ed25519Signer}, as BouncyCastle's own lightweight operator does (its {@code EdDsaSigner}:
 * digest, then Ed25519 over the digest). BouncyCastle offers the two halves only together: all-JCA (the JDK's Ed25519
 * is plain-Java field arithmetic, about 1 ms a signature) or all-lightweight (plain-Java SHA-2, three to five times
 * slower than the JDK's over the bytes of a jar). This class, written by hand because no library mixes them, is
 * what halves the time of checking a closure signed with Ed25519 keys (docs/benchmark.md). The verdict is the same:
 * the same standard algorithms; any other key or hash is refused here, and {@link PgpSignatureVerifier} falls back
 * to the JDK's or BouncyCastle's operators.
 */
final class JdkDigestEd25519 implements PGPContentVerifierBuilderProvider {
    static final JdkDigestEd25519 INSTANCE = new JdkDigestEd25519();

    private static final BcPGPKeyConverter KEYS = new BcPGPKeyConverter();

    @Override
    public PGPContentVerifierBuilder get(int keyAlgorithm, int hashAlgorithm) throws PGPException {
        if (keyAlgorithm != PublicKeyAlgorithmTags.EDDSA_LEGACY) {
            throw new PGPException("not an EdDSA (legacy) signature: " + keyAlgorithm);
        }
        String digestName = digestName(hashAlgorithm);
        return key -> build(key, keyAlgorithm, hashAlgorithm, digestName);
    }

    private static PGPContentVerifier build(PGPPublicKey key, int keyAlgorithm, int hashAlgorithm, String digestName)
            throws PGPException {
        AsymmetricKeyParameter publicKey = KEYS.getPublicKey(key);
        if (!(publicKey instanceof Ed25519PublicKeyParameters)) {
            throw new PGPException("not an Ed25519 key"); // Ed448 in a legacy packet: left to the fallback
        }
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance(digestName);
        } catch (NoSuchAlgorithmException e) {
            throw new PGPException("the JDK has no " + digestName, e);
        }
        OutputStream out = new OutputStream() {
            @Override
            public void write(int b) {
                digest.update((byte) b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                digest.update(b, off, len);
            }
        };
        long keyId = key.getKeyID();
        return new PGPContentVerifier() {
            @Override
            public OutputStream getOutputStream() {
                return out;
            }

            @Override
            public int getHashAlgorithm() {
                return hashAlgorithm;
            }

            @Override
            public int getKeyAlgorithm() {
                return keyAlgorithm;
            }

            @Override
            public long getKeyID() {
                return keyId;
            }

            @Override
            public boolean verify(byte[] expected) {
                byte[] hash = digest.digest();
                Ed25519Signer signer = new Ed25519Signer();
                signer.init(false, publicKey);
                signer.update(hash, 0, hash.length);
                return signer.verifySignature(expected);
            }
        };
    }

    private static String digestName(int hashAlgorithm) throws PGPException {
        return switch (hashAlgorithm) {
            case HashAlgorithmTags.SHA256 -> "SHA-256";
            case HashAlgorithmTags.SHA384 -> "SHA-384";
            case HashAlgorithmTags.SHA512 -> "SHA-512";
            case HashAlgorithmTags.SHA224 -> "SHA-224";
            case HashAlgorithmTags.SHA3_256 -> "SHA3-256";
            case HashAlgorithmTags.SHA3_512 -> "SHA3-512";
            case HashAlgorithmTags.SHA1 -> "SHA-1"; // judged weak afterwards (PgpAlgorithms.isStrongHash), as before
            default -> throw new PGPException("hash algorithm " + hashAlgorithm + " is left to the fallback");
        };
    }
}
