package dev.airlock.verify.sigstore;

import java.util.Objects;

/**
 * A source repository URI as provenance writes it ({@code git+https://github.com/acme/lib@refs/tags/v1}), split
 * into the repository URI normalised as design.md says for the policy's {@code source=} (the {@code git+} prefix, a
 * {@code .git} suffix and a trailing {@code /} ignored) and the ref ({@code refs/tags/v1}; null when absent).
 *
 * @param uri the normalised repository URI, e.g. {@code https://github.com/acme/lib}
 * @param ref the ref after {@code @}, or null
 */
public record SourceUri(String uri, String ref) {
    public SourceUri {
        Objects.requireNonNull(uri, "uri");
    }

    /** Splits and normalises; never throws (a value that is no URI is kept as it is, trimmed). */
    public static SourceUri parse(String raw) {
        String s = Objects.requireNonNull(raw, "raw").trim();
        if (s.startsWith("git+")) {
            s = s.substring(4);
        }
        String ref = null;
        int scheme = s.indexOf("://");
        int pathStart = scheme < 0 ? 0 : s.indexOf('/', scheme + 3);
        if (pathStart >= 0) {
            int at = s.indexOf('@', pathStart);
            if (at >= 0) {
                ref = s.substring(at + 1);
                s = s.substring(0, at);
                if (ref.isEmpty()) {
                    ref = null;
                }
            }
        }
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        if (s.endsWith(".git")) {
            s = s.substring(0, s.length() - 4);
        }
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        return new SourceUri(s, ref);
    }

    /** The normalised repository URI of {@code raw}, without its ref. */
    public static String normalise(String raw) {
        return parse(raw).uri();
    }
}
