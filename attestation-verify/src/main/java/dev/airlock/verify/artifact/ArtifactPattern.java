package dev.airlock.verify.artifact;

import dev.airlock.verify.finding.Coordinates;
import java.util.regex.Pattern;

/**
 * A coordinate pattern of {@code <excludes>}: {@code groupId}, {@code groupId:artifactId},
 * {@code groupId:artifactId:version}, {@code groupId:artifactId:extension:version} or
 * {@code groupId:artifactId:extension:classifier:version} (Airlock's coordinate notation); {@code *} inside a segment
 * matches any characters ({@code org.apache.*}, {@code *:*-maven-plugin}). Missing trailing segments match anything.
 * A 4-segment pattern matches artifacts without a classifier only.
 */
public final class ArtifactPattern {
    private final String text;
    private final Pattern group;
    private final Pattern artifact;
    private final Pattern extension;
    private final Pattern classifier;
    private final Pattern version;

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
                classifier = Pattern.compile("");
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
        if (extension != null && !(extension.pattern().equals(".*") && (classifier.pattern().equals(".*")))) {
            return false;
        }
        return matches(groupId, artifactId, null, null, version);
    }

    private boolean matches(String g, String a, String ext, String cls, String v) {
        return group.matcher(g).matches()
                && (artifact == null || artifact.matcher(a).matches())
                && (extension == null || ext == null || extension.matcher(ext).matches())
                && (classifier == null || cls == null || classifier.matcher(cls).matches())
                && (version == null || version.matcher(v).matches());
    }

    private static Pattern glob(String s) {
        String[] parts = s.split("\\*", -1);
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                re.append(".*");
            }
            if (!parts[i].isEmpty()) {
                re.append(Pattern.quote(parts[i]));
            }
        }
        return Pattern.compile(re.toString());
    }

    @Override
    public String toString() {
        return text;
    }
}
