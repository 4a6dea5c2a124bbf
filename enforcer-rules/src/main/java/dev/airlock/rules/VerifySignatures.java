package dev.airlock.rules;

import dev.airlock.maven.Sidecars;
import dev.airlock.verify.artifact.ResolvedArtifact;
import dev.airlock.verify.check.SignatureCheck;
import dev.airlock.verify.check.TyposquatCheck;
import dev.airlock.verify.finding.FindingCode;
import dev.airlock.verify.finding.Severity;
import dev.airlock.verify.finding.Coordinates;
import dev.airlock.verify.finding.Finding;
import dev.airlock.verify.pgp.PgpKeyring;
import dev.airlock.verify.policy.TrustPolicy;
import dev.airlock.verify.sigstore.SigstoreBundleVerifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.inject.Inject;
import javax.inject.Named;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.lifecycle.LifecycleExecutor;
import org.apache.maven.project.MavenProject;
import org.apache.maven.project.ProjectDependenciesResolver;
import org.eclipse.aether.RepositorySystem;

/**
 * {@code <verifySignatures>}: every resolved artifact (dependencies, the plugins of the execution plan, build
 * extensions, with their dependencies) must carry a signature that verifies offline — a Sigstore bundle
 * ({@code .sigstore.json}, keyless or cosign key-based), a cosign {@code .sig}, or an OpenPGP {@code .asc} — by a
 * signer the trust policy allows for its coordinates. Signatures are resolved from the mirrors like any artifact;
 * nothing is fetched from anywhere else. Findings: {@code SIGNATURE_MISSING}, {@code SIGNATURE_INVALID}
 * (quarantined), {@code IDENTITY_NOT_ALLOWED}, {@code TRUST_ROOT_INVALID}.
 */
@Named("verifySignatures")
public final class VerifySignatures extends AbstractAirlockRule {
    static final String NAME = SignatureCheck.RULE;

    /** The trust policy: a path (relative to the project root) or {@code classpath:...}. */
    private String policy = ".mvn/airlock-policy";

    /** The Sigstore trusted root ({@code trusted_root.json}); default the bundled public-good root. */
    private String trustedRoot;

    /** SHA-256 the trusted root must have (pin it; see docs/signatures.md for the rotation procedure). */
    private String trustedRootSha256;

    /** Armored OpenPGP public keys the {@code pgp fingerprint=} lines are checked with. */
    private String keyring;

    /** Whether artifacts built by this reactor are checked (they are signed at release, after the build). */
    private boolean includeReactor = false;

    private final Sidecars sidecars;

    @Inject
    public VerifySignatures(MavenSession session, MavenProject project, RepositorySystem repositorySystem,
            ProjectDependenciesResolver dependenciesResolver, LifecycleExecutor lifecycleExecutor) {
        super(session, project, repositorySystem, dependenciesResolver, lifecycleExecutor);
        this.sidecars = new Sidecars(repositorySystem);
    }

    @Override
    protected String ruleName() {
        return NAME;
    }

    @Override
    protected List<Finding> check(RuleContext context) throws RuleSetupException {
        Path root = context.build().projectRoot();
        TrustPolicy trust = TrustMaterial.policy(policy, root);
        SigstoreBundleVerifier sigstore = TrustMaterial.sigstore(trustedRoot, trustedRootSha256, root);
        PgpKeyring keys = TrustMaterial.keyring(keyring, root);
        if (keys == null && trust.lines().stream().anyMatch(l -> l.directive().equals("pgp"))) {
            throw new RuleSetupException(FindingCode.CONFIG_ERROR, "the trust policy "
                    + trust.source() + " has pgp fingerprint= lines, and no <keyring> of armored public keys was"
                    + " given to check them with; add <keyring>path/to/keys.asc</keyring> (no key server is ever"
                    + " asked)");
        }
        SignatureCheck check = new SignatureCheck(trust, sigstore, keys);
        dev.airlock.verify.lock.LockFile lock = TrustMaterial.lock(context.build());
        TyposquatCheck typosquats = typosquatCheck(trust, context);
        List<Finding> out = new ArrayList<>();
        int checked = 0;
        java.util.Set<String> seen = new java.util.HashSet<>(); // a jar that is a dependency and a plugin's: once
        for (ResolvedArtifact a : context.artifacts()) {
            if (!seen.add(a.coordinates().toString())) {
                continue;
            }
            if (a.file() == null || (a.reactor() && !includeReactor) || isSidecar(a.coordinates())) {
                continue;
            }
            String ext = a.coordinates().extension();
            String classifier = a.coordinates().classifier();
            SignatureCheck.Sidecars found;
            try {
                found = new SignatureCheck.Sidecars(
                        lookup(context, a, classifier, ext + ".sigstore.json"),
                        lookup(context, a, classifier, ext + ".sig"),
                        lookup(context, a, classifier, ext + ".asc"));
            } catch (Sidecars.LookupException e) {
                throw new RuleSetupException(e.getMessage(), e);
            }
            String sha = Hashes.sha256(a.file());
            boolean vouched = lock != null && sha.equals(lock.sha256(a.coordinates().toString()));
            out.addAll(check.check(a, sha, found, vouched));
            typosquats.resembles(a.coordinates().groupId()).ifPresent(t -> out.add(Finding.builder(
                    FindingCode.TYPOSQUAT_SUSPECTED, Severity.WARN)
                    .source(NAME)
                    .coordinates(a.coordinates().toString())
                    .path(a.path())
                    .message("the groupId " + a.coordinates().groupId() + " resembles " + t + ", which the trust"
                            + " policy or airlock.namespaces names, without being it")
                    .expected(t + " (or a groupId below it)")
                    .actual(a.coordinates().groupId())
                    .fix("check the coordinates in the POM that brought it in (a typo, or a look-alike published to"
                            + " catch one); if it is legitimate, name it in the trust policy")
                    .build()));
            checked++;
        }
        getLog().info("[airlock] " + NAME + ": " + checked + " artifact(s) checked against " + trust.source()
                + " (trusted root: " + sigstore.trustedRoot().origin() + ", sha256 " + sigstore.trustedRoot().sha256()
                + ")");
        return out;
    }

    /** The groupIds the policy and the namespace routing name: what a look-alike would imitate. */
    private static TyposquatCheck typosquatCheck(TrustPolicy trust, RuleContext context) {
        List<String> names = new ArrayList<>();
        trust.lines().forEach(l -> names.add(l.pattern().text().split(":")[0]));
        context.build().config().namespaces().forEach(n -> names.add(n.pattern()));
        return new TyposquatCheck(names);
    }

    private Path lookup(RuleContext context, ResolvedArtifact a, String classifier, String extension)
            throws Sidecars.LookupException {
        Optional<Path> p = sidecars.resolve(context.session(), context.project(), a, classifier, extension);
        return p.orElse(null);
    }

    /** Signature and provenance files are verified with what they sign, never on their own. */
    static boolean isSidecar(Coordinates c) {
        String e = c.extension();
        return e.endsWith(".asc") || e.endsWith(".sig") || e.endsWith(".sigstore.json") || e.equals("slsa")
                || e.endsWith(".intoto.jsonl") || e.endsWith(".md5") || e.endsWith(".sha1") || e.endsWith(".sha256")
                || e.endsWith(".sha512");
    }

    @Override
    public String toString() {
        return NAME + "[policy=" + policy + ", trustedRoot=" + (trustedRoot == null ? "bundled" : trustedRoot)
                + ", trustedRootSha256=" + trustedRootSha256 + ", keyring=" + keyring + ", includeReactor="
                + includeReactor + ", " + super.toString() + "]";
    }
}
