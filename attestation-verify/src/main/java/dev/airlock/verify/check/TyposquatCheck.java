package dev.airlock.verify.check;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Whether a groupId looks like one the build trusts without being it: {@code com.fasterxm1.jackson} for
 * {@code com.fasterxml.jackson}, {@code com.acrne} for {@code com.acme}. The trusted names are the literal groupId
 * prefixes of the trust policy's patterns and of {@code airlock.namespaces}. A groupId equal to a trusted name, or
 * below it, is that name; otherwise its first segments (as many as the trusted name has) are compared: the same
 * after folding look-alike characters ({@code 0/o}, {@code 1/l/i}, {@code rn/m}, {@code vv/w}, {@code -/_/.}), or an
 * edit distance (insert, delete, substitute, swap) of 1 for names of 6 characters or more, 2 from 12. Written by
 * hand: a few lines of string comparison.
 */
public final class TyposquatCheck {
    private final List<String> trusted;
    /** Answers by groupId: a closure has a few dozen groupIds for hundreds of artifacts. */
    private final Map<String, Optional<String>> answers = new ConcurrentHashMap<>();

    /** @param trustedGroups groupIds or groupId patterns ({@code com.acme.*}); wildcards cut the name there */
    public TyposquatCheck(Collection<String> trustedGroups) {
        Set<String> names = new LinkedHashSet<>();
        for (String t : trustedGroups) {
            String n = t.strip();
            int star = n.indexOf('*');
            if (star >= 0) {
                n = n.substring(0, star);
            }
            while (n.endsWith(".")) {
                n = n.substring(0, n.length() - 1);
            }
            if (n.length() >= 4 && n.contains(".")) {
                names.add(n.toLowerCase(Locale.ROOT));
            }
        }
        this.trusted = new ArrayList<>(names);
    }

    /** The trusted name {@code groupId} resembles, if it resembles one it is not. */
    public Optional<String> resembles(String groupId) {
        return answers.computeIfAbsent(groupId, this::judge);
    }

    private Optional<String> judge(String groupId) {
        String g = groupId.toLowerCase(Locale.ROOT);
        for (String t : trusted) {
            if (g.equals(t) || g.startsWith(t + ".")) {
                return Optional.empty(); // it is a trusted name (or below one): nothing to suspect
            }
        }
        for (String t : trusted) {
            String head = head(g, t.split("\\.").length);
            if (head.equals(t)) {
                continue;
            }
            // the distance is at least the difference in length: most pairs need no table
            if (fold(head).equals(fold(t))
                    || (Math.abs(head.length() - t.length()) <= allowed(t) && distance(head, t) <= allowed(t))) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    public boolean isEmpty() {
        return trusted.isEmpty();
    }

    private static int allowed(String t) {
        return t.length() >= 12 ? 2 : t.length() >= 6 ? 1 : 0;
    }

    private static String head(String g, int segments) {
        String[] p = g.split("\\.");
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < Math.min(segments, p.length); i++) {
            if (i > 0) {
                sb.append('.');
            }
            sb.append(p[i]);
        }
        return sb.toString();
    }

    static String fold(String s) {
        return s.replace("rn", "m").replace("vv", "w").replace('0', 'o').replace('1', 'l').replace('i', 'l')
                .replace('-', '.').replace('_', '.');
    }

    /** Optimal string alignment distance (Damerau-Levenshtein with adjacent swaps). */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
