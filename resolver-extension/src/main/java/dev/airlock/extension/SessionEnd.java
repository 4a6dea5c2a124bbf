package dev.airlock.extension;

import dev.airlock.verify.finding.Coordinates;
import dev.airlock.verify.finding.Finding;
import dev.airlock.verify.finding.FindingCode;
import dev.airlock.verify.finding.Severity;
import dev.airlock.verify.quarantine.QuarantineStore;
import dev.airlock.verify.report.BuildOutcome;
import dev.airlock.verify.report.ReportFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.project.MavenProject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The end of a guarded build: the findings about artifacts nothing resolved and refused repositories, the quarantine of integrity failures, the
 * reports, the summary, the evidence file closed. Maven calls lifecycle participants' {@code afterSessionEnd} only
 * when it got as far as reading the projects; when it stopped before (a parent or build extension refused), the
 * event spy's {@code close} ends the session instead. Whichever comes first does it, once.
 */
final class SessionEnd {
    private static final Logger LOG = LoggerFactory.getLogger(SessionEnd.class);

    private SessionEnd() {}

    static void openLog(BuildSession s, MavenSession session) {
        if (s.log().file() != null) {
            return;
        }
        Path dir = reportDir(s, session);
        open(s, dir);
    }

    /** Opens the evidence file where nothing better is known (Maven stopped before reading the projects). */
    static void openLog(BuildSession s) {
        if (s.log().file() != null) {
            return;
        }
        Path dir = s.config() != null && s.config().reportDir() != null ? s.config().reportDir()
                : (s.projectRoot() != null ? s.projectRoot() : Path.of(".").toAbsolutePath().normalize())
                        .resolve("target").resolve("airlock");
        open(s, dir);
    }

    private static void open(BuildSession s, Path dir) {
        try {
            s.log().open(dir.resolve("resolution.jsonl"));
        } catch (IOException e) {
            LOG.error("[airlock] cannot write the evidence file in {}: {}", dir, e.toString());
        }
    }

    static Path reportDir(BuildSession s, MavenSession session) {
        if (s.config() != null && s.config().reportDir() != null) {
            return s.config().reportDir();
        }
        MavenProject top = session.getTopLevelProject();
        if (top != null && top.getBuild() != null && top.getBuild().getDirectory() != null) {
            return Path.of(top.getBuild().getDirectory(), "airlock");
        }
        Path base = s.projectRoot() != null ? s.projectRoot()
                : Path.of(session.getRequest().getBaseDirectory() == null ? "." : session.getRequest().getBaseDirectory());
        return base.resolve("target").resolve("airlock");
    }

    /**
     * Ends the session once: the findings held until now (artifacts nothing resolved, side files, refused
     * repositories), quarantine, reports (with how Maven ended the build, when known), summary, evidence closed.
     */
    static void finish(BuildSession s) {
        if (!s.finish()) {
            return;
        }
        List<Throwable> mavenExceptions = s.mavenExceptions();
        if (s.config() != null) {
            reportMisses(s, mavenExceptions);
            for (BlockedRepository b : s.blockedRepositories()) {
                String declaredIn = b.declaredIn(s);
                s.report(s.finding(FindingCode.REPOSITORY_BLOCKED, Severity.INFO)
                        .repository(b.id, b.url)
                        .coordinates(null)
                        .message("repository " + b.describe()
                                + (declaredIn == null ? "" : " declared in " + declaredIn)
                                + (s.enforce() ? " was not contacted" : " is not a configured mirror") + "; asked for "
                                + b.askedCount() + " item(s), e.g. " + b.example()
                                + (b.unresolved().isEmpty() ? "" : "; " + b.unresolved().size()
                                        + " could not be resolved from the mirrors"))
                        .fix(b.unresolved().isEmpty() ? "none needed: the mirrors served what was asked"
                                : "see the REPOSITORY_BLOCKED findings with coordinates for what is missing from the"
                                        + " mirrors")
                        .detail("declaredIn", declaredIn)
                        .detail("asked", Integer.toString(b.askedCount()))
                        .build());
            }
        }
        List<Finding> ruleFindings = sessionReportFindings(s);
        List<QuarantineStore.Outcome> quarantined = quarantineIntegrityFailures(s, ruleFindings);
        if (s.fleetFeed() != null) {
            if (!quarantined.isEmpty()) {
                s.fleetFeed().publish(s, quarantined);
            }
            s.fleetFeed().close();
        }
        BuildOutcome outcome = null;
        if (mavenExceptions != null) {
            List<Finding> all = new ArrayList<>(s.findings());
            all.addAll(ruleFindings);
            outcome = MavenOutcome.of(mavenExceptions, all, s::redact);
        }
        List<Finding> reported = null;
        if (s.log().file() != null) {
            try {
                s.log().restoreIfDeleted(); // lines kept while a clean had deleted it since the last mojo ended
                reported = ReportFile.merge(s.log().file().getParent(), s.id(), BuildSession.SOURCE, s.findings(),
                        s.projectRoot(), outcome).findings();
            } catch (IOException e) {
                LOG.error("[airlock] cannot write the reports in {}: {}", s.log().file().getParent(), e.toString());
            }
        }
        if (reported == null) {
            reported = new ArrayList<>(s.findings());
            reported.addAll(ruleFindings);
        }
        Summary.print(s, reported, outcome);
        try {
            s.log().close();
        } catch (IOException e) {
            LOG.error("[airlock] cannot close the evidence file: {}", e.toString());
        }
    }

    /**
     * Files what was held until the build's end: each artifact nothing resolved, at the failing severity when the
     * build failed on it (Maven's errors name it) or its end is not known, otherwise as a warning: whatever asked for
     * it went on without it (an optional look-up, a POM Maven can do without); and one {@code info} line for every
     * side file (signature, bundle, provenance, checksum) the mirrors lack, which the rules that need one judge.
     *
     * @param mavenExceptions Maven's result's exceptions (empty: the build succeeded), or null when not known
     */
    static void reportMisses(BuildSession s, List<Throwable> mavenExceptions) {
        String failure = mavenExceptions == null ? null : MavenOutcome.text(mavenExceptions);
        for (Finding m : s.misses()) {
            if (failure != null && m.severity() == Severity.ERROR && !failure.contains(ga(m))) {
                m = m.toBuilder().severity(Severity.WARN)
                        .message(m.message() + (mavenExceptions.isEmpty() ? "; the build succeeded without it"
                                : "; Maven's errors do not name it (the build failed for another reason)"))
                        .build();
            }
            s.report(m);
        }
        int sideFiles = s.sideFilesMissing();
        if (sideFiles > 0) {
            List<String> mirrors = s.sideFileMirrors();
            s.report(s.finding(FindingCode.NOT_ON_MIRROR, Severity.INFO)
                    .message(sideFiles + " optional side file(s) (signatures, bundles, provenance, checksums) looked up"
                            + " next to artifacts are not on the mirrors" + (mirrors.isEmpty() ? "" : " asked ("
                            + String.join(", ", mirrors) + ")") + ", e.g. " + s.sideFileExample() + "; whether an"
                            + " artifact needs one is for verifySignatures and verifyProvenance to judge")
                    .fix("none needed here; to verify signatures or provenance, have the mirror serve these files")
                    .detail("asked", Integer.toString(sideFiles))
                    .detail("example", s.sideFileExample())
                    .detail("mirrors", mirrors.isEmpty() ? null : String.join(", ", mirrors))
                    .build());
        }
    }

    /** {@code groupId:artifactId} of coordinates ({@code g:a:ext[:classifier]:version}). */
    /** {@code groupId:artifactId} of what {@code f} is about; the first two parts of its label when it is one. */
    private static String ga(Finding f) {
        Coordinates c = f.coordinates();
        if (c != null) {
            return c.groupId() + ":" + c.artifactId();
        }
        String label = f.subject();
        String[] p = label == null ? new String[0] : label.split(":");
        return p.length >= 2 ? p[0] + ":" + p[1] : String.valueOf(label);
    }

    /** The findings the rules added to {@code report.json} for this session (none when it is another's). */
    private static List<Finding> sessionReportFindings(BuildSession s) {
        Path reportDir = s.log().file() == null ? null : s.log().file().getParent();
        if (reportDir != null && Files.isRegularFile(reportDir.resolve(ReportFile.JSON_NAME))) {
            try {
                ReportFile.Report r = ReportFile.read(reportDir.resolve(ReportFile.JSON_NAME));
                if (s.id().equals(r.session())) {
                    return r.findings();
                }
            } catch (IOException e) {
                LOG.error("[airlock] cannot read {}: {}", reportDir.resolve(ReportFile.JSON_NAME), e.getMessage());
            }
        }
        return List.of();
    }

    /**
     * Moves into quarantine, now that nothing of this build can still be reading them, the files of every integrity
     * failure of this build that fails it in enforce mode: the extension's own and those the rules added to
     * {@code report.json} for this session.
     */
    private static List<QuarantineStore.Outcome> quarantineIntegrityFailures(BuildSession s,
            List<Finding> ruleFindings) {
        if (!s.enforce() || s.config() == null) {
            return List.of();
        }
        List<Finding> all = new ArrayList<>(s.findings());
        all.addAll(ruleFindings);
        QuarantineStore store = s.quarantine(null);
        if (store == null) {
            all.stream().filter(f -> f.code().isIntegrityFailure() && f.severity() == Severity.ERROR && f.file() != null)
                    .forEach(f -> LOG.error("[airlock] {} should be quarantined, but the quarantine store is not known",
                            f.file()));
            return List.of();
        }
        List<QuarantineStore.Outcome> outcomes = store.quarantineFailures(all, s.id());
        for (QuarantineStore.Outcome o : outcomes) {
            Finding f = o.finding();
            if (o.entry() != null) {
                s.quarantined(f.coordinates() + " (" + f.code() + ") -> " + o.entry().evidenceFile());
            } else {
                LOG.error("[airlock] could not quarantine {} ({}): {}; it stays in the local repository and this build"
                        + " fails on {}", f.file(), f.subject(), o.error().toString(), f.code());
            }
        }
        return outcomes;
    }
}
