package dev.airlock.verify.judge;

import dev.airlock.verify.config.AirlockConfig;
import dev.airlock.verify.config.NamespaceRule;
import java.util.Optional;

/**
 * Namespace routing (airlock.namespaces, docs/configuration.md): a groupId a rule routes to some mirrors is never
 * asked of another. A refusal only (the filter's reasoning), no finding: the artifact then resolves from its own
 * mirror, or is reported as not on the mirrors.
 */
public final class NamespaceJudgement {
    private final AirlockConfig config;

    public NamespaceJudgement(AirlockConfig config) {
        this.config = config;
    }

    /** Refuses a request for a groupId routed away from the request's mirror; none for anything else. */
    public Verdict judge(RepositoryRequest r) {
        if (r.mirrorId() == null || r.groupId() == null || r.groupId().isEmpty()
                || config.mayServe(r.mirrorId(), r.groupId())) {
            return Verdict.none();
        }
        Optional<NamespaceRule> rule = config.namespaceOf(r.groupId());
        NamespaceRule n = rule.orElseThrow();
        return Verdict.refusal(r.groupId() + " is routed to " + String.join("|", n.mirrorIds())
                + " by airlock.namespaces (" + n + "), not to " + r.mirrorId());
    }
}
