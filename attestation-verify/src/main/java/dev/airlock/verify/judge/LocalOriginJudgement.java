package dev.airlock.verify.judge;

import dev.airlock.verify.finding.Finding;
import dev.airlock.verify.finding.FindingCode;
import dev.airlock.verify.finding.Severity;
import dev.airlock.verify.config.Levels;
import java.util.List;

/**
 * A file of the local repository without a mirror origin (installed, untracked, or cached from a repository that is
 * not a mirror): {@code airlock.localOrigin} (docs/extension.md) decides. {@code warn} uses it with a warning,
 * {@code deny} refuses it, {@code verify} has the extension fetch it again from the mirrors that may serve it and
 * compare: the outcomes of that comparison are judged here too. Every judgement takes the {@link Resolution} with its
 * {@link Resolution#localOrigin()}; a refusal is returned in enforce mode only.
 */
public final class LocalOriginJudgement {
    static final String FIX = "delete it from the local repository (or use a fresh local repository) so that it is"
            + " downloaded from a mirror; if it was installed by hand, publish it to a mirror";

    private final Levels.LocalOrigin policy;
    private final String policyOrigin;
    private final JudgeMode mode;

    /** {@code policyOrigin} says where {@code policy} was set (shown in the messages). */
    public LocalOriginJudgement(Levels.LocalOrigin policy, String policyOrigin, JudgeMode mode) {
        this.policy = policy;
        this.policyOrigin = policyOrigin;
        this.mode = mode;
    }

    /** True when the policy has the extension compare the file with the mirrors' copy. */
    public boolean verifies() {
        return policy != Levels.LocalOrigin.WARN && policy != Levels.LocalOrigin.DENY;
    }

    /** The policy's verdict for {@code warn} (a warning) and {@code deny} (refused); none for {@code verify}. */
    public Verdict byPolicy(Resolution r) {
        String policyNote = "airlock.localOrigin=" + policy.id() + " (from " + policyOrigin + ")";
        if (policy == Levels.LocalOrigin.WARN) {
            return new Verdict(List.of(untrusted(r, Severity.WARN, r.coordinates() + " in the local repository is "
                    + r.localOrigin() + "; used without checking (" + policyNote + ")", null, null, null)), List.of());
        }
        if (policy == Levels.LocalOrigin.DENY) {
            return verdict(untrusted(r, mode.failing(), r.coordinates() + " in the local repository is "
                    + r.localOrigin() + " (" + policyNote + ")", null, null, null),
                    "UNTRUSTED_LOCAL_ORIGIN: " + r.coordinates() + " is " + r.localOrigin());
        }
        return Verdict.none();
    }

    /** Mirror {@code mirrorId} serves other bytes ({@code mirrorSha256}) than the local file's. */
    public Verdict differsFromMirror(Resolution r, String mirrorId, String mirrorUrl, String mirrorSha256) {
        return verdict(untrusted(r, mode.failing(), r.coordinates() + " in the local repository is "
                + r.localOrigin() + ", and its bytes differ from mirror " + mirrorId + "'s", mirrorSha256, mirrorId,
                mirrorUrl), "UNTRUSTED_LOCAL_ORIGIN: " + r.coordinates() + " is " + r.localOrigin()
                        + " and differs from mirror " + mirrorId);
    }

    /** No mirror that may serve it has it. */
    public Verdict notOnAnyMirror(Resolution r) {
        return verdict(untrusted(r, mode.failing(), r.coordinates() + " in the local repository is "
                + r.localOrigin() + ", and no configured mirror has it", null, null, null),
                "UNTRUSTED_LOCAL_ORIGIN: " + r.coordinates() + " is " + r.localOrigin()
                        + " and no configured mirror has it");
    }

    /** Mirror {@code mirrorId} failed ({@code failure}) while the copy was fetched again. */
    public Verdict mirrorFailed(Resolution r, String mirrorId, String mirrorUrl, String failure) {
        return verdict(mode.finding(FindingCode.MIRROR_UNAVAILABLE, mode.failing(), r)
                .repository(mirrorId, mirrorUrl)
                .message("mirror " + mirrorId + " (" + mirrorUrl + ") failed while Airlock re-fetched "
                        + r.coordinates() + " to verify a cached copy: " + failure)
                .fix("bring mirror " + mirrorId + " back")
                .build(), "MIRROR_UNAVAILABLE while verifying " + r.coordinates());
    }

    /** The copy fetched from {@code mirrorId} could not be hashed. */
    public Verdict unhashable(String mirrorId) {
        return mode.enforce() ? Verdict.refusal("cannot hash the copy fetched from " + mirrorId) : Verdict.none();
    }

    private Verdict verdict(Finding finding, String refusal) {
        return Verdict.of(finding, mode.enforce() ? refusal : null);
    }

    private Finding untrusted(Resolution r, Severity severity, String message, String expected, String mirrorId,
            String mirrorUrl) {
        return mode.finding(FindingCode.UNTRUSTED_LOCAL_ORIGIN, severity, r)
                .file(r.fileText())
                .sha256(r.sha256())
                .repository(mirrorId, mirrorUrl)
                .message(message)
                .expected(expected == null ? null : "sha256 " + expected + " (mirror " + mirrorId + ")")
                .actual(expected == null ? null : "sha256 " + r.sha256() + " (local repository)")
                .fix(FIX)
                .build();
    }
}
