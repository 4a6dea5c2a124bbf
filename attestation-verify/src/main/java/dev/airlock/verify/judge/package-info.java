/**
 * The per-artifact judgements of the resolver extension, free of Maven. At resolution time, on one
 * {@link dev.airlock.verify.judge.Resolution}: the lock, the quarantine, the fleet-wide quarantine feed
 * ({@link dev.airlock.verify.judge.FeedJudgement}, not wired into the extension yet), floating versions and the local
 * origin; on one
 * {@link dev.airlock.verify.judge.Miss}, an artifact nothing resolved. At request time, in the
 * repository filter, on one {@link dev.airlock.verify.judge.RepositoryRequest}: exfiltration (a secret in the request
 * path) and namespace routing. Each returns a {@link dev.airlock.verify.judge.Verdict}: the findings to report and the
 * reasons to refuse. The extension keeps the session state (deduplication, counters, hashing) and applies the
 * verdicts. {@link dev.airlock.verify.judge.Reactor} says what the reactor builds (exempt from the lock).
 */
package dev.airlock.verify.judge;
