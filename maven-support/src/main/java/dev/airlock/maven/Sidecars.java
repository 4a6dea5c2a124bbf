package dev.airlock.maven;

import dev.airlock.verify.artifact.ResolvedArtifact;
import dev.airlock.verify.finding.Coordinates;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javax.inject.Inject;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.project.MavenProject;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactRequest;
import org.eclipse.aether.resolution.ArtifactResolutionException;
import org.eclipse.aether.resolution.ArtifactResult;
import org.eclipse.aether.transfer.ArtifactNotFoundException;

/**
 * Files published next to an artifact (signatures {@code .asc}, {@code .sig}, {@code .sigstore.json}, provenance
 * {@code -jar.build.slsa}, {@code .intoto.jsonl}), obtained through Maven resolution from the same repositories as
 * the artifact: with the extension loaded, from the mirrors only. An absent file (not found on any repository) is
 * {@link Optional#empty()}; any other failure (a mirror down) is an error, because "absent" could not be proven.
 */
public final class Sidecars {
    private final RepositorySystem repositorySystem;

    @Inject // rules and goals get it injected (JSR-330: created by Maven's Sisu container)
    public Sidecars(RepositorySystem repositorySystem) {
        this.repositorySystem = repositorySystem;
    }

    /** Thrown when a sidecar's presence cannot be decided. */
    public static final class LookupException extends Exception {
        private static final long serialVersionUID = 1L;

        LookupException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * Resolves the sidecar {@code groupId:artifactId:extension[:classifier]:version} of {@code artifact}.
     *
     * @param classifier the sidecar's classifier ("" for none)
     * @param extension the sidecar's extension, e.g. {@code jar.asc}
     */
    public Optional<Path> resolve(MavenSession session, MavenProject project, ResolvedArtifact artifact,
            String classifier, String extension) throws LookupException {
        Coordinates c = artifact.coordinates();
        DefaultArtifact sidecar = new DefaultArtifact(c.groupId(), c.artifactId(), classifier, extension, c.version());
        List<RemoteRepository> repos = artifact.kind() == ResolvedArtifact.Kind.DEPENDENCY
                ? project.getRemoteProjectRepositories() : project.getRemotePluginRepositories();
        ArtifactRequest request = new ArtifactRequest(sidecar, repos,
                artifact.kind() == ResolvedArtifact.Kind.PLUGIN ? "plugin" : "project");
        try {
            ArtifactResult r = repositorySystem.resolveArtifact(session.getRepositorySession(), request);
            return r.getArtifact() == null || r.getArtifact().getFile() == null ? Optional.empty()
                    : Optional.of(r.getArtifact().getFile().toPath());
        } catch (ArtifactResolutionException e) {
            if (onlyNotFound(e) || (session.getRepositorySession().isOffline()
                    && !inLocalRepository(session, sidecar, repos))) {
                // offline (the second phase of a sealed build): what the first phase did not fetch does not exist
                return Optional.empty();
            }
            throw new LookupException("cannot find out whether " + sidecar + " exists: "
                    + BuildClosure.rootMessage(e), e);
        }
    }

    private static boolean inLocalRepository(MavenSession session, DefaultArtifact a, List<RemoteRepository> repos) {
        org.eclipse.aether.RepositorySystemSession rs = session.getRepositorySession();
        org.eclipse.aether.repository.LocalArtifactResult r = rs.getLocalRepositoryManager()
                .find(rs, new org.eclipse.aether.repository.LocalArtifactRequest(a, repos, null));
        return r.getFile() != null && r.getFile().isFile();
    }

    private static boolean onlyNotFound(ArtifactResolutionException e) {
        List<ArtifactResult> results = e.getResults();
        if (results == null || results.isEmpty()) {
            return false;
        }
        for (ArtifactResult r : results) {
            List<Exception> ex = r.getExceptions();
            if (ex.isEmpty()) {
                return false;
            }
            for (Exception x : ex) {
                if (!(x instanceof ArtifactNotFoundException)) {
                    return false;
                }
            }
        }
        return true;
    }
}
