package dev.airlock.verify.sigstore;

/**
 * Whether a verified signer is the one a policy line {@code sigstore san=<v> issuer=<v> [repository=<v>]} allows.
 * Values match as {@link PolicyValue} says. {@code repository} is compared with the certificate's
 * {@code sourceRepositoryUri} extension, both normalised as design.md says for sources ({@code git+} prefix,
 * {@code .git} suffix and trailing {@code /} ignored) when the policy value is exact.
 */
public final class IdentityMatcher {
    private IdentityMatcher() {}

    /**
     * @param san the policy's {@code san=} value
     * @param issuer the policy's {@code issuer=} value
     * @param repository the policy's {@code repository=} value, or null when the line has none
     */
    public static boolean matches(String san, String issuer, String repository, SignerIdentity id) {
        if (!PolicyValue.of(san).matches(id.san()) || !PolicyValue.of(issuer).matches(id.issuer())) {
            return false;
        }
        if (repository == null) {
            return true;
        }
        PolicyValue repo = PolicyValue.of(repository);
        String actual = id.sourceRepositoryUri() == null ? null : SourceUri.parse(id.sourceRepositoryUri()).uri();
        return repo.isExact() ? SourceUri.parse(repository).uri().equals(actual) : repo.matches(actual);
    }
}
