package dev.airlock.verify.judge;

import dev.airlock.verify.finding.FindingCode;
import dev.airlock.verify.finding.SideFiles;
import dev.airlock.verify.lock.LockFile;
import dev.airlock.verify.report.ToolVersion;

/**
 * Checks an artifact against the lock (docs/lock.md): an artifact the lock does not list is {@code NOT_IN_LOCK}, one
 * whose bytes differ from the recorded ones is {@code LOCK_HASH_MISMATCH}. A side file (signature, provenance) the
 * lock does not list is fine: the rules verify it cryptographically. Artifacts built by the reactor are exempt; the
 * caller does not ask about them.
 */
public final class LockJudgement {
    private final LockFile lock;
    private final String lockPath;
    private final JudgeMode mode;

    /** {@code lockPath} is how findings name the lock (the configured {@code airlock.lock}). */
    public LockJudgement(LockFile lock, String lockPath, JudgeMode mode) {
        this.lock = lock;
        this.lockPath = lockPath;
        this.mode = mode;
    }

    /** True for a side file next to an artifact ({@code g:a:jar.asc:1}, {@code g:a:slsa:jar.build:1}): {@link SideFiles}. */
    public static boolean isVerifiedSidecar(String coords) {
        String[] p = coords.split(":");
        return p.length >= 4 && SideFiles.isSideFile(p[2]);
    }

    /** Judges {@code r}, whose {@code sha256} must be known. */
    public Verdict judge(Resolution r) {
        String coords = r.coordinates();
        String sha256 = r.sha256();
        String expected = lock.sha256(coords);
        String repoId = r.repositoryId();
        String repoUrl = r.repositoryUrl();
        if (expected == null && isVerifiedSidecar(coords)) {
            return Verdict.none(); // a signature or provenance file: the rules verify it cryptographically (docs/lock.md)
        }
        if (expected == null) {
            return Verdict.of(mode.finding(FindingCode.NOT_IN_LOCK, mode.failing(), r)
                    .file(r.fileText()).sha256(sha256).repository(repoId, repoUrl)
                    .message(coords + " is not in the lock " + lockPath + " (" + lock.size() + " artifacts)")
                    .expected("an entry in " + lockPath)
                    .actual("sha256 " + sha256)
                    .fix("if the change is intended, record the lock again with the goals your build runs (e.g. mvn "
                            + "verify dev.airlock:airlock-maven-plugin:" + ToolVersion.get() + ":record), review the"
                            + " diff it prints, and commit it")
                    .build(),
                    mode.enforce() ? "NOT_IN_LOCK: " + coords + " is not in " + lockPath : null);
        }
        if (!expected.equals(sha256)) {
            return Verdict.of(mode.finding(FindingCode.LOCK_HASH_MISMATCH, mode.failing(), r)
                    .file(r.fileText()).sha256(sha256).repository(repoId, repoUrl)
                    .message(coords + (repoId == null ? " in the local repository" : " from " + repoId + " (" + repoUrl
                            + ")") + " is not what the lock " + lockPath + " records: its bytes changed since they"
                            + " were recorded")
                    .expected("sha256 " + expected)
                    .actual("sha256 " + sha256)
                    .fix("do not use it: find out why the bytes changed (mirror drift or tampering); it is moved into"
                            + " quarantine at the end of this build" + (mode.enforce() ? "" : " in enforce mode")
                            + ". If the new bytes are legitimate, release them with a reason (mvn dev.airlock:"
                            + "airlock-maven-plugin:" + ToolVersion.get() + ":release -Dartifact=" + coords
                            + " -Dreason=\"...\"), record the lock again and review the change")
                    .build(),
                    mode.enforce() ? "LOCK_HASH_MISMATCH: " + coords + " has sha256 " + sha256 + ", the lock records "
                            + expected : null);
        }
        return Verdict.none();
    }
}
