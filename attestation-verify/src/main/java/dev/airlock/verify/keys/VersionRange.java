package dev.airlock.verify.keys;

import java.util.ArrayList;
import java.util.List;

/**
 * A Maven version range of a keys-map item: one or more sets such as {@code [1.0,2.0)}, {@code (,1.7]},
 * {@code [1.0]}, {@code (,1.0],[1.2,)}. Parsed here by hand rather than with maven-artifact's {@code VersionRange}
 * because this library must not depend on Maven; versions are compared with the caller's {@link VersionOrder}. Like
 * Maven: a single version must be written {@code [v]}, bounds may not be reversed, sets may not overlap (touching at
 * one inclusive bound is allowed) and are separated by commas.
 */
final class VersionRange {
    /** One set; a null bound is unbounded. */
    private record Restriction(String lower, boolean lowerInclusive, String upper, boolean upperInclusive) {}

    /** A malformed range: the offset in the spec and the problem. */
    static final class Malformed extends Exception {
        private static final long serialVersionUID = 1L;
        final int offset;

        Malformed(int offset, String problem) {
            super(problem);
            this.offset = offset;
        }
    }

    private final List<Restriction> restrictions;

    private VersionRange(List<Restriction> restrictions) {
        this.restrictions = List.copyOf(restrictions);
    }

    static VersionRange parse(String spec, VersionOrder order) throws Malformed {
        List<Restriction> out = new ArrayList<>();
        int n = spec.length();
        int i = skip(spec, 0);
        while (true) {
            if (i >= n) {
                throw new Malformed(i, out.isEmpty() ? "the version range is empty" : "a ',' is not followed by a range");
            }
            char open = spec.charAt(i);
            if (open != '[' && open != '(') {
                throw new Malformed(i, "expected '[' or '(' to start a range, found '" + open + "'");
            }
            int close = -1;
            for (int j = i + 1; j < n; j++) {
                char c = spec.charAt(j);
                if (c == ']' || c == ')') {
                    close = j;
                    break;
                }
                if (c == '[' || c == '(') {
                    break;
                }
            }
            if (close < 0) {
                throw new Malformed(i, "the range that starts here is not closed with ']' or ')'");
            }
            boolean lowerInclusive = open == '[';
            boolean upperInclusive = spec.charAt(close) == ']';
            String inner = spec.substring(i + 1, close);
            int comma = inner.indexOf(',');
            Restriction r;
            if (comma < 0) {
                String v = inner.strip();
                if (v.isEmpty()) {
                    throw new Malformed(i, "the range '" + spec.substring(i, close + 1) + "' holds no version");
                }
                if (!lowerInclusive || !upperInclusive) {
                    throw new Malformed(i, "a single version must be written [" + v + "], not '"
                            + spec.substring(i, close + 1) + "'");
                }
                checkVersion(v, i + 1);
                r = new Restriction(v, true, v, true);
            } else {
                if (inner.indexOf(',', comma + 1) >= 0) {
                    throw new Malformed(i + 1 + inner.indexOf(',', comma + 1), "a range has two bounds, this one has"
                            + " more: '" + spec.substring(i, close + 1) + "'");
                }
                String lo = inner.substring(0, comma).strip();
                String hi = inner.substring(comma + 1).strip();
                if (lo.isEmpty() && hi.isEmpty()) {
                    throw new Malformed(i, "the range '" + spec.substring(i, close + 1) + "' has no bound");
                }
                if (!lo.isEmpty()) {
                    checkVersion(lo, i + 1);
                }
                if (!hi.isEmpty()) {
                    checkVersion(hi, i + 2 + comma);
                }
                if (!lo.isEmpty() && !hi.isEmpty()) {
                    int c = order.compare(hi, lo);
                    if (c < 0 || (c == 0 && !(lowerInclusive && upperInclusive))) {
                        throw new Malformed(i, "the range '" + spec.substring(i, close + 1) + "' is empty (its lower"
                                + " bound is not below its upper bound)");
                    }
                }
                r = new Restriction(lo.isEmpty() ? null : lo, lowerInclusive, hi.isEmpty() ? null : hi,
                        upperInclusive);
            }
            if (!out.isEmpty()) {
                Restriction prev = out.get(out.size() - 1);
                if (prev.upper() == null || r.lower() == null || order.compare(r.lower(), prev.upper()) < 0) {
                    throw new Malformed(i, "the range '" + spec.substring(i, close + 1) + "' overlaps the one before"
                            + " it (write the sets in ascending order, without overlap)");
                }
            }
            out.add(r);
            i = skip(spec, close + 1);
            if (i >= n) {
                break;
            }
            if (spec.charAt(i) != ',') {
                throw new Malformed(i, "expected ',' between ranges, found '" + spec.charAt(i) + "'");
            }
            i = skip(spec, i + 1);
        }
        return new VersionRange(out);
    }

    private static int skip(String s, int i) {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    private static void checkVersion(String v, int offset) throws Malformed {
        for (int k = 0; k < v.length(); k++) {
            char c = v.charAt(k);
            if (Character.isWhitespace(c) || c == '*') {
                throw new Malformed(offset, "the version '" + v + "' holds '" + (c == '*' ? "*" : " ")
                        + "', which a version range cannot");
            }
        }
    }

    boolean contains(String version, VersionOrder order) {
        for (Restriction r : restrictions) {
            if (r.lower() != null) {
                int c = order.compare(version, r.lower());
                if (c < 0 || (c == 0 && !r.lowerInclusive())) {
                    continue;
                }
            }
            if (r.upper() != null) {
                int c = order.compare(version, r.upper());
                if (c > 0 || (c == 0 && !r.upperInclusive())) {
                    continue;
                }
            }
            return true;
        }
        return false;
    }
}
