package dev.airlock.rules;

import dev.airlock.maven.BuildClosure;
import dev.airlock.verify.evidence.ResolutionEntry;
import dev.airlock.verify.finding.Finding;
import dev.airlock.verify.finding.FindingCode;
import dev.airlock.verify.finding.Severity;
import java.util.ArrayList;
import java.util.List;
import javax.inject.Inject;
import javax.inject.Named;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.project.MavenProject;

/**
 * {@code <requireHermeticResolution>}: the build passes only when the Airlock extension guards this very build in
 * enforce mode (its session in {@code resolution.jsonl} started with this build: a file left by an earlier build
 * never counts) and every network request it recorded went to a configured mirror. Raises
 * {@code EXTENSION_ABSENT}.
 */
@Named("requireHermeticResolution")
public final class RequireHermeticResolution extends AbstractAirlockRule {
    static final String NAME = "requireHermeticResolution";

    @Inject
    public RequireHermeticResolution(MavenSession session, MavenProject project, BuildClosure closure) {
        super(session, project, closure);
    }

    @Override
    protected String ruleName() {
        return NAME;
    }

    @Override
    protected boolean checksArtifacts() {
        return false;
    }

    /** It judges the extension's request and incomplete lines of this build. */
    @Override
    protected boolean readsEvidenceLines() {
        return true;
    }

    @Override
    protected List<Finding> check(RuleContext context) {
        List<Finding> out = new ArrayList<>();
        String evidenceFile = context.build().evidenceFile().toString();
        if (context.evidence().session() == null) {
            out.add(absent("the Airlock extension did not guard this build: " + evidenceFile + " holds no session"
                    + " that started with this build (" + (java.nio.file.Files.isRegularFile(context.build()
                            .evidenceFile()) ? "it is left from another build" : "there is no such file") + ")",
                    "load dev.airlock:airlock-maven-extension as a core extension (.mvn/extensions.xml, or at"
                            + " installation level in ${maven.home}/lib/ext) with airlock.mode=enforce"));
            return out;
        }
        String mode = context.evidence().mode();
        if (!"enforce".equals(mode)) {
            out.add(absent("the Airlock extension guards this build in mode '" + mode + "', not 'enforce': it"
                    + " reports, but nothing stops a repository outside the mirrors",
                    "set airlock.mode=enforce in .mvn/airlock.properties or the installation's airlock.properties"));
        }
        out.addAll(incomplete(context.evidence().entries(ResolutionEntry.INCOMPLETE), evidenceFile));
        for (ResolutionEntry r : context.evidence().entries(ResolutionEntry.REQUEST)) {
            // Airlock's own re-fetches (purpose "verify local origin") record the repository URL only
            String url = r.url() != null ? r.url() : r.repositoryUrl();
            boolean toMirror = Boolean.TRUE.equals(r.mirror()) && url != null
                    && context.build().config().mirrorContaining(url).isPresent();
            if (!toMirror) {
                out.add(Finding.builder(FindingCode.EXTENSION_ABSENT, Severity.ERROR)
                        .source(NAME)
                        .coordinatesOrSubject(r.coordinates())
                        .repository(r.repository(), r.repositoryUrl())
                        .message("this build made a request to " + url + " (repository " + r.repository()
                                + "), which is not a configured mirror")
                        .expected("requests to " + context.build().config().mirrors().stream()
                                .map(m -> m.id() + " (" + m.url() + ")").toList() + " only")
                        .actual(url)
                        .fix("find out what made the request (the evidence line in " + evidenceFile + "); run"
                                + " the release gate in enforce mode")
                        .build());
            }
        }
        return out;
    }

    /**
     * One error per {@code kind: incomplete} line of this build's evidence: the extension could not record everything
     * (its background evidence work failed), so what is missing cannot be shown hermetic. Fail closed.
     */
    static List<Finding> incomplete(List<ResolutionEntry> incompleteLines, String evidenceFile) {
        List<Finding> out = new ArrayList<>();
        for (ResolutionEntry r : incompleteLines) {
            out.add(Finding.builder(FindingCode.NOT_EVALUATED, Severity.ERROR)
                    .source(NAME)
                    .file(evidenceFile)
                    .message("the evidence of this build is incomplete (" + r.reason() + "): hermetic"
                            + " resolution cannot be shown for what it does not record")
                    .expected("complete evidence in " + evidenceFile)
                    .actual("a kind:incomplete line written at " + r.time())
                    .fix("find the cause in the build's [airlock] error lines (disk full, an unreadable file in the"
                            + " local repository) and run the build again")
                    .build());
        }
        return out;
    }

    private static Finding absent(String message, String fix) {
        return Finding.builder(FindingCode.EXTENSION_ABSENT, Severity.ERROR).source(NAME).message(message).fix(fix)
                .build();
    }
}
