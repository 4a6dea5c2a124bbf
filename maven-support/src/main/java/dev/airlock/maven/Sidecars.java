package dev.airlock.maven;

import dev.airlock.verify.artifact.ResolvedArtifact;
import dev.airlock.verify.finding.Coordinates;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.inject.Inject;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.project.MavenProject;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.artifact.Artifact;
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
        ArtifactRequest request = request(project, artifact, classifier, extension);
        Artifact sidecar = request.getArtifact();
        List<RemoteRepository> repos = request.getRepositories();
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

    /** One file wanted next to an artifact: {@code classifier} ("" for none) and {@code extension}, as for {@link #resolve}. */
    public record Wanted(ResolvedArtifact artifact, String classifier, String extension) {}

    /**
     * Resolves many sidecars in one request to the resolver, in the order asked: each absent one is
     * {@link Optional#empty()}. One request lets the resolver fetch what is missing in parallel (its connector's
     * threads) instead of one file after the other, and check the local repository without a lock round per file:
     * the rules ask for three to five files per artifact of the closure, most of them absent (docs/benchmark.md).
     * Decides presence exactly as {@link #resolve} does.
     */
    public List<Optional<Path>> resolveAll(MavenSession session, MavenProject project, List<Wanted> wanted)
            throws LookupException {
        List<ArtifactRequest> requests = new ArrayList<>(wanted.size());
        for (Wanted w : wanted) {
            requests.add(request(project, w.artifact(), w.classifier(), w.extension()));
        }
        List<ArtifactResult> results;
        try {
            results = repositorySystem.resolveArtifacts(session.getRepositorySession(), requests);
        } catch (ArtifactResolutionException e) {
            results = e.getResults();
            if (results == null || results.size() != requests.size()) {
                throw new LookupException("cannot find out whether the signature and provenance files exist: "
                        + BuildClosure.rootMessage(e), e);
            }
        }
        List<Optional<Path>> out = new ArrayList<>(results.size());
        for (int i = 0; i < results.size(); i++) {
            ArtifactResult r = results.get(i);
            Artifact a = r.getArtifact();
            if (a != null && a.getFile() != null && r.isResolved()) {
                out.add(Optional.of(a.getFile().toPath()));
                continue;
            }
            ArtifactRequest q = requests.get(i);
            if (onlyNotFound(r) || (session.getRepositorySession().isOffline()
                    && !inLocalRepository(session, q.getArtifact(), q.getRepositories()))) {
                out.add(Optional.empty());
                continue;
            }
            Exception cause = r.getExceptions().isEmpty() ? null : r.getExceptions().get(0);
            throw new LookupException("cannot find out whether " + q.getArtifact() + " exists: "
                    + (cause == null ? "not resolved" : BuildClosure.rootMessage(cause)), cause);
        }
        return out;
    }

    private static ArtifactRequest request(MavenProject project, ResolvedArtifact artifact, String classifier,
            String extension) {
        Coordinates c = artifact.coordinates();
        DefaultArtifact sidecar = new DefaultArtifact(c.groupId(), c.artifactId(), classifier, extension, c.version());
        List<RemoteRepository> repos = artifact.kind() == ResolvedArtifact.Kind.DEPENDENCY
                ? project.getRemoteProjectRepositories() : project.getRemotePluginRepositories();
        return new ArtifactRequest(sidecar, repos, artifact.kind() == ResolvedArtifact.Kind.PLUGIN ? "plugin" : "project");
    }

    private static boolean inLocalRepository(MavenSession session, Artifact a, List<RemoteRepository> repos) {
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
            if (!onlyNotFound(r)) {
                return false;
            }
        }
        return true;
    }

    private static boolean onlyNotFound(ArtifactResult r) {
        List<Exception> ex = r.getExceptions();
        if (ex.isEmpty()) {
            return false;
        }
        for (Exception x : ex) {
            if (!(x instanceof ArtifactNotFoundException)) {
                return false;
            }
        }
        return true;
    }
}
