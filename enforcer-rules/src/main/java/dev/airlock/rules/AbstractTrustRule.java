package dev.airlock.rules;

import dev.airlock.maven.BuildClosure;
import dev.airlock.maven.Sidecars;
import dev.airlock.verify.artifact.ResolvedArtifact;
import dev.airlock.verify.finding.Coordinates;
import dev.airlock.verify.lock.LockFile;
import dev.airlock.verify.policy.TrustPolicy;
import dev.airlock.verify.sigstore.SigstoreBundleVerifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.project.MavenProject;

/**
 * What {@code verifySignatures} and {@code verifyProvenance} share: the trust policy, the Sigstore trusted root and
 * its pin ({@code <policy>}, {@code <trustedRoot>}, {@code <trustedRootSha256>}), {@code <includeReactor>}, the
 * artifacts they judge (each once, with a file; reactor modules and the signature and provenance files themselves
 * left out), the files next to each artifact, resolved from the mirrors, and whether the recorded lock vouches for an
 * artifact's bytes (then a bad signature or provenance file does not quarantine the artifact).
 */
abstract class AbstractTrustRule extends AbstractAirlockRule {
    /** The trust policy: a path (relative to the project root) or {@code classpath:...}. */
    private String policy = ".mvn/airlock-policy";

    /** The Sigstore trusted root ({@code trusted_root.json}); default the bundled public-good root. */
    private String trustedRoot;

    /** SHA-256 the trusted root must have (pin it; docs/signatures-sigstore.md has the rotation procedure). */
    private String trustedRootSha256;

    /** Whether artifacts built by this reactor are checked (they are signed and attested at release). */
    private boolean includeReactor = false;

    private final Sidecars sidecars;

    AbstractTrustRule(MavenSession session, MavenProject project, BuildClosure closure, Sidecars sidecars) {
        super(session, project, closure);
        this.sidecars = sidecars;
    }

    TrustPolicy trustPolicy(RuleContext context) throws RuleSetupException {
        return TrustMaterial.policy(policy, context.build().projectRoot());
    }

    SigstoreBundleVerifier sigstore(RuleContext context) throws RuleSetupException {
        return TrustMaterial.sigstore(trustedRoot, trustedRootSha256, context.build().projectRoot());
    }

    /** Whether the rule judges artifacts of this extension at all (provenance: not POMs). */
    boolean judges(Coordinates c) {
        return true;
    }

    /** The artifacts to judge: each coordinate once, with a file, no reactor module unless asked, no sidecar. */
    List<ResolvedArtifact> candidates(RuleContext context) {
        List<ResolvedArtifact> out = new ArrayList<>();
        Set<String> seen = new HashSet<>(); // a jar that is a dependency and a plugin's: once
        for (ResolvedArtifact a : context.artifacts()) {
            if (seen.add(a.coordinates().toString()) && a.file() != null && (includeReactor || !a.reactor())
                    && !isSidecar(a.coordinates()) && judges(a.coordinates())) {
                out.add(a);
            }
        }
        return out;
    }

    /**
     * The files {@code wanted} on the mirrors, in one request to the resolver (see {@link Sidecars#resolveAll}); an
     * absent one is null.
     */
    List<Path> sidecars(RuleContext context, List<Sidecars.Wanted> wanted) throws RuleSetupException {
        try {
            List<Path> out = new ArrayList<>(wanted.size());
            for (java.util.Optional<Path> p : sidecars.resolveAll(context.session(), context.project(), wanted)) {
                out.add(p.orElse(null));
            }
            return out;
        } catch (Sidecars.LookupException e) {
            throw new RuleSetupException(e.getMessage(), e);
        }
    }

    /** True when the recorded lock lists exactly these bytes of {@code a}. */
    static boolean vouched(LockFile lock, ResolvedArtifact a, String sha256) {
        return lock != null && sha256.equals(lock.sha256(a.coordinates().toString()));
    }

    /** Signature, provenance and checksum files are verified with what they sign, never on their own. */
    static boolean isSidecar(Coordinates c) {
        return dev.airlock.verify.finding.SideFiles.isSideFile(c);
    }

    @Override
    public String toString() {
        return ruleName() + "[policy=" + policy + ", trustedRoot=" + (trustedRoot == null ? "bundled" : trustedRoot)
                + ", trustedRootSha256=" + trustedRootSha256 + ", includeReactor=" + includeReactor + ", "
                + super.toString() + "]";
    }
}
