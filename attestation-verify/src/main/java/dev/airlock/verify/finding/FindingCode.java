package dev.airlock.verify.finding;

/**
 * The stable finding codes of every Airlock check (design.md, "Findings, reports, quarantine").
 * The names are a public contract: reports, SARIF rule ids and {@code <fail>/<warn>/<ignore>} lists use them.
 * docs/findings.md keeps the full table.
 */
public enum FindingCode {
    REPOSITORY_BLOCKED(false, "A repository outside the configured mirrors was not contacted"),
    NOT_ON_MIRROR(false, "An artifact the configured mirrors do not have"),
    MIRROR_UNAVAILABLE(false, "A configured mirror failed (down, 5xx, timeout); no fallback was tried"),
    FLOATING_VERSION(false, "A version range, LATEST/RELEASE, foreign SNAPSHOT or unpinned plugin"),
    UNTRUSTED_LOCAL_ORIGIN(false, "A cached file without an allowed-mirror origin"),
    LOCK_HASH_MISMATCH(true, "The resolved bytes differ from the recorded lock"),
    NOT_IN_LOCK(false, "An artifact the recorded lock does not list"),
    CONFIG_ERROR(false, "Airlock configuration is invalid or would weaken a pinned setting"),
    QUARANTINED(false, "A quarantined artifact was requested again"),
    FEED_UNAVAILABLE(false, "The fleet-wide quarantine feed could not be read"),
    SBOM_HASH_MISMATCH(true, "The resolved bytes differ from the SBOM's hash"),
    NOT_IN_SBOM(false, "A resolved artifact the SBOM does not list"),
    SBOM_ENTRY_NOT_RESOLVED(false, "An SBOM entry the build did not resolve (stale SBOM)"),
    SBOM_VERSION_DRIFT(false, "The SBOM lists another version of a resolved artifact"),
    SBOM_NO_HASH(false, "The SBOM lists the artifact without any hash"),
    SBOM_AMBIGUOUS(false, "An SBOM entry matches several resolved artifacts"),
    WEAK_HASH_ONLY(false, "Only a weak hash (SHA-1/MD5) could be compared"),
    SIGNATURE_MISSING(false, "No signature where the policy requires one"),
    SIGNATURE_INVALID(true, "A signature that does not verify"),
    IDENTITY_NOT_ALLOWED(false, "A valid signature by a signer the policy does not allow"),
    TRUST_ROOT_INVALID(false, "The trusted root cannot be used"),
    PROVENANCE_MISSING(false, "No provenance where the policy requires it"),
    PROVENANCE_SUBJECT_MISMATCH(true, "The provenance does not name the artifact's digest"),
    PROVENANCE_SIGNATURE_INVALID(true, "The provenance signature does not verify"),
    BUILDER_NOT_TRUSTED(false, "The provenance names a builder the policy does not allow"),
    SOURCE_NOT_TRUSTED(false, "The provenance names a source the policy does not allow"),
    PROVENANCE_UNVERIFIABLE_OFFLINE(false, "The provenance cannot be verified offline"),
    EXTENSION_ABSENT(false, "The Airlock extension did not guard this build"),
    NETWORK_EGRESS_POSSIBLE(false, "The build can reach the network"),
    EXFILTRATION_SUSPECTED(false, "An outbound request carried a secret"),
    TYPOSQUAT_SUSPECTED(false, "A coordinate resembles a trusted one"),
    UNKNOWN_FILE(false, "A file of an audited repository directory that is no artifact of the Maven layout"),
    NOT_EVALUATED(false, "A check could not be evaluated (always with a reason)");

    private final boolean integrity;
    private final String title;

    FindingCode(boolean integrity, String title) {
        this.integrity = integrity;
        this.title = title;
    }

    /** Integrity failures are the only findings that may move files into quarantine. */
    public boolean isIntegrityFailure() {
        return integrity;
    }

    public String title() {
        return title;
    }
}
