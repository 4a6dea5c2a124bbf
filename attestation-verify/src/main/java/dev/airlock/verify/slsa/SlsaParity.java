package dev.airlock.verify.slsa;

import dev.airlock.verify.finding.FindingCode;
import dev.airlock.verify.policy.SourceUri;
import dev.airlock.verify.sigstore.SignerIdentity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The checks of {@code slsa-verifier verify-artifact} that need no user input, on verified provenance: the signer
 * is GitHub Actions, the certificate identity is consistent with the builder, builder and signer refs are release
 * tags {@code refs/tags/vX.Y.Z}, the build type is one the signing builder produces, and the source agrees with the
 * certificate and the trigger. (The checks that need the user's policy — which builders, sources, refs and build
 * types are allowed — are the trust policy's:
 * {@link dev.airlock.verify.policy.ProvenanceDecision#slsaMatch}.) docs/provenance.md sets them side by side with
 * slsa-verifier. The tables below are written from slsa-verifier's documented behaviour (not copied code): the
 * BYOB delegator workflows, and which build types each known signing workflow produces.
 */
public final class SlsaParity {
    private SlsaParity() {}

    /** Each check; {@link #findingCode()} is the code a failure maps to. */
    public enum ParityCheck {
        /** The certificate's OIDC issuer is GitHub Actions. */
        SIGNER_ISSUER(FindingCode.BUILDER_NOT_TRUSTED),
        /**
         * The signer is the builder: the certificate's workflow equals the builder id (name and ref), or, for a
         * BYOB builder, the signer is one of slsa-github-generator's delegator workflows at a release tag.
         */
        SIGNER_MATCHES_BUILDER(FindingCode.BUILDER_NOT_TRUSTED),
        /** The builder id names a release tag {@code @refs/tags/vX.Y.Z} (no pre-release, no build metadata). */
        BUILDER_REF_SEMVER(FindingCode.BUILDER_NOT_TRUSTED),
        /** The build type is one the signing builder produces (for the builders slsa-verifier knows). */
        BUILD_TYPE_FOR_BUILDER(FindingCode.BUILDER_NOT_TRUSTED),
        /** The source repository is the certificate's (the repository whose workflow ran). */
        SOURCE_MATCHES_CERTIFICATE(FindingCode.SOURCE_NOT_TRUSTED),
        /** The source and the triggering workflow's repository agree (and their refs, outside BYOB). */
        SOURCE_MATCHES_TRIGGER(FindingCode.SOURCE_NOT_TRUSTED);

        private final FindingCode code;

        ParityCheck(FindingCode code) {
            this.code = code;
        }

        public FindingCode findingCode() {
            return code;
        }
    }

    /** PASS, FAIL, or NOT_APPLICABLE (e.g. no certificate for key-signed provenance). */
    public enum Result { PASS, FAIL, NOT_APPLICABLE }

    /** One check's result with what it compared. */
    public record ParityResult(ParityCheck check, Result result, String detail) {
        public boolean failed() {
            return result == Result.FAIL;
        }
    }

    static final String GITHUB_ISSUER = "https://token.actions.githubusercontent.com";
    static final String GENERATOR = "https://github.com/slsa-framework/slsa-github-generator/.github/workflows/";
    static final String BYOB_BUILD_TYPE = "https://github.com/slsa-framework/slsa-github-generator/delegator-generic@v0";
    static final String GITHUB_WORKFLOW_BUILD_TYPE = "https://actions.github.io/buildtypes/workflow/v1";
    static final Set<String> DELEGATORS = Set.of(GENERATOR + "delegator_generic_slsa3.yml",
            GENERATOR + "delegator_lowperms-generic_slsa3.yml");
    /** Signing workflow (without ref) to the build types it produces. */
    static final Map<String, Set<String>> BUILD_TYPES = Map.of(
            GENERATOR + "delegator_generic_slsa3.yml", Set.of(BYOB_BUILD_TYPE),
            GENERATOR + "delegator_lowperms-generic_slsa3.yml", Set.of(BYOB_BUILD_TYPE),
            GENERATOR + "generator_generic_slsa3.yml",
                    Set.of("https://github.com/slsa-framework/slsa-github-generator/generic@v1"),
            GENERATOR + "generator_container_slsa3.yml",
                    Set.of("https://github.com/slsa-framework/slsa-github-generator/container@v1"),
            GENERATOR + "builder_go_slsa3.yml", Set.of("https://github.com/slsa-framework/slsa-github-generator/go@v1",
                    "https://github.com/slsa-framework/slsa-github-generator@v1",
                    "https://github.com/slsa-framework/slsa-github-generator-go@v1"),
            GENERATOR + "builder_container-based_slsa3.yml", Set.of("https://slsa.dev/container-based-build/v0.1?draft"),
            "https://github.com/bazel-contrib/.github/.github/workflows/release_ruleset.yaml",
                    Set.of(GITHUB_WORKFLOW_BUILD_TYPE),
            "https://github.com/bazel-contrib/publish-to-bcr/.github/workflows/publish.yaml",
                    Set.of(GITHUB_WORKFLOW_BUILD_TYPE));
    private static final Pattern SEMVER_TAG = Pattern.compile("refs/tags/v(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)");

    /** True for {@code refs/tags/vX.Y.Z} exactly. */
    public static boolean isSemverTag(String ref) {
        return ref != null && SEMVER_TAG.matcher(ref).matches();
    }

    /** Every check on {@code facts}, in the order above. */
    public static List<ParityResult> evaluate(ProvenanceFacts f) {
        List<ParityResult> out = new ArrayList<>();
        SignerIdentity signer = f.signer();
        String[] builder = split(f.builderId());
        String[] signerWf = signer == null ? null : split(signer.san());

        if (signer == null) {
            out.add(new ParityResult(ParityCheck.SIGNER_ISSUER, Result.NOT_APPLICABLE, "key-signed provenance"));
            out.add(new ParityResult(ParityCheck.SIGNER_MATCHES_BUILDER, Result.NOT_APPLICABLE,
                    "key-signed provenance has no certificate identity"));
        } else {
            out.add(new ParityResult(ParityCheck.SIGNER_ISSUER,
                    GITHUB_ISSUER.equals(signer.issuer()) ? Result.PASS : Result.FAIL,
                    "issuer " + signer.issuer() + ", expected " + GITHUB_ISSUER));
            if (DELEGATORS.contains(signerWf[0])) {
                boolean ok = isSemverTag(signerWf[1]);
                out.add(new ParityResult(ParityCheck.SIGNER_MATCHES_BUILDER, ok ? Result.PASS : Result.FAIL,
                        "BYOB: signed by delegator " + signer.san() + (ok ? "" : ", which is not at a release tag"
                                + " refs/tags/vX.Y.Z") + "; builder " + f.builderId()));
            } else {
                boolean ok = signer.san().equals(f.builderId());
                out.add(new ParityResult(ParityCheck.SIGNER_MATCHES_BUILDER, ok ? Result.PASS : Result.FAIL,
                        "signer " + signer.san() + (ok ? " is" : " is not") + " the builder " + f.builderId()));
            }
        }

        out.add(new ParityResult(ParityCheck.BUILDER_REF_SEMVER, isSemverTag(builder[1]) ? Result.PASS : Result.FAIL,
                "builder ref " + builder[1] + (isSemverTag(builder[1]) ? " is" : " is not") + " a release tag"
                        + " refs/tags/vX.Y.Z"));

        String key = signerWf != null ? signerWf[0] : builder[0];
        Set<String> types = BUILD_TYPES.get(key);
        if (types == null) {
            out.add(new ParityResult(ParityCheck.BUILD_TYPE_FOR_BUILDER, Result.NOT_APPLICABLE, "no build types are"
                    + " known for " + key + "; the policy's buildType= decides"));
        } else {
            boolean ok = types.contains(f.buildType());
            out.add(new ParityResult(ParityCheck.BUILD_TYPE_FOR_BUILDER, ok ? Result.PASS : Result.FAIL,
                    "buildType " + f.buildType() + (ok ? " is" : " is not") + " one " + key + " produces " + types));
        }

        String certRepo = signer == null ? null : certificateRepository(signer);
        if (certRepo == null) {
            out.add(new ParityResult(ParityCheck.SOURCE_MATCHES_CERTIFICATE, Result.NOT_APPLICABLE,
                    "no source repository in the certificate"));
        } else {
            boolean ok = certRepo.equals(f.sourceUri());
            out.add(new ParityResult(ParityCheck.SOURCE_MATCHES_CERTIFICATE, ok ? Result.PASS : Result.FAIL,
                    "source " + f.sourceUri() + (ok ? " is" : " is not") + " the certificate's repository "
                            + certRepo));
        }

        if (f.triggerUri() == null || f.sourceUri() == null) {
            out.add(new ParityResult(ParityCheck.SOURCE_MATCHES_TRIGGER, Result.NOT_APPLICABLE,
                    "the provenance names no trigger"));
        } else {
            boolean byob = BYOB_BUILD_TYPE.equals(f.buildType());
            boolean repoOk = f.triggerUri().equals(f.sourceUri());
            boolean refOk = byob || f.triggerRef() == null || f.sourceRef() == null
                    || f.triggerRef().equals(f.sourceRef());
            out.add(new ParityResult(ParityCheck.SOURCE_MATCHES_TRIGGER, repoOk && refOk ? Result.PASS : Result.FAIL,
                    "source " + f.sourceUri() + "@" + f.sourceRef() + ", trigger " + f.triggerUri() + "@"
                            + f.triggerRef()));
        }
        return out;
    }

    /** The failed checks only. */
    public static List<ParityResult> failures(ProvenanceFacts f) {
        return evaluate(f).stream().filter(ParityResult::failed).toList();
    }

    /** {@code sourceRepositoryUri}, or {@code https://github.com/} + the deprecated workflow-repository extension. */
    static String certificateRepository(SignerIdentity id) {
        if (id.sourceRepositoryUri() != null) {
            return SourceUri.normalise(id.sourceRepositoryUri());
        }
        String repo = id.extension(dev.airlock.verify.sigstore.FulcioExtension.GITHUB_WORKFLOW_REPOSITORY);
        return repo == null ? null : "https://github.com/" + repo;
    }

    private static String[] split(String id) {
        if (id == null) {
            return new String[] {null, null};
        }
        int at = id.lastIndexOf('@');
        return at < 0 ? new String[] {id, null} : new String[] {id.substring(0, at), id.substring(at + 1)};
    }
}
