package dev.airlock.rules;

import dev.airlock.maven.BuildClosure;
import dev.airlock.maven.Sidecars;
import dev.airlock.verify.artifact.ResolvedArtifact;
import dev.airlock.verify.check.ProvenanceCheck;
import dev.airlock.verify.finding.Coordinates;
import dev.airlock.verify.finding.Finding;
import dev.airlock.verify.io.Progress;
import dev.airlock.verify.lock.LockFile;
import dev.airlock.verify.policy.TrustPolicy;
import dev.airlock.verify.slsa.AttestationIndex;
import dev.airlock.verify.slsa.ProvenanceVerifier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.inject.Inject;
import javax.inject.Named;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.project.MavenProject;

/**
 * {@code <verifyProvenance>}: every resolved artifact must come with SLSA provenance that verifies offline (Sigstore
 * bundle, DSSE, in-toto Statement v0.1/v1, SLSA predicate v0.2/v1, transparency-log entries {@code dsse:0.0.1} and
 * {@code intoto:0.0.2}), names the artifact's SHA-256 as a subject, passes slsa-verifier's checks, and was built by a
 * builder from a source the trust policy allows. Provenance is looked up next to the artifact on the mirrors
 * ({@code <sidecars>}: by default the slsa-github-generator's {@code -jar.build.slsa} and {@code .intoto.jsonl}) and
 * in a local directory of attestations ({@code <attestations>}).
 */
@Named("verifyProvenance")
public final class VerifyProvenance extends AbstractTrustRule {
    static final String NAME = ProvenanceCheck.RULE;

    /** A directory of attestation files searched besides the sidecars (by subject SHA-256). */
    private String attestations;

    /**
     * Where provenance sits next to an artifact: {@code classifier:extension} templates with {@code {classifier}}
     * and {@code {extension}} standing for the artifact's ({@code {extension}.build:slsa} is
     * {@code <artifactId>-<version>-jar.build.slsa} for a jar).
     */
    private List<String> sidecars;

    static final List<String> DEFAULT_SIDECARS =
            List.of("{extension}.build:slsa", "{classifier}:{extension}.intoto.jsonl");

    @Inject
    public VerifyProvenance(MavenSession session, MavenProject project, BuildClosure closure, Sidecars sidecars) {
        super(session, project, closure, sidecars);
    }

    @Override
    protected String ruleName() {
        return NAME;
    }

    @Override
    boolean judges(Coordinates c) {
        return !c.extension().equals("pom"); // nothing attests a POM
    }

    @Override
    protected List<Finding> check(RuleContext context) throws RuleSetupException {
        Path root = context.build().projectRoot();
        TrustPolicy trust = trustPolicy(context);
        ProvenanceVerifier verifier = new ProvenanceVerifier(sigstore(context), List.of());
        AttestationIndex index = null;
        if (attestations != null && !attestations.isBlank()) {
            Path dir = TrustMaterial.resolve(attestations, root);
            if (!Files.isDirectory(dir)) {
                throw new RuleSetupException("<attestations> names " + dir + ", which is not a directory");
            }
            try {
                index = AttestationIndex.scan(dir);
            } catch (IOException e) {
                throw new RuleSetupException("cannot read the attestations in " + dir + ": " + e.getMessage(), e);
            }
        }
        List<String[]> templates = templates();
        ProvenanceCheck check = new ProvenanceCheck(trust, verifier);
        LockFile lock = TrustMaterial.lock(context.build());
        List<Finding> out = new ArrayList<>();
        List<ResolvedArtifact> candidates = candidates(context);
        List<Sidecars.Wanted> wanted = new ArrayList<>(templates.size() * candidates.size());
        for (ResolvedArtifact a : candidates) {
            for (String[] t : templates) {
                Coordinates c = a.coordinates();
                String classifier = t[0].replace("{classifier}", c.classifier()).replace("{extension}", c.extension());
                String extension = t[1].replace("{classifier}", c.classifier()).replace("{extension}", c.extension());
                wanted.add(new Sidecars.Wanted(a, classifier, extension));
            }
        }
        List<Path> files = sidecars(context, wanted);
        try (Progress progress = Progress.of(NAME, "artifacts", candidates.size(),
                getLog().isInfoEnabled() ? line -> getLog().info(line) : null)) {
            for (int i = 0; i < candidates.size(); i++) {
                ResolvedArtifact a = candidates.get(i);
                progress.advance();
                List<ProvenanceCheck.Source> sources = new ArrayList<>();
                for (int k = 0; k < templates.size(); k++) {
                    Path p = files.get(i * templates.size() + k);
                    if (p != null) {
                        sources.add(new ProvenanceCheck.Source(p, true));
                    }
                }
                if (index != null) {
                    for (Path f : index.find(Hashes.sha256(a.file()))) {
                        sources.add(new ProvenanceCheck.Source(f, false));
                    }
                }
                // the digest only when the check needs it (a provenance file to verify, a finding to write)
                out.addAll(check.check(a, () -> Hashes.sha256(a.file()), sources,
                        () -> vouched(lock, a, Hashes.sha256(a.file()))));
            }
        }
        getLog().info("[airlock] " + NAME + ": " + candidates.size() + " artifact(s) checked against " + trust.source()
                + (index == null ? "" : "; " + index.size() + " attestation file(s) in " + index.dir()));
        return out;
    }
    private List<String[]> templates() throws RuleSetupException {
        List<String> raw = new ArrayList<>();
        if (sidecars == null || sidecars.isEmpty()) {
            raw.addAll(DEFAULT_SIDECARS);
        } else {
            for (String s : sidecars) {
                for (String p : s.split(",")) {
                    if (!p.isBlank()) {
                        raw.add(p.strip());
                    }
                }
            }
        }
        List<String[]> out = new ArrayList<>();
        for (String t : raw) {
            int colon = t.indexOf(':');
            if (colon < 0 || t.indexOf(':', colon + 1) >= 0 || colon == t.length() - 1) {
                throw new RuleSetupException("<sidecars>: '" + t + "' is not classifier:extension (e.g."
                        + " {extension}.build:slsa, or {classifier}:{extension}.intoto.jsonl)");
            }
            out.add(new String[] {t.substring(0, colon), t.substring(colon + 1)});
        }
        return out;
    }

    @Override
    public String toString() {
        return super.toString() + "[attestations=" + attestations + ", sidecars="
                + (sidecars == null ? DEFAULT_SIDECARS : sidecars) + "]";
    }
}
