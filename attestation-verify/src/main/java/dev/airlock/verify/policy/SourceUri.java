package dev.airlock.verify.policy;

import java.util.Locale;

/**
 * The normalisation of source repository URIs that the {@code source=} key of a {@code slsa} line and the facts of
 * a provenance share (design.md: "{@code source} is the repository URI without a ref, normalised ({@code git+}
 * prefix, {@code .git} suffix and trailing {@code /} ignored)"). Provenance writes the same repository as
 * {@code git+https://github.com/acme/lib@refs/tags/v1.2}, {@code https://github.com/acme/lib.git} or
 * {@code https://github.com/acme/lib}; all three normalise to {@code https://github.com/acme/lib}.
 *
 * <p>Rules, in order: a leading {@code git+} is dropped; the scheme and host are lower-cased (they are
 * case-insensitive); trailing {@code /} are dropped; one trailing {@code .git} is dropped; trailing {@code /} are
 * dropped again. Nothing else changes (the path keeps its case).
 */
public final class SourceUri {
    private SourceUri() {}

    /**
     * A repository URI split into the repository and the ref it names, if any.
     *
     * @param repository the normalised repository, e.g. {@code https://github.com/acme/lib}
     * @param ref the ref after {@code @}, e.g. {@code refs/tags/v1.2}; null when the URI names none
     */
    public record Split(String repository, String ref) {}

    /**
     * Normalises a repository URI that carries no ref (the policy side, or a provenance field that is only the
     * repository). An {@code @} in it is kept: use {@link #split(String)} for URIs that may end in {@code @ref}.
     */
    public static String normalise(String uri) {
        if (uri == null) {
            return null;
        }
        String s = uri.strip();
        if (s.startsWith("git+")) {
            s = s.substring(4);
        }
        int scheme = s.indexOf("://");
        if (scheme > 0) {
            int hostEnd = s.indexOf('/', scheme + 3);
            if (hostEnd < 0) {
                hostEnd = s.length();
            }
            s = s.substring(0, hostEnd).toLowerCase(Locale.ROOT) + s.substring(hostEnd);
        }
        s = stripSlashes(s);
        if (s.endsWith(".git")) {
            s = s.substring(0, s.length() - 4);
        }
        return stripSlashes(s);
    }

    /**
     * Splits a provenance URI such as {@code git+https://github.com/acme/lib@refs/tags/v1.2} into the normalised
     * repository and the ref. The ref starts after the first {@code @} that follows the host (the start of the
     * path; without a scheme, the first {@code /}): an {@code @} in a user-info part is no ref separator, and a
     * ref may itself hold {@code @} (a monorepo tag such as {@code refs/tags/@acme/lib@1.2.0} is one ref), while
     * repository paths on the forges provenance names (GitHub, GitLab) never do. slsa-verifier splits the same
     * way (its {@code ParseGitURIAndRef} cuts at the first {@code @}). An {@code @} with nothing after it names no
     * ref.
     */
    public static Split split(String uri) {
        if (uri == null) {
            return new Split(null, null);
        }
        String s = uri.strip();
        int scheme = s.indexOf("://");
        int pathStart = scheme > 0 ? s.indexOf('/', scheme + 3) : s.indexOf('/');
        int at = pathStart < 0 ? -1 : s.indexOf('@', pathStart);
        if (at < 0) {
            return new Split(normalise(s), null);
        }
        String ref = s.substring(at + 1);
        return new Split(normalise(s.substring(0, at)), ref.isEmpty() ? null : ref);
    }

    private static String stripSlashes(String s) {
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == '/') {
            end--;
        }
        return s.substring(0, end);
    }
}
