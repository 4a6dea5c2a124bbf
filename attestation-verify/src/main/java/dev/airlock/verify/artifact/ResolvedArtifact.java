package dev.airlock.verify.artifact;

import dev.airlock.verify.finding.Coordinates;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * One artifact a build resolved, as every verification rule sees it: its coordinates and file, what brought it in
 * (a project dependency of some scope, a build plugin or one of its dependencies, a build extension), whether the
 * reactor built it, the path that brought it in, and where it came from. The enforcer rules collect these; the
 * verifiers of this library judge them.
 *
 * @param coordinates {@code groupId:artifactId:extension[:classifier]:version}
 * @param file the resolved file (in the local repository, or a reactor module's output)
 * @param kind what brought it in
 * @param scope the Maven scope for dependencies ({@code compile}, {@code runtime}, {@code test}, ...); null for
 *     plugins and extensions
 * @param reactor true when a module of this build produced it
 * @param path the dependency path that brought it in, root first (e.g. {@code [g:app:1, g:lib:1]}); may be empty
 * @param module the module ({@code groupId:artifactId}) whose build resolved it
 * @param repositoryId the repository it was resolved from, when known
 */
public record ResolvedArtifact(
        Coordinates coordinates,
        Path file,
        Kind kind,
        String scope,
        boolean reactor,
        List<String> path,
        String module,
        String repositoryId) {

    public enum Kind {
        /** A dependency of the project (any scope). */
        DEPENDENCY,
        /** A build plugin of the execution plan, or one of its dependencies. */
        PLUGIN,
        /** A build extension (or one of its dependencies) or a core extension. */
        EXTENSION
    }

    public ResolvedArtifact {
        Objects.requireNonNull(coordinates, "coordinates");
        Objects.requireNonNull(kind, "kind");
        path = path == null ? List.of() : List.copyOf(path);
    }
}
