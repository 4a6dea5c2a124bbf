package dev.airlock.verify.sigstore;

import dev.airlock.verify.sigstore.SignatureOutcome.Check;
import dev.airlock.verify.sigstore.SignatureOutcome.Status;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Verifies cosign's detached key-based blob signatures ({@code cosign sign-blob --key cosign.key --output-signature
 * <file>.sig}): an ASN.1 DER ECDSA signature over SHA-256 of the file, base64-encoded (cosign's default) or raw,
 * checked against the trusted PEM public keys of the policy. Only the artifact's SHA-256 is needed: ECDSA and RSA
 * PKCS#1 v1.5 verify the digest directly. Such a signature carries no log entry and no time; what it proves is that
 * a holder of the private key signed these bytes.
 *
 * <p>Outcomes: VERIFIED (with the key that verified); INVALID/SIGNATURE when none of the given keys verifies it
 * (a detached signature names no key, so a signature by another key cannot be told from a forged one);
 * KEY_NOT_TRUSTED when no key was given; MALFORMED when the file is not a signature. Never throws for bad input.
 */
public final class CosignSignatureVerifier {
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-fA-F]{64}");
    private static final int MAX_SIGNATURE_FILE = 16 * 1024;
    private static final Pattern BASE64_TEXT = Pattern.compile("[A-Za-z0-9+/=\\s]+");

    /** Verifies {@code sigFile} for the artifact with this SHA-256 (hex). */
    public SignatureOutcome verify(Path sigFile, String artifactSha256, List<TrustedKey> keys) {
        byte[] content;
        try {
            if (Files.size(sigFile) > MAX_SIGNATURE_FILE) {
                return SignatureOutcome.failure(Status.MALFORMED, Check.FORMAT, sigFile.toString(), "is larger than "
                        + MAX_SIGNATURE_FILE + " bytes: not a cosign signature");
            }
            content = Files.readAllBytes(sigFile);
        } catch (IOException e) {
            return SignatureOutcome.failure(Status.MALFORMED, Check.FORMAT, sigFile.toString(), "the signature"
                    + " cannot be read (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
        }
        return verify(sigFile.toString(), content, artifactSha256, keys);
    }

    /** Verifies signature file content; {@code source} names it in the outcome. */
    public SignatureOutcome verify(String source, byte[] content, String artifactSha256, List<TrustedKey> keys) {
        if (artifactSha256 == null || !SHA256_HEX.matcher(artifactSha256).matches()) {
            return SignatureOutcome.failure(Status.NOT_EVALUATED, Check.INTERNAL, source, "the artifact's SHA-256 '"
                    + artifactSha256 + "' is not 64 hex digits");
        }
        byte[] signature = decode(content);
        if (signature == null) {
            return SignatureOutcome.failure(Status.MALFORMED, Check.FORMAT, source, "is neither base64 nor a DER"
                    + " signature (cosign sign-blob --output-signature writes base64)");
        }
        if (keys == null || keys.isEmpty()) {
            return SignatureOutcome.failure(Status.KEY_NOT_TRUSTED, Check.KEY, source, "a cosign key-based"
                    + " signature, and no trusted key was given");
        }
        byte[] digest = HexFormat.of().parseHex(artifactSha256.toLowerCase(Locale.ROOT));
        try {
            for (TrustedKey k : keys) {
                boolean ok;
                try {
                    ok = verifyDigest(k.key(), digest, signature);
                } catch (java.security.SignatureException e) {
                    ok = false; // not a DER signature for this key type
                }
                if (ok) {
                    return SignatureOutcome.builder(Status.VERIFIED, source).key(k.name(), k.sha256())
                            .reason("signed with key " + k.name()).build();
                }
            }
        } catch (Exception | LinkageError e) {
            return SignatureOutcome.failure(Status.INVALID, Check.INTERNAL, source, "verification failed: "
                    + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        return SignatureOutcome.builder(Status.INVALID, source).check(Check.SIGNATURE)
                .reason("the signature does not verify for the artifact (sha256 " + artifactSha256 + ") under any"
                        + " trusted key (" + String.join(", ", keys.stream().map(TrustedKey::name).toList()) + ")")
                .expected(artifactSha256).build();
    }

    /** The DER prefix of a PKCS#1 v1.5 DigestInfo for SHA-256 (RFC 8017, section 9.2, note 1). */
    private static final byte[] SHA256_DIGEST_INFO = HexFormat.of().parseHex("3031300d060960864801650304020105000420");

    /**
     * Verifies a signature over a SHA-256 digest, as {@code cosign sign-blob --key} makes it, with the JDK's own
     * providers: ECDSA over the digest ({@code NONEwithECDSA}), RSA PKCS#1 v1.5 over its DigestInfo
     * ({@code NONEwithRSA}). Written here rather than through sigstore-java's verifiers because the core extension,
     * which checks the fleet feed's signatures with this class, must not load sigstore-java or BouncyCastle.
     */
    static boolean verifyDigest(java.security.PublicKey key, byte[] digest, byte[] signature)
            throws java.security.GeneralSecurityException {
        java.security.Signature s;
        byte[] data;
        if (key instanceof java.security.interfaces.ECPublicKey) {
            s = java.security.Signature.getInstance("NONEwithECDSA");
            data = digest;
        } else if (key instanceof java.security.interfaces.RSAPublicKey) {
            s = java.security.Signature.getInstance("NONEwithRSA");
            data = new byte[SHA256_DIGEST_INFO.length + digest.length];
            System.arraycopy(SHA256_DIGEST_INFO, 0, data, 0, SHA256_DIGEST_INFO.length);
            System.arraycopy(digest, 0, data, SHA256_DIGEST_INFO.length, digest.length);
        } else {
            throw new java.security.SignatureException("a " + key.getAlgorithm() + " key cannot verify a cosign"
                    + " digest signature");
        }
        s.initVerify(key);
        s.update(data);
        return s.verify(signature);
    }

    private static byte[] decode(byte[] content) {
        if (content.length == 0) {
            return null;
        }
        String text = new String(content, StandardCharsets.ISO_8859_1).trim();
        if (BASE64_TEXT.matcher(text).matches()) {
            try {
                byte[] sig = Base64.getMimeDecoder().decode(text);
                return sig.length > 0 ? sig : null;
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        return content; // raw signature bytes (cosign sign-blob --b64=false)
    }
}
