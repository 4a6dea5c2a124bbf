package dev.airlock.verify.policy;

import dev.airlock.verify.finding.Coordinates;
import java.util.List;
import java.util.Optional;

/**
 * The provenance-class lines that decide for one artifact ({@code slsa}, {@code noprovenance}); see
 * {@link PolicyDecision}. A {@code noprovenance} line waives only the absence of provenance.
 */
public final class ProvenanceDecision extends PolicyDecision {
    ProvenanceDecision(Coordinates coordinates, List<PolicyLine> lines) {
        super(coordinates, lines);
    }

    public List<PolicyLine.Slsa> slsa() {
        return linesOf(PolicyLine.Slsa.class);
    }

    /** The {@code noprovenance} line that waives missing provenance, if the deciding lines hold one. */
    public Optional<PolicyLine.NoProvenance> noProvenanceWaiver() {
        return linesOf(PolicyLine.NoProvenance.class).stream().findFirst();
    }

    /**
     * The first deciding {@code slsa} line that verified provenance satisfies.
     *
     * @param builder the provenance's builder id
     * @param source the source repository (normalised here with {@link SourceUri#normalise(String)}); a URI that
     *     still carries {@code @ref} must be split first with {@link SourceUri#split(String)}
     * @param ref the source ref, e.g. {@code refs/tags/v1.2}; null when the provenance names none (then only a
     *     line whose ref value matches nothing-at-all could match, i.e. none)
     * @param buildType the provenance's build type, or null
     */
    public Optional<PolicyLine.Slsa> slsaMatch(String builder, String source, String ref, String buildType) {
        return slsa().stream().filter(l -> l.matches(builder, source, ref, buildType)).findFirst();
    }

    /** True when some deciding {@code slsa} line accepts this builder (to tell an untrusted builder from an
     *  untrusted source). */
    public boolean anyBuilderMatches(String builder) {
        return slsa().stream().anyMatch(l -> l.builder().matches(builder));
    }

    @Override
    public String describe() {
        if (isEmpty()) {
            return "no provenance-class line of the trust policy matches " + coordinates();
        }
        return "the trust policy decides the provenance of " + coordinates() + " by pattern "
                + String.join(", ", patterns().stream().map(PolicyPattern::text).toList()) + " at "
                + String.join(", ", where());
    }
}
