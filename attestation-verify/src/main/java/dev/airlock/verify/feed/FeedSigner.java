package dev.airlock.verify.feed;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Objects;

/**
 * Signs feed files as {@code cosign sign-blob --key} does: an ASN.1 DER ECDSA P-256 signature over the SHA-256 of
 * the file's bytes, base64-encoded (the {@code .json.sig} file). {@code cosign verify-blob --key feed.pub
 * --signature x.json.sig x.json} accepts it, and {@link FeedVerifier} verifies it with the cosign verifier the
 * signature rules use. JCA only (SHA256withECDSA); no hand-written cryptography.
 *
 * <p>The private key is an unencrypted PKCS#8 PEM ({@code -----BEGIN PRIVATE KEY-----}), as {@code openssl genpkey
 * -algorithm EC -pkeyopt ec_paramgen_curve:P-256} writes it. cosign's own key file ({@code cosign.key}) is always
 * encrypted ({@code ENCRYPTED SIGSTORE PRIVATE KEY}) and is refused with the command that converts it.
 */
public final class FeedSigner {
    private static final String BEGIN = "-----BEGIN PRIVATE KEY-----";
    private static final String END = "-----END PRIVATE KEY-----";
    private static final int MAX_PEM = 16 * 1024;
    private static final String GENERATE = "openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out"
            + " feed.key (its public key, for the trust policy: openssl pkey -in feed.key -pubout -out feed.pub)";

    private final PrivateKey key;

    private FeedSigner(PrivateKey key) {
        this.key = key;
    }

    /**
     * Wraps an ECDSA P-256 private key.
     *
     * @throws IllegalArgumentException for another kind of key
     */
    public static FeedSigner of(PrivateKey key) {
        Objects.requireNonNull(key, "key");
        if (!(key instanceof ECPrivateKey ec) || !isP256(ec.getParams())) {
            throw new IllegalArgumentException("the feed is signed with an ECDSA P-256 key, not " + key.getAlgorithm()
                    + (key instanceof ECPrivateKey ? " on another curve" : ""));
        }
        return new FeedSigner(key);
    }

    /** Reads the PEM private key file ({@code airlock.feed.signingKey}). */
    public static FeedSigner fromPem(Path file) throws FeedException {
        try {
            if (Files.size(file) > MAX_PEM) {
                throw new FeedException(file.toString(), "is larger than " + MAX_PEM + " bytes: not a PEM private key",
                        GENERATE);
            }
            return fromPem(file.toString(), Files.readString(file, StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new FeedException(file.toString(), "cannot be read (" + e.getClass().getSimpleName() + ": "
                    + e.getMessage() + ")", "check airlock.feed.signingKey");
        }
    }

    /** Parses PEM text; {@code source} names it in messages. */
    public static FeedSigner fromPem(String source, String pem) throws FeedException {
        if (pem.contains("ENCRYPTED")) {
            throw new FeedException(source, "is an encrypted private key (cosign's cosign.key is always"
                    + " encrypted)", "give the feed an unencrypted PKCS#8 key: " + GENERATE + "; keep it readable only"
                    + " by the runner");
        }
        if (pem.contains("-----BEGIN EC PRIVATE KEY-----")) {
            throw new FeedException(source, "is a SEC1 EC private key, not PKCS#8", "convert it: openssl pkcs8"
                    + " -topk8 -nocrypt -in key.pem -out feed.key");
        }
        int begin = pem.indexOf(BEGIN);
        int end = begin < 0 ? -1 : pem.indexOf(END, begin + BEGIN.length());
        if (begin < 0 || end < 0) {
            throw new FeedException(source, "holds no '" + BEGIN + "' ... '" + END + "' block", GENERATE);
        }
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(pem.substring(begin + BEGIN.length(), end).strip());
        } catch (IllegalArgumentException e) {
            throw new FeedException(source, "the PEM body is not base64 (" + e.getMessage() + ")", GENERATE);
        }
        PrivateKey k;
        try {
            k = KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw new FeedException(source, "is not a PKCS#8 ECDSA private key (" + e.getClass().getSimpleName()
                    + ": " + e.getMessage() + ")", GENERATE);
        }
        try {
            return of(k);
        } catch (IllegalArgumentException e) {
            throw new FeedException(source, e.getMessage(), GENERATE);
        }
    }

    /** The base64 DER ECDSA signature over SHA-256 of {@code bytes}: the content of the {@code .json.sig} file. */
    public byte[] sign(byte[] bytes) {
        try {
            Signature s = Signature.getInstance("SHA256withECDSA");
            s.initSign(key);
            s.update(bytes);
            return Base64.getEncoder().encode(s.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot sign with ECDSA P-256: " + e.getMessage(), e);
        }
    }

    public byte[] sign(FeedEntry entry) {
        return sign(entry.canonicalBytes());
    }

    public byte[] sign(FeedSnapshot snapshot) {
        return sign(snapshot.canonicalBytes());
    }

    private static boolean isP256(ECParameterSpec spec) {
        try {
            AlgorithmParameters p = AlgorithmParameters.getInstance("EC");
            p.init(new ECGenParameterSpec("secp256r1"));
            ECParameterSpec p256 = p.getParameterSpec(ECParameterSpec.class);
            return spec != null && p256.getCurve().equals(spec.getCurve()) && p256.getOrder().equals(spec.getOrder())
                    && p256.getGenerator().equals(spec.getGenerator());
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
