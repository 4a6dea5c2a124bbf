package dev.airlock.verify.sigstore;

/**
 * The X.509 extensions Fulcio writes into a signing certificate (OID arc {@code 1.3.6.1.4.1.57264.1}), by the names
 * Airlock reports them under. Values of {@link #isDerEncoded() DER-encoded} extensions (from {@code .8} on) are
 * UTF8Strings; the older ones ({@code .1}–{@code .6}, deprecated by Fulcio) hold raw UTF-8 bytes.
 */
public enum FulcioExtension {
    ISSUER_V1("issuerV1", 1),
    GITHUB_WORKFLOW_TRIGGER("githubWorkflowTrigger", 2),
    GITHUB_WORKFLOW_SHA("githubWorkflowSha", 3),
    GITHUB_WORKFLOW_NAME("githubWorkflowName", 4),
    GITHUB_WORKFLOW_REPOSITORY("githubWorkflowRepository", 5),
    GITHUB_WORKFLOW_REF("githubWorkflowRef", 6),
    ISSUER("issuer", 8),
    BUILD_SIGNER_URI("buildSignerUri", 9),
    BUILD_SIGNER_DIGEST("buildSignerDigest", 10),
    RUNNER_ENVIRONMENT("runnerEnvironment", 11),
    SOURCE_REPOSITORY_URI("sourceRepositoryUri", 12),
    SOURCE_REPOSITORY_DIGEST("sourceRepositoryDigest", 13),
    SOURCE_REPOSITORY_REF("sourceRepositoryRef", 14),
    SOURCE_REPOSITORY_IDENTIFIER("sourceRepositoryIdentifier", 15),
    SOURCE_REPOSITORY_OWNER_URI("sourceRepositoryOwnerUri", 16),
    SOURCE_REPOSITORY_OWNER_IDENTIFIER("sourceRepositoryOwnerIdentifier", 17),
    BUILD_CONFIG_URI("buildConfigUri", 18),
    BUILD_CONFIG_DIGEST("buildConfigDigest", 19),
    BUILD_TRIGGER("buildTrigger", 20),
    RUN_INVOCATION_URI("runInvocationUri", 21),
    SOURCE_REPOSITORY_VISIBILITY_AT_SIGNING("sourceRepositoryVisibilityAtSigning", 22);

    private final String id;
    private final String oid;
    private final boolean derEncoded;

    FulcioExtension(String id, int arc) {
        this.id = id;
        this.oid = "1.3.6.1.4.1.57264.1." + arc;
        this.derEncoded = arc >= 8;
    }

    /** The name in reports and {@link SignerIdentity#extensions()}, e.g. {@code sourceRepositoryUri}. */
    public String id() {
        return id;
    }

    public String oid() {
        return oid;
    }

    public boolean isDerEncoded() {
        return derEncoded;
    }
}
