package dev.airlock.extension;

import dev.airlock.verify.config.AirlockConfig;
import dev.airlock.verify.config.ConfigKeys;
import dev.airlock.verify.config.MirrorSpec;
import dev.airlock.verify.finding.Finding;
import dev.airlock.verify.finding.FindingCode;
import dev.airlock.verify.finding.Severity;
import dev.airlock.verify.finding.Coordinates;
import dev.airlock.verify.quarantine.Evidence;
import dev.airlock.verify.quarantine.QuarantineStore;
import dev.airlock.verify.report.ReportFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import javax.inject.Inject;
import javax.inject.Named;
import javax.inject.Singleton;
import org.apache.maven.AbstractMavenLifecycleParticipant;
import org.apache.maven.MavenExecutionException;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.project.MavenProject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The build's entry and exit: stops the build at once when the configuration is invalid (or names no mirror),
 * learns the reactor when Maven has read the projects and opens the evidence file there, and at the end writes
 * the repository findings and the console summary.
 */
@Named(AirlockLifecycleParticipant.NAME)
@Singleton
public class AirlockLifecycleParticipant extends AbstractMavenLifecycleParticipant {
    public static final String NAME = "airlock";
    private static final Logger LOG = LoggerFactory.getLogger(AirlockLifecycleParticipant.class);

    private final AirlockState state;

    @Inject
    public AirlockLifecycleParticipant(AirlockState state) {
        this.state = state;
    }

    @Override
    public void afterSessionStart(MavenSession session) throws MavenExecutionException {
        BuildSession s = state.current();
        if (s == null) {
            LOG.warn("[airlock] the extension's event spy did not run (is it loaded as a core extension, in"
                    + " .mvn/extensions.xml or lib/ext?): repositories are filtered but not routed to the mirrors");
            s = state.forSession(session.getRepositorySession());
        }
        if (s.configError() != null) {
            Finding f = s.finding(FindingCode.CONFIG_ERROR, Severity.ERROR)
                    .message(s.configError().problem())
                    .detail("where", s.configError().where())
                    .fix(s.configError().fix())
                    .build();
            s.report(f);
            openLog(s, session);
            finishAndSummarise(s);
            throw new MavenExecutionException("[airlock] CONFIG_ERROR " + s.configError().getMessage(),
                    session.getRequest().getPom());
        }
        if (session.getRepositorySession() != null && session.getRepositorySession().getLocalRepository() != null) {
            s.quarantine(session.getRepositorySession().getLocalRepository().getBasedir().toPath());
        }
        AirlockConfig c = s.config();
        if (!s.active()) {
            LOG.info("[airlock] airlock.mode=off (from {}): resolution is NOT locked to mirrors and nothing is"
                    + " checked", c.originOf(ConfigKeys.MODE));
            return;
        }
        for (String w : c.warnings()) {
            LOG.warn("[airlock] {}", w);
        }
        LOG.info("[airlock] {} mode: resolution locked to {}{}; session {}", c.mode().id(),
                c.mirrors().stream().map(MirrorSpec::toString).collect(Collectors.joining(", ")),
                c.namespaces().isEmpty() ? "" : " (namespaces " + c.namespaces().stream()
                        .map(Object::toString).collect(Collectors.joining(", ")) + ")",
                s.id());
        s.log().line("session")
                .put("mode", c.mode().id())
                // Maven sets the start time after event spies saw the request: this is the value the rules see
                .put("startTime", session.getRequest().getStartTime() != null
                        ? session.getRequest().getStartTime().getTime() : s.startMillis())
                .put("mirrors", c.mirrors().stream().map(m -> java.util.Map.of("id", m.id(), "url", m.url()))
                        .collect(Collectors.toList()))
                .put("namespaces", c.namespaces().stream().map(Object::toString).collect(Collectors.toList()))
                .put("floatingVersions", c.floatingVersions().id())
                .put("localOrigin", c.localOrigin().id())
                .put("lock", c.lock() == null ? null : c.lock().toString())
                .put("mavenVersion", session.getSystemProperties().getProperty("maven.version"))
                .put("recording", s.recording() ? Boolean.TRUE : null)
                .write();
        if (s.recording()) {
            LOG.info("[airlock] recording the lock: this build is not checked against it; the record goal prints what"
                    + " changed");
        }
        checkCoreExtensions(s, session);
    }

    /**
     * Hashes the jars of the core extensions, which no resolver hook sees, for the record goal and against the lock.
     * A mismatch stops the build here, before any project is read and any plugin loaded.
     */
    private void checkCoreExtensions(BuildSession s, MavenSession session) throws MavenExecutionException {
        if (s.lock() == null && !s.recording()) {
            return;
        }
        Path localRepo = session.getRepositorySession() == null
                || session.getRepositorySession().getLocalRepository() == null ? null
                : session.getRepositorySession().getLocalRepository().getBasedir().toPath();
        List<String> failures = new ArrayList<>();
        for (CoreExtensions.Jar jar : CoreExtensions.jars(getClass().getClassLoader(), localRepo)) {
            String sha;
            try {
                sha = s.digests().sha256(jar.file());
            } catch (IOException e) {
                failures.add(jar.coordinates() + ": cannot be read (" + e + ")");
                continue;
            }
            s.log().line("artifact").put("coordinates", jar.coordinates()).put("origin", "core-extension")
                    .put("outcome", "resolved").put("sha256", sha).put("file", jar.file().toString()).write();
            if (s.lock() == null) {
                continue;
            }
            String expected = s.lock().sha256(jar.coordinates());
            String lockPath = s.config().lock().toString();
            if (expected == null) {
                s.report(s.finding(FindingCode.NOT_IN_LOCK, s.failing()).coordinates(jar.coordinates())
                        .file(jar.file().toString()).sha256(sha)
                        .message("core extension jar " + jar.coordinates() + " is not in the lock " + lockPath)
                        .actual("sha256 " + sha)
                        .fix("if the change is intended, record the lock again and review the diff").build());
                failures.add(jar.coordinates() + " is not in the lock");
            } else if (!expected.equals(sha)) {
                s.report(s.finding(FindingCode.LOCK_HASH_MISMATCH, s.failing()).coordinates(jar.coordinates())
                        .file(jar.file().toString()).sha256(sha)
                        .message("core extension jar " + jar.coordinates() + " (" + jar.file() + ") is not what the"
                                + " lock " + lockPath + " records: its bytes changed since they were recorded")
                        .expected("sha256 " + expected).actual("sha256 " + sha)
                        .fix("do not build with it: find out why it changed; it is moved into quarantine. Install core"
                                + " extensions at CI level, where a build cannot change them")
                        .build());
                failures.add(jar.coordinates() + " has sha256 " + sha + ", the lock records " + expected);
            }
        }
        if (!failures.isEmpty() && s.enforce()) {
            openLog(s, session);
            finishAndSummarise(s);
            throw new MavenExecutionException("[airlock] core extension jars differ from the lock; the build stops"
                    + " before reading any project: " + String.join("; ", failures), session.getRequest().getPom());
        }
    }

    @Override
    public void afterProjectsRead(MavenSession session) throws MavenExecutionException {
        BuildSession s = state.current();
        if (s == null || !s.active()) {
            return;
        }
        Set<String> keys = new LinkedHashSet<>();
        Set<String> groups = new LinkedHashSet<>();
        for (MavenProject p : session.getProjects()) {
            keys.add(Coords.ga(p.getGroupId(), p.getArtifactId()));
            groups.add(p.getGroupId());
            if (p.getFile() != null) {
                s.pomResolved(p.getFile().getAbsolutePath(), p.getFile().toPath());
            }
        }
        s.reactor(keys, groups);
        openLog(s, session);
    }

    @Override
    public void afterSessionEnd(MavenSession session) {
        BuildSession s = state.current();
        if (s == null || !s.active()) {
            return;
        }
        openLog(s, session);
        finishAndSummarise(s);
    }

    private static void openLog(BuildSession s, MavenSession session) {
        if (s.log().file() != null) {
            return;
        }
        Path dir = reportDir(s, session);
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

    private static void finishAndSummarise(BuildSession s) {
        if (!s.finish()) {
            return;
        }
        if (s.config() != null) {
            for (BuildSession.BlockedRepository b : s.blockedRepositories()) {
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
                                : "see the REPOSITORY_BLOCKED errors for what is missing from the mirrors")
                        .detail("declaredIn", declaredIn)
                        .detail("asked", Integer.toString(b.askedCount()))
                        .build());
            }
        }
        quarantineIntegrityFailures(s);
        if (s.log().file() != null) {
            try {
                ReportFile.merge(s.log().file().getParent(), s.id(), BuildSession.SOURCE, s.findings(),
                        s.projectRoot());
            } catch (IOException e) {
                LOG.error("[airlock] cannot write the reports in {}: {}", s.log().file().getParent(), e.toString());
            }
        }
        Summary.print(s);
        try {
            s.log().close();
        } catch (IOException e) {
            LOG.error("[airlock] cannot close the evidence file: {}", e.toString());
        }
    }

    /**
     * Moves into quarantine, now that nothing of this build can still be reading them, the files of every integrity
     * failure of this build that fails it in enforce mode: the extension's own and those the rules added to
     * {@code report.json} for this session.
     */
    private static void quarantineIntegrityFailures(BuildSession s) {
        if (!s.enforce() || s.config() == null) {
            return;
        }
        List<Finding> all = new ArrayList<>(s.findings());
        Path reportDir = s.log().file() == null ? null : s.log().file().getParent();
        if (reportDir != null && Files.isRegularFile(reportDir.resolve(ReportFile.JSON_NAME))) {
            try {
                ReportFile.Report r = ReportFile.read(reportDir.resolve(ReportFile.JSON_NAME));
                if (s.id().equals(r.session())) {
                    all.addAll(r.findings());
                }
            } catch (IOException e) {
                LOG.error("[airlock] cannot read {}: {}", reportDir.resolve(ReportFile.JSON_NAME), e.getMessage());
            }
        }
        Set<String> done = new LinkedHashSet<>();
        for (Finding f : all) {
            if (!f.code().isIntegrityFailure() || f.severity() != Severity.ERROR || f.file() == null
                    || f.coordinates() == null || !done.add(f.file())) {
                continue;
            }
            QuarantineStore store = s.quarantine(null);
            if (store == null) {
                LOG.error("[airlock] {} should be quarantined, but the quarantine store is not known", f.file());
                continue;
            }
            Path file = Path.of(f.file());
            if (!Files.isRegularFile(file)) {
                continue;
            }
            try {
                Evidence ev = new Evidence(Coordinates.parse(f.coordinates()), null, f.expected(), f.code().name(),
                        f.source(), f.message(), f.repositoryId(), f.repositoryUrl(), Instant.now().toString(), s.id(),
                        f.file());
                QuarantineStore.Entry e = store.quarantine(file, ev);
                s.quarantined(f.coordinates() + " (" + f.code() + ") -> " + e.evidenceFile());
            } catch (IOException | IllegalArgumentException e) {
                LOG.error("[airlock] could not quarantine {} ({}): {}; it stays in the local repository and this build"
                        + " fails on {}", f.file(), f.coordinates(), e.toString(), f.code());
            }
        }
    }
}
