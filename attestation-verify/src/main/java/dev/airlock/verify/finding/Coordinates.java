package dev.airlock.verify.finding;

import dev.airlock.verify.text.Printable;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Maven coordinates in Airlock's notation, {@code groupId:artifactId:extension[:classifier]:version}, validated so
 * that each part is safe to use as a file-name segment: coordinates can come from untrusted input (an SBOM, a POM,
 * a command line), and the quarantine store builds paths from them.
 */
public final class Coordinates {
    /** One segment: no separators, no {@code ..}, nothing that a file system treats specially. */
    private static final Pattern PART = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.+~-]*");
    public static final int MAX_PART = 200;

    private final String groupId;
    private final String artifactId;
    private final String extension;
    private final String classifier;
    private final String version;

    public Coordinates(String groupId, String artifactId, String extension, String classifier, String version) {
        this.groupId = check("groupId", groupId);
        this.artifactId = check("artifactId", artifactId);
        this.extension = check("extension", extension);
        this.classifier = classifier == null || classifier.isEmpty() ? "" : check("classifier", classifier);
        this.version = check("version", version);
        for (String g : groupId.split("\\.", -1)) {
            if (g.isEmpty()) {
                throw new IllegalArgumentException("groupId '" + groupId + "' has an empty segment");
            }
        }
    }

    /** Validates one coordinate part (see the class comment); returns it. */
    public static String check(String what, String value) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException(what + " is empty");
        }
        if (value.length() > MAX_PART) {
            throw new IllegalArgumentException(what + " is " + value.length() + " characters long (at most " + MAX_PART
                    + ")");
        }
        if (!PART.matcher(value).matches() || value.contains("..")) {
            throw new IllegalArgumentException(what + " '" + Printable.of(value) + "' contains characters that are not"
                    + " allowed in Maven coordinates (letters, digits, '.', '_', '-', '+', '~'; no '..')");
        }
        return value;
    }

    /**
     * Parses {@code groupId:artifactId:extension[:classifier]:version}.
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    public static Coordinates parse(String text) {
        String[] p = text.strip().split(":", -1);
        return switch (p.length) {
            case 4 -> new Coordinates(p[0], p[1], p[2], null, p[3]);
            case 5 -> new Coordinates(p[0], p[1], p[2], p[3], p[4]);
            default -> throw new IllegalArgumentException("'" + Printable.of(text) + "' is not"
                    + " groupId:artifactId:extension[:classifier]:version");
        };
    }

    public String groupId() {
        return groupId;
    }

    public String artifactId() {
        return artifactId;
    }

    public String extension() {
        return extension;
    }

    /** Empty when there is none. */
    public String classifier() {
        return classifier;
    }

    public String version() {
        return version;
    }

    @Override
    public String toString() {
        return groupId + ':' + artifactId + ':' + extension + (classifier.isEmpty() ? "" : ':' + classifier) + ':'
                + version;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Coordinates c && c.toString().equals(toString());
    }

    @Override
    public int hashCode() {
        return Objects.hash(toString());
    }
}
