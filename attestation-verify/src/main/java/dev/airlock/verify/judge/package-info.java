/**
 * The per-artifact judgements of the resolver extension (lock, quarantine, floating versions), free of Maven: each
 * takes one {@link dev.airlock.verify.judge.Resolution} and returns a {@link dev.airlock.verify.judge.Verdict}, the
 * findings to report and, in enforce mode, the reasons to refuse the artifact. The extension keeps the session state
 * (deduplication, counters, hashing) and applies the verdicts.
 */
package dev.airlock.verify.judge;
