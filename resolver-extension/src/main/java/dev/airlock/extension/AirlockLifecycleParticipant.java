package dev.airlock.extension;

import dev.airlock.verify.evidence.ResolutionEntry;
import dev.airlock.verify.evidence.SessionHeader;
import dev.airlock.verify.config.AirlockConfig;
import dev.airlock.verify.config.ConfigKeys;
import dev.airlock.verify.config.MirrorSpec;
import dev.airlock.verify.finding.Finding;
import dev.airlock.verify.finding.FindingCode;
import dev.airlock.verify.finding.Severity;
import dev.airlock.verify.finding.Coordinates;
import dev.airlock.verify.quarantine.QuarantineStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.Optional;
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
    private final org.eclipse.aether.spi.connector.transport.TransporterProvider transporters;

    @Inject
    public AirlockLifecycleParticipant(AirlockState state,
            org.eclipse.aether.spi.connector.transport.TransporterProvider transporters) {
        this.state = state;
        this.transporters = transporters;
    }

    @Override
    public void afterSessionStart(MavenSession session) throws MavenExecutionException {
        try {
            start(session);
        } catch (LinkageError e) {
            // a jar of the extension is missing beside it (an installation-level install that left one out): Maven
            // would print the error with a class-loader dump; the build stops here with what to install instead
            throw new MavenExecutionException("[airlock] the extension is installed incompletely: " + e
                    + (e.getCause() != null ? " (" + e.getCause() + ")" : "") + ". " + BuildSession.INSTALL_ALL_JARS
                    + "; nothing was resolved",
                    session.getRequest().getPom());
        }
    }

    private void start(MavenSession session) throws MavenExecutionException {
        BuildSession s = state.current();
        if (s == null) {
            LOG.warn("[airlock] the extension's event spy did not run (is it loaded as a core extension, in"
                    + " .mvn/extensions.xml or lib/ext?): repositories are filtered but not routed to the mirrors");
            s = state.forSession(session.getRepositorySession());
        }
        s.sessionStarted();
        if (s.configError() != null) {
            Finding f = s.finding(FindingCode.CONFIG_ERROR, Severity.ERROR)
                    .message(s.configError().problem())
                    .detail("where", s.configError().where())
                    .fix(s.configError().fix())
                    .build();
            s.report(f);
            MavenExecutionException stop = new MavenExecutionException("[airlock] CONFIG_ERROR "
                    + s.configError().getMessage(), session.getRequest().getPom());
            s.mavenResult(List.of(stop));
            SessionEnd.openLog(s, session);
            SessionEnd.finish(s);
            throw stop;
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
        new SessionHeader(c.mode().id(),
                // Maven sets the start time after event spies saw the request: this is the value the rules see
                session.getRequest().getStartTime() != null ? session.getRequest().getStartTime().getTime()
                        : s.startMillis(),
                c.mirrors().stream().map(m -> new SessionHeader.Mirror(m.id(), m.url())).toList(),
                c.namespaces().stream().map(Object::toString).toList(), c.floatingVersions().id(),
                c.localOrigin().id(), c.lock() == null ? null : c.lock().toString(),
                session.getSystemProperties().getProperty("maven.version"), s.recording())
                .write(s.log());
        if (s.recording()) {
            LOG.info("[airlock] recording the lock: this build is not checked against it; the record goal prints what"
                    + " changed");
        }
        checkCoreExtensions(s, session);
        readFeed(s, session);
    }

    /**
     * Reads the fleet-wide quarantine feed ({@code airlock.feed}) before any project is read. A feed that cannot be
     * read stops the build in enforce mode unless {@code airlock.feed.required=false}.
     */
    private void readFeed(BuildSession s, MavenSession session) throws MavenExecutionException {
        if (s.config().feed() == null) {
            return;
        }
        String problem;
        try {
            s.fleetFeed(FleetFeed.read(s, session.getRepositorySession(), transporters));
            return;
        } catch (dev.airlock.maven.FeedAccess.Unreadable e) {
            problem = e.getMessage();
        } catch (RuntimeException | LinkageError e) {
            // a defect, not a stack trace for the user: the feed is then not honoured, and the build says so
            problem = "the feed " + s.config().feed().coordinates() + " could not be read (" + e + ")";
        }
        boolean stop = s.enforce() && s.config().feed().required();
        Finding f = s.finding(FindingCode.FEED_UNAVAILABLE, stop ? Severity.ERROR : Severity.WARN)
                .message(problem + (stop ? "" : "; the build goes on without it (airlock.feed.required="
                        + "false, from " + s.config().originOf(ConfigKeys.FEED_REQUIRED) + ")"))
                .detail("feed", s.config().feed().coordinates())
                .fix("make the feed readable through the mirrors (or, to build without it, set"
                        + " airlock.feed.required=false in .mvn/airlock.properties)")
                .build();
        s.report(f);
        s.feedLine((stop ? "" : "NOT honoured: ") + problem);
        if (stop) {
            MavenExecutionException ex = new MavenExecutionException("[airlock] " + problem
                    + " (airlock.feed.required=true: a feed that cannot be read fails the build)",
                    session.getRequest().getPom());
            s.mavenResult(List.of(ex));
            SessionEnd.openLog(s, session);
            SessionEnd.finish(s);
            throw ex;
        }
        LOG.warn("[airlock] {}", f.message());
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
        CoreExtensions.Scan scan = CoreExtensions.scan(getClass().getClassLoader(), localRepo);
        for (CoreExtensions.Unmapped u : scan.unmapped()) {
            // a jar that cannot be named cannot be checked against the lock nor recorded: fail closed
            s.report(s.finding(FindingCode.NOT_EVALUATED, s.failing()).file(u.entry())
                    .message("core extension class-path entry " + u.entry() + " (realm " + u.realm() + ") cannot be"
                            + " mapped to a jar of the local repository: " + u.reason() + "; it was not "
                            + (s.recording() ? "recorded" : "checked against the lock"))
                    .expected("every core extension jar in the local repository, in its layout")
                    .actual(u.reason())
                    .fix("install the core extension through .mvn/extensions.xml from a configured mirror (so it lands"
                            + " in the local repository), or at CI level (lib/ext), where the lock does not apply")
                    .build());
            failures.add(u.entry() + " cannot be mapped to a jar of the local repository (" + u.reason() + ")");
        }
        for (CoreExtensions.Jar jar : scan.jars()) {
            String sha;
            try {
                sha = s.digests().sha256(jar.file());
            } catch (IOException e) {
                failures.add(jar.coordinates() + ": cannot be read (" + e + ")");
                continue;
            }
            s.log().write(ResolutionEntry.artifact(jar.coordinates(), null, null, "core-extension", "resolved")
                    .withSha256(sha, null).withFile(jar.file().toString()));
            QuarantineStore store = s.quarantine(localRepo);
            Optional<QuarantineStore.Entry> quarantined = Optional.empty();
            try {
                Coordinates c = Coordinates.parse(jar.coordinates());
                if (store != null && store.hasEntries(c)) {
                    quarantined = store.findActive(c, sha);
                }
            } catch (IOException | IllegalArgumentException e) {
                failures.add(jar.coordinates() + ": the quarantine store cannot be read (" + e.getMessage() + ")");
            }
            if (quarantined.isPresent()) {
                s.report(s.finding(FindingCode.QUARANTINED, s.failing()).coordinatesOrSubject(jar.coordinates())
                        .file(jar.file().toString()).sha256(sha)
                        .message("core extension jar " + jar.coordinates() + " with sha256 " + sha + " is in quarantine;"
                                + " evidence: " + quarantined.get().evidenceFile())
                        .detail("evidence", quarantined.get().evidenceFile().toString())
                        .fix("remove it from the local repository; release it only if it is safe after all").build());
                failures.add(jar.coordinates() + " is in quarantine");
                continue;
            }
            if (s.lock() == null) {
                continue;
            }
            String expected = s.lock().sha256(jar.coordinates());
            String lockPath = s.config().lock().toString();
            if (expected == null) {
                s.report(s.finding(FindingCode.NOT_IN_LOCK, s.failing()).coordinatesOrSubject(jar.coordinates())
                        .file(jar.file().toString()).sha256(sha)
                        .message("core extension jar " + jar.coordinates() + " is not in the lock " + lockPath)
                        .actual("sha256 " + sha)
                        .fix("if the change is intended, record the lock again and review the diff").build());
                failures.add(jar.coordinates() + " is not in the lock");
            } else if (!expected.equals(sha)) {
                s.report(s.finding(FindingCode.LOCK_HASH_MISMATCH, s.failing()).coordinatesOrSubject(jar.coordinates())
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
            MavenExecutionException stop = new MavenExecutionException("[airlock] core extension jars differ from the"
                    + " lock" + (scan.unmapped().isEmpty() ? "" : " or cannot be checked against it")
                    + "; the build stops before reading any project: " + String.join("; ", failures),
                    session.getRequest().getPom());
            s.mavenResult(List.of(stop));
            SessionEnd.openLog(s, session);
            SessionEnd.finish(s);
            throw stop;
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
        SessionEnd.openLog(s, session);
    }

    @Override
    public void afterSessionEnd(MavenSession session) {
        BuildSession s = state.current();
        if (s == null || !s.active()) {
            return;
        }
        if (session.getResult() != null) {
            // the project failures of this build so far (a compile error, a failing test, a refused artifact)
            s.mavenResult(session.getResult().getExceptions());
        }
        SessionEnd.openLog(s, session);
        SessionEnd.finish(s);
    }
}
