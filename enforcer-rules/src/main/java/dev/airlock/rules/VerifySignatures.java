package dev.airlock.rules;

import dev.airlock.maven.BuildClosure;
import dev.airlock.maven.Sidecars;
import dev.airlock.verify.artifact.ResolvedArtifact;
import dev.airlock.verify.check.SignatureCheck;
import dev.airlock.verify.check.TyposquatCheck;
import dev.airlock.verify.io.InParallel;
import dev.airlock.verify.finding.Finding;
import dev.airlock.verify.io.Progress;
import dev.airlock.verify.finding.FindingCode;
import dev.airlock.verify.finding.Severity;
import dev.airlock.verify.lock.LockFile;
import dev.airlock.verify.pgp.PgpKeyring;
import dev.airlock.verify.policy.TrustPolicy;
import dev.airlock.verify.sigstore.SigstoreBundleVerifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.inject.Inject;
import javax.inject.Named;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.project.MavenProject;

/**
 * {@code <verifySignatures>}: every resolved artifact (dependencies, the plugins of the execution plan, build
 * extensions, with their dependencies) must carry a signature that verifies offline — a Sigstore bundle
 * ({@code .sigstore.json}, keyless or cosign key-based), a cosign {@code .sig}, or an OpenPGP {@code .asc} — by a
 * signer the trust policy allows for its coordinates. Signatures are resolved from the mirrors like any artifact;
 * nothing is fetched from anywhere else. Findings: {@code SIGNATURE_MISSING}, {@code SIGNATURE_INVALID}
 * (quarantined), {@code IDENTITY_NOT_ALLOWED}, {@code TRUST_ROOT_INVALID}, {@code TYPOSQUAT_SUSPECTED}.
 */
@Named("verifySignatures")
public final class VerifySignatures extends AbstractTrustRule {
    static final String NAME = SignatureCheck.RULE;

    /** Armored OpenPGP public keys the {@code pgp fingerprint=} lines are checked with. */
    private String keyring;

    @Inject
    public VerifySignatures(MavenSession session, MavenProject project, BuildClosure closure, Sidecars sidecars) {
        super(session, project, closure, sidecars);
    }

    @Override
    protected String ruleName() {
        return NAME;
    }

    @Override
    protected List<Finding> check(RuleContext context) throws RuleSetupException {
        TrustPolicy trust = trustPolicy(context);
        SigstoreBundleVerifier sigstore = sigstore(context);
        List<ResolvedArtifact> candidates = candidates(context);
        List<Sidecars.Wanted> wanted = new ArrayList<>(3 * candidates.size());
        for (ResolvedArtifact a : candidates) {
            String ext = a.coordinates().extension();
            String classifier = a.coordinates().classifier();
            wanted.add(new Sidecars.Wanted(a, classifier, ext + ".sigstore.json"));
            wanted.add(new Sidecars.Wanted(a, classifier, ext + ".sig"));
            wanted.add(new Sidecars.Wanted(a, classifier, ext + ".asc"));
        }
        List<Path> files = sidecars(context, wanted);
        PgpKeyring keys = keyring(context);
        if (keys == null && trust.lines().stream().anyMatch(l -> l.directive().equals("pgp"))) {
            throw new RuleSetupException(FindingCode.CONFIG_ERROR, "the trust policy " + trust.source() + " has pgp"
                    + " fingerprint= lines, and no <keyring> of armored public keys was given to check them with; add"
                    + " <keyring>path/to/keys.asc</keyring> (no key server is ever asked)");
        }
        SignatureCheck check = new SignatureCheck(trust, sigstore, keys);
        LockFile lock = TrustMaterial.lock(context.build());
        TyposquatCheck typosquats = typosquatCheck(trust, context);
        List<Finding> out = new ArrayList<>();
        List<Integer> indexes = java.util.stream.IntStream.range(0, candidates.size()).boxed().toList();
        try (Progress progress = Progress.of(NAME, "artifacts", candidates.size(),
                getLog().isInfoEnabled() ? line -> getLog().info(line) : null)) {
            // each artifact's check is independent (hashing, reading and verifying its signatures): on a few threads,
            // the findings in the closure's order (docs/benchmark.md)
            for (List<Finding> part : InParallel.map("airlock-signatures", indexes, RuntimeException.class, i -> {
                ResolvedArtifact a = candidates.get(i);
                SignatureCheck.Sidecars found = new SignatureCheck.Sidecars(files.get(3 * i), files.get(3 * i + 1),
                        files.get(3 * i + 2));
                // the digest only when the check needs it (a Sigstore or cosign signature, a finding, the lock's word)
                List<Finding> mine = new ArrayList<>(check.check(a, () -> Hashes.sha256(a.file()), found,
                        () -> vouched(lock, a, Hashes.sha256(a.file()))));
                typosquats.resembles(a.coordinates().groupId()).ifPresent(t -> mine.add(typosquat(a, t)));
                progress.advance();
                return mine;
            })) {
                out.addAll(part);
            }
        }
        getLog().info("[airlock] " + NAME + ": " + candidates.size() + " artifact(s) checked against "
                + trust.source() + " (trusted root: " + sigstore.trustedRoot().origin() + ", sha256 "
                + sigstore.trustedRoot().sha256() + ")");
        return out;
    }

    /** The keyring being read on a daemon thread since {@link #beforeCollecting} (for its project root). */
    private Background<PgpKeyring> reading;

    /**
     * Starts reading the keyring on a daemon thread: most of it is loading BouncyCastle's classes, which then overlaps
     * the resolution of the closure and of the signature files instead of following them (docs/benchmark.md). An
     * error is reported by {@link #check}, as before.
     */
    @Override
    protected void beforeCollecting(dev.airlock.maven.AirlockBuild build) {
        if (keyring != null && !keyring.isBlank()) {
            Path root = build.projectRoot();
            reading = Background.start("airlock-keyring-read", root, () -> TrustMaterial.keyring(keyring, root));
        }
    }

    /** The keyring read by {@link #beforeCollecting} when it was for this root, else read now. */
    private PgpKeyring keyring(RuleContext context) throws RuleSetupException {
        Path root = context.build().projectRoot();
        return reading != null && reading.isFor(root) ? reading.join(RuleSetupException.class)
                : TrustMaterial.keyring(keyring, root);
    }

    private static Finding typosquat(ResolvedArtifact a, String trusted) {
        return Finding.builder(FindingCode.TYPOSQUAT_SUSPECTED, Severity.WARN)
                .source(NAME)
                .coordinates(a.coordinates())
                .path(a.path())
                .message("the groupId " + a.coordinates().groupId() + " resembles " + trusted + ", which the trust"
                        + " policy or airlock.namespaces names, without being it")
                .expected(trusted + " (or a groupId below it)")
                .actual(a.coordinates().groupId())
                .fix("check the coordinates in the POM that brought it in (a typo, or a look-alike published to"
                        + " catch one); if it is legitimate, name it in the trust policy")
                .build();
    }

    /** The groupIds the policy and the namespace routing name: what a look-alike would imitate. */
    private static TyposquatCheck typosquatCheck(TrustPolicy trust, RuleContext context) {
        List<String> names = new ArrayList<>();
        trust.lines().forEach(l -> names.add(l.pattern().text().split(":")[0]));
        context.build().config().namespaces().forEach(n -> names.add(n.pattern()));
        return new TyposquatCheck(names);
    }

    @Override
    public String toString() {
        return super.toString() + "[keyring=" + keyring + "]";
    }
}
