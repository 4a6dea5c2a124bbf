package dev.airlock.rules;

import dev.airlock.verify.finding.Coordinates;
import dev.airlock.verify.policy.PolicyPattern;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code <excludes>} of a rule: patterns of the trust policy's syntax, {@code groupId[:artifactId[:version]]},
 * in which {@code *} matches any characters inside a segment ({@link PolicyPattern}). Several patterns may be given
 * in one element, comma-separated.
 */
final class ExcludePatterns {
    private final List<PolicyPattern> patterns;

    private ExcludePatterns(List<PolicyPattern> patterns) {
        this.patterns = patterns;
    }

    static ExcludePatterns parse(List<String> values) {
        List<PolicyPattern> out = new ArrayList<>();
        if (values != null) {
            for (String v : values) {
                for (String raw : v.split(",")) {
                    if (!raw.isBlank()) {
                        out.add(PolicyPattern.parse(raw.strip()));
                    }
                }
            }
        }
        return new ExcludePatterns(out);
    }

    boolean matches(Coordinates c) {
        return patterns.stream().anyMatch(p -> p.matches(c));
    }
}
