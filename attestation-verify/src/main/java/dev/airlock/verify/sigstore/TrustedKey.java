package dev.airlock.verify.sigstore;

import dev.airlock.verify.digest.DigestCache;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Objects;

/**
 * A public key the user trusts for key-based (cosign) signatures: a PEM {@code PUBLIC KEY} (PKIX
 * SubjectPublicKeyInfo), as {@code cosign generate-key-pair} writes to {@code cosign.pub}.
 *
 * <p>Supported: ECDSA on P-256 (cosign's default; signatures over SHA-256) and RSA of at least 2048 bits
 * (PKCS#1 v1.5 over SHA-256). Other curves and Ed25519 are refused when the key is read, because cosign signs with
 * them over other digests or the whole blob, which Airlock does not verify (docs/signatures-sigstore.md).
 *
 * @param name how to name the key in messages and outcomes (the PEM file as the policy wrote it)
 * @param key the key
 * @param sha256 hex SHA-256 of the key's DER SubjectPublicKeyInfo (cosign's key hint, in hex)
 */
public record TrustedKey(String name, PublicKey key, String sha256) {
    private static final String BEGIN = "-----BEGIN PUBLIC KEY-----";
    private static final String END = "-----END PUBLIC KEY-----";

    public TrustedKey {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(sha256, "sha256");
    }

    /** Reads a PEM public key file. */
    public static TrustedKey fromPem(Path file) throws KeyFileException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new KeyFileException(file.toString(), "cannot be read (" + e.getClass().getSimpleName() + ": "
                    + e.getMessage() + ")", "check the path in the policy's cosign key=... (relative to the policy"
                    + " file)", e);
        }
        return fromPem(file.toString(), text);
    }

    /** Parses PEM text; {@code name} names it in messages. */
    public static TrustedKey fromPem(String name, String pem) throws KeyFileException {
        String exportFix = "give the public key in PEM (cosign public-key --key cosign.key > cosign.pub)";
        if (pem.contains("PRIVATE KEY-----")) {
            throw new KeyFileException(name, "holds a private key, not a public key", exportFix
                    + "; never commit the private key", null);
        }
        int begin = pem.indexOf(BEGIN);
        if (begin < 0) {
            String what = pem.contains("-----BEGIN CERTIFICATE-----") ? "a certificate"
                    : pem.contains("-----BEGIN PGP") ? "an OpenPGP key (use pgp fingerprint=... in the policy)"
                    : "no PEM block";
            throw new KeyFileException(name, "expected a '" + BEGIN + "' block, found " + what, exportFix, null);
        }
        // from the end of BEGIN: the dashes closing BEGIN may start an END ("-----BEGIN PUBLIC KEY-----END PUBLIC...")
        int end = pem.indexOf(END, begin + BEGIN.length());
        if (end < 0) {
            throw new KeyFileException(name, "line " + lineOf(pem, begin) + ": '" + BEGIN + "' without '" + END + "'",
                    "restore the complete PEM file", null);
        }
        if (pem.indexOf(BEGIN, end) >= 0) {
            throw new KeyFileException(name, "holds more than one public key", "put one key in each file and name"
                    + " each in its own cosign key=... line", null);
        }
        byte[] der;
        try {
            der = Base64.getDecoder().decode(pem.substring(begin + BEGIN.length(), end).replaceAll("\\s+", ""));
        } catch (IllegalArgumentException e) {
            throw new KeyFileException(name, "line " + (lineOf(pem, begin) + 1) + ": the PEM body is not base64 ("
                    + e.getMessage() + ")", "restore the PEM file as cosign wrote it", e);
        }
        // the JDK's key factories only (no BouncyCastle): the core extension parses the feed's policy with this
        PublicKey key = decode(der);
        if (key == null) {
            throw new KeyFileException(name, "is not a PKIX public key (no ECDSA, RSA or EdDSA key factory accepts"
                    + " it)", exportFix, null);
        }
        if (key instanceof ECPublicKey ec) {
            if (!isP256(ec.getParams())) {
                throw new KeyFileException(name, "is an ECDSA key on a curve other than P-256 (a "
                        + ec.getParams().getCurve().getField().getFieldSize() + "-bit curve)", "sign with a P-256"
                        + " key (cosign's default)", null);
            }
        } else if (key instanceof RSAPublicKey rsa) {
            if (rsa.getModulus().bitLength() < 2048) {
                throw new KeyFileException(name, "is an RSA key of fewer than 2048 bits", "use an ECDSA P-256"
                        + " key or RSA of at least 2048 bits", null);
            }
        } else {
            throw new KeyFileException(name, "key algorithm " + key.getAlgorithm() + " is not supported (supported:"
                    + " ECDSA P-256, RSA)", "sign with an ECDSA P-256 key (cosign's default)", null);
        }
        return new TrustedKey(name, key, DigestCache.sha256(der));
    }

    /** Wraps a key already in memory (e.g. generated in a test). */
    public static TrustedKey of(String name, PublicKey key) {
        if (!(key instanceof ECPublicKey) && !(key instanceof RSAPublicKey)) {
            throw new IllegalArgumentException("only ECDSA and RSA keys are supported, not " + key.getAlgorithm());
        }
        return new TrustedKey(name, key, DigestCache.sha256(key.getEncoded()));
    }

    /** The key in a DER SubjectPublicKeyInfo, by the first JDK key factory that accepts it; null when none does. */
    private static PublicKey decode(byte[] der) {
        for (String algorithm : new String[] {"EC", "RSA", "EdDSA"}) {
            try {
                return KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(der));
            } catch (java.security.GeneralSecurityException | RuntimeException e) {
                // not this algorithm
            }
        }
        return null;
    }

    private static final java.security.spec.ECParameterSpec P256_SPEC = p256();

    private static java.security.spec.ECParameterSpec p256() {
        try {
            java.security.AlgorithmParameters p = java.security.AlgorithmParameters.getInstance("EC");
            p.init(new java.security.spec.ECGenParameterSpec("secp256r1"));
            return p.getParameterSpec(java.security.spec.ECParameterSpec.class);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no P-256", e);
        }
    }

    /** Whether {@code spec} is the curve P-256 (secp256r1). */
    static boolean isP256(java.security.spec.ECParameterSpec spec) {
        return spec != null && spec.getCurve().equals(P256_SPEC.getCurve())
                && spec.getGenerator().equals(P256_SPEC.getGenerator()) && spec.getOrder().equals(P256_SPEC.getOrder())
                && spec.getCofactor() == P256_SPEC.getCofactor();
    }

    private static int lineOf(String text, int index) {
        int line = 1;
        for (int i = 0; i < index; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }
}
