package dev.airlock.verify.judge;

import dev.airlock.verify.config.Levels;
import dev.airlock.verify.finding.FindingCode;
import dev.airlock.verify.finding.Severity;

/**
 * Judges a floating version (docs/extension.md): with {@code airlock.floatingVersions=allow} nothing, with
 * {@code warn} a warning, with {@code deny} a failing {@code FLOATING_VERSION} that refuses the artifact in enforce
 * mode.
 */
public final class FloatingVersionJudgement {
    private final Levels.FloatingVersions level;
    private final String levelOrigin;
    private final JudgeMode mode;

    /** {@code levelOrigin} says where {@code level} was set (shown in the fix). */
    public FloatingVersionJudgement(Levels.FloatingVersions level, String levelOrigin, JudgeMode mode) {
        this.level = level;
        this.levelOrigin = levelOrigin;
        this.mode = mode;
    }

    /** Judges {@code r}: nothing when its version was written down ({@link Resolution#floating()} is null). */
    public Verdict judge(Resolution r) {
        FloatingVersion floating = r.floating();
        if (floating == null || level == Levels.FloatingVersions.ALLOW) {
            return Verdict.none();
        }
        boolean deny = level == Levels.FloatingVersions.DENY;
        Severity sev = deny ? mode.failing() : Severity.WARN;
        return Verdict.of(mode.finding(FindingCode.FLOATING_VERSION, sev, r)
                .path(floating.path())
                .repository(r.repositoryId(), r.repositoryUrl())
                .message(message(floating, r))
                .expected("an exact version")
                .actual(floating.declared())
                .fix(fix(floating))
                .build(),
                deny && mode.enforce() ? "FLOATING_VERSION: " + message(floating, r) : null);
    }

    private static String message(FloatingVersion f, Resolution a) {
        if (f.isPlugin()) {
            return "plugin " + a.groupId() + ":" + a.artifactId() + " has no version in the POM; Maven read"
                    + " one from repository metadata (" + a.baseVersion() + ")";
        }
        return f.kind() + " " + f.declared() + " of " + a.groupId() + ":" + a.artifactId() + " resolved to "
                + a.baseVersion();
    }

    private String fix(FloatingVersion f) {
        String allow = "; to allow floating versions set airlock.floatingVersions=warn in .mvn/airlock.properties"
                + " (now " + level.id() + " from " + levelOrigin + ")";
        if (f.isPlugin()) {
            return "pin the plugin's version in <pluginManagement> (or call it as groupId:artifactId:version:goal)"
                    + allow;
        }
        return "declare an exact version (e.g. in <dependencyManagement>)" + allow;
    }
}
