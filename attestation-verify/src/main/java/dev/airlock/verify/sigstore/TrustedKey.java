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
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;

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
    private static final ASN1ObjectIdentifier EC = new ASN1ObjectIdentifier("1.2.840.10045.2.1");
    private static final ASN1ObjectIdentifier RSA = new ASN1ObjectIdentifier("1.2.840.113549.1.1.1");
    private static final ASN1ObjectIdentifier P256 = new ASN1ObjectIdentifier("1.2.840.10045.3.1.7");

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
        PublicKey key;
        try {
            SubjectPublicKeyInfo spki = SubjectPublicKeyInfo.getInstance(der);
            ASN1ObjectIdentifier alg = spki.getAlgorithm().getAlgorithm();
            if (EC.equals(alg)) {
                if (!P256.equals(spki.getAlgorithm().getParameters())) {
                    throw new KeyFileException(name, "is an ECDSA key on a curve other than P-256 ("
                            + spki.getAlgorithm().getParameters() + ")", "sign with a P-256 key (cosign's default)",
                            null);
                }
                key = KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(der));
            } else if (RSA.equals(alg)) {
                key = KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
                if (((RSAPublicKey) key).getModulus().bitLength() < 2048) {
                    throw new KeyFileException(name, "is an RSA key of fewer than 2048 bits", "use an ECDSA P-256"
                            + " key or RSA of at least 2048 bits", null);
                }
            } else {
                throw new KeyFileException(name, "key algorithm " + alg + " is not supported (supported: ECDSA"
                        + " P-256, RSA)", "sign with an ECDSA P-256 key (cosign's default)", null);
            }
        } catch (KeyFileException e) {
            throw e;
        } catch (Exception e) {
            throw new KeyFileException(name, "is not a PKIX public key (" + e.getClass().getSimpleName() + ": "
                    + e.getMessage() + ")", exportFix, e);
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
