package dev.airlock.verify.judge;

import dev.airlock.verify.finding.Finding;
import dev.airlock.verify.finding.FindingCode;
import dev.airlock.verify.finding.Severity;

/**
 * How a judgement reports: whether Airlock enforces (a failing finding is an error and refuses the artifact) or only
 * warns, and the {@code source} its findings name.
 */
public record JudgeMode(boolean enforce, String source) {
    /** The severity of a failing finding in this mode: error when enforcing, warn in warn mode. */
    public Severity failing() {
        return enforce ? Severity.ERROR : Severity.WARN;
    }

    Finding.Builder finding(FindingCode code, Severity severity) {
        return Finding.builder(code, severity).source(source);
    }

    /**
     * A finding about the artifact {@code r}: its coordinates typed, taken from the resolver's fields (never parsed
     * back from text); coordinates that are not valid (which no store can hold) are kept as the finding's subject.
     */
    Finding.Builder finding(FindingCode code, Severity severity, Resolution r) {
        dev.airlock.verify.finding.Coordinates c = r.parsed();
        return c != null ? finding(code, severity).coordinates(c) : finding(code, severity).subject(r.coordinates());
    }

    /** A finding about the artifact nothing resolved, {@code m}: its typed coordinates, or its text as the subject. */
    Finding.Builder finding(FindingCode code, Severity severity, Miss m) {
        return m.parsed() != null ? finding(code, severity).coordinates(m.parsed())
                : finding(code, severity).subject(m.coordinates());
    }
}
