package dev.airlock.verify.policy;

import dev.airlock.verify.finding.Coordinates;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What the trust policy says about one artifact for one class of directives: the lines of the most specific
 * pattern that has lines of that class and matches the artifact (design.md). Those lines are alternatives: any
 * one satisfied is enough.
 *
 * <p>A decision can be empty (no line of the class matches the artifact, e.g. with an empty policy). An empty
 * decision allows nothing and waives nothing: every accessor that could say "allowed" returns empty, so a rule
 * reports {@code SIGNATURE_MISSING}/{@code PROVENANCE_MISSING} when nothing is present and
 * {@code IDENTITY_NOT_ALLOWED}/{@code BUILDER_NOT_TRUSTED} when something is. There is deliberately no
 * {@code isAllowed()}: what is present must be matched against the lines.
 */
public abstract sealed class PolicyDecision permits SignatureDecision, ProvenanceDecision {
    private final Coordinates coordinates;
    private final List<PolicyLine> lines;

    PolicyDecision(Coordinates coordinates, List<PolicyLine> lines) {
        this.coordinates = coordinates;
        this.lines = List.copyOf(lines);
    }

    /** The artifact asked about. */
    public Coordinates coordinates() {
        return coordinates;
    }

    /** The deciding lines, in file order; empty when no line of this class matches. */
    public List<PolicyLine> lines() {
        return lines;
    }

    /** True when no line of this class matches the artifact: nothing is allowed, nothing is waived. */
    public boolean isEmpty() {
        return lines.isEmpty();
    }

    /** The deciding pattern(s): one, or several equally specific ones; empty when the decision is empty. */
    public List<PolicyPattern> patterns() {
        Set<PolicyPattern> s = new LinkedHashSet<>();
        for (PolicyLine l : lines) {
            s.add(l.pattern());
        }
        return List.copyOf(s);
    }

    /** {@code file:line} of every deciding line, for messages ("the policy allows, at ..., only ..."). */
    public List<String> where() {
        List<String> out = new ArrayList<>();
        for (PolicyLine l : lines) {
            out.add(l.where());
        }
        return out;
    }

    <T extends PolicyLine> List<T> linesOf(Class<T> type) {
        List<T> out = new ArrayList<>();
        for (PolicyLine l : lines) {
            if (type.isInstance(l)) {
                out.add(type.cast(l));
            }
        }
        return List.copyOf(out);
    }

    /** A sentence for messages: which lines decide, or that none does. Never proposes a line to add. */
    public abstract String describe();
}
