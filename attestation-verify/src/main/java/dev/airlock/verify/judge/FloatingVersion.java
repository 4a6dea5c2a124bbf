package dev.airlock.verify.judge;

import java.util.List;

/**
 * A version that was not written down, as the extension recognised it in a request: the kind (a version range,
 * LATEST/RELEASE, a SNAPSHOT not built by the reactor, a plugin version read from repository metadata), the version
 * as written, and the dependency path that brought it in (root first), possibly empty.
 */
public record FloatingVersion(String kind, String declared, List<String> path) {
    public static final String PLUGIN_FROM_METADATA = "plugin version read from repository metadata";

    public FloatingVersion {
        path = List.copyOf(path);
    }

    /** True for a plugin whose version Maven read from repository metadata. */
    public boolean isPlugin() {
        return kind.startsWith("plugin");
    }

    /** What is reported once per build: the artifact's {@code groupId:artifactId} and the version as written. */
    public String key(String groupId, String artifactId) {
        return groupId + ':' + artifactId + ':' + declared;
    }
}
