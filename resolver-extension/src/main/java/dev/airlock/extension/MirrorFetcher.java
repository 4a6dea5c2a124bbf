package dev.airlock.extension;

import dev.airlock.verify.config.MirrorSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.inject.Provider;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.Artifact;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.repository.RepositoryPolicy;
import org.eclipse.aether.spi.connector.ArtifactDownload;
import org.eclipse.aether.spi.connector.RepositoryConnector;
import org.eclipse.aether.spi.connector.RepositoryConnectorFactory;
import org.eclipse.aether.transfer.ArtifactNotFoundException;
import org.eclipse.aether.transfer.NoRepositoryConnectorException;

/**
 * Downloads one artifact from a configured mirror into a temporary file, outside the local repository, to compare
 * it with a cached copy whose origin is not a mirror ({@code airlock.localOrigin=verify}). Uses the resolver's
 * {@code basic} connector with the session's authentication and proxy for the mirror's id.
 */
final class MirrorFetcher {
    private final Map<String, Provider<RepositoryConnectorFactory>> factories;

    MirrorFetcher(Map<String, Provider<RepositoryConnectorFactory>> factories) {
        this.factories = factories;
    }

    /** Outcome of one fetch: a file, not found, or failed with a message. */
    record Fetched(Path file, boolean notFound, String failure) {}

    Fetched fetch(RepositorySystemSession session, MirrorSpec mirror, Artifact artifact) throws IOException {
        RemoteRepository repo = new RemoteRepository.Builder(mirror.id(), "default", mirror.url()).build();
        RemoteRepository.Builder b = new RemoteRepository.Builder(repo);
        if (session.getAuthenticationSelector() != null) {
            b.setAuthentication(session.getAuthenticationSelector().getAuthentication(repo));
        }
        if (session.getProxySelector() != null) {
            b.setProxy(session.getProxySelector().getProxy(repo));
        }
        repo = b.build();
        Provider<RepositoryConnectorFactory> basic = factories.get("basic");
        if (basic == null) {
            return new Fetched(null, false, "the resolver's basic connector is not available");
        }
        Path tmp = Files.createTempFile("airlock-verify-", ".tmp");
        Files.delete(tmp);
        ArtifactDownload download = new ArtifactDownload(artifact, "", tmp.toFile(),
                RepositoryPolicy.CHECKSUM_POLICY_IGNORE);
        try (RepositoryConnector connector = basic.get().newInstance(session, repo)) {
            connector.get(List.of(download), null);
        } catch (NoRepositoryConnectorException e) {
            return new Fetched(null, false, e.getMessage());
        }
        Exception e = download.getException();
        if (e instanceof ArtifactNotFoundException) {
            return new Fetched(null, true, null);
        }
        if (e != null) {
            Files.deleteIfExists(tmp);
            return new Fetched(null, false, AirlockConnector.rootMessage(e));
        }
        return new Fetched(tmp, false, null);
    }
}
