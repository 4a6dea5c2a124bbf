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
}
