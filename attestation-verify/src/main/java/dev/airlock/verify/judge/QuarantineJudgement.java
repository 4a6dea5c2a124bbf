package dev.airlock.verify.judge;

import dev.airlock.verify.finding.Coordinates;
import dev.airlock.verify.finding.FindingCode;
import dev.airlock.verify.quarantine.QuarantineStore;
import dev.airlock.verify.report.ToolVersion;
import java.io.IOException;
import java.util.Optional;

/**
 * Checks an artifact against the quarantine store (docs/quarantine.md): these coordinates with these bytes, held and
 * not released, are {@code QUARANTINED}. A store that cannot be read refuses the artifact (fail closed).
 */
public final class QuarantineJudgement {
    private final QuarantineStore store;
    private final JudgeMode mode;

    public QuarantineJudgement(QuarantineStore store, JudgeMode mode) {
        this.store = store;
        this.mode = mode;
    }

    /** The refusal when the store (or the artifact, to hash it for the store) cannot be read. */
    public String unreadable(IOException e) {
        return "cannot read the quarantine store " + store.root() + ": " + e.getMessage();
    }

    /** Judges {@code r}, whose {@code sha256} must be known and whose coordinates can be {@link Resolution#parsed()}. */
    public Verdict judge(Resolution r) {
        Coordinates parsed = r.parsed();
        if (parsed == null) {
            return Verdict.none(); // such coordinates cannot be in the store
        }
        String coords = r.coordinates();
        String sha256 = r.sha256();
        Optional<QuarantineStore.Entry> entry;
        try {
            entry = store.findActive(parsed, sha256);
        } catch (IOException e) {
            return Verdict.refusal(unreadable(e));
        }
        if (entry.isEmpty()) {
            return Verdict.none();
        }
        QuarantineStore.Entry e = entry.get();
        return Verdict.of(mode.finding(FindingCode.QUARANTINED, mode.failing())
                .coordinates(parsed)
                .file(r.fileText())
                .sha256(sha256)
                .repository(r.repositoryId(), r.repositoryUrl())
                .message(coords + " with sha256 " + sha256 + " is in quarantine (" + e.evidence().code()
                        + " by " + e.evidence().rule() + " at " + e.evidence().detectedAt()
                        + "); evidence: " + e.evidenceFile())
                .fix("if it is safe after all, release it: mvn dev.airlock:airlock-maven-plugin:"
                        + ToolVersion.get() + ":release -Dartifact=" + coords + " -Dreason=\"...\"")
                .detail("evidence", e.evidenceFile().toString())
                .build(),
                mode.enforce() ? "QUARANTINED: " + coords + " with these bytes is in quarantine, see "
                        + e.evidenceFile() : null);
    }
}
