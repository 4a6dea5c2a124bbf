package dev.airlock.verify.policy;

import java.util.Objects;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * How a policy value ({@code san=}, {@code issuer=}, {@code repository=}, {@code builder=}, {@code source=},
 * {@code ref=}, {@code buildType=}) is compared with what a signature or provenance says (design.md, "Trust policy
 * file"):
 * <ul>
 *   <li>exact: the value as written (the default);</li>
 *   <li>glob: a value containing {@code *}, where each {@code *} matches any run of characters, including {@code /}
 *       and {@code @}; every other character is literal;</li>
 *   <li>regex: a value {@code regex:<java regex>}, matched against the whole fact (anchored at both ends).</li>
 * </ul>
 * Matching is case-sensitive. A null fact never matches.
 */
public final class ValueMatcher {
    /** The prefix of a regular-expression value. */
    public static final String REGEX_PREFIX = "regex:";

    /** The three ways of matching. */
    public enum Kind {
        EXACT, GLOB, REGEX
    }

    private final String text;
    private final Kind kind;
    private final Pattern pattern;
    private final String exact;
    private final UnaryOperator<String> normaliser;

    private ValueMatcher(String text, Kind kind, Pattern pattern, String exact, UnaryOperator<String> normaliser) {
        this.text = text;
        this.kind = kind;
        this.pattern = pattern;
        this.exact = exact;
        this.normaliser = normaliser;
    }

    /**
     * Compiles a value as written in the policy.
     *
     * @throws PatternSyntaxException for a bad {@code regex:} value
     * @throws IllegalArgumentException for an empty {@code regex:} value
     */
    public static ValueMatcher of(String text) {
        return of(text, UnaryOperator.identity());
    }

    /**
     * Compiles a value whose facts are normalised first (the {@code source} key: see {@link SourceUri}). Exact and
     * glob values are normalised the same way; a {@code regex:} value is matched against the normalised fact as
     * written.
     */
    static ValueMatcher of(String text, UnaryOperator<String> normaliser) {
        Objects.requireNonNull(text, "text");
        if (text.startsWith(REGEX_PREFIX)) {
            String regex = text.substring(REGEX_PREFIX.length());
            if (regex.isEmpty()) {
                throw new IllegalArgumentException("empty regular expression after 'regex:'");
            }
            return new ValueMatcher(text, Kind.REGEX, Pattern.compile(regex), null, normaliser);
        }
        String value = normaliser.apply(text);
        if (value.indexOf('*') >= 0) {
            return new ValueMatcher(text, Kind.GLOB, Pattern.compile(globToRegex(value), Pattern.DOTALL), null,
                    normaliser);
        }
        return new ValueMatcher(text, Kind.EXACT, null, value, normaliser);
    }

    /** {@code *} matches any characters; everything else is quoted. Written by hand: the JDK has no plain glob. */
    static String globToRegex(String glob) {
        StringBuilder sb = new StringBuilder();
        int start = 0;
        for (int i = 0; i < glob.length(); i++) {
            if (glob.charAt(i) == '*') {
                if (i > start) {
                    sb.append(Pattern.quote(glob.substring(start, i)));
                }
                sb.append(".*");
                start = i + 1;
            }
        }
        if (start < glob.length()) {
            sb.append(Pattern.quote(glob.substring(start)));
        }
        return sb.toString();
    }

    /** True when the fact (a SAN, issuer, builder id, ...) satisfies this value. */
    public boolean matches(String fact) {
        if (fact == null) {
            return false;
        }
        String f = normaliser.apply(fact);
        return switch (kind) {
            case EXACT -> exact.equals(f);
            case GLOB, REGEX -> pattern.matcher(f).matches();
        };
    }

    public Kind kind() {
        return kind;
    }

    /** The value as written in the policy. */
    public String text() {
        return text;
    }

    @Override
    public String toString() {
        return text;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ValueMatcher m && m.text.equals(text) && m.kind == kind;
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }
}
