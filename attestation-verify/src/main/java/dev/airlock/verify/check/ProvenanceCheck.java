package dev.airlock.verify.check;

import static dev.airlock.verify.check.CheckFindings.expectation;
import static dev.airlock.verify.check.CheckFindings.finding;

import dev.airlock.verify.artifact.ResolvedArtifact;
import dev.airlock.verify.finding.Finding;
import dev.airlock.verify.finding.FindingCode;
import dev.airlock.verify.finding.Severity;
import dev.airlock.verify.policy.PolicyLine;
import dev.airlock.verify.policy.ProvenanceDecision;
import dev.airlock.verify.policy.TrustPolicy;
import dev.airlock.verify.slsa.ProvenanceFacts;
import dev.airlock.verify.slsa.ProvenanceOutcome;
import dev.airlock.verify.slsa.ProvenanceVerifier;
import dev.airlock.verify.slsa.SlsaParity;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code verifyProvenance}' judgement of one artifact: every provenance file found for it (sidecars next to it on the
 * mirror, attestations of a local directory whose subjects name its SHA-256) is verified offline — signature,
 * certificate chain, transparency-log inclusion, subject digest — then checked as slsa-verifier does without a
 * policy ({@link SlsaParity}: signer consistent with the builder, builder at a semver tag, build type of the
 * builder, source consistent with the certificate), and finally against the trust policy's provenance-class lines
 * ({@code slsa builder= source= [ref=] [buildType=]}, {@code noprovenance}). One acceptable provenance is enough.
 */
public final class ProvenanceCheck {
    public static final String RULE = "verifyProvenance";

    /** A provenance file and whether it sits next to the artifact (a subject mismatch then matters). */
    public record Source(Path file, boolean sidecar) {}

    private final TrustPolicy policy;
    private final ProvenanceVerifier verifier;

    public ProvenanceCheck(TrustPolicy policy, ProvenanceVerifier verifier) {
        this.policy = policy;
        this.verifier = verifier;
    }

    public List<Finding> check(ResolvedArtifact artifact, String sha256, List<Source> sources) {
        return check(artifact, sha256, sources, false);
    }

    /** The same; {@code bytesVouched}: the recorded lock lists exactly these bytes (no quarantine for a bad file). */
    public List<Finding> check(ResolvedArtifact artifact, String sha256, List<Source> sources, boolean bytesVouched) {
        return check(artifact, () -> sha256, sources, () -> bytesVouched);
    }

    /**
     * The same, with the artifact's SHA-256 and the lock's word asked only when needed (a provenance file to check,
     * a finding to write): an artifact with no provenance and a {@code noprovenance} waiver is not hashed.
     */
    public List<Finding> check(ResolvedArtifact artifact, java.util.function.Supplier<String> sha256Supplier,
            List<Source> sources, java.util.function.BooleanSupplier bytesVouchedSupplier) {
        LazyDigest sha = new LazyDigest(sha256Supplier);
        String coords = artifact.coordinates().toString();
        ProvenanceDecision decision = policy.provenance(artifact.coordinates());
        List<Finding> problems = new ArrayList<>();
        List<Finding> integrity = new ArrayList<>();
        boolean verifiedAny = false;
        for (Source src : sources) {
            for (ProvenanceOutcome o : verifier.verifyAll(src.file(), sha.get())) {
                switch (o.status()) {
                    case VERIFIED -> {
                        verifiedAny = true;
                        ProvenanceFacts f = o.facts().orElseThrow();
                        List<Finding> judged = judge(artifact, sha.get(), src, f, decision);
                        if (judged.isEmpty()) {
                            return List.of(); // acceptable provenance: nothing else matters
                        }
                        problems.addAll(judged);
                    }
                    case SUBJECT_MISMATCH -> {
                        if (src.sidecar()) {
                            integrity.add(finding(RULE, FindingCode.PROVENANCE_SUBJECT_MISMATCH, artifact, sha.get())
                                    .message("the provenance " + src.file() + " next to " + coords + " is about other"
                                            + " bytes: none of its subjects has this artifact's SHA-256")
                                    .expected("a subject with sha256 " + sha.get())
                                    .actual(o.actual() != null ? o.actual() : o.reason())
                                    .fix("do not use these bytes: the artifact was changed after it was built, or"
                                            + " the provenance belongs to another build; compare with the publisher's"
                                            + " copy")
                                    .detail("provenance", src.file().toString())
                                    .build());
                        }
                    }
                    case SIGNATURE_INVALID, MALFORMED -> integrity.add(
                            finding(RULE, FindingCode.PROVENANCE_SIGNATURE_INVALID, artifact, sha.get())
                                    .message("the provenance " + src.file() + " for " + coords + " does not verify: "
                                            + o.reason())
                                    .expected(o.expected() != null ? o.expected() : "a valid Sigstore signature")
                                    .actual(o.actual() != null ? o.actual() : o.reason())
                                    .fix("do not trust this provenance (it was changed after signing, or forged);"
                                            + " find out who published it on the mirror or in the attestations"
                                            + " directory")
                                    .detail("provenance", src.file().toString())
                                    .build());
                    case UNVERIFIABLE_OFFLINE -> problems.add(
                            finding(RULE, FindingCode.PROVENANCE_UNVERIFIABLE_OFFLINE, artifact, sha.get())
                                    .message("the provenance " + src.file() + " for " + coords + " cannot be verified"
                                            + " offline: " + o.reason())
                                    .expected("a Sigstore bundle with its transparency-log inclusion proof")
                                    .actual(o.reason())
                                    .fix("ask the publisher for provenance as a Sigstore bundle (slsa-github-generator"
                                            + " v1.9+ writes one), or waive it with a 'noprovenance reason=\"...\"'"
                                            + " line in " + policy.source())
                                    .detail("provenance", src.file().toString())
                                    .build());
                    case KEY_NOT_TRUSTED -> problems.add(
                            finding(RULE, FindingCode.BUILDER_NOT_TRUSTED, artifact, sha.get())
                            .message("the provenance " + src.file() + " for " + coords + " is signed with a key the"
                                    + " policy does not trust: " + o.reason())
                            .expected("a keyless (Sigstore) signature by the builder")
                            .actual(o.reason())
                            .fix("confirm the signer with the publisher out of band")
                            .detail("provenance", src.file().toString())
                            .build());
                    default -> problems.add(finding(RULE, FindingCode.NOT_EVALUATED, artifact, sha.get())
                            .severity(Severity.WARN)
                            .message("the provenance " + src.file() + " for " + coords + " was not evaluated: "
                                    + o.reason())
                            .fix("see the reason")
                            .build());
                }
            }
        }
        List<Finding> out = new ArrayList<>();
        for (Finding f : integrity) {
            // another verified provenance proved the bytes: the artifact is not quarantined for a bad file
            out.add(verifiedAny || bytesVouchedSupplier.getAsBoolean() ? f.toBuilder().file(null).build()
                    : f.toBuilder().file(artifact.file() == null ? null : artifact.file().toString()).build());
        }
        out.addAll(problems);
        if (!out.isEmpty()) {
            return out;
        }
        if (decision.noProvenanceWaiver().isPresent()) {
            return out;
        }
        out.add(finding(RULE, FindingCode.PROVENANCE_MISSING, artifact, sha.get())
                .message("no provenance for " + coords + " (sidecars on the mirror and the attestations directory"
                        + " were searched); " + decision.describe())
                .expected(expectation(decision, "a provenance-class line of the trust policy for these coordinates"))
                .actual("no provenance")
                .fix("obtain provenance from the publisher (a -jar.build.slsa sidecar, or an attestation file in the"
                        + " <attestations> directory), or waive it with a 'noprovenance reason=\"...\"' line in "
                        + policy.source())
                .build());
        return out;
    }

    /** The findings against one verified provenance; empty when it is acceptable. */
    private List<Finding> judge(ResolvedArtifact artifact, String sha256, Source src, ProvenanceFacts f,
            ProvenanceDecision decision) {
        String coords = artifact.coordinates().toString();
        List<Finding> out = new ArrayList<>();
        for (SlsaParity.ParityResult r : SlsaParity.failures(f)) {
            out.add(finding(RULE, r.check().findingCode(), artifact, sha256)
                    .message("the provenance " + src.file() + " for " + coords + " fails the " + r.check()
                            + " check (as slsa-verifier would): " + r.detail())
                    .actual(f.describe())
                    .fix("confirm the builder and source with the publisher out of band")
                    .detail("provenance", src.file().toString())
                    .build());
        }
        if (!out.isEmpty()) {
            return out;
        }
        if (decision.slsaMatch(f.builderId(), f.sourceUri(), f.sourceRef(), f.buildType()).isPresent()
                || (decision.slsa().isEmpty() && decision.noProvenanceWaiver().isPresent())) {
            return out;
        }
        FindingCode code = FindingCode.BUILDER_NOT_TRUSTED;
        String what = "builder " + f.builderId();
        for (PolicyLine.Slsa l : decision.slsa()) {
            Optional<String> m = l.firstMismatch(f.builderId(), f.sourceUri(), f.sourceRef(), f.buildType());
            if (m.isPresent() && !m.get().equals("builder")) {
                code = m.get().equals("buildType") ? FindingCode.BUILDER_NOT_TRUSTED : FindingCode.SOURCE_NOT_TRUSTED;
                what = m.get().equals("buildType") ? "build type " + f.buildType() + " of builder " + f.builderId()
                        : m.get().equals("ref") ? "ref " + f.sourceRef() + " of source " + f.sourceUri()
                        : "source " + f.sourceUri();
                break;
            }
        }
        out.add(finding(RULE, code, artifact, sha256)
                .message("the provenance " + src.file() + " for " + coords + " is verified, but the trust policy does"
                        + " not allow its " + what + " (found: " + f.describe() + "). " + decision.describe())
                .expected(expectation(decision, "a provenance-class line of the trust policy for these coordinates"))
                .actual(f.describe())
                .fix("confirm the builder and source repository with the publisher out of band; only then allow"
                        + " them in " + policy.source())
                .detail("provenance", src.file().toString())
                .build());
        return out;
    }



    /** The default severity of each code this check raises. */
    public static Map<FindingCode, Severity> defaults() {
        return Map.of(FindingCode.PROVENANCE_MISSING, Severity.ERROR, FindingCode.PROVENANCE_SUBJECT_MISMATCH,
                Severity.ERROR, FindingCode.PROVENANCE_SIGNATURE_INVALID, Severity.ERROR,
                FindingCode.BUILDER_NOT_TRUSTED, Severity.ERROR, FindingCode.SOURCE_NOT_TRUSTED, Severity.ERROR,
                FindingCode.PROVENANCE_UNVERIFIABLE_OFFLINE, Severity.ERROR, FindingCode.NOT_EVALUATED,
                Severity.WARN);
    }
}
