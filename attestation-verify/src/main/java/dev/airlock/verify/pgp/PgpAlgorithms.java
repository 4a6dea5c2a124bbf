package dev.airlock.verify.pgp;

import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.PublicKeyAlgorithmTags;

/**
 * Names of OpenPGP algorithms for messages, and Airlock's choice of what is too weak to accept for an artifact
 * signature (docs/signatures-pgp.md, "Weak algorithms").
 *
 * <ul>
 *   <li>Hash of the artifact signature: MD5, MD2, SHA-1, RIPEMD-160, double-width SHA, TIGER/192, HAVAL and any
 *       algorithm this code does not know are weak. SHA-224, SHA-256, SHA-384, SHA-512, SHA3-256 and SHA3-512 are
 *       accepted. (pgpverify accepts SHA-1 and RIPEMD-160 and refuses SHA-224; SHA-1 collisions are practical, and
 *       the 2020 chosen-prefix attack targeted exactly OpenPGP signatures.)</li>
 *   <li>Signing key: RSA, DSA and ElGamal keys under 2048 bits, and elliptic-curve keys under 256 bits, are weak.
 *       (pgpverify does not check key sizes.)</li>
 * </ul>
 * Self-signatures and binding signatures inside a key are not judged by these rules: old keys carry SHA-1
 * self-signatures, and GnuPG and pgpverify accept them.
 */
final class PgpAlgorithms {
    /** RSA/DSA/ElGamal keys below this many bits are weak. */
    static final int MIN_FACTORING_BITS = 2048;
    /** Elliptic-curve keys below this many bits are weak. */
    static final int MIN_EC_BITS = 256;

    /** Algorithm ids that RFC 9580 deprecates (BouncyCastle's constants are deprecated) but old keys still carry. */
    private static final int RSA_ENCRYPT_ONLY = 2;
    private static final int RSA_SIGN_ONLY = 3;
    private static final int ELGAMAL_SIGN_ENCRYPT = 20;

    private PgpAlgorithms() {}

    static String hashName(int id) {
        return switch (id) {
            case HashAlgorithmTags.MD5 -> "MD5";
            case HashAlgorithmTags.SHA1 -> "SHA-1";
            case HashAlgorithmTags.RIPEMD160 -> "RIPEMD-160";
            case HashAlgorithmTags.DOUBLE_SHA -> "double-width SHA";
            case HashAlgorithmTags.MD2 -> "MD2";
            case HashAlgorithmTags.TIGER_192 -> "TIGER/192";
            case HashAlgorithmTags.HAVAL_5_160 -> "HAVAL-5-160";
            case HashAlgorithmTags.SHA256 -> "SHA-256";
            case HashAlgorithmTags.SHA384 -> "SHA-384";
            case HashAlgorithmTags.SHA512 -> "SHA-512";
            case HashAlgorithmTags.SHA224 -> "SHA-224";
            case HashAlgorithmTags.SHA3_256 -> "SHA3-256";
            case HashAlgorithmTags.SHA3_512 -> "SHA3-512";
            default -> "hash algorithm " + id;
        };
    }

    /** True for the hash algorithms accepted on an artifact signature. */
    static boolean isStrongHash(int id) {
        return switch (id) {
            case HashAlgorithmTags.SHA224, HashAlgorithmTags.SHA256, HashAlgorithmTags.SHA384,
                    HashAlgorithmTags.SHA512, HashAlgorithmTags.SHA3_256, HashAlgorithmTags.SHA3_512 -> true;
            default -> false;
        };
    }

    static String keyAlgorithmName(int id) {
        return switch (id) {
            case PublicKeyAlgorithmTags.RSA_GENERAL, RSA_SIGN_ONLY,
                    RSA_ENCRYPT_ONLY -> "RSA";
            case PublicKeyAlgorithmTags.DSA -> "DSA";
            case PublicKeyAlgorithmTags.ELGAMAL_ENCRYPT, ELGAMAL_SIGN_ENCRYPT -> "ElGamal";
            case PublicKeyAlgorithmTags.ECDSA -> "ECDSA";
            case PublicKeyAlgorithmTags.ECDH -> "ECDH";
            case PublicKeyAlgorithmTags.EDDSA_LEGACY -> "EdDSA";
            case PublicKeyAlgorithmTags.Ed25519 -> "Ed25519";
            case PublicKeyAlgorithmTags.Ed448 -> "Ed448";
            case PublicKeyAlgorithmTags.X25519 -> "X25519";
            case PublicKeyAlgorithmTags.X448 -> "X448";
            default -> "algorithm " + id;
        };
    }

    /** True when the algorithm can make signatures at all. */
    static boolean canSign(int id) {
        return switch (id) {
            case PublicKeyAlgorithmTags.RSA_GENERAL, RSA_SIGN_ONLY, PublicKeyAlgorithmTags.DSA,
                    PublicKeyAlgorithmTags.ECDSA, PublicKeyAlgorithmTags.EDDSA_LEGACY, PublicKeyAlgorithmTags.Ed25519,
                    PublicKeyAlgorithmTags.Ed448 -> true;
            default -> false;
        };
    }

    /** Why a signing key is too weak, or null when it is acceptable. */
    static String weakKey(int algorithm, int bits) {
        return switch (algorithm) {
            case PublicKeyAlgorithmTags.RSA_GENERAL, RSA_SIGN_ONLY,
                    RSA_ENCRYPT_ONLY, PublicKeyAlgorithmTags.DSA,
                    PublicKeyAlgorithmTags.ELGAMAL_ENCRYPT, ELGAMAL_SIGN_ENCRYPT ->
                    bits < MIN_FACTORING_BITS ? keyAlgorithmName(algorithm) + " " + bits + "-bit key (at least "
                            + MIN_FACTORING_BITS + " bits are required)" : null;
            case PublicKeyAlgorithmTags.ECDSA, PublicKeyAlgorithmTags.ECDH ->
                    bits < MIN_EC_BITS ? keyAlgorithmName(algorithm) + " " + bits + "-bit key (at least "
                            + MIN_EC_BITS + " bits are required)" : null;
            default -> null;
        };
    }
}
