package dev.airlock.rules;

import dev.airlock.maven.AirlockBuild;
import dev.airlock.maven.BuildClosure;
import dev.airlock.maven.ClosureException;
import dev.airlock.verify.artifact.ResolvedArtifact;
import dev.airlock.verify.config.ConfigException;
import dev.airlock.verify.config.Levels.Mode;
import dev.airlock.verify.evidence.ResolutionLogReader;
import dev.airlock.verify.finding.Finding;
import dev.airlock.verify.finding.FindingCode;
import dev.airlock.verify.finding.Severity;
import dev.airlock.verify.finding.SeverityOverrides;
import dev.airlock.verify.quarantine.QuarantineStore;
import dev.airlock.verify.report.ReportFile;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.apache.maven.enforcer.rule.api.AbstractEnforcerRule;
import org.apache.maven.enforcer.rule.api.EnforcerLevel;
import org.apache.maven.enforcer.rule.api.EnforcerRuleError;
import org.apache.maven.enforcer.rule.api.EnforcerRuleException;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.project.MavenProject;

/**
 * What every Airlock rule shares: the coverage parameters ({@code <scopes>}, {@code <includePlugins>},
 * {@code <includeExtensions>}, {@code <excludes>}), the severity parameters ({@code <fail>}, {@code <warn>},
 * {@code <ignore>}), and one pipeline: read the Airlock configuration, collect the module's build closure, let the
 * rule judge it, apply the severities ({@code airlock.mode=warn} and {@code <level>WARN</level>} turn every fail
 * into warn), merge the findings into this build's {@code report.json}/{@code report.sarif}, and fail once with every
 * finding listed. Integrity failures are quarantined by the extension at the end of the build; when the extension
 * does not guard the build, the rule moves them itself before failing.
 *
 * <p>Two failure kinds, as in maven-enforcer: {@link EnforcerRuleError} when the rule cannot run (bad parameter,
 * unreadable file, unresolvable closure: fail closed), {@link EnforcerRuleException} for findings.
 */
public abstract class AbstractAirlockRule extends AbstractEnforcerRule {
    /** Scopes of project dependencies to check; default every scope the build resolves. */
    private List<String> scopes;

    /** Whether the build plugins of the execution plan (and their dependencies) are checked. */
    private boolean includePlugins = true;

    /** Whether build extensions (and their dependencies) are checked. */
    private boolean includeExtensions = true;

    /** Coordinate patterns {@code groupId[:artifactId[:version]]} ({@code *} inside a segment) left unchecked. */
    private List<String> excludes;

    /** Finding codes that fail the build (comma-separated), overriding the rule's defaults. */
    private String fail;

    /** Finding codes that only warn (comma-separated). */
    private String warn;

    /** Finding codes not reported at all (comma-separated). */
    private String ignore;

    protected final MavenSession session;
    protected final MavenProject project;
    private final BuildClosure closure;

    protected AbstractAirlockRule(MavenSession session, MavenProject project, BuildClosure closure) {
        this.session = session;
        this.project = project;
        this.closure = closure;
    }

    /** The rule's name as users write it in the POM ({@code verifySbom}); also the findings' source. */
    protected abstract String ruleName();

    /** False for rules that judge the build, not its artifacts (the gate rules): no closure is collected. */
    protected boolean checksArtifacts() {
        return true;
    }

    /**
     * Judges the module. Findings carry their default severities; the pipeline applies the user's.
     *
     * @throws RuleSetupException when the check cannot run (the build fails, saying why)
     */
    protected abstract List<Finding> check(RuleContext context) throws RuleSetupException;

    @Override
    public final void execute() throws EnforcerRuleException {
        SeverityOverrides overrides;
        try {
            overrides = SeverityOverrides.parse(fail, warn, ignore);
        } catch (IllegalArgumentException e) {
            throw new EnforcerRuleError(ruleName() + ": " + e.getMessage());
        }
        AirlockBuild build;
        try {
            build = AirlockBuild.of(session);
        } catch (ConfigException e) {
            throw new EnforcerRuleError(ruleName() + ": CONFIG_ERROR " + e.getMessage());
        }
        ResolutionLogReader.Session evidence;
        try {
            evidence = readsEvidenceLines() ? build.evidence() : build.evidenceHeader();
        } catch (IOException e) {
            throw new EnforcerRuleError(ruleName() + ": cannot read the extension's evidence "
                    + build.evidenceFile() + ": " + e.getMessage());
        }
        ExcludePatterns ex;
        try {
            ex = ExcludePatterns.parse(excludes);
        } catch (IllegalArgumentException e) {
            throw new EnforcerRuleError(ruleName() + ": <excludes>: " + e.getMessage());
        }
        beforeCollecting(build);
        List<ResolvedArtifact> artifacts = checksArtifacts() ? collect(ex) : List.of();
        RuleContext context = new RuleContext(ruleName(), session, project, build, evidence, artifacts,
                effectiveScopes(), scopes != null && !scopes.isEmpty(), includePlugins, includeExtensions, overrides,
                ex.texts());
        List<Finding> raw;
        try {
            raw = check(context);
        } catch (RuleSetupException e) {
            if (e.code() != null) {
                fileSetupFailure(build, evidence, e);
            }
            throw new EnforcerRuleError(ruleName() + ": " + (e.code() == null ? "" : e.code() + " ") + e.getMessage());
        } catch (RuntimeException e) {
            // fail closed: a check that broke did not pass
            throw new EnforcerRuleError(ruleName() + ": the check could not complete (" + e + ")", e);
        }

        boolean replacing = build.recording() && judgesTheRecord();
        boolean downgrade = build.mode() != Mode.ENFORCE || getLevel() == EnforcerLevel.WARN || replacing;
        if (replacing) {
            getLog().info("[airlock] " + ruleName() + ": this build runs the record goal, which replaces what this"
                    + " rule judges against; differences are reported as warnings (record prints the diff to review)");
        }
        List<Finding> findings = new ArrayList<>();
        for (Finding f : raw) {
            Optional<Finding> o = overrides.apply(f);
            if (o.isPresent()) {
                Finding g = o.get();
                findings.add(downgrade && g.severity() == Severity.ERROR ? g.withSeverity(Severity.WARN) : g);
            }
        }
        String session = build.reportSession(evidence);
        try {
            ReportFile.merge(build.reportDir(), session, ruleName(), findings, build.projectRoot());
        } catch (IOException e) {
            throw new EnforcerRuleError(ruleName() + ": cannot write the reports in " + build.reportDir() + ": "
                    + e.getMessage());
        }
        report(findings, build, evidence, session);
    }

    /** A check that could not run is evidence too: filed in the report before the build stops. */
    private void fileSetupFailure(AirlockBuild build, ResolutionLogReader.Session evidence, RuleSetupException e) {
        Finding f = Finding.builder(e.code(), Severity.ERROR).source(ruleName()).message(e.getMessage())
                .fix("correct the rule's configuration; the check did not run, so the build cannot pass").build();
        try {
            ReportFile.merge(build.reportDir(), build.reportSession(evidence), ruleName(), List.of(f),
                    build.projectRoot());
        } catch (IOException io) {
            getLog().warn("[airlock] cannot write the reports in " + build.reportDir() + ": " + io.getMessage());
        }
    }

    private void report(List<Finding> findings, AirlockBuild build, ResolutionLogReader.Session evidence,
            String session) throws EnforcerRuleException {
        List<Finding> errors = findings.stream().filter(f -> f.severity() == Severity.ERROR).toList();
        for (Finding f : findings) {
            if (f.severity() == Severity.WARN) {
                getLog().warn("[airlock] " + f.oneLine());
            } else if (f.severity() == Severity.INFO) {
                getLog().info("[airlock] " + f.oneLine());
            }
        }
        String where = build.reportDir().resolve(ReportFile.JSON_NAME).toString();
        if (build.mode() == Mode.OFF && !findings.isEmpty()) {
            getLog().warn("[airlock] airlock.mode=off: " + ruleName() + " reports its findings as warnings only");
        }
        if (errors.isEmpty()) {
            getLog().info("[airlock] " + ruleName() + ": " + (findings.isEmpty() ? "no findings" : findings.size()
                    + " finding(s), none fails the build") + " (" + where + ")");
            return;
        }
        List<String> quarantined = new ArrayList<>();
        if (evidence.session() == null) {
            // no extension: nothing will end this session for us; move integrity failures now
            QuarantineStore store = build.quarantine();
            for (QuarantineStore.Outcome o : store.quarantineFailures(errors, session)) {
                quarantined.add(o.entry() != null
                        ? o.finding().subject() + " -> " + o.entry().evidenceFile()
                        : o.finding().subject() + " could not be quarantined: " + o.error().getMessage());
            }
        }
        StringBuilder sb = new StringBuilder();
        Set<FindingCode> codes = new LinkedHashSet<>();
        errors.forEach(f -> codes.add(f.code()));
        sb.append(ruleName()).append(": ").append(errors.size()).append(errors.size() == 1 ? " finding fails" :
                " findings fail").append(" this build (").append(String.join(", ",
                        codes.stream().map(Enum::name).toList())).append("):");
        for (Finding f : errors) {
            sb.append("\n  ").append(f.oneLine());
        }
        if (!quarantined.isEmpty()) {
            sb.append("\nQuarantined (the Airlock extension does not guard this build, so the rule moved them):");
            quarantined.forEach(q -> sb.append("\n  ").append(q));
        } else if (errors.stream().anyMatch(f -> f.code().isIntegrityFailure() && f.file() != null)) {
            sb.append("\nIntegrity failures are quarantined when the build ends.");
        }
        sb.append("\nReport: ").append(where);
        throw new EnforcerRuleException(sb.toString());
    }

    private List<String> effectiveScopes() {
        if (scopes == null || scopes.isEmpty()) {
            return BuildClosure.ALL_SCOPES;
        }
        List<String> out = new ArrayList<>();
        for (String s : scopes) {
            for (String part : s.split(",")) {
                String p = part.strip().toLowerCase(Locale.ROOT);
                if (!p.isEmpty()) {
                    out.add(p);
                }
            }
        }
        return out;
    }

    /**
     * True when what the rule judges against is written by the {@code record} goal (verifySbom with the module's
     * recorded SBOM): in a session that records, the rule judges against nothing recorded yet, and reports every
     * finding as a warning instead of refusing the record that replaces the old one.
     */
    protected boolean judgesTheRecord() {
        return false;
    }

    /**
     * True for rules that judge the extension's lines of this build ({@code context.evidence().kind(...)}); the
     * others are handed its header only (the file has a line per resolution, and every rule of every module reads
     * it).
     */
    protected boolean readsEvidenceLines() {
        return false;
    }

    /** Called before the closure is resolved (which takes a while): start slow set-up in the background here. */
    protected void beforeCollecting(AirlockBuild build) {}

    private List<ResolvedArtifact> collect(ExcludePatterns ex) throws EnforcerRuleError {
        List<String> wanted = effectiveScopes();
        for (String s : wanted) {
            if (!BuildClosure.ALL_SCOPES.contains(s)) {
                throw new EnforcerRuleError(ruleName() + ": <scopes> names '" + s + "', which is not a Maven scope;"
                        + " use some of " + String.join(", ", BuildClosure.ALL_SCOPES));
            }
        }
        List<ResolvedArtifact> out = new ArrayList<>();
        try {
            out.addAll(closure.dependencies(session, project, wanted));
            if (includePlugins) {
                out.addAll(closure.plugins(session, project, session.getGoals()));
            }
            if (includeExtensions) {
                out.addAll(closure.extensions(session, project));
            }
        } catch (ClosureException e) {
            throw new EnforcerRuleError(ruleName() + ": " + e.getMessage());
        }
        return out.stream().filter(a -> !ex.matches(a.coordinates())).toList();
    }

    @Override
    public String toString() {
        return ruleName() + "[scopes=" + scopes + ", includePlugins=" + includePlugins + ", includeExtensions="
                + includeExtensions + ", excludes=" + excludes + ", fail=" + fail + ", warn=" + warn + ", ignore="
                + ignore + "]";
    }
}
