package dev.airlock.plugin;

import dev.airlock.verify.audit.AuditCommand;
import dev.airlock.verify.audit.AuditResult;
import dev.airlock.verify.finding.Finding;
import dev.airlock.verify.finding.Severity;
import dev.airlock.verify.report.ReportFile;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * {@code airlock audit} as a goal (docs/audit.md): a local repository or a directory of a mirror, checked against a
 * lock, SBOMs, the quarantine store and a trust policy, without a project. The build fails where the command exits
 * 1 (an error finding; with {@code airlock.audit.strict}, a warning too), and stops where it exits 2 (an input that
 * cannot be used).
 */
@Mojo(name = "audit", requiresProject = false, aggregator = true, threadSafe = true)
public class AuditMojo extends AbstractMojo {
    @Parameter(defaultValue = "${session}", readonly = true, required = true)
    MavenSession session;

    /** The directory to audit; default the local repository of this Maven. */
    @Parameter(property = "airlock.audit.dir")
    File dir;

    /** The lock to check against ({@code .mvn/airlock.lock}); none by default. */
    @Parameter(property = "airlock.audit.lock")
    File lock;

    /** SBOM files to check against, comma-separated; none by default. */
    @Parameter(property = "airlock.audit.sbom")
    String sbom;

    /** The trust policy whose signature and provenance demands are checked; none by default. */
    @Parameter(property = "airlock.audit.policy")
    File policy;

    /** The quarantine store; default {@code <dir>/../airlock-quarantine} when it exists. */
    @Parameter(property = "airlock.quarantine.dir")
    File quarantineDir;

    /** Fail on warnings too (files not in the lock, missing signatures, ...), not only on errors. */
    @Parameter(property = "airlock.audit.strict", defaultValue = "false")
    boolean strict;

    /** Verify the signature and provenance files the policy asks for (bundled Sigstore root), not only presence. */
    @Parameter(property = "airlock.audit.verify", defaultValue = "false")
    boolean verify;

    /** With {@code verify}: the OpenPGP public keys for {@code .asc} signatures. */
    @Parameter(property = "airlock.audit.keyring")
    File keyring;

    /** Where report.json, report.sarif and report.html are written; none by default. */
    @Parameter(property = "airlock.audit.reportDir")
    File reportDir;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        Path target = dir != null ? dir.toPath() : localRepository();
        List<Path> sboms = new ArrayList<>();
        if (sbom != null) {
            for (String s : sbom.split(",")) {
                if (!s.isBlank()) {
                    sboms.add(Path.of(s.strip()));
                }
            }
        }
        AuditCommand.Options o = new AuditCommand.Options(target, path(lock), sboms, path(policy),
                path(quarantineDir), strict, path(reportDir), EnumSet.allOf(ReportFile.Format.class), false, false,
                verify, path(keyring));
        if (verify && policy == null) {
            throw new MojoExecutionException("[airlock] audit cannot run: airlock.audit.verify needs"
                    + " airlock.audit.policy (it judges what the policy asks for)");
        }
        AuditResult result;
        try {
            result = AuditCommand.audit(o, getLog()::info);
        } catch (AuditCommand.CannotRun e) {
            throw new MojoExecutionException("[airlock] audit cannot run: " + e.getMessage());
        }
        for (Finding f : result.findings()) {
            if (f.severity() == Severity.ERROR) {
                getLog().error("[airlock] " + f.oneLine());
            } else if (f.severity() == Severity.WARN) {
                getLog().warn("[airlock] " + f.oneLine());
            } else {
                getLog().info("[airlock] " + f.oneLine());
            }
        }
        getLog().info("[airlock] audit of " + result.dir() + ": " + result.summary());
        if (reportDir != null) {
            getLog().info("[airlock] reports in " + reportDir);
        }
        List<Finding> failing = result.failing(strict);
        if (!failing.isEmpty()) {
            throw new MojoFailureException("[airlock] audit of " + result.dir() + ": " + failing.size()
                    + (failing.size() == 1 ? " finding fails" : " findings fail") + " the audit"
                    + (strict ? " (airlock.audit.strict)" : "") + "; the first: " + failing.get(0).oneLine());
        }
    }

    private Path localRepository() throws MojoExecutionException {
        if (session == null || session.getRepositorySession() == null
                || session.getRepositorySession().getLocalRepository() == null) {
            throw new MojoExecutionException("[airlock] audit cannot run: no directory. Fix: set"
                    + " -Dairlock.audit.dir=<local repository or mirror directory>");
        }
        return session.getRepositorySession().getLocalRepository().getBasedir().toPath();
    }

    private static Path path(File f) {
        return f == null ? null : f.toPath();
    }
}
