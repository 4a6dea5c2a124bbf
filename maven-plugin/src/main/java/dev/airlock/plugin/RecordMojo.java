package dev.airlock.plugin;

import dev.airlock.maven.AirlockBuild;
import dev.airlock.maven.BuildClosure;
import dev.airlock.maven.ClosureException;
import dev.airlock.verify.artifact.ResolvedArtifact;
import dev.airlock.verify.config.AirlockConfig;
import dev.airlock.verify.digest.Digests;
import dev.airlock.verify.sbom.SbomException;
import dev.airlock.verify.sbom.SpdxRecordWriter;
import dev.airlock.verify.config.AirlockGoals;
import dev.airlock.verify.config.ConfigException;
import dev.airlock.verify.evidence.ResolutionEntry;
import dev.airlock.verify.evidence.ResolutionLogReader;
import dev.airlock.verify.judge.Reactor;
import dev.airlock.verify.finding.Coordinates;
import dev.airlock.verify.lock.LockFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import javax.inject.Inject;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.apache.maven.project.MavenProject;

/**
 * Records the lock, {@code .mvn/airlock.lock} (or {@code airlock.lock}): the SHA-256 of every artifact the build
 * resolves, with coordinates, sorted. It runs in each module, resolving that module's whole closure through the
 * mirrors with the Airlock extension active (dependencies of every scope, the build plugins of the execution plan
 * and their dependencies; build extensions and POMs are resolved as the project loads); after the last module it
 * writes the lock from what the extension recorded in this build's {@code resolution.jsonl} (core extensions
 * included), and prints what changed against the previous lock for review. Nothing is trusted silently: the
 * artifacts come through the same checks as in any build. Run it with the goals your build runs
 * ({@code mvn verify dev.airlock:airlock-maven-plugin:<version>:record}) so that artifacts plugins resolve while they
 * run are recorded too.
 */
@Mojo(name = "record", defaultPhase = LifecyclePhase.VERIFY, requiresDependencyResolution = ResolutionScope.TEST,
        threadSafe = true)
public class RecordMojo extends AbstractMojo {
    private static final String COUNTER = RecordMojo.class.getName() + ".modules";

    @Parameter(defaultValue = "${session}", readonly = true, required = true)
    private MavenSession session;

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    private MavenProject project;

    /** The tasks used when the session has none besides Airlock's own goals ({@code mvn ...:record} alone). */
    static final List<String> FALLBACK_TASKS = List.of("clean", "deploy");

    /**
     * The lifecycle phases and goals (comma-separated) whose execution plan's plugins are resolved and recorded.
     * Default: the phases and goals of this very build ({@code mvn verify ...:record}: {@code verify}), Airlock's own
     * goals left out; {@code clean,deploy} when the build runs nothing else.
     */
    @Parameter(property = "airlock.record.phases")
    private String phases;

    private final BuildClosure closure;

    @Inject
    public RecordMojo(BuildClosure closure) {
        this.closure = closure;
    }

    /** Whether each module's SBOM, {@code airlock.spdx.json}, is written besides the lock. */
    @Parameter(property = "airlock.record.sbom", defaultValue = "true")
    private boolean sbom;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        List<ResolvedArtifact> plugins = resolvePlanPlugins();
        if (sbom) {
            writeSbom(plugins);
        }
        AtomicInteger done = (AtomicInteger) session.getRepositorySession().getData()
                .computeIfAbsent(COUNTER, AtomicInteger::new);
        if (done.incrementAndGet() < session.getProjects().size()) {
            getLog().info("[airlock] " + project.getArtifactId() + ": closure resolved; the lock is written after the"
                    + " last module");
            return;
        }
        writeLock();
    }

    /**
     * The tasks whose plan is recorded: {@code airlock.record.phases} when set, else this session's phases and goals
     * without Airlock's own, else {@link #FALLBACK_TASKS}.
     */
    static List<String> tasks(String configured, List<String> sessionGoals) {
        if (configured != null && !configured.isBlank()) {
            return java.util.Arrays.stream(configured.split(",")).map(String::strip).filter(t -> !t.isEmpty())
                    .toList();
        }
        List<String> own = AirlockGoals.withoutAirlockGoals(sessionGoals);
        return own.isEmpty() ? FALLBACK_TASKS : own;
    }

    /** Resolves every build plugin of this module's execution plan with its dependencies (the extension sees them). */
    private List<ResolvedArtifact> resolvePlanPlugins() throws MojoExecutionException {
        List<String> tasks = tasks(phases, session.getGoals());
        try {
            List<ResolvedArtifact> plugins = closure.plugins(session, project, tasks);
            getLog().debug("[airlock] resolved " + plugins.size() + " plugin artifacts of the plan of "
                    + project.getId() + " for " + String.join(",", tasks));
            return plugins;
        } catch (ClosureException e) {
            String source = phases != null && !phases.isBlank() ? "airlock.record.phases=" + phases
                    : AirlockGoals.withoutAirlockGoals(session.getGoals()).isEmpty()
                            ? "airlock.record.phases, default " + String.join(",", FALLBACK_TASKS) + " when the build"
                                    + " runs nothing but Airlock goals"
                            : "airlock.record.phases, default the phases and goals of this build";
            throw new MojoExecutionException("[airlock] " + e.getMessage() + "\n[airlock] record resolves the plugins"
                    + " of the execution plan for " + String.join(",", tasks) + " (" + source + "). A mirror that"
                    + " only has what your builds resolved has the plugins of the goals they ran: record with those"
                    + " goals (mvn verify dev.airlock:airlock-maven-plugin:<version>:record), or set"
                    + " -Dairlock.record.phases=<phases and goals> to the ones whose plugins the mirror serves.", e);
        }
    }

    /**
     * Writes the module's recorded SBOM, {@code airlock.spdx.json}: every dependency of every scope, the plugins of
     * the plan and the build extensions, with their dependencies, SHA-256 and SHA-512 each; deterministic, dated
     * {@code project.build.outputTimestamp} when it is set.
     */
    private void writeSbom(List<ResolvedArtifact> plugins) throws MojoExecutionException, MojoFailureException {
        List<ResolvedArtifact> all = new ArrayList<>();
        try {
            all.addAll(closure.dependencies(session, project, BuildClosure.ALL_SCOPES));
            all.addAll(plugins);
            all.addAll(closure.extensions(session, project));
        } catch (ClosureException e) {
            throw new MojoExecutionException("[airlock] " + e.getMessage(), e);
        }
        Path out = project.getBasedir().toPath().resolve(SpdxRecordWriter.FILE_NAME);
        String extension = project.getArtifact().getArtifactHandler().getExtension();
        Coordinates self = new Coordinates(project.getGroupId(), project.getArtifactId(),
                extension == null || extension.isEmpty() ? "pom" : extension, null, project.getVersion());
        try {
            byte[] before = Files.isRegularFile(out) ? Files.readAllBytes(out) : null;
            List<SpdxRecordWriter.Recorded> recorded = new SpdxRecordWriter(self, outputTimestamp(), Digests.shared())
                    .progress(getLog().isInfoEnabled() ? getLog()::info : null).write(all, out);
            boolean same = before != null && java.util.Arrays.equals(before, Files.readAllBytes(out));
            getLog().info("[airlock] recorded " + out + ": " + recorded.size() + " artifacts (dependencies, plugins,"
                    + " extensions; SHA-256 and SHA-512)" + (before == null ? "" : same ? ", unchanged"
                            : ", changed: review the diff"));
        } catch (SbomException | IOException e) {
            throw new MojoFailureException("[airlock] cannot record " + out + ": " + e.getMessage());
        }
    }

    /** {@code project.build.outputTimestamp}: ISO-8601, or seconds since the epoch (as maven-jar-plugin reads it). */
    private Instant outputTimestamp() throws MojoFailureException {
        String v = project.getProperties().getProperty("project.build.outputTimestamp");
        if (v == null || v.isBlank() || v.length() < 2) {
            return null; // Maven's own "not reproducible" markers are single characters
        }
        try {
            return v.chars().allMatch(Character::isDigit) ? Instant.ofEpochSecond(Long.parseLong(v))
                    : java.time.OffsetDateTime.parse(v).toInstant();
        } catch (RuntimeException e) {
            throw new MojoFailureException("[airlock] project.build.outputTimestamp '" + v + "' of " + project.getId()
                    + " is neither ISO-8601 (2026-01-01T00:00:00Z) nor seconds since the epoch");
        }
    }

    private void writeLock() throws MojoExecutionException, MojoFailureException {
        AirlockBuild build;
        try {
            build = AirlockBuild.of(session);
        } catch (ConfigException e) {
            throw new MojoFailureException("[airlock] CONFIG_ERROR " + e.getMessage());
        }
        Path root = build.projectRoot();
        AirlockConfig config = build.config();
        Path evidence = build.evidenceFile();
        ResolutionLogReader.Session log;
        try {
            log = build.evidence();
        } catch (IOException e) {
            throw new MojoExecutionException("[airlock] cannot read " + evidence + ": " + e.getMessage(), e);
        }
        if (log.session() == null) {
            throw new MojoFailureException("[airlock] EXTENSION_ABSENT: the record goal records what the Airlock"
                    + " extension saw resolved, and it did not guard this build (" + evidence + " has no session of"
                    + " this build). Load dev.airlock:airlock-maven-extension as a core extension (.mvn/extensions.xml"
                    + " or lib/ext) and record again.");
        }

        Set<String> reactorGroups = new LinkedHashSet<>();
        Set<String> reactorKeys = new LinkedHashSet<>();
        for (MavenProject p : session.getProjects()) {
            reactorGroups.add(p.getGroupId());
            reactorKeys.add(p.getGroupId() + ":" + p.getArtifactId());
        }
        Reactor reactor = Reactor.of(reactorKeys, reactorGroups);
        Map<String, String> entries = new TreeMap<>();
        List<String> problems = new ArrayList<>();
        for (ResolutionEntry line : log.entries(ResolutionEntry.ARTIFACT)) {
            String origin = line.origin();
            String coords = line.coordinates();
            if (!line.resolved() || origin == null || line.fromReactor() || coords == null) {
                continue;
            }
            Coordinates c;
            try {
                c = Coordinates.parse(coords);
            } catch (IllegalArgumentException e) {
                problems.add(coords + ": " + e.getMessage());
                continue;
            }
            if (dev.airlock.verify.finding.SideFiles.isSideFile(c)) {
                // signatures, bundles, provenance: verified against what they sign, never locked, so that the lock
                // is the same whether or not the rules ran while recording (docs/lock.md)
                continue;
            }
            if (line.builtLocally() && reactor.builds(c.groupId(), c.artifactId())) {
                continue; // built by this reactor (and installed earlier): exempt, as in the extension
            }
            String sha = line.sha256();
            if (sha == null) {
                problems.add(coords + ": no sha256 in the evidence (" + (line.hashError() != null ? line.hashError()
                        : "not hashed") + ")");
                continue;
            }
            String previous = entries.put(c.toString(), sha);
            if (previous != null && !previous.equals(sha)) {
                problems.add(coords + " was resolved twice in this build with different bytes (" + previous + ", "
                        + sha + ")");
            }
        }
        if (!problems.isEmpty()) {
            throw new MojoFailureException("[airlock] cannot record the lock:\n  " + String.join("\n  ", problems));
        }

        Path lockPath = config.lockToRecord(root);
        LockFile before = null;
        if (Files.isRegularFile(lockPath)) {
            try {
                before = LockFile.read(lockPath);
            } catch (ConfigException e) {
                getLog().warn("[airlock] the previous lock cannot be read (" + e.getMessage() + "); all entries are"
                        + " shown as added");
            }
        }
        LockFile lock = LockFile.of(entries);
        LockFile.Diff diff = lock.diffFrom(before);
        try {
            lock.write(lockPath);
        } catch (IOException e) {
            throw new MojoExecutionException("[airlock] cannot write " + lockPath + ": " + e.getMessage(), e);
        }
        getLog().info("[airlock] recorded " + lockPath + ": " + lock.size() + " artifacts; " + diff.added().size()
                + " added, " + diff.removed().size() + " removed, " + diff.changed().size() + " changed"
                + (before == null ? " (no previous lock)" : " against the previous lock"));
        if (before != null) {
            diff.added().forEach(l -> getLog().info("[airlock]   + " + l));
            diff.removed().forEach(l -> getLog().info("[airlock]   - " + l));
            diff.changed().forEach(l -> getLog().warn("[airlock]   ~ " + l));
        }
        if (!diff.changed().isEmpty()) {
            getLog().warn("[airlock] " + diff.changed().size() + " recorded hash(es) changed: the same coordinates now"
                    + " have other bytes. Find out why before committing the lock.");
        }
        if (!diff.isEmpty() || before == null) {
            getLog().info("[airlock] review the change and commit " + lockPath);
        }
    }
}
