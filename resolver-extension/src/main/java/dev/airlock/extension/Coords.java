package dev.airlock.extension;

import dev.airlock.verify.finding.Coordinates;
import org.eclipse.aether.artifact.Artifact;
import org.eclipse.aether.metadata.Metadata;

/** Airlock's coordinate notation, {@code groupId:artifactId:extension[:classifier]:version}. */
final class Coords {
    private Coords() {}

    static String of(Artifact a) {
        StringBuilder sb = new StringBuilder(96)
                .append(a.getGroupId())
                .append(':')
                .append(a.getArtifactId())
                .append(':')
                .append(a.getExtension());
        if (a.getClassifier() != null && !a.getClassifier().isEmpty()) {
            sb.append(':').append(a.getClassifier());
        }
        return sb.append(':').append(a.getVersion()).toString();
    }

    /**
     * The coordinates of {@link #of(Artifact)}, typed from the artifact's fields (never parsed from text); null when
     * they are not valid coordinates (they then cannot be in any store, and a finding names them as its subject).
     */
    static Coordinates typed(Artifact a) {
        try {
            Coordinates c = new Coordinates(a.getGroupId(), a.getArtifactId(), a.getExtension(), a.getClassifier(),
                    a.getVersion());
            return c.toString().equals(of(a)) ? c : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The same notation with the base version (a timestamped SNAPSHOT reads {@code -SNAPSHOT}). */
    static String ofBase(Artifact a) {
        StringBuilder sb = new StringBuilder(96)
                .append(a.getGroupId())
                .append(':')
                .append(a.getArtifactId())
                .append(':')
                .append(a.getExtension());
        if (a.getClassifier() != null && !a.getClassifier().isEmpty()) {
            sb.append(':').append(a.getClassifier());
        }
        return sb.append(':').append(a.getBaseVersion()).toString();
    }

    static String of(Metadata m) {
        StringBuilder sb = new StringBuilder(64).append(m.getGroupId());
        if (!m.getArtifactId().isEmpty()) {
            sb.append(':').append(m.getArtifactId());
        }
        if (!m.getVersion().isEmpty()) {
            sb.append(':').append(m.getVersion());
        }
        return sb.append(" (").append(m.getType()).append(')').toString();
    }

    /**
     * The path of the request the resolver would send for {@code a} in a Maven 2 layout repository
     * ({@code g/r/o/u/p/artifactId/baseVersion/artifactId-version[-classifier].extension}): the text that leaves the
     * build, in the order a mirror's access log holds it.
     */
    static String path(Artifact a) {
        StringBuilder sb = new StringBuilder(128)
                .append(a.getGroupId().replace('.', '/'))
                .append('/')
                .append(a.getArtifactId())
                .append('/')
                .append(a.getBaseVersion())
                .append('/')
                .append(a.getArtifactId())
                .append('-')
                .append(a.getVersion());
        if (a.getClassifier() != null && !a.getClassifier().isEmpty()) {
            sb.append('-').append(a.getClassifier());
        }
        return sb.append('.').append(a.getExtension()).toString();
    }

    /** The path of the request for {@code m} ({@code g/r/o/u/p/[artifactId/][version/]type}). */
    static String path(Metadata m) {
        StringBuilder sb = new StringBuilder(96).append(m.getGroupId().replace('.', '/'));
        if (!m.getArtifactId().isEmpty()) {
            sb.append('/').append(m.getArtifactId());
        }
        if (!m.getVersion().isEmpty()) {
            sb.append('/').append(m.getVersion());
        }
        return sb.append('/').append(m.getType()).toString();
    }

    static String ga(String groupId, String artifactId) {
        return groupId + ':' + artifactId;
    }
}
