package dev.airlock.verify.outcome;

/**
 * The shape every verifier's outcome shares (Sigstore and cosign signatures, SLSA provenance, OpenPGP signatures), so a
 * check can sort outcomes without knowing each verifier's status codes. Each verifier keeps its own detailed
 * {@code status()} for the finding it raises.
 */
public interface Outcome {
    /** What an outcome means for the artifact, whatever verifier produced it. */
    enum Verdict {
        /** The signature or attestation verifies over these bytes with a key or identity the verifier trusts. */
        VERIFIED,
        /**
         * The bytes or the evidence are wrong: a signature that does not verify, evidence about other bytes, a damaged
         * file. An integrity failure (it can quarantine the artifact).
         */
        INTEGRITY_FAILURE,
        /** The evidence is intact, but its signer cannot vouch for it: unknown, untrusted, revoked, expired or weak. */
        SIGNER_NOT_ACCEPTED,
        /** The check could not reach a verdict (an unsupported format, something not verifiable offline). */
        NOT_EVALUATED
    }

    Verdict verdict();

    default boolean isVerified() {
        return verdict() == Verdict.VERIFIED;
    }

    /** The evidence file (a bundle, a signature, a provenance line), as the verifier names it; null when unknown. */
    String source();

    /** Why the outcome is not VERIFIED, one sentence for a finding; null (or a summary) when verified. */
    String reason();

    /** What the check expected (e.g. the artifact's SHA-256), or null. */
    String expected();

    /** What it found instead, or null. */
    String actual();
}
