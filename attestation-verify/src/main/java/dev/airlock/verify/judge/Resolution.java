package dev.airlock.verify.judge;

import dev.airlock.verify.finding.Coordinates;
import java.nio.file.Path;

/**
 * One artifact the resolver resolved, as the judgements see it: its coordinates (with the base version, which a
 * timestamped SNAPSHOT writes as {@code -SNAPSHOT}), the file, its SHA-256 when known, the remote repository it came
 * from (null for the local repository), a floating version the extension recognised in its request (or null), and,
 * for a file of the local repository without a mirror origin, what its origin record says ({@code localOrigin}, e.g.
 * {@code installed locally (origin record '>=')}; null otherwise).
 */
public record Resolution(String groupId, String artifactId, String extension, String classifier, String version,
        String baseVersion, Path file, String sha256, String repositoryId, String repositoryUrl,
        FloatingVersion floating, String localOrigin) {

    /** A resolution without a local origin. */
    public Resolution(String groupId, String artifactId, String extension, String classifier, String version,
            String baseVersion, Path file, String sha256, String repositoryId, String repositoryUrl,
            FloatingVersion floating) {
        this(groupId, artifactId, extension, classifier, version, baseVersion, file, sha256, repositoryId,
                repositoryUrl, floating, null);
    }

    /** Airlock's notation, {@code groupId:artifactId:extension[:classifier]:version}. */
    public String coordinates() {
        StringBuilder sb = new StringBuilder(96).append(groupId).append(':').append(artifactId).append(':')
                .append(extension);
        if (classifier != null && !classifier.isEmpty()) {
            sb.append(':').append(classifier);
        }
        return sb.append(':').append(version).toString();
    }

    /** The coordinates as {@link Coordinates}, or null when they cannot be (then they cannot be in any store). */
    public Coordinates parsed() {
        try {
            return new Coordinates(groupId, artifactId, extension, classifier, version);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    public Resolution withSha256(String newSha256) {
        return new Resolution(groupId, artifactId, extension, classifier, version, baseVersion, file, newSha256,
                repositoryId, repositoryUrl, floating, localOrigin);
    }

    public Resolution withFloating(FloatingVersion newFloating) {
        return new Resolution(groupId, artifactId, extension, classifier, version, baseVersion, file, sha256,
                repositoryId, repositoryUrl, newFloating, localOrigin);
    }

    /** {@code description}: what the local repository's origin record says about the file. */
    public Resolution withLocalOrigin(String description) {
        return new Resolution(groupId, artifactId, extension, classifier, version, baseVersion, file, sha256,
                repositoryId, repositoryUrl, floating, description);
    }

    /** {@code file} as text, or null. */
    String fileText() {
        return file == null ? null : file.toString();
    }
}
