package dev.airlock.verify.policy;

import dev.airlock.verify.finding.Coordinates;
import dev.airlock.verify.text.Glob;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The {@code <pattern>} of a policy line: {@code groupId[:artifactId[:version]]}, where {@code *} inside a segment
 * matches any characters of that segment (a pure glob: {@code org.apache.*} matches {@code org.apache.maven} but
 * not {@code org.apache}), and {@code *} alone is the default that matches everything. Matching is case-sensitive,
 * against the artifact's groupId, artifactId and version (extension and classifier are not part of a pattern).
 *
 * <p>Specificity (which pattern decides when several match) is the order of {@link #SPECIFICITY}, most specific
 * first: more segments; then fewer {@code *}; then more literal (non-{@code *}) characters; then, segment by
 * segment from the groupId on, more literal characters in that segment. Patterns equal on all of these are equally
 * specific: their lines are alternatives together (docs/policy.md).
 */
public final class PolicyPattern {
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_.+~*-]+");

    /** Most specific first. */
    public static final Comparator<PolicyPattern> SPECIFICITY = (a, b) -> {
        int c = Integer.compare(b.segments.size(), a.segments.size());
        if (c != 0) {
            return c;
        }
        c = Integer.compare(a.wildcards, b.wildcards);
        if (c != 0) {
            return c;
        }
        c = Integer.compare(b.literals, a.literals);
        if (c != 0) {
            return c;
        }
        for (int i = 0; i < a.segments.size(); i++) {
            c = Integer.compare(literals(b.segments.get(i)), literals(a.segments.get(i)));
            if (c != 0) {
                return c;
            }
        }
        return 0;
    };

    private final String text;
    private final List<String> segments;
    private final List<Glob> matchers;
    private final int wildcards;
    private final int literals;

    private PolicyPattern(String text, List<String> segments) {
        this.text = text;
        this.segments = List.copyOf(segments);
        List<Glob> m = new ArrayList<>();
        int w = 0;
        int l = 0;
        for (String s : segments) {
            m.add(Glob.of(s));
            w += s.length() - literals(s);
            l += literals(s);
        }
        this.matchers = List.copyOf(m);
        this.wildcards = w;
        this.literals = l;
    }

    private static int literals(String segment) {
        int n = 0;
        for (int i = 0; i < segment.length(); i++) {
            if (segment.charAt(i) != '*') {
                n++;
            }
        }
        return n;
    }

    /**
     * Parses a pattern.
     *
     * @throws IllegalArgumentException with a message saying what is wrong (the parser adds where and the fix)
     */
    public static PolicyPattern parse(String text) {
        if (text.equals("*")) {
            return new PolicyPattern(text, List.of("*"));
        }
        String[] parts = text.split(":", -1);
        if (parts.length > 3) {
            throw new IllegalArgumentException("pattern '" + text + "' has " + parts.length
                    + " segments; a pattern is groupId[:artifactId[:version]] (extension and classifier are not"
                    + " part of it)");
        }
        List<String> segments = new ArrayList<>();
        for (String p : parts) {
            if (p.isEmpty()) {
                throw new IllegalArgumentException("pattern '" + text + "' has an empty segment");
            }
            if (!SEGMENT.matcher(p).matches()) {
                throw new IllegalArgumentException("pattern '" + text + "' contains characters that cannot occur in"
                        + " Maven coordinates (allowed: letters, digits, '.', '_', '-', '+', '~' and the wildcard '*')");
            }
            segments.add(p);
        }
        if (segments.get(0).equals("*")) {
            throw new IllegalArgumentException("pattern '" + text + "' has the groupId '*': with more segments it"
                    + " would outrank every groupId pattern (more segments beat fewer)");
        }
        return new PolicyPattern(text, segments);
    }

    /** True for {@code *}, the default. */
    public boolean isDefault() {
        return text.equals("*");
    }

    public boolean matches(Coordinates c) {
        if (isDefault()) {
            return true;
        }
        String[] values = {c.groupId(), c.artifactId(), c.version()};
        for (int i = 0; i < matchers.size(); i++) {
            if (!matchers.get(i).matches(values[i])) {
                return false;
            }
        }
        return true;
    }

    /** Number of segments (1 to 3; the default counts as one). */
    public int segmentCount() {
        return segments.size();
    }

    /** Number of {@code *} characters. */
    public int wildcardCount() {
        return wildcards;
    }

    public String text() {
        return text;
    }

    @Override
    public String toString() {
        return text;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PolicyPattern p && p.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }
}
