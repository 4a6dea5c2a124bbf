package dev.airlock.rules;

import dev.airlock.maven.BuildClosure;
import dev.airlock.verify.finding.Finding;
import dev.airlock.verify.finding.FindingCode;
import dev.airlock.verify.finding.Severity;
import dev.airlock.verify.sbom.SbomDocument;
import dev.airlock.verify.sbom.SbomException;
import dev.airlock.verify.sbom.SbomParser;
import dev.airlock.verify.sbom.SbomVerification;
import dev.airlock.verify.sbom.SbomVerifier;
import dev.airlock.verify.sbom.SpdxRecordWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.inject.Inject;
import javax.inject.Named;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.project.MavenProject;

/**
 * {@code <verifySbom>}: every artifact the module resolves (dependencies of the scopes the SBOM covers, the build
 * plugins of the execution plan and their dependencies, build extensions) is compared with an SBOM — SPDX 2.3 or
 * 3.0.1, CycloneDX 1.4–1.6 JSON or XML, the format read from the content — by purl and by the strongest hash both
 * sides have. By default the SBOM is the module's own recorded one, {@code airlock.spdx.json} (written by the
 * {@code record} goal), which also records plugins and extensions. Findings: {@code SBOM_HASH_MISMATCH}
 * (quarantined), {@code NOT_IN_SBOM}, {@code SBOM_ENTRY_NOT_RESOLVED}, {@code SBOM_VERSION_DRIFT},
 * {@code SBOM_NO_HASH}, {@code SBOM_AMBIGUOUS}, {@code WEAK_HASH_ONLY}, {@code NOT_EVALUATED}.
 */
@Named("verifySbom")
public final class VerifySbom extends AbstractAirlockRule {
    static final String NAME = SbomVerifier.SOURCE;

    /** The SBOM file, relative to the module; default the module's recorded {@code airlock.spdx.json}. */
    private String sbom;

    /** Whether the hashes of artifacts built by this reactor are compared (they change with every build). */
    private boolean checkReactorHashes = false;

    @Inject
    public VerifySbom(MavenSession session, MavenProject project, BuildClosure closure) {
        super(session, project, closure);
    }

    @Override
    protected String ruleName() {
        return NAME;
    }

    /** The SBOM being parsed on a background thread while the closure is resolved (for its file). */
    private Background<SbomDocument> parsing;

    /**
     * Starts parsing the SBOM on a daemon thread: most of a parse is the SBOM library's class loading and model
     * building, which then overlaps the resolution of the closure instead of following it (docs/benchmark.md). What
     * {@link #check} reads is the same file, parsed the same way; an error is reported there, as before.
     */
    @Override
    protected void beforeCollecting(dev.airlock.maven.AirlockBuild build) {
        Path file = sbomFile(project.getBasedir().toPath());
        if (Files.isRegularFile(file)) {
            parsing = Background.start("airlock-sbom-parse", file, () -> SbomParser.parse(file));
        }
    }

    private Path sbomFile(Path base) {
        return sbom == null || sbom.isBlank() ? base.resolve(SpdxRecordWriter.FILE_NAME)
                : TrustMaterial.resolve(sbom, base);
    }

    /** The parse started by {@link #beforeCollecting} when it was of {@code file}, else a parse now. */
    private SbomDocument parse(Path file) throws SbomException {
        return parsing != null && parsing.isFor(file) ? parsing.join(SbomException.class) : SbomParser.parse(file);
    }

    @Override
    protected List<Finding> check(RuleContext context) throws RuleSetupException {
        Path base = context.project().getBasedir().toPath();
        Path file = sbomFile(base);
        if (!Files.isRegularFile(file) && judgesTheRecord() && context.build().recording()) {
            return List.of(Finding.builder(FindingCode.NOT_EVALUATED, Severity.WARN)
                    .source(NAME)
                    .message("the recorded SBOM " + file + " does not exist yet: this build records it (record"
                            + " goal), so there is nothing recorded to judge against")
                    .fix("review and commit " + SpdxRecordWriter.FILE_NAME + " after this build; the next build is"
                            + " judged against it")
                    .build());
        }
        if (!Files.isRegularFile(file)) {
            throw new RuleSetupException(FindingCode.CONFIG_ERROR, "the SBOM " + file + " does not exist; "
                    + (sbom == null ? "record it (mvn verify dev.airlock:airlock-maven-plugin:<version>:record writes"
                            + " airlock.spdx.json into each module) or name one with <sbom>"
                            : "correct <sbom>, or generate the SBOM before this rule runs"));
        }
        SbomDocument doc;
        try {
            doc = parse(file);
        } catch (SbomException e) {
            throw new RuleSetupException(FindingCode.CONFIG_ERROR, e.getMessage());
        }
        SbomVerifier verifier = SbomVerifier.builder()
                .scopes(context.scopesConfigured() ? context.scopes() : null)
                .includePlugins(context.includePlugins())
                .includeExtensions(context.includeExtensions())
                .excludes(context.excludes())
                .checkReactorHashes(checkReactorHashes)
                .reactorProjects(context.session().getProjects().stream()
                        .map(p -> p.getGroupId() + ":" + p.getArtifactId()).toList())
                .recordedSbom(base.resolve(SpdxRecordWriter.FILE_NAME).toString())
                .progress(getLog().isInfoEnabled() ? line -> getLog().info(line) : null)
                .build();
        SbomVerification result = verifier.verify(context.artifacts(), List.of(doc));
        getLog().info("[airlock] " + NAME + ": " + doc.describe() + ": " + result.summary());
        return result.findings();
    }

    /** The default SBOM is the module's recorded one, which the record goal replaces. */
    @Override
    protected boolean judgesTheRecord() {
        return sbom == null || sbom.isBlank();
    }

    @Override
    public String toString() {
        return NAME + "[sbom=" + (sbom == null ? SpdxRecordWriter.FILE_NAME : sbom) + ", checkReactorHashes="
                + checkReactorHashes + ", " + super.toString() + "]";
    }
}
