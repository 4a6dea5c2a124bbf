package dev.airlock.verify.audit;

import dev.airlock.verify.finding.Finding;
import dev.airlock.verify.finding.Severity;
import java.nio.file.Path;
import java.util.List;

/**
 * What an {@link Audit} found.
 *
 * @param dir the audited directory
 * @param findings every finding, in the order found
 * @param files regular files under the directory
 * @param artifacts the artifacts among them
 * @param sideFiles signatures, provenance and checksums
 * @param metadata repository bookkeeping (metadata, {@code _remote.repositories}, ...)
 */
public record AuditResult(Path dir, List<Finding> findings, int files, int artifacts, int sideFiles, int metadata) {
    /** Exit code of a clean audit. */
    public static final int CLEAN = 0;
    /** Exit code of an audit with findings that count. */
    public static final int FINDINGS = 1;
    /** Exit code of an audit that could not run. */
    public static final int CANNOT_RUN = 2;

    public AuditResult {
        findings = List.copyOf(findings);
    }

    /** The findings that fail the audit: errors, and with {@code strict} warnings too (never info). */
    public List<Finding> failing(boolean strict) {
        return findings.stream().filter(f -> f.severity() == Severity.ERROR
                || (strict && f.severity() == Severity.WARN)).toList();
    }

    /** {@link #FINDINGS} when a finding fails the audit, else {@link #CLEAN}. */
    public int exitCode(boolean strict) {
        return failing(strict).isEmpty() ? CLEAN : FINDINGS;
    }

    /** One line: {@code 120 files, 40 artifacts: 2 errors, 5 warnings}. */
    public String summary() {
        long errors = findings.stream().filter(f -> f.severity() == Severity.ERROR).count();
        long warnings = findings.stream().filter(f -> f.severity() == Severity.WARN).count();
        return files + " files, " + artifacts + " artifacts, " + sideFiles + " side files: " + errors
                + (errors == 1 ? " error, " : " errors, ") + warnings + (warnings == 1 ? " warning" : " warnings");
    }
}
