package dev.airlock.rules;

import dev.airlock.verify.finding.Coordinates;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The {@code <excludes>} of a rule: patterns {@code groupId[:artifactId[:version]]} in which {@code *} matches any
 * characters inside a segment; missing segments match everything. Several patterns may be given in one element,
 * comma-separated.
 */
final class ExcludePatterns {
    private final List<Pattern[]> patterns;

    private ExcludePatterns(List<Pattern[]> patterns) {
        this.patterns = patterns;
    }

    static ExcludePatterns parse(List<String> values) {
        List<Pattern[]> out = new ArrayList<>();
        if (values != null) {
            for (String v : values) {
                for (String raw : v.split(",")) {
                    String p = raw.strip();
                    if (p.isEmpty()) {
                        continue;
                    }
                    String[] parts = p.split(":", -1);
                    if (parts.length > 3) {
                        throw new IllegalArgumentException("'" + p + "' is not groupId[:artifactId[:version]]");
                    }
                    Pattern[] compiled = new Pattern[3];
                    for (int i = 0; i < parts.length; i++) {
                        if (parts[i].isEmpty()) {
                            throw new IllegalArgumentException("'" + p + "' has an empty segment; use * to match"
                                    + " anything");
                        }
                        compiled[i] = glob(parts[i]);
                    }
                    out.add(compiled);
                }
            }
        }
        return new ExcludePatterns(out);
    }

    private static Pattern glob(String segment) {
        String[] pieces = segment.split("\\*", -1);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < pieces.length; i++) {
            if (i > 0) {
                sb.append(".*");
            }
            sb.append(Pattern.quote(pieces[i]));
        }
        return Pattern.compile(sb.toString());
    }

    boolean matches(Coordinates c) {
        for (Pattern[] p : patterns) {
            if (p[0].matcher(c.groupId()).matches() && (p[1] == null || p[1].matcher(c.artifactId()).matches())
                    && (p[2] == null || p[2].matcher(c.version()).matches())) {
                return true;
            }
        }
        return false;
    }
}
