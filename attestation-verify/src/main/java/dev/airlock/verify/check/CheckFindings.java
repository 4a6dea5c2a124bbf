package dev.airlock.verify.check;

import dev.airlock.verify.artifact.ResolvedArtifact;
import dev.airlock.verify.finding.Finding;
import dev.airlock.verify.finding.FindingCode;
import dev.airlock.verify.finding.Severity;
import dev.airlock.verify.policy.PolicyDecision;
import dev.airlock.verify.policy.PolicyLine;
import java.util.ArrayList;
import java.util.List;

/** What the signature and provenance judgements share when they write a finding. */
final class CheckFindings {
    private CheckFindings() {}

    /** A finding about {@code a} from {@code rule}, at error by default. */
    static Finding.Builder finding(String rule, FindingCode code, ResolvedArtifact a, String sha256) {
        Finding.Builder b = Finding.builder(code, Severity.ERROR).source(rule).coordinates(a.coordinates())
                .sha256(sha256).path(a.path());
        if (a.repositoryId() != null) {
            b.repository(a.repositoryId(), null);
        }
        return b;
    }

    /** The deciding lines of the policy, with where each is written: the "expected" of a policy finding. */
    static String expectation(PolicyDecision d, String whenEmpty) {
        if (d.isEmpty()) {
            return whenEmpty;
        }
        List<String> lines = new ArrayList<>();
        for (PolicyLine l : d.lines()) {
            lines.add(l.where() + ": " + l);
        }
        return String.join(" | ", lines);
    }
}
