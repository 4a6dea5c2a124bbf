package dev.airlock.verify.judge;

import dev.airlock.verify.finding.Finding;
import java.util.List;

/**
 * What a judgement found about one resolution: the findings to report, and the reasons to refuse the artifact (empty
 * unless Airlock enforces and the artifact must not be used).
 */
public record Verdict(List<Finding> findings, List<String> refusals) {
    private static final Verdict NONE = new Verdict(List.of(), List.of());

    public Verdict {
        findings = List.copyOf(findings);
        refusals = List.copyOf(refusals);
    }

    public static Verdict none() {
        return NONE;
    }

    static Verdict of(Finding finding, String refusal) {
        return new Verdict(List.of(finding), refusal == null ? List.of() : List.of(refusal));
    }

    static Verdict refusal(String refusal) {
        return new Verdict(List.of(), List.of(refusal));
    }

    public boolean refused() {
        return !refusals.isEmpty();
    }
}
