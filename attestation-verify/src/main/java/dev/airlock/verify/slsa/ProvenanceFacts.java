package dev.airlock.verify.slsa;

import dev.airlock.verify.sigstore.InTotoStatement;
import dev.airlock.verify.sigstore.SignerIdentity;
import java.util.List;

/**
 * What verified SLSA provenance says, for the judge (the trust policy's
 * {@code slsa builder=<v> source=<v> [ref=<v>] [buildType=<v>]}) and for the checks of {@link SlsaParity}.
 *
 * @param statementType in-toto {@code _type} (v0.1 or v1)
 * @param predicateType {@code https://slsa.dev/provenance/v0.2} or {@code https://slsa.dev/provenance/v1}
 * @param builderId the builder id ({@code runDetails.builder.id} / {@code builder.id}), e.g.
 *     {@code https://github.com/slsa-framework/slsa-github-generator/.github/workflows/builder_maven_slsa3.yml@refs/tags/v2.1.0}
 * @param buildType the build type
 * @param sourceUri the source repository, normalised without ref
 *     ({@link dev.airlock.verify.policy.SourceUri#split}), e.g. {@code https://github.com/acme/lib}; null when the
 *     provenance names none
 * @param sourceRef the ref the source was built from (e.g. {@code refs/tags/v14}); when the source entry has no
 *     ref, the ref of the triggering workflow; null when neither is known
 * @param sourceDigest the source commit ({@code gitCommit} or {@code sha1}), or null
 * @param triggerUri the repository of the workflow that triggered the build (normalised), or null
 * @param triggerRef the ref of the triggering workflow, or null
 * @param subjects the statement's subjects
 * @param signer the certificate identity that signed the provenance (keyless), or null when key-signed
 * @param keyName the trusted key that verified it (key-based), or null
 * @param entryKind the transparency-log entry kind, e.g. {@code intoto:0.0.2}
 */
public record ProvenanceFacts(String statementType, String predicateType, String builderId, String buildType,
        String sourceUri, String sourceRef, String sourceDigest, String triggerUri, String triggerRef,
        List<InTotoStatement.Subject> subjects, SignerIdentity signer, String keyName, String entryKind) {

    public ProvenanceFacts {
        subjects = List.copyOf(subjects);
    }

    /** One line for messages. */
    public String describe() {
        return "builder=" + builderId + ", source=" + sourceUri + ", ref=" + sourceRef + ", buildType=" + buildType
                + (signer != null ? ", signer=" + signer.san() : keyName != null ? ", key=" + keyName : "");
    }
}
