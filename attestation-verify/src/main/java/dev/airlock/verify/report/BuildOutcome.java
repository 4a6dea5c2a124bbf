package dev.airlock.verify.report;

/**
 * How Maven ended the build a report belongs to, as the extension saw it at the session's end: whether it failed, the
 * first error Maven reported, and whether that error is one Airlock raised (a refusal, a finding, a rule's
 * failure) or another (a compile error, a missing plugin, a failing test). {@code report.json} carries it as
 * {@code build}, {@code report.sarif} as the run's {@code properties.build} (docs/report-format.md).
 *
 * @param failed whether Maven's result holds an exception
 * @param firstError Maven's first error, on one line; null for a build that did not fail
 * @param raisedByAirlock whether that error is Airlock's; false for a build that did not fail
 */
public record BuildOutcome(boolean failed, String firstError, boolean raisedByAirlock) {
    public static BuildOutcome success() {
        return new BuildOutcome(false, null, false);
    }

    public static BuildOutcome failure(String firstError, boolean raisedByAirlock) {
        return new BuildOutcome(true, firstError, raisedByAirlock);
    }

    /** {@code success} or {@code failure}. */
    public String result() {
        return failed ? "failure" : "success";
    }
}
