package dev.airlock.verify.sigstore;

import dev.airlock.verify.digest.DigestCache;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.ASN1TaggedObject;

/**
 * Who signed, as a verified Fulcio certificate says: the subject alternative name (a workflow URI, an e-mail
 * address, ...), the OIDC issuer, and every Fulcio extension present, by name ({@link FulcioExtension#id()}). These
 * are facts for the judge (the trust policy's {@code sigstore san=... issuer=... repository=...}); nothing here is
 * trusted before the verifier returned it in a VERIFIED outcome.
 *
 * @param san the single subject alternative name, exactly as in the certificate
 * @param sanType {@code uri}, {@code email}, {@code otherName} or {@code dns}
 * @param issuer the OIDC issuer ({@code 1.3.6.1.4.1.57264.1.8}, or the deprecated {@code .1.1}); null when absent
 * @param extensions Fulcio extension values by {@link FulcioExtension#id()}, in OID order
 * @param certificateSha256 SHA-256 of the leaf certificate's DER encoding
 * @param notBefore start of the certificate's validity
 * @param notAfter end of the certificate's validity
 */
public record SignerIdentity(String san, String sanType, String issuer, Map<String, String> extensions,
        String certificateSha256, Instant notBefore, Instant notAfter) {

    public SignerIdentity {
        extensions = Collections.unmodifiableMap(new LinkedHashMap<>(extensions));
    }

    /** The value of one Fulcio extension, or null when the certificate does not have it. */
    public String extension(FulcioExtension ext) {
        return extensions.get(ext.id());
    }

    /** {@code sourceRepositoryUri} (e.g. {@code https://github.com/sigstore/sigstore-java}), or null. */
    public String sourceRepositoryUri() {
        return extension(FulcioExtension.SOURCE_REPOSITORY_URI);
    }

    /** {@code sourceRepositoryRef} (e.g. {@code refs/tags/v2.0.0}), or null. */
    public String sourceRepositoryRef() {
        return extension(FulcioExtension.SOURCE_REPOSITORY_REF);
    }

    /** {@code buildSignerUri}: the workflow that signed, {@code <repo>/<path>@<ref>}, or null. */
    public String buildSignerUri() {
        return extension(FulcioExtension.BUILD_SIGNER_URI);
    }

    /** One line for messages: {@code san=..., issuer=..., repository=...}. */
    public String describe() {
        StringBuilder sb = new StringBuilder("san=").append(san).append(", issuer=").append(issuer);
        if (sourceRepositoryUri() != null) {
            sb.append(", repository=").append(sourceRepositoryUri());
        }
        if (sourceRepositoryRef() != null) {
            sb.append(", ref=").append(sourceRepositoryRef());
        }
        return sb.toString();
    }

    /**
     * Reads the identity of a certificate. This only decodes; it does not verify anything.
     *
     * @throws IllegalArgumentException when the certificate does not have exactly one subject alternative name
     */
    public static SignerIdentity of(X509Certificate cert) {
        String[] san = singleSan(cert);
        Map<String, String> ext = new LinkedHashMap<>();
        for (FulcioExtension e : FulcioExtension.values()) {
            String v = extensionValue(cert, e);
            if (v != null) {
                ext.put(e.id(), v);
            }
        }
        String issuer = ext.getOrDefault(FulcioExtension.ISSUER.id(), ext.get(FulcioExtension.ISSUER_V1.id()));
        String fingerprint;
        try {
            fingerprint = DigestCache.sha256(cert.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("the certificate cannot be encoded: " + e.getMessage(), e);
        }
        return new SignerIdentity(san[1], san[0], issuer, ext, fingerprint, cert.getNotBefore().toInstant(),
                cert.getNotAfter().toInstant());
    }

    private static String[] singleSan(X509Certificate cert) {
        Collection<List<?>> names;
        try {
            names = cert.getSubjectAlternativeNames();
        } catch (CertificateParsingException e) {
            throw new IllegalArgumentException("the subject alternative names cannot be parsed: " + e.getMessage(), e);
        }
        if (names == null || names.size() != 1) {
            throw new IllegalArgumentException("a Sigstore signing certificate has exactly one subject alternative"
                    + " name; this one has " + (names == null ? 0 : names.size()));
        }
        List<?> name = names.iterator().next();
        int type = (Integer) name.get(0);
        Object value = name.get(1);
        switch (type) {
            case 6:
                return new String[] {"uri", (String) value};
            case 1:
                return new String[] {"email", (String) value};
            case 2:
                return new String[] {"dns", (String) value};
            case 0:
                return new String[] {"otherName", otherName((byte[]) value)};
            default:
                throw new IllegalArgumentException("unsupported subject alternative name type " + type);
        }
    }

    // OtherName ::= SEQUENCE { type-id OID, value [0] EXPLICIT ANY } — Fulcio puts a UTF8String there
    private static String otherName(byte[] der) {
        try {
            ASN1Sequence seq = ASN1Sequence.getInstance(der);
            ASN1TaggedObject tagged = ASN1TaggedObject.getInstance(seq.getObjectAt(1));
            ASN1Primitive inner = tagged.getExplicitBaseObject().toASN1Primitive();
            if (inner instanceof ASN1String s) {
                return s.getString();
            }
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("the otherName subject alternative name cannot be decoded", e);
        }
        throw new IllegalArgumentException("the otherName subject alternative name is not a string");
    }

    private static String extensionValue(X509Certificate cert, FulcioExtension e) {
        byte[] raw = cert.getExtensionValue(e.oid());
        if (raw == null) {
            return null;
        }
        try {
            byte[] octets = ASN1OctetString.getInstance(raw).getOctets();
            if (!e.isDerEncoded()) {
                return new String(octets, StandardCharsets.UTF_8);
            }
            ASN1Primitive p = ASN1Primitive.fromByteArray(octets);
            if (p instanceof ASN1String s) {
                return s.getString();
            }
            throw new IllegalArgumentException("extension " + e.oid() + " (" + e.id() + ") is not a string");
        } catch (java.io.IOException | RuntimeException ex) {
            throw new IllegalArgumentException("extension " + e.oid() + " (" + e.id() + ") cannot be decoded: "
                    + ex.getMessage(), ex);
        }
    }
}
