package dev.airlock.plugin;

import dev.airlock.maven.AirlockBuild;
import dev.airlock.maven.BuildClosure;
import dev.airlock.maven.ClosureException;
import dev.airlock.maven.Sidecars;
import dev.airlock.verify.artifact.ResolvedArtifact;
import dev.airlock.verify.digest.Digests;
import dev.airlock.verify.digest.HashAlgorithm;
import dev.airlock.verify.finding.Coordinates;
import dev.airlock.verify.finding.SideFiles;
import dev.airlock.verify.io.AtomicFiles;
import dev.airlock.verify.io.Progress;
import dev.airlock.verify.pgp.PgpKeyInfo;
import dev.airlock.verify.pgp.PgpKeyring;
import dev.airlock.verify.pgp.PgpKeyringException;
import dev.airlock.verify.policy.PolicyException;
import dev.airlock.verify.policy.TrustPolicy;
import dev.airlock.verify.propose.KeySource;
import dev.airlock.verify.propose.TrustProposal;
import dev.airlock.verify.propose.TrustSurvey;
import dev.airlock.verify.sigstore.SigstoreBundleVerifier;
import dev.airlock.verify.sigstore.TrustedRoot;
import dev.airlock.verify.sigstore.TrustedRootException;
import dev.airlock.verify.slsa.ProvenanceVerifier;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
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
import org.eclipse.aether.RepositorySystem;

/**
 * Proposes the trust the build's closure needs, for a person to review: resolves, through the mirrors, the signature
 * and provenance files of every artifact of the build (dependencies of every scope, the plugins of the execution plan
 * with their dependencies, build extensions), verifies each one, and after the last module writes
 * {@code .mvn/airlock-policy.proposed} (trust lines grouped by signer and builder; unsigned and unattested artifacts one
 * waiver each) and {@code .mvn/keys/proposed.asc} (the OpenPGP keys of the signers, fetched by fingerprint from
 * {@code airlock.keyserver}), with the keysmap's second opinion ({@code airlock.keysMap}) on each OpenPGP line, and
 * prints what accepting it would change in the policy and the keyring in force. Nothing is trusted by it: the rules
 * never read the proposed files. Run it with the build's goals, like {@code record}:
 * {@code mvn verify dev.airlock:airlock-maven-plugin:<v>:propose -Dairlock.keyserver=https://keys.corp.example}.
 */
@Mojo(name = "propose", defaultPhase = LifecyclePhase.VERIFY, requiresDependencyResolution = ResolutionScope.TEST,
        threadSafe = true)
public class ProposeMojo extends AbstractMojo {
    private static final String ITEMS = ProposeMojo.class.getName() + ".items";
    private static final String COUNTER = ProposeMojo.class.getName() + ".modules";
    static final String PROPOSED_POLICY = ".mvn/airlock-policy.proposed";
    static final String PROPOSED_KEYS = ".mvn/keys/proposed.asc";

    @Parameter(defaultValue = "${session}", readonly = true, required = true)
    private MavenSession session;

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    private MavenProject project;

    /**
     * The key server OpenPGP keys are fetched from, by full fingerprint: {@code https://host} (the VKS interface,
     * {@code /vks/v1/by-fingerprint/}) or {@code hkps://host} / {@code hkp://host} (HKP, {@code /pks/lookup}). Through
     * Maven's proxy settings. Without it, OpenPGP signatures are listed as unresolved.
     */
    @Parameter(property = "airlock.keyserver")
    private String keyserver;

    /**
     * Coordinates of a keysmap ({@code groupId:artifactId:version[:extension[:classifier]]}, pgpverify's format; a
     * jar holding one {@code .list} or {@code .map} file, e.g. {@code org.simplify4u:pgp-keys-map:<version>}),
     * resolved through the mirrors: a second opinion on every proposed OpenPGP line.
     */
    @Parameter(property = "airlock.keysMap")
    private String keysMap;

    /** The lifecycle phases and goals whose execution plan's plugins are covered; default as for {@code record}. */
    @Parameter(property = "airlock.propose.phases")
    private String phases;

    /** The trust policy in force, to print the difference against (relative to the project root). */
    @Parameter(property = "airlock.propose.policy", defaultValue = ".mvn/airlock-policy")
    private String policy;

    /** The keyring in force (armored public keys), to print the difference against (relative to the project root). */
    @Parameter(property = "airlock.propose.keyring", defaultValue = ".mvn/keys/publishers.asc")
    private String keyring;

    /** Seconds one key server request may take. */
    @Parameter(property = "airlock.propose.timeout", defaultValue = "30")
    private int timeout;

    private final BuildClosure closure;
    private final Sidecars sidecars;
    private final RepositorySystem repositorySystem;

    @Inject
    public ProposeMojo(BuildClosure closure, Sidecars sidecars, RepositorySystem repositorySystem) {
        this.closure = closure;
        this.sidecars = sidecars;
        this.repositorySystem = repositorySystem;
    }

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (session.isOffline()) {
            throw new MojoFailureException("[airlock] propose looks up signature and provenance files on the mirrors"
                    + " and keys on the key server; run it without -o");
        }
        List<ResolvedArtifact> all;
        try {
            all = closure.whole(session, project, RecordMojo.tasks(phases, session.getGoals()));
        } catch (ClosureException e) {
            throw new MojoExecutionException("[airlock] " + e.getMessage(), e);
        }
        @SuppressWarnings("unchecked")
        Map<String, TrustSurvey.Item> items = (Map<String, TrustSurvey.Item>) session.getRepositorySession().getData()
                .computeIfAbsent(ITEMS, ConcurrentHashMap::new);
        try (Progress progress = Progress.of("propose: " + project.getArtifactId(), "artifacts", all.size(),
                getLog().isInfoEnabled() ? getLog()::info : null)) {
            for (ResolvedArtifact a : all) {
                progress.advance();
                if (a.reactor() || a.file() == null || SideFiles.isSideFile(a.coordinates())
                        || items.containsKey(a.coordinates().toString())) {
                    continue;
                }
                items.putIfAbsent(a.coordinates().toString(), item(a));
            }
        }
        AtomicInteger done = (AtomicInteger) session.getRepositorySession().getData()
                .computeIfAbsent(COUNTER, AtomicInteger::new);
        if (done.incrementAndGet() < session.getProjects().size()) {
            getLog().info("[airlock] " + project.getArtifactId() + ": closure surveyed; the proposal is written after"
                    + " the last module");
            return;
        }
        propose(new TreeMap<>(items));
    }

    /** The artifact with the signature and provenance files found next to it on the mirrors. */
    private TrustSurvey.Item item(ResolvedArtifact a) throws MojoExecutionException {
        Coordinates c = a.coordinates();
        try {
            Path bundle = sidecar(a, c.classifier(), c.extension() + ".sigstore.json");
            Path sig = sidecar(a, c.classifier(), c.extension() + ".sig");
            Path asc = sidecar(a, c.classifier(), c.extension() + ".asc");
            List<Path> provenance = new ArrayList<>();
            if (!c.extension().equals("pom")) {
                Path slsa = sidecar(a, c.extension() + ".build", "slsa");
                Path intoto = sidecar(a, c.classifier(), c.extension() + ".intoto.jsonl");
                if (slsa != null) {
                    provenance.add(slsa);
                }
                if (intoto != null) {
                    provenance.add(intoto);
                }
            }
            return new TrustSurvey.Item(c, a.file(), Digests.shared().digest(a.file(), HashAlgorithm.SHA256), bundle, sig, asc,
                    provenance);
        } catch (IOException e) {
            throw new MojoExecutionException("[airlock] cannot read " + a.file() + ": " + e.getMessage(), e);
        }
    }

    private Path sidecar(ResolvedArtifact a, String classifier, String extension) throws MojoExecutionException {
        try {
            return sidecars.resolve(session, project, a, classifier, extension).orElse(null);
        } catch (Sidecars.LookupException e) {
            throw new MojoExecutionException("[airlock] " + e.getMessage(), e);
        }
    }

    private void propose(Map<String, TrustSurvey.Item> items) throws MojoExecutionException, MojoFailureException {
        Path root = AirlockBuild.projectRoot(session);
        SigstoreBundleVerifier sigstore;
        try {
            sigstore = new SigstoreBundleVerifier(TrustedRoot.publicGood());
        } catch (TrustedRootException e) {
            throw new MojoExecutionException("[airlock] TRUST_ROOT_INVALID " + e.getMessage(), e);
        }
        KeyServerSource keys = keyserver == null || keyserver.isBlank() ? null
                : KeyServerSource.of(keyserver.strip(), session, Duration.ofSeconds(Math.max(1, timeout)));
        KeysMapOpinions opinions = keysMap == null || keysMap.isBlank() ? null
                : KeysMapOpinions.resolve(keysMap.strip(), session, project, repositorySystem);
        List<TrustSurvey.Item> list = List.copyOf(items.values());
        TrustSurvey.Result result;
        try (Progress progress = Progress.of("propose: verifying", "checks", 2L * list.size(),
                getLog().isInfoEnabled() ? getLog()::info : null)) {
            result = new TrustSurvey(sigstore, new ProvenanceVerifier(sigstore, List.of()), keys, opinions, null)
                    .survey(list, progress);
        }
        if (keys != null && !keys.failures().isEmpty()) {
            throw new MojoFailureException("[airlock] the key server " + keys.describe() + " could not be asked for "
                    + keys.failures().size() + " key(s), so the proposal would be incomplete; nothing was written:\n  "
                    + String.join("\n  ", keys.failures()) + "\n[airlock] Fix: check airlock.keyserver, the network and"
                    + " Maven's proxy settings, then run propose again");
        }
        TrustProposal proposal = TrustProposal.of(result.artifacts(), opinions == null ? null : opinions.describe());
        try {
            proposal.asPolicy(PROPOSED_POLICY); // every line must be one the rules accept
        } catch (PolicyException e) {
            throw new MojoExecutionException("[airlock] internal error: the proposal is not a valid policy: "
                    + e.getMessage(), e);
        }
        write(root, proposal, result);
        report(root, proposal, result, keys, opinions);
    }

    private void write(Path root, TrustProposal proposal, TrustSurvey.Result result) throws MojoExecutionException {
        Path policyFile = root.resolve(PROPOSED_POLICY);
        Path keysFile = root.resolve(PROPOSED_KEYS);
        try {
            Files.createDirectories(policyFile.getParent());
            AtomicFiles.write(policyFile, proposal.policyText().getBytes(StandardCharsets.UTF_8));
            if (result.keys().isEmpty()) {
                Files.deleteIfExists(keysFile);
            } else {
                Files.createDirectories(keysFile.getParent());
                AtomicFiles.write(keysFile, result.keyring());
            }
        } catch (IOException e) {
            throw new MojoExecutionException("[airlock] cannot write the proposal under " + root + ": "
                    + e.getMessage(), e);
        }
    }

    private void report(Path root, TrustProposal proposal, TrustSurvey.Result result, KeyServerSource keys,
            KeysMapOpinions opinions) {
        getLog().info("[airlock] proposed " + root.resolve(PROPOSED_POLICY) + ": " + proposal.artifacts()
                + " artifact(s), " + proposal.signers() + " signer(s), " + proposal.builders() + " builder(s), "
                + proposal.unresolved().size() + " unresolved, " + proposal.invalid().size() + " invalid signature(s)");
        if (!result.keys().isEmpty()) {
            getLog().info("[airlock] proposed " + root.resolve(PROPOSED_KEYS) + ": " + result.keys().size()
                    + " OpenPGP key(s) from " + keys.describe());
        }
        for (String d : proposal.disagreements()) {
            getLog().warn("[airlock] KEYSMAP DISAGREES: " + d);
        }
        for (String u : proposal.unresolved()) {
            getLog().warn("[airlock] unresolved: " + u);
        }
        for (String i : proposal.invalid()) {
            getLog().error("[airlock] INVALID signature (never waive it): " + i);
        }
        // the diff against what is in force
        Path current = root.resolve(policy);
        TrustPolicy inForce = null;
        if (Files.isRegularFile(current)) {
            try {
                inForce = TrustPolicy.parse(current);
            } catch (PolicyException e) {
                getLog().warn("[airlock] the policy in force cannot be read, so the difference is against an empty"
                        + " policy: " + e.getMessage());
            }
        }
        try {
            TrustProposal.Diff d = proposal.diff(inForce);
            getLog().info("[airlock] against " + (inForce == null ? "no policy (" + current + " does not exist)"
                    : current) + ": " + d.added().size() + " line(s) to add, " + d.removed().size()
                    + " not proposed, " + d.unchanged() + " unchanged");
            d.added().forEach(l -> getLog().info("[airlock]   + " + l));
            d.removed().forEach(l -> getLog().info("[airlock]   - " + l));
        } catch (PolicyException e) {
            getLog().warn("[airlock] cannot compare with the policy in force: " + e.getMessage());
        }
        Set<String> inKeyring = new TreeSet<>();
        Path ring = root.resolve(keyring);
        if (Files.isRegularFile(ring)) {
            try {
                PgpKeyring.load(ring).keys().forEach(k -> inKeyring.add(k.fingerprint()));
            } catch (PgpKeyringException e) {
                getLog().warn("[airlock] the keyring in force cannot be read: " + e.getMessage());
            }
        }
        int added = 0;
        for (Map.Entry<String, PgpKeyInfo> k : result.keyInfo().entrySet()) {
            if (!inKeyring.contains(k.getKey())) {
                added++;
                getLog().info("[airlock]   + key " + k.getKey() + " " + k.getValue().userIds());
            }
        }
        int removed = 0;
        for (String f : inKeyring) {
            if (!result.keys().containsKey(f)) {
                removed++;
                getLog().info("[airlock]   - key " + f + " (in " + ring + ", signs nothing of this closure)");
            }
        }
        getLog().info("[airlock] keyring " + ring + (Files.isRegularFile(ring) ? "" : " (does not exist)") + ": "
                + added + " key(s) to add, " + removed + " not used by this closure");
        getLog().info("[airlock] nothing is trusted yet: review " + PROPOSED_POLICY + ", confirm each signer out of"
                + " band (docs/propose.md), then move the lines into " + policy + " and the keys into " + keyring);
    }
}
