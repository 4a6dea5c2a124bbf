package dev.airlock.rules;

import dev.airlock.maven.AirlockBuild;
import dev.airlock.verify.artifact.ResolvedArtifact;
import dev.airlock.verify.evidence.ResolutionLogReader;
import dev.airlock.verify.finding.SeverityOverrides;
import java.util.List;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.project.MavenProject;

/**
 * What a rule judges: the module, the Airlock side of the build (configuration, report directory, the extension's
 * evidence of this build), and the module's build closure as the coverage parameters selected it.
 *
 * @param evidence the extension's evidence of this build; {@code evidence.session()} is null without the extension;
 *     its lines only for a rule whose {@code readsEvidenceLines()} is true (otherwise the header alone)
 * @param artifacts dependencies of {@code scopes}, plugins and extensions as selected, excludes removed
 * @param scopesConfigured true when the user set {@code <scopes>} (otherwise every scope, or what a verifier's input
 *     says it covers)
 * @param excludes the {@code <excludes>} patterns as written (verifiers that also judge other inputs apply them)
 */
public record RuleContext(
        String rule,
        MavenSession session,
        MavenProject project,
        AirlockBuild build,
        ResolutionLogReader.Session evidence,
        List<ResolvedArtifact> artifacts,
        List<String> scopes,
        boolean scopesConfigured,
        boolean includePlugins,
        boolean includeExtensions,
        SeverityOverrides overrides,
        List<String> excludes) {

    /** {@code groupId:artifactId} of the module. */
    public String module() {
        return project.getGroupId() + ":" + project.getArtifactId();
    }
}
