package dev.airlock.rules;

import dev.airlock.verify.artifact.ArtifactPattern;
import dev.airlock.verify.finding.Coordinates;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code <excludes>} of a rule: {@link ArtifactPattern}s ({@code groupId[:artifactId[:version]]} or
 * {@code groupId:artifactId:extension[:classifier]:version}, {@code *} inside a segment). Several patterns may be
 * given in one element, comma-separated.
 */
final class ExcludePatterns {
    private final List<String> texts;
    private final List<ArtifactPattern> patterns;

    private ExcludePatterns(List<String> texts, List<ArtifactPattern> patterns) {
        this.texts = texts;
        this.patterns = patterns;
    }

    static ExcludePatterns parse(List<String> values) {
        List<String> texts = new ArrayList<>();
        List<ArtifactPattern> out = new ArrayList<>();
        if (values != null) {
            for (String v : values) {
                for (String raw : v.split(",")) {
                    if (!raw.isBlank()) {
                        texts.add(raw.strip());
                        out.add(ArtifactPattern.parse(raw.strip()));
                    }
                }
            }
        }
        return new ExcludePatterns(texts, out);
    }

    boolean matches(Coordinates c) {
        return patterns.stream().anyMatch(p -> p.matches(c));
    }

    /** The patterns as written, for verifiers that also apply them (an SBOM's entries). */
    List<String> texts() {
        return texts;
    }
}
