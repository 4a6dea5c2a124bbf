package dev.airlock.verify.config;

import dev.airlock.verify.config.Levels.FloatingVersions;
import dev.airlock.verify.config.Levels.LocalOrigin;
import dev.airlock.verify.config.Levels.Mode;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The effective configuration of one build, immutable. Made by {@link AirlockConfigLoader}, which also records
 * where each value came from, so messages can say where to change it.
 */
public final class AirlockConfig {
    private final Mode mode;
    private final List<MirrorSpec> mirrors;
    private final List<NamespaceRule> namespaces;
    private final FloatingVersions floatingVersions;
    private final LocalOrigin localOrigin;
    private final Path lock;
    private final Path quarantineDir;
    private final Path reportDir;
    private final boolean digestIndex;
    private final boolean allowInsecureMirrors;
    private final Map<String, String> origins;
    private final List<String> warnings;
    private final FeedSettings feed;

    AirlockConfig(
            Mode mode,
            List<MirrorSpec> mirrors,
            List<NamespaceRule> namespaces,
            FloatingVersions floatingVersions,
            LocalOrigin localOrigin,
            Path lock,
            Path quarantineDir,
            Path reportDir,
            boolean digestIndex,
            boolean allowInsecureMirrors,
            Map<String, String> origins,
            List<String> warnings,
            FeedSettings feed) {
        this.mode = mode;
        this.mirrors = List.copyOf(mirrors);
        this.namespaces = List.copyOf(namespaces);
        this.floatingVersions = floatingVersions;
        this.localOrigin = localOrigin;
        this.lock = lock;
        this.quarantineDir = quarantineDir;
        this.reportDir = reportDir;
        this.digestIndex = digestIndex;
        this.allowInsecureMirrors = allowInsecureMirrors;
        this.origins = Map.copyOf(origins);
        this.warnings = List.copyOf(warnings);
        this.feed = feed;
    }

    public Mode mode() {
        return mode;
    }

    public List<MirrorSpec> mirrors() {
        return mirrors;
    }

    public List<NamespaceRule> namespaces() {
        return namespaces;
    }

    public FloatingVersions floatingVersions() {
        return floatingVersions;
    }

    public LocalOrigin localOrigin() {
        return localOrigin;
    }

    /**
     * The lock file: the configured {@code airlock.lock} (which may not exist yet: the record goal writes it), or
     * {@code .mvn/airlock.lock} when that file exists; null when there is none.
     */
    public Path lock() {
        return lock;
    }

    /** Where the record goal writes the lock: {@link #lock()}, or {@code .mvn/airlock.lock} of the project root. */
    public Path lockToRecord(Path projectRoot) {
        return lock != null ? lock : projectRoot.resolve(".mvn").resolve("airlock.lock").toAbsolutePath().normalize();
    }

    /** The configured quarantine directory, or null for the default next to the local repository. */
    public Path quarantineDir() {
        return quarantineDir;
    }

    /** The configured report directory, or null for {@code target/airlock} of the top-level project. */
    public Path reportDir() {
        return reportDir;
    }

    /** {@code airlock.digestIndex}: evidence may take a cached file's SHA-256 from the digest index. */
    public boolean digestIndex() {
        return digestIndex;
    }

    /**
     * {@code airlock.allowInsecureMirrors}: a mirror may use plain {@code http://} on a host other than loopback in
     * enforce mode.
     */
    public boolean allowInsecureMirrors() {
        return allowInsecureMirrors;
    }

    /** Where the value of {@code key} came from: a file and line, the command line, or "default". */
    public String originOf(String key) {
        return origins.getOrDefault(key, "default");
    }

    /** Non-fatal remarks made while loading (unknown {@code airlock.*} command-line properties). */
    public List<String> warnings() {
        return warnings;
    }

    public Optional<MirrorSpec> mirror(String id) {
        return mirrors.stream().filter(m -> m.id().equals(id)).findFirst();
    }

    /**
     * The configured mirror whose URL prefix contains {@code url} (the most specific when several do), if any.
     */
    public Optional<MirrorSpec> mirrorContaining(String url) {
        return UrlPrefix.tryParse(url).flatMap(u -> mirrors.stream()
                .filter(m -> m.prefix().contains(u))
                .max(Comparator.comparingInt(m -> m.prefix().specificity())));
    }

    /**
     * The namespace rule that governs {@code groupId} (the most specific match), if any. Without one, every
     * mirror may serve the groupId.
     */
    public Optional<NamespaceRule> namespaceOf(String groupId) {
        // asked for every artifact the build resolves: a loop, no stream (most configurations have no rule at all)
        NamespaceRule best = null;
        for (NamespaceRule r : namespaces) {
            if (r.matches(groupId) && (best == null || r.specificity() > best.specificity())) {
                best = r;
            }
        }
        return Optional.ofNullable(best);
    }

    /** True when mirror {@code mirrorId} may serve {@code groupId} under the namespace rules. */
    public boolean mayServe(String mirrorId, String groupId) {
        return namespaceOf(groupId).map(r -> r.mirrorIds().contains(mirrorId)).orElse(true);
    }

    /** {@code airlock.feed*}: the fleet-wide quarantine feed, or null when none is configured. */
    public FeedSettings feed() {
        return feed;
    }
}
