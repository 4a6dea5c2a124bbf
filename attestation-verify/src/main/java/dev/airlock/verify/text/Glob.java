package dev.airlock.verify.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A plain glob: {@code *} matches any run of characters (none included, {@code /}, {@code @} and {@code .} included);
 * every other character matches itself, case-sensitively. Used for policy values ({@code san=}, {@code builder=},
 * ...), policy patterns and coordinate patterns ({@code <excludes>}).
 *
 * <p>Matched without regular expressions and without backtracking over stars: the text must start with the part
 * before the first {@code *} and end with the part after the last one, and the parts between must occur in order,
 * each at its leftmost place after the previous one (for {@code *}-only globs the leftmost place is always as good as
 * any later one). Each literal part is searched for once, from where the previous one ended: at worst the length of
 * the text times the length of the glob, linear in the length of the text for a given glob, whatever the glob. ({@code java.util.regex} backtracks: {@code *a*a*a*a*a*a*b} took seconds on 60
 * characters, with eight {@code *a} it did not finish.)
 *
 * <p>Immutable and thread-safe.
 */
public final class Glob {
    private final String text;
    private final String prefix;
    private final String suffix;
    private final List<String> middle;
    private final boolean hasStar;
    private final int minLength;

    private Glob(String text) {
        this.text = text;
        List<String> parts = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '*') {
                parts.add(text.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(text.substring(start));
        this.hasStar = parts.size() > 1;
        this.prefix = parts.get(0);
        this.suffix = hasStar ? parts.get(parts.size() - 1) : "";
        List<String> m = new ArrayList<>();
        for (int i = 1; i < parts.size() - 1; i++) {
            if (!parts.get(i).isEmpty()) {
                m.add(parts.get(i));
            }
        }
        this.middle = List.copyOf(m);
        int min = prefix.length() + suffix.length();
        for (String s : middle) {
            min += s.length();
        }
        this.minLength = min;
    }

    /** Compiles a glob; any string is a valid glob. */
    public static Glob of(String glob) {
        return new Glob(Objects.requireNonNull(glob, "glob"));
    }

    /** True when the whole of {@code s} matches. */
    public boolean matches(String s) {
        if (s == null) {
            return false;
        }
        if (!hasStar) {
            return text.equals(s);
        }
        if (s.length() < minLength || !s.startsWith(prefix) || !s.endsWith(suffix)) {
            return false;
        }
        int from = prefix.length();
        int end = s.length() - suffix.length();
        for (String part : middle) {
            int at = s.indexOf(part, from);
            if (at < 0 || at + part.length() > end) {
                return false;
            }
            from = at + part.length();
        }
        return true;
    }

    /** True for a glob of stars only ({@code *}, {@code **}), which matches every string. */
    public boolean matchesEverything() {
        return hasStar && minLength == 0;
    }

    /** True when the glob has a {@code *}. */
    public boolean hasWildcard() {
        return hasStar;
    }

    /** The glob as written. */
    public String text() {
        return text;
    }

    @Override
    public String toString() {
        return text;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Glob g && g.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }
}
