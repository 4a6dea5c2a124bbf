package dev.airlock.plugin;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.airlock.maven.AirlockBuild;
import dev.airlock.maven.BuildClosure;
import dev.airlock.maven.ClosureException;
import dev.airlock.maven.Sidecars;
import dev.airlock.verify.artifact.ResolvedArtifact;
import dev.airlock.verify.config.ConfigException;
import dev.airlock.verify.digest.DigestCache;
import dev.airlock.verify.io.Progress;
import dev.airlock.verify.evidence.ResolutionLogReader;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
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
 * Phase 1 of a sealed build: resolves the whole build closure of every module — dependencies of every scope, the
 * build plugins of the execution plan and their dependencies, build extensions, and the signature and provenance
 * files next to each artifact that {@code verifySignatures} and {@code verifyProvenance} look for — through the
 * mirrors, with the Airlock extension active and the recorded lock in force, into the build's local repository
 * (point it at a fresh directory with {@code -Dmaven.repo.local=...}). After the last module it writes
 * {@code airlock-seal.json} into that repository and prints the command of phase 2, which builds offline
 * ({@code -o}) from it with the network gone. Run it with the goals and profiles of the real build, so that what
 * plugins resolve while they run (surefire's providers) is in the repository too:
 * {@code mvn -Dmaven.repo.local=target/sealed-repo -Prelease-gate verify dev.airlock:airlock-maven-plugin:<v>:seal}.
 */
@Mojo(name = "seal", defaultPhase = LifecyclePhase.VERIFY, requiresDependencyResolution = ResolutionScope.TEST,
        threadSafe = true)
public class SealMojo extends AbstractMojo {
    private static final String COUNTER = SealMojo.class.getName() + ".modules";
    private static final String COUNTS = SealMojo.class.getName() + ".counts";
    static final String MANIFEST = "airlock-seal.json";
    /** The signature files of verifySignatures and the provenance files of verifyProvenance's default sidecars. */
    static final List<String[]> SIDECARS = List.of(
            new String[] {"{classifier}", "{extension}.sigstore.json"},
            new String[] {"{classifier}", "{extension}.sig"},
            new String[] {"{classifier}", "{extension}.asc"},
            new String[] {"{extension}.build", "slsa"},
            new String[] {"{classifier}", "{extension}.intoto.jsonl"});

    @Parameter(defaultValue = "${session}", readonly = true, required = true)
    private MavenSession session;

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    private MavenProject project;

    /**
     * The lifecycle phases and goals (comma-separated) whose execution plan's plugins are sealed. Default, as for
     * {@code record}: the phases and goals of this build, Airlock's own goals left out ({@code clean,deploy} when it
     * runs nothing else), so that what is sealed is what the lock recorded for the same goals.
     */
    @Parameter(property = "airlock.seal.phases")
    private String phases;

    /** Whether signature and provenance files next to the artifacts are sealed too. */
    @Parameter(property = "airlock.seal.sidecars", defaultValue = "true")
    private boolean sidecars;

    private final BuildClosure closure;
    private final Sidecars sidecarResolver;

    @Inject
    public SealMojo(BuildClosure closure, Sidecars sidecars) {
        this.closure = closure;
        this.sidecarResolver = sidecars;
    }

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (session.isOffline()) {
            throw new MojoFailureException("[airlock] seal is phase 1 of a sealed build and needs the mirrors; run it"
                    + " without -o (phase 2 is the offline build)");
        }
        List<ResolvedArtifact> all;
        try {
            all = closure.whole(session, project, RecordMojo.tasks(phases, session.getGoals()));
        } catch (ClosureException e) {
            throw new MojoExecutionException("[airlock] " + e.getMessage(), e);
        }
        int[] counts = (int[]) session.getRepositorySession().getData().computeIfAbsent(COUNTS, () -> new int[2]);
        Set<String> seen = new LinkedHashSet<>();
        try (Progress progress = Progress.of("seal: " + project.getArtifactId(), "artifacts", all.size(),
                getLog().isInfoEnabled() ? getLog()::info : null)) {
            sealEach(all, seen, counts, progress);
        }
        AtomicInteger done = (AtomicInteger) session.getRepositorySession().getData()
                .computeIfAbsent(COUNTER, AtomicInteger::new);
        if (done.incrementAndGet() < session.getProjects().size()) {
            getLog().info("[airlock] " + project.getArtifactId() + ": closure sealed; the seal is written after the"
                    + " last module");
            return;
        }
        writeSeal(counts);
    }

    /** Counts each artifact of the closure and looks up its signature and provenance files on the mirrors. */
    private void sealEach(List<ResolvedArtifact> all, Set<String> seen, int[] counts, Progress progress)
            throws MojoExecutionException {
        for (ResolvedArtifact a : all) {
            progress.advance();
            if (a.reactor() || a.file() == null || !seen.add(a.coordinates().toString())) {
                continue;
            }
            synchronized (counts) {
                counts[0]++;
            }
            if (!sidecars || a.coordinates().extension().equals("pom")) {
                continue;
            }
            for (String[] t : SIDECARS) {
                String classifier = t[0].replace("{classifier}", a.coordinates().classifier())
                        .replace("{extension}", a.coordinates().extension());
                String extension = t[1].replace("{classifier}", a.coordinates().classifier())
                        .replace("{extension}", a.coordinates().extension());
                try {
                    if (sidecarResolver.resolve(session, project, a, classifier, extension).isPresent()) {
                        synchronized (counts) {
                            counts[1]++;
                        }
                    }
                } catch (Sidecars.LookupException e) {
                    throw new MojoExecutionException("[airlock] " + e.getMessage(), e);
                }
            }
        }
    }

    private void writeSeal(int[] counts) throws MojoExecutionException, MojoFailureException {
        AirlockBuild build;
        try {
            build = AirlockBuild.of(session);
        } catch (ConfigException e) {
            throw new MojoFailureException("[airlock] CONFIG_ERROR " + e.getMessage());
        }
        ResolutionLogReader.Session evidence;
        try {
            evidence = build.evidence();
        } catch (IOException e) {
            throw new MojoExecutionException("[airlock] cannot read " + build.evidenceFile() + ": " + e.getMessage(), e);
        }
        if (evidence.session() == null || !"enforce".equals(evidence.mode())) {
            throw new MojoFailureException("[airlock] EXTENSION_ABSENT: a seal needs the Airlock extension guarding"
                    + " this build in enforce mode (" + build.evidenceFile() + " has " + (evidence.session() == null
                            ? "no session of this build" : "a session in mode " + evidence.mode())
                    + "); load dev.airlock:airlock-maven-extension as a core extension");
        }
        Path lock = build.config().lock();
        if (lock == null || !Files.isRegularFile(lock)) {
            throw new MojoFailureException("[airlock] a seal is made against the recorded lock, and there is none ("
                    + build.config().lockToRecord(build.projectRoot()) + "): record it first (mvn verify"
                    + " dev.airlock:airlock-maven-plugin:<version>:record), review and commit it, then seal");
        }
        Path repo = Path.of(session.getLocalRepository().getBasedir()).toAbsolutePath().normalize();
        Path manifest = repo.resolve(MANIFEST);
        try {
            String lockSha = DigestCache.sha256Uncached(lock);
            try (OutputStream out = Files.newOutputStream(manifest);
                    JsonGenerator g = new JsonFactory().createGenerator(out).useDefaultPrettyPrinter()) {
                g.writeStartObject();
                g.writeStringField("format", "airlock-seal/1");
                g.writeStringField("session", evidence.session());
                g.writeStringField("sealedAt", Instant.now().toString());
                g.writeStringField("lock", lock.toString());
                g.writeStringField("lockSha256", lockSha);
                g.writeNumberField("artifacts", counts[0]);
                g.writeNumberField("sidecars", counts[1]);
                g.writeStringField("phases", String.join(",", RecordMojo.tasks(phases, session.getGoals())));
                g.writeEndObject();
            }
            getLog().info("[airlock] sealed " + repo + ": " + counts[0] + " artifacts and " + counts[1]
                    + " signature/provenance files, checked against the lock " + lock + " (sha256 " + lockSha + ")");
            getLog().info("[airlock] phase 2, offline and without a network (Linux): unshare -rn sh -c 'ip link set"
                    + " lo up; mvn -o -Dmaven.repo.local=" + repo + " <the same goals and profiles>'");
        } catch (IOException e) {
            throw new MojoExecutionException("[airlock] cannot write " + manifest + ": " + e.getMessage(), e);
        }
    }
}
