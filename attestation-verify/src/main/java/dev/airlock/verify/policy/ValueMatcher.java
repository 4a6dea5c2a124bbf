package dev.airlock.verify.policy;

import dev.airlock.verify.text.Glob;
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
 *       and {@code @}; every other character is literal ({@link Glob}: no regular expression, linear in the fact);</li>
 *   <li>regex: a value {@code regex:<java regex>}, matched against the whole fact (anchored at both ends), with a
 *       bounded number of steps ({@link #REGEX_STEPS}): an expression that backtracks catastrophically does not
 *       match, instead of keeping the build busy for ever.</li>
 * </ul>
 * Matching is case-sensitive. A null fact never matches.
 */
public final class ValueMatcher {
    /** The prefix of a regular-expression value. */
    public static final String REGEX_PREFIX = "regex:";

    /**
     * How many characters a {@code regex:} value may read from one fact (counting every re-read of a backtracking
     * match): far more than any sensible expression needs on a SAN, a URI or a ref (a few thousand), and a few
     * milliseconds of work. A match that needs more is taken as no match: the policy allows nothing it cannot decide.
     */
    public static final int REGEX_STEPS = 1_000_000;

    /** The three ways of matching. */
    public enum Kind {
        EXACT, GLOB, REGEX
    }

    private final String text;
    private final Kind kind;
    private final Pattern pattern;
    private final Glob glob;
    private final String exact;
    private final UnaryOperator<String> normaliser;

    private ValueMatcher(String text, Kind kind, Pattern pattern, Glob glob, String exact,
            UnaryOperator<String> normaliser) {
        this.text = text;
        this.kind = kind;
        this.pattern = pattern;
        this.glob = glob;
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
            return new ValueMatcher(text, Kind.REGEX, Pattern.compile(regex), null, null, normaliser);
        }
        String value = normaliser.apply(text);
        if (value.indexOf('*') >= 0) {
            return new ValueMatcher(text, Kind.GLOB, null, Glob.of(value), null, normaliser);
        }
        return new ValueMatcher(text, Kind.EXACT, null, null, value, normaliser);
    }

    /** True when the fact (a SAN, issuer, builder id, ...) satisfies this value. */
    public boolean matches(String fact) {
        if (fact == null) {
            return false;
        }
        String f = normaliser.apply(fact);
        return switch (kind) {
            case EXACT -> exact.equals(f);
            case GLOB -> glob.matches(f);
            case REGEX -> regexMatches(pattern, f);
        };
    }

    /** {@code pattern} against the whole of {@code fact}, reading at most {@link #REGEX_STEPS} characters. */
    static boolean regexMatches(Pattern pattern, String fact) {
        try {
            return pattern.matcher(new Bounded(fact, new int[] {REGEX_STEPS})).matches();
        } catch (StepsExceeded | StackOverflowError e) {
            return false;
        }
    }

    /** Thrown by {@link Bounded} when the budget is spent; no stack trace (it is control flow). */
    private static final class StepsExceeded extends RuntimeException {
        private static final long serialVersionUID = 1L;

        StepsExceeded() {
            super("regular expression step budget spent", null, false, false);
        }
    }

    /** A string that counts the characters read from it against a shared budget. */
    private static final class Bounded implements CharSequence {
        private final String s;
        private final int[] left;

        Bounded(String s, int[] left) {
            this.s = s;
            this.left = left;
        }

        @Override
        public int length() {
            return s.length();
        }

        @Override
        public char charAt(int index) {
            if (--left[0] < 0) {
                throw new StepsExceeded();
            }
            return s.charAt(index);
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return new Bounded(s.substring(start, end), left);
        }

        @Override
        public String toString() {
            return s;
        }
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
