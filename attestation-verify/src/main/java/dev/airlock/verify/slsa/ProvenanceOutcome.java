package dev.airlock.verify.slsa;

import dev.airlock.verify.outcome.Outcome;
import dev.airlock.verify.sigstore.SignatureOutcome;
import java.util.Objects;
import java.util.Optional;

/**
 * The result of verifying SLSA provenance for one artifact. Verifiers return it and never throw for bad input.
 *
 * <ul>
 *   <li>{@link Status#VERIFIED}: signature, certificate (or key), log entry and times verified offline, and a
 *       subject names the artifact's SHA-256; {@link #facts()} says what the provenance claims. Whether that
 *       builder and source are allowed is the policy's question ({@code BUILDER_NOT_TRUSTED},
 *       {@code SOURCE_NOT_TRUSTED}; see {@link SlsaParity} and
 *       {@link dev.airlock.verify.policy.ProvenanceDecision#slsaMatch}).</li>
 *   <li>{@link Status#SUBJECT_MISMATCH}: verified, but about other artifacts ({@code PROVENANCE_SUBJECT_MISMATCH});
 *       {@link #expected()} is the artifact's digest, {@link #actual()} the subjects.</li>
 *   <li>{@link Status#SIGNATURE_INVALID}: a check of the signature, certificate, log entry or times failed
 *       ({@code PROVENANCE_SIGNATURE_INVALID}); {@link #signature()} has the details.</li>
 *   <li>{@link Status#UNVERIFIABLE_OFFLINE}: e.g. a legacy bare DSSE envelope without an inclusion proof, which
 *       only an online Rekor search could verify ({@code PROVENANCE_UNVERIFIABLE_OFFLINE}).</li>
 *   <li>{@link Status#MALFORMED}: not provenance Airlock can read (not JSON, not a bundle, not SLSA).</li>
 *   <li>{@link Status#KEY_NOT_TRUSTED}: signed with a public key none of the given keys is.</li>
 *   <li>{@link Status#NOT_EVALUATED}: the verifier could not run; says nothing about the artifact.</li>
 * </ul>
 */
public final class ProvenanceOutcome implements Outcome {

    /** The overall result. */
    public enum Status {
        VERIFIED, SUBJECT_MISMATCH, SIGNATURE_INVALID, UNVERIFIABLE_OFFLINE, MALFORMED, KEY_NOT_TRUSTED, NOT_EVALUATED
    }

    private final Status status;
    private final String source;
    private final String reason;
    private final String expected;
    private final String actual;
    private final ProvenanceFacts facts;
    private final SignatureOutcome signature;

    ProvenanceOutcome(Status status, String source, String reason, String expected, String actual,
            ProvenanceFacts facts, SignatureOutcome signature) {
        this.status = Objects.requireNonNull(status);
        this.source = source;
        this.reason = reason;
        this.expected = expected;
        this.actual = actual;
        this.facts = facts;
        this.signature = signature;
    }

    public Status status() {
        return status;
    }

    @Override
    public Verdict verdict() {
        return switch (status) {
            case VERIFIED -> Verdict.VERIFIED;
            case SUBJECT_MISMATCH, SIGNATURE_INVALID, MALFORMED -> Verdict.INTEGRITY_FAILURE;
            case KEY_NOT_TRUSTED -> Verdict.SIGNER_NOT_ACCEPTED;
            case UNVERIFIABLE_OFFLINE, NOT_EVALUATED -> Verdict.NOT_EVALUATED;
        };
    }

    @Override
    public boolean isVerified() {
        return status == Status.VERIFIED;
    }

    /** The provenance file, with {@code #line N} when the file holds several (JSON Lines). */
    public String source() {
        return source;
    }

    public String reason() {
        return reason;
    }

    /** The artifact's SHA-256 for a subject mismatch, or null. */
    public String expected() {
        return expected;
    }

    /** The subjects found for a subject mismatch, or null. */
    public String actual() {
        return actual;
    }

    /** What the provenance says: present for VERIFIED and SUBJECT_MISMATCH (its signature verified). */
    public Optional<ProvenanceFacts> facts() {
        return Optional.ofNullable(facts);
    }

    /** The signature verification behind this outcome, when there was one. */
    public Optional<SignatureOutcome> signature() {
        return Optional.ofNullable(signature);
    }

    @Override
    public String toString() {
        return status + " " + source + ": " + reason + (facts == null ? "" : " [" + facts.describe() + "]");
    }
}
