package dev.airlock.extension;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.aether.RequestTrace;
import org.eclipse.aether.artifact.Artifact;
import org.eclipse.aether.collection.CollectRequest;
import org.eclipse.aether.collection.CollectStepData;
import org.eclipse.aether.graph.DependencyNode;
import org.eclipse.aether.resolution.ArtifactDescriptorRequest;
import org.eclipse.aether.resolution.ArtifactRequest;
import org.eclipse.aether.resolution.DependencyRequest;

/**
 * What asked for an artifact, read from the resolver's request trace: the POM that declared it as a dependency (with
 * the path from the root), the POM whose parent or import it is, the build plugin, or the project. Best effort: a
 * request made without a trace (a plugin calling the resolver itself) has no known requester.
 */
final class Requesters {
    private Requesters() {}

    /**
     * A requester: a label a person can look up (coordinates, {@code plugin g:a:v}, {@code project g:a:v}, a POM
     * file), and the dependency path from the root to the artifact, root first (empty when not known).
     */
    record Requester(String label, List<String> path) {
        static final Requester UNKNOWN = new Requester(null, List.of());

        boolean known() {
            return label != null;
        }
    }

    static Requester of(ArtifactRequest request) {
        if (request == null) {
            return Requester.UNKNOWN;
        }
        Artifact asked = request.getArtifact();
        String fallback = null;
        for (RequestTrace t = request.getTrace(); t != null; t = t.getParent()) {
            Object data = t.getData();
            if (data instanceof ArtifactDescriptorRequest d && d.getArtifact() != null && !sameGav(d.getArtifact(), asked)) {
                // read while building another artifact's model: its POM names this one as parent or import
                Artifact a = d.getArtifact();
                return new Requester(pom(a), List.of());
            }
            if (data instanceof CollectStepData c && c.getNode() != null && c.getNode().getArtifact() != null) {
                List<String> path = new ArrayList<>();
                for (DependencyNode n : c.getPath()) {
                    if (n.getArtifact() != null) {
                        path.add(Coords.of(n.getArtifact()));
                    }
                }
                Artifact node = c.getNode().getArtifact();
                if (sameGa(node, asked)) {
                    // the dependency being collected (its POM or its file): declared by the last node of the path
                    String declaredBy = path.isEmpty() ? null : path.get(path.size() - 1);
                    // the version asked (dependency management may have changed the one declared)
                    path.add(Coords.of(asked == null ? node : node.setVersion(asked.getVersion())));
                    return new Requester(declaredBy, List.copyOf(path));
                }
                // the POM of the collected dependency asked for this one (its parent or an import)
                return new Requester(pom(node), List.of());
            }
            if (data instanceof DependencyRequest dr) {
                Requester r = fromGraph(dr.getRoot(), request.getDependencyNode());
                if (r.known()) {
                    return r;
                }
                if (dr.getCollectRequest() != null) {
                    String root = root(dr.getCollectRequest());
                    if (root != null) {
                        return new Requester(root, List.of());
                    }
                }
            }
            if (data instanceof CollectRequest cr) {
                String root = root(cr);
                if (root != null) {
                    return new Requester(root, List.of());
                }
            }
            String maven = mavenRequester(data, asked);
            if (maven != null) {
                if (maven.startsWith("plugin ") || maven.startsWith("the build")) {
                    return new Requester(maven, List.of());
                }
                // a project or a POM being read: what lies further up the trace (the dependency whose POM it is)
                // says more
                fallback = fallback == null ? maven : fallback;
            }
        }
        return fallback != null ? new Requester(fallback, List.of()) : Requester.UNKNOWN;
    }

    /** Maven's own trace data (a plugin, a project, the model of a POM file); null for anything else. */
    private static String mavenRequester(Object data, Artifact asked) {
        if (data == null) {
            return null;
        }
        try {
            if (data instanceof org.apache.maven.model.Plugin p) {
                boolean self = asked != null && p.getGroupId().equals(asked.getGroupId())
                        && p.getArtifactId().equals(asked.getArtifactId());
                return (self ? "the build, as plugin " : "plugin ") + p.getGroupId() + ":" + p.getArtifactId()
                        + (p.getVersion() == null ? "" : ":" + p.getVersion());
            }
            if (data instanceof org.apache.maven.project.MavenProject p) {
                return "project " + p.getGroupId() + ":" + p.getArtifactId() + ":" + p.getVersion();
            }
            if (data instanceof org.apache.maven.project.DependencyResolutionRequest r && r.getMavenProject() != null) {
                org.apache.maven.project.MavenProject p = r.getMavenProject();
                return "project " + p.getGroupId() + ":" + p.getArtifactId() + ":" + p.getVersion();
            }
        } catch (LinkageError e) {
            return null; // a Maven without these types: nothing known from here
        }
        // the model of a POM being built (a project's parent): Maven's model-building request knows the file
        try {
            Object file = data.getClass().getMethod("getPomFile").invoke(data);
            if (file instanceof java.io.File f) {
                return "the POM " + f.getPath();
            }
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            // not a model-building request
        }
        return null;
    }

    /** The path from {@code root} to {@code target} in a resolved graph; its parent is the requester. */
    static Requester fromGraph(DependencyNode root, DependencyNode target) {
        if (root == null || target == null) {
            return Requester.UNKNOWN;
        }
        Map<DependencyNode, DependencyNode> parent = new IdentityHashMap<>();
        Deque<DependencyNode> todo = new ArrayDeque<>();
        parent.put(root, root);
        todo.add(root);
        boolean found = root == target;
        while (!found && !todo.isEmpty()) {
            DependencyNode n = todo.poll();
            for (DependencyNode c : n.getChildren()) {
                if (!parent.containsKey(c)) {
                    parent.put(c, n);
                    if (c == target) {
                        found = true;
                        break;
                    }
                    todo.add(c);
                }
            }
        }
        if (!found || root == target) {
            return Requester.UNKNOWN;
        }
        List<String> path = new ArrayList<>();
        for (DependencyNode n = target; ; n = parent.get(n)) {
            if (n.getArtifact() != null) {
                path.add(Coords.of(n.getArtifact()));
            }
            if (n == root) {
                break;
            }
        }
        Collections.reverse(path);
        String by = path.size() >= 2 ? path.get(path.size() - 2) : null;
        return by == null ? Requester.UNKNOWN : new Requester(by, List.copyOf(path));
    }

    private static String root(CollectRequest cr) {
        if (cr.getRootArtifact() != null) {
            return Coords.of(cr.getRootArtifact());
        }
        if (cr.getRoot() != null && cr.getRoot().getArtifact() != null) {
            return Coords.of(cr.getRoot().getArtifact());
        }
        return null;
    }

    private static String pom(Artifact a) {
        return a.getGroupId() + ":" + a.getArtifactId() + ":pom:" + a.getVersion();
    }

    private static boolean sameGa(Artifact a, Artifact b) {
        return b != null && a.getGroupId().equals(b.getGroupId()) && a.getArtifactId().equals(b.getArtifactId());
    }

    private static boolean sameGav(Artifact a, Artifact b) {
        return sameGa(a, b) && a.getBaseVersion().equals(b.getBaseVersion());
    }
}
