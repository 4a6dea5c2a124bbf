package dev.airlock.verify.sigstore;

import dev.airlock.verify.outcome.Outcome;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The result of verifying one signature (a Sigstore bundle or a cosign {@code .sig}): verified facts, or why not.
 * Verifiers return it and never throw for bad input; the enforcer rules map it to findings.
 *
 * <ul>
 *   <li>{@link Status#VERIFIED}: the signature, the certificate chain (keyless) or the given key (key-based), the
 *       transparency-log entry and the times all check out. {@link #identity()} (keyless) or {@link #keyName()}
 *       (key-based) says who signed; whether that signer is allowed is the policy's question
 *       ({@code IDENTITY_NOT_ALLOWED}).</li>
 *   <li>{@link Status#INVALID}: a check failed; {@link #check()} says which and {@link #reason()} how, with
 *       {@link #expected()}/{@link #actual()} where there are two values ({@code SIGNATURE_INVALID}).</li>
 *   <li>{@link Status#MALFORMED}: the file is not a usable bundle or signature ({@code SIGNATURE_INVALID}).</li>
 *   <li>{@link Status#KEY_NOT_TRUSTED}: signed with a public key that none of the given keys is (or no key was
 *       given); not an integrity failure ({@code IDENTITY_NOT_ALLOWED}).</li>
 *   <li>{@link Status#NOT_EVALUATED}: the verifier itself could not run (e.g. a class missing from the classpath);
 *       says nothing about the artifact ({@code NOT_EVALUATED}).</li>
 * </ul>
 */
public final class SignatureOutcome implements Outcome {

    /** The overall result. */
    public enum Status { VERIFIED, INVALID, MALFORMED, KEY_NOT_TRUSTED, NOT_EVALUATED }

    /** Which check failed (for INVALID, MALFORMED, KEY_NOT_TRUSTED and NOT_EVALUATED). */
    public enum Check {
        /** The file's structure: JSON, media type, required fields, encodings. */
        FORMAT,
        /** The artifact's SHA-256 is not what was signed (message digest, DSSE subject, tlog entry). */
        ARTIFACT_DIGEST,
        /** The signature does not verify under the certificate's or key's public key. */
        SIGNATURE,
        /** The certificate does not chain to a trusted Fulcio CA or lacks a valid SCT. */
        CERTIFICATE_CHAIN,
        /** The transparency-log entry does not describe this signature (body mismatch, unsupported kind). */
        TLOG_ENTRY,
        /** Inclusion proof, checkpoint or signed entry timestamp invalid, or the log is not trusted. */
        TLOG_INCLUSION,
        /** An RFC 3161 timestamp is invalid or there is no verified time at all. */
        TIMESTAMP,
        /** A verified time lies outside the certificate's validity or the log key's {@code validFor}. */
        TIME_VALIDITY,
        /** The signing key is not one of the trusted keys. */
        KEY,
        /** The verifier failed unexpectedly (reported, never passed). */
        INTERNAL
    }

    /** A DSSE envelope whose signature verified: what was signed, exactly. */
    public record VerifiedEnvelope(String payloadType, byte[] payload) {
        public VerifiedEnvelope {
            Objects.requireNonNull(payloadType);
            payload = payload.clone();
        }

        @Override
        public byte[] payload() {
            return payload.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof VerifiedEnvelope v && v.payloadType.equals(payloadType)
                    && Arrays.equals(v.payload, payload);
        }

        @Override
        public int hashCode() {
            return payloadType.hashCode() * 31 + Arrays.hashCode(payload);
        }

        @Override
        public String toString() {
            return "VerifiedEnvelope[" + payloadType + ", " + payload.length + " bytes]";
        }
    }

    private final Status status;
    private final Check check;
    private final String source;
    private final String reason;
    private final String expected;
    private final String actual;
    private final SignerIdentity identity;
    private final String keyName;
    private final String keySha256;
    private final String entryKind;
    private final Long logIndex;
    private final Instant integratedTime;
    private final List<Instant> timestamps;
    private final VerifiedEnvelope envelope;

    private SignatureOutcome(Builder b) {
        this.status = Objects.requireNonNull(b.status);
        this.check = b.check;
        this.source = b.source;
        this.reason = b.reason;
        this.expected = b.expected;
        this.actual = b.actual;
        this.identity = b.identity;
        this.keyName = b.keyName;
        this.keySha256 = b.keySha256;
        this.entryKind = b.entryKind;
        this.logIndex = b.logIndex;
        this.integratedTime = b.integratedTime;
        this.timestamps = List.copyOf(b.timestamps);
        this.envelope = b.envelope;
    }

    static Builder builder(Status status, String source) {
        return new Builder(status, source);
    }

    static SignatureOutcome failure(Status status, Check check, String source, String reason) {
        return builder(status, source).check(check).reason(reason).build();
    }

    public Status status() {
        return status;
    }

    @Override
    public Verdict verdict() {
        return switch (status) {
            case VERIFIED -> Verdict.VERIFIED;
            case INVALID, MALFORMED -> Verdict.INTEGRITY_FAILURE;
            case KEY_NOT_TRUSTED -> Verdict.SIGNER_NOT_ACCEPTED;
            case NOT_EVALUATED -> Verdict.NOT_EVALUATED;
        };
    }

    @Override
    public boolean isVerified() {
        return status == Status.VERIFIED;
    }

    /** The failed check; null when verified. */
    public Check check() {
        return check;
    }

    /** The verified file (path or name as given). */
    public String source() {
        return source;
    }

    /** Why it failed (a sentence naming the values involved); for VERIFIED a short summary. */
    public String reason() {
        return reason;
    }

    /** The expected value of a failed comparison (e.g. the artifact's SHA-256), or null. */
    public String expected() {
        return expected;
    }

    /** The value found instead, or null. */
    public String actual() {
        return actual;
    }

    /** The certificate identity of a verified keyless signature. */
    public Optional<SignerIdentity> identity() {
        return Optional.ofNullable(identity);
    }

    /** The name of the trusted key that verified a key-based signature (as given to the verifier). */
    public Optional<String> keyName() {
        return Optional.ofNullable(keyName);
    }

    /**
     * SHA-256 (hex) of the signing key's DER SubjectPublicKeyInfo: for key-based signatures the key used (or,
     * with KEY_NOT_TRUSTED, the bundle's key hint when it had one); cosign's key hint is the same value base64.
     */
    public Optional<String> keySha256() {
        return Optional.ofNullable(keySha256);
    }

    /** The transparency-log entry kind verified, e.g. {@code hashedrekord:0.0.1}, {@code intoto:0.0.2}. */
    public Optional<String> entryKind() {
        return Optional.ofNullable(entryKind);
    }

    public Optional<Long> logIndex() {
        return Optional.ofNullable(logIndex);
    }

    /** The log's integrated time, when the entry carries one and its signed entry timestamp verified. */
    public Optional<Instant> integratedTime() {
        return Optional.ofNullable(integratedTime);
    }

    /** The generation times of the verified RFC 3161 timestamps. */
    public List<Instant> timestamps() {
        return timestamps;
    }

    /** For a verified DSSE bundle: the signed payload. */
    public Optional<VerifiedEnvelope> envelope() {
        return Optional.ofNullable(envelope);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(status.name());
        if (check != null) {
            sb.append('/').append(check);
        }
        sb.append(' ').append(source).append(": ").append(reason);
        if (identity != null) {
            sb.append(" [").append(identity.describe()).append(']');
        }
        if (keyName != null) {
            sb.append(" [key ").append(keyName).append(']');
        }
        return sb.toString();
    }

    static final class Builder {
        private final Status status;
        private final String source;
        private Check check;
        private String reason;
        private String expected;
        private String actual;
        private SignerIdentity identity;
        private String keyName;
        private String keySha256;
        private String entryKind;
        private Long logIndex;
        private Instant integratedTime;
        private final List<Instant> timestamps = new ArrayList<>();
        private VerifiedEnvelope envelope;

        private Builder(Status status, String source) {
            this.status = status;
            this.source = source;
        }

        Builder check(Check v) {
            check = v;
            return this;
        }

        Builder reason(String v) {
            reason = v;
            return this;
        }

        Builder expected(String v) {
            expected = v;
            return this;
        }

        Builder actual(String v) {
            actual = v;
            return this;
        }

        Builder identity(SignerIdentity v) {
            identity = v;
            return this;
        }

        Builder key(String name, String sha256) {
            keyName = name;
            keySha256 = sha256;
            return this;
        }

        Builder entry(String kind, long index) {
            entryKind = kind;
            logIndex = index;
            return this;
        }

        Builder integratedTime(Instant v) {
            integratedTime = v;
            return this;
        }

        Builder timestamps(List<Instant> v) {
            timestamps.addAll(v);
            return this;
        }

        Builder envelope(VerifiedEnvelope v) {
            envelope = v;
            return this;
        }

        SignatureOutcome build() {
            return new SignatureOutcome(this);
        }
    }
}
