package dev.airlock.extension;

import dev.airlock.verify.judge.FloatingVersion;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.version.PluginVersionRequest;
import org.eclipse.aether.RequestTrace;
import org.eclipse.aether.artifact.Artifact;
import org.eclipse.aether.collection.CollectStepData;
import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.graph.DependencyNode;
import org.eclipse.aether.resolution.ArtifactRequest;
import org.eclipse.aether.version.Version;
import org.eclipse.aether.version.VersionConstraint;
import org.eclipse.aether.version.VersionRange;

/**
 * Recognises an artifact whose version was not written down: a version range, LATEST/RELEASE, a SNAPSHOT that
 * is not built by this reactor, or a plugin whose version Maven read from repository metadata. The resolver's
 * request trace says why an artifact is being resolved: while collecting dependencies it carries the collect step
 * (the declared dependency, with its version as written, and the path that brought it in).
 */
final class FloatingVersions {
    private FloatingVersions() {}

    /** What was found ({@link FloatingVersion}), or null when the version was written down. */
    static FloatingVersion inspect(BuildSession s, ArtifactRequest request, Artifact artifact) {
        String g = artifact.getGroupId();
        String a = artifact.getArtifactId();
        CollectStepData step = null;
        for (RequestTrace t = request.getTrace(); t != null; t = t.getParent()) {
            Object data = t.getData();
            if (data instanceof PluginVersionRequest pvr && g.equals(pvr.getGroupId())
                    && a.equals(pvr.getArtifactId())) {
                return new FloatingVersion(FloatingVersion.PLUGIN_FROM_METADATA, "(none)", List.of());
            }
            if (data instanceof CollectStepData c) {
                step = c;
                break;
            }
        }
        if (s.isFloatingPlugin(g, a)) {
            return new FloatingVersion(FloatingVersion.PLUGIN_FROM_METADATA, "(none)", List.of());
        }
        if (step != null) {
            Dependency node = step.getNode();
            Artifact declared = node.getArtifact();
            if (declared.getGroupId().equals(g) && declared.getArtifactId().equals(a)) {
                String kind = kind(declared.getVersion(), s, g, a);
                if (kind != null) {
                    return new FloatingVersion(kind, declared.getVersion(), path(step));
                }
            }
        }
        DependencyNode node = request.getDependencyNode();
        if (node != null && node.getVersionConstraint() != null) {
            VersionConstraint vc = node.getVersionConstraint();
            if (vc.getRange() != null && !isExact(vc.getRange())) {
                return new FloatingVersion("version range", vc.toString(), List.of());
            }
            if (vc.getVersion() != null) {
                String kind = kind(vc.getVersion().toString(), s, g, a);
                if (kind != null) {
                    return new FloatingVersion(kind, vc.getVersion().toString(), List.of());
                }
            }
        }
        if (artifact.isSnapshot() && !s.isReactor(g, a)) {
            return new FloatingVersion("SNAPSHOT not built by this reactor", artifact.getBaseVersion(), List.of());
        }
        if (step == null && "pom".equals(artifact.getExtension()) && s.isFloatingRange(g, a)) {
            return new FloatingVersion("version range (parent or import)", "(range)", List.of());
        }
        return null;
    }

    /** The kind of floating version a declared version string is, or null when it is pinned. */
    static String kind(String version, BuildSession s, String g, String a) {
        if (version == null) {
            return null;
        }
        String v = version.trim();
        if (v.equals("LATEST") || v.equals("RELEASE")) {
            return v + " version";
        }
        if ((v.startsWith("[") || v.startsWith("(")) && !isExactRange(v)) {
            return "version range";
        }
        if (v.endsWith("-SNAPSHOT") && !s.isReactor(g, a)) {
            return "SNAPSHOT not built by this reactor";
        }
        return null;
    }

    /** {@code [1.0]}: a range that admits exactly one version is a pin. */
    static boolean isExactRange(String v) {
        return v.startsWith("[") && v.endsWith("]") && !v.contains(",");
    }

    private static boolean isExact(VersionRange range) {
        VersionRange.Bound lower = range.getLowerBound();
        VersionRange.Bound upper = range.getUpperBound();
        if (lower == null || upper == null || !lower.isInclusive() || !upper.isInclusive()) {
            return false;
        }
        Version l = lower.getVersion();
        return l.equals(upper.getVersion());
    }

    private static List<String> path(CollectStepData step) {
        List<String> out = new ArrayList<>();
        for (DependencyNode n : step.getPath()) {
            if (n.getArtifact() != null) {
                out.add(Coords.of(n.getArtifact()));
            }
        }
        out.add(Coords.of(step.getNode().getArtifact()));
        return out;
    }
}
