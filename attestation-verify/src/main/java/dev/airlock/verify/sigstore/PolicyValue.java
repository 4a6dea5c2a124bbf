package dev.airlock.verify.sigstore;

import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A value of the trust policy ({@code san=}, {@code issuer=}, {@code repository=}, {@code builder=},
 * {@code source=}, {@code ref=}, {@code buildType=}) as design.md defines its matching: exact; a value containing
 * {@code *} is a glob in which {@code *} matches any characters, {@code /} and {@code @} included; a value starting
 * with {@code regex:} is a Java regular expression matched against the whole value (anchored).
 */
public final class PolicyValue {
    private final String raw;
    private final Pattern pattern;

    private PolicyValue(String raw, Pattern pattern) {
        this.raw = raw;
        this.pattern = pattern;
    }

    /**
     * Parses a policy value.
     *
     * @throws IllegalArgumentException for an empty value or an invalid {@code regex:} (the message says where)
     */
    public static PolicyValue of(String raw) {
        Objects.requireNonNull(raw, "raw");
        if (raw.isEmpty()) {
            throw new IllegalArgumentException("empty value");
        }
        if (raw.startsWith("regex:")) {
            try {
                return new PolicyValue(raw, Pattern.compile(raw.substring("regex:".length())));
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("invalid regex '" + e.getPattern() + "' at index " + e.getIndex()
                        + ": " + e.getDescription(), e);
            }
        }
        if (raw.indexOf('*') >= 0) {
            StringBuilder re = new StringBuilder();
            int start = 0;
            for (int i = raw.indexOf('*'); i >= 0; i = raw.indexOf('*', start)) {
                if (i > start) {
                    re.append(Pattern.quote(raw.substring(start, i)));
                }
                re.append(".*");
                start = i + 1;
            }
            if (start < raw.length()) {
                re.append(Pattern.quote(raw.substring(start)));
            }
            return new PolicyValue(raw, Pattern.compile(re.toString(), Pattern.DOTALL));
        }
        return new PolicyValue(raw, null);
    }

    /** True when {@code actual} (null never matches) is this value, matches this glob, or matches this regex. */
    public boolean matches(String actual) {
        if (actual == null) {
            return false;
        }
        return pattern == null ? raw.equals(actual) : pattern.matcher(actual).matches();
    }

    /** True for an exact value (neither glob nor regex). */
    public boolean isExact() {
        return pattern == null;
    }

    /** The value as written. */
    public String raw() {
        return raw;
    }

    @Override
    public String toString() {
        return raw;
    }
}
