package dev.airlock.verify.artifact;

import dev.airlock.verify.finding.Coordinates;
import dev.airlock.verify.text.Glob;

/**
 * A coordinate pattern of {@code <excludes>}: {@code groupId}, {@code groupId:artifactId},
 * {@code groupId:artifactId:version}, {@code groupId:artifactId:extension:version} or
 * {@code groupId:artifactId:extension:classifier:version} (Airlock's coordinate notation); {@code *} inside a segment
 * matches any characters ({@code org.apache.*}, {@code *:*-maven-plugin}). Missing trailing segments match anything.
 * A 4-segment pattern matches artifacts without a classifier only. Matched with {@link Glob} (linear in the
 * coordinates, no regular expressions).
 */
public final class ArtifactPattern {
    private final String text;
    private final Glob group;
    private final Glob artifact;
    private final Glob extension;
    private final Glob classifier;
    private final Glob version;

    private ArtifactPattern(String text, String[] p) {
        this.text = text;
        this.group = glob(p[0]);
        this.artifact = p.length > 1 ? glob(p[1]) : null;
        switch (p.length) {
            case 1, 2 -> {
                extension = null;
                classifier = null;
                version = null;
            }
            case 3 -> {
                extension = null;
                classifier = null;
                version = glob(p[2]);
            }
            case 4 -> {
                extension = glob(p[2]);
                classifier = Glob.of("");
                version = glob(p[3]);
            }
            default -> {
                extension = glob(p[2]);
                classifier = glob(p[3]);
                version = glob(p[4]);
            }
        }
    }

    /**
     * @throws IllegalArgumentException naming the pattern and what is wrong
     */
    public static ArtifactPattern parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("an exclude pattern is empty");
        }
        String t = text.strip();
        String[] p = t.split(":", -1);
        if (p.length > 5) {
            throw new IllegalArgumentException("exclude pattern '" + t + "' has " + p.length + " segments; use"
                    + " groupId[:artifactId[:version]] or groupId:artifactId:extension[:classifier]:version");
        }
        for (String s : p) {
            if (s.isEmpty() || !s.matches("[A-Za-z0-9_.+~*-]+")) {
                throw new IllegalArgumentException("exclude pattern '" + t + "' has an empty or invalid segment '" + s
                        + "' (letters, digits, '.', '_', '-', '+', '~' and the wildcard '*')");
            }
        }
        return new ArtifactPattern(t, p);
    }

    public boolean matches(Coordinates c) {
        return matches(c.groupId(), c.artifactId(), c.extension(), c.classifier(), c.version());
    }

    /**
     * Coordinates whose extension and classifier are unknown (an SBOM entry without purl qualifiers) match only
     * patterns that do not constrain them.
     */
    public boolean matchesWithoutExtension(String groupId, String artifactId, String version) {
        if (extension != null && !(extension.matchesEverything() && classifier.matchesEverything())) {
            return false;
        }
        return matches(groupId, artifactId, null, null, version);
    }

    private boolean matches(String g, String a, String ext, String cls, String v) {
        return group.matches(g)
                && (artifact == null || artifact.matches(a))
                && (extension == null || ext == null || extension.matches(ext))
                && (classifier == null || cls == null || classifier.matches(cls))
                && (version == null || version.matches(v));
    }

    private static Glob glob(String s) {
        return Glob.of(s);
    }

    @Override
    public String toString() {
        return text;
    }
}
