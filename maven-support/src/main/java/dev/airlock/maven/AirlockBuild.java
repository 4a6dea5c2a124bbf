package dev.airlock.maven;

import dev.airlock.verify.config.AirlockConfig;
import dev.airlock.verify.config.AirlockConfigLoader;
import dev.airlock.verify.config.ConfigException;
import dev.airlock.verify.config.ConfigFiles;
import dev.airlock.verify.config.Levels.Mode;
import dev.airlock.verify.evidence.ResolutionLogReader;
import dev.airlock.verify.quarantine.QuarantineStore;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.project.MavenProject;

/**
 * What a rule or a goal knows about the Airlock side of the running build: the project root, the Airlock
 * configuration (the same files and precedence as the extension), where the reports go, and whether the extension
 * guards this very build (its session in {@code resolution.jsonl}, matched by this build's start time, so a stale
 * file of an earlier build never counts). Rules and the extension meet only through these files.
 */
public final class AirlockBuild {
    private final MavenSession session;
    private final Path projectRoot;
    private final AirlockConfig config;
    private final Path reportDir;

    private AirlockBuild(MavenSession session, Path projectRoot, AirlockConfig config, Path reportDir) {
        this.session = session;
        this.projectRoot = projectRoot;
        this.config = config;
        this.reportDir = reportDir;
    }

    /**
     * Reads the configuration of the running build.
     *
     * @throws ConfigException when an {@code airlock.properties} file or a command-line value is invalid
     */
    public static AirlockBuild of(MavenSession session) {
        Path root = projectRoot(session);
        AirlockConfig config = AirlockConfigLoader.loadForTools(root,
                ConfigFiles.standard(root, session.getSystemProperties()),
                ConfigFiles.commandLine(session.getSystemProperties(), session.getUserProperties()));
        Path reportDir = config.reportDir();
        if (reportDir == null) {
            MavenProject top = session.getTopLevelProject();
            reportDir = top != null && top.getBuild() != null && top.getBuild().getDirectory() != null
                    ? Path.of(top.getBuild().getDirectory(), "airlock")
                    : root.resolve("target").resolve("airlock");
        }
        return new AirlockBuild(session, root, config, reportDir);
    }

    /** {@code maven.multiModuleProjectDirectory}, else the top-level project's directory. */
    public static Path projectRoot(MavenSession session) {
        File mm = session.getRequest().getMultiModuleProjectDirectory();
        if (mm != null) {
            return mm.toPath().toAbsolutePath().normalize();
        }
        MavenProject top = session.getTopLevelProject();
        if (top != null && top.getBasedir() != null) {
            return top.getBasedir().toPath().toAbsolutePath().normalize();
        }
        return Path.of(session.getRequest().getBaseDirectory()).toAbsolutePath().normalize();
    }

    public Path projectRoot() {
        return projectRoot;
    }

    public AirlockConfig config() {
        return config;
    }

    public Mode mode() {
        return config.mode();
    }

    /** {@code target/airlock} of the top-level project, or {@code airlock.report.dir}. */
    public Path reportDir() {
        return reportDir;
    }

    public Path evidenceFile() {
        return reportDir.resolve("resolution.jsonl");
    }

    /** The extension's evidence of this build; its {@code session()} is null when the extension did not guard it. */
    public ResolutionLogReader.Session evidence() throws IOException {
        return ResolutionLogReader.forBuildStartedAt(evidenceFile(), session.getRequest().getStartTime().getTime());
    }

    /** As {@link #evidence()}, the session's header only ({@code lines()} null): for checks that read no line. */
    public ResolutionLogReader.Session evidenceHeader() throws IOException {
        return ResolutionLogReader.headerFor(evidenceFile(), session.getRequest().getStartTime().getTime());
    }

    /**
     * The session id reports of this build are filed under: the extension's, when it guards the build; otherwise
     * one derived from the build's start time, the same for every rule of this build.
     */
    public String reportSession(ResolutionLogReader.Session evidence) {
        return evidence.session() != null ? evidence.session()
                : "noext-" + session.getRequest().getStartTime().getTime();
    }

    /**
     * Whether this session runs the {@code record} goal: it replaces the lock and the recorded SBOMs, so checks judge
     * against nothing recorded yet (the rules report what differs from the record being replaced as warnings, and the
     * extension does not check the lock; {@code record} prints the diff for review).
     */
    public boolean recording() {
        return dev.airlock.verify.config.AirlockGoals.recording(session.getGoals());
    }

    /** The quarantine store: {@code airlock.quarantine.dir}, else next to the local repository. */
    public QuarantineStore quarantine() {
        if (config.quarantineDir() != null) {
            return new QuarantineStore(config.quarantineDir());
        }
        return new QuarantineStore(QuarantineStore.defaultDir(Path.of(session.getLocalRepository().getBasedir())));
    }
}
