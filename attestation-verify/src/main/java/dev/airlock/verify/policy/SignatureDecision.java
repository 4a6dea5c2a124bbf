package dev.airlock.verify.policy;

import dev.airlock.verify.finding.Coordinates;
import java.util.List;
import java.util.Optional;

/**
 * The signature-class lines that decide for one artifact ({@code sigstore}, {@code cosign}, {@code pgp},
 * {@code unsigned}); see {@link PolicyDecision}. An {@code unsigned} line waives only the absence of a signature:
 * a signature that is present must still verify (design.md).
 */
public final class SignatureDecision extends PolicyDecision {
    SignatureDecision(Coordinates coordinates, List<PolicyLine> lines) {
        super(coordinates, lines);
    }

    public List<PolicyLine.Sigstore> sigstore() {
        return linesOf(PolicyLine.Sigstore.class);
    }

    public List<PolicyLine.Cosign> cosign() {
        return linesOf(PolicyLine.Cosign.class);
    }

    public List<PolicyLine.Pgp> pgp() {
        return linesOf(PolicyLine.Pgp.class);
    }

    /** The {@code unsigned} line that waives a missing signature, if the deciding lines hold one. */
    public Optional<PolicyLine.Unsigned> unsignedWaiver() {
        return linesOf(PolicyLine.Unsigned.class).stream().findFirst();
    }

    /** The first deciding {@code sigstore} line that a verified certificate identity satisfies. */
    public Optional<PolicyLine.Sigstore> sigstoreMatch(String san, String issuer, String repository) {
        return sigstore().stream().filter(l -> l.matches(san, issuer, repository)).findFirst();
    }

    /** The deciding {@code pgp} line naming this primary-key fingerprint (spaces and case ignored). */
    public Optional<PolicyLine.Pgp> pgpMatch(String primaryFingerprint) {
        return pgp().stream().filter(l -> l.matches(primaryFingerprint)).findFirst();
    }

    @Override
    public String describe() {
        if (isEmpty()) {
            return "no signature-class line of the trust policy matches " + coordinates();
        }
        return "the trust policy decides the signature of " + coordinates() + " by pattern "
                + String.join(", ", patterns().stream().map(PolicyPattern::text).toList()) + " at "
                + String.join(", ", where());
    }
}
