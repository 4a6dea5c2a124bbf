package dev.airlock.extension;

import dev.airlock.verify.config.MirrorSpec;
import dev.airlock.verify.finding.FindingCode;
import java.util.Collection;
import java.util.Optional;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.spi.connector.ArtifactDownload;
import org.eclipse.aether.spi.connector.ArtifactUpload;
import org.eclipse.aether.spi.connector.MetadataDownload;
import org.eclipse.aether.spi.connector.MetadataUpload;
import org.eclipse.aether.spi.connector.RepositoryConnector;
import org.eclipse.aether.spi.connector.layout.RepositoryLayout;
import org.eclipse.aether.transfer.ArtifactNotFoundException;
import org.eclipse.aether.transfer.ArtifactTransferException;
import org.eclipse.aether.transfer.MetadataNotFoundException;
import org.eclipse.aether.transfer.MetadataTransferException;

/** The connector wrapper made by {@link AirlockConnectorFactory}. */
final class AirlockConnector implements RepositoryConnector {
    private final RepositoryConnector delegate;
    private final RemoteRepository repository;
    private final RepositoryLayout layout;
    private final BuildSession s;
    private final Optional<MirrorSpec> mirror;

    AirlockConnector(RepositoryConnector delegate, RemoteRepository repository, RepositoryLayout layout,
            BuildSession s) {
        this.delegate = delegate;
        this.repository = repository;
        this.layout = layout;
        this.s = s;
        this.mirror = s.mirrorOf(repository);
    }

    @Override
    public void get(Collection<? extends ArtifactDownload> artifactDownloads,
            Collection<? extends MetadataDownload> metadataDownloads) {
        if (mirror.isEmpty() && s.enforce()) {
            // the filter refuses these before a connector opens; this is the second line, should anything get here
            refuseAll(artifactDownloads, metadataDownloads);
            return;
        }
        delegate.get(artifactDownloads, metadataDownloads);
        if (artifactDownloads != null) {
            for (ArtifactDownload d : artifactDownloads) {
                Exception e = d.getException();
                String coords = Coords.of(d.getArtifact());
                logRequest(coords, layout.getLocation(d.getArtifact(), false).toString(), e,
                        e instanceof ArtifactNotFoundException);
            }
        }
        if (metadataDownloads != null) {
            for (MetadataDownload d : metadataDownloads) {
                Exception e = d.getException();
                String coords = Coords.of(d.getMetadata());
                logRequest(coords, layout.getLocation(d.getMetadata(), false).toString(), e,
                        e instanceof MetadataNotFoundException);
            }
        }
    }

    private void logRequest(String coords, String location, Exception e, boolean notFound) {
        s.request(mirror.isPresent());
        String outcome = e == null ? "ok" : notFound ? "not-found" : "failed";
        s.log().line("request")
                .put("repository", repository.getId())
                .put("repositoryUrl", repository.getUrl())
                .put("url", join(repository.getUrl(), location))
                .put("coordinates", coords)
                .put("outcome", outcome)
                .put("mirror", mirror.isPresent())
                .put("detail", e == null || notFound ? null : String.valueOf(e.getMessage()))
                .write();
        if (e != null && !notFound && mirror.isPresent()) {
            s.report(s.finding(FindingCode.MIRROR_UNAVAILABLE, s.failing())
                    .coordinates(coords)
                    .repository(repository.getId(), repository.getUrl())
                    .message("mirror " + repository.getId() + " (" + repository.getUrl() + ") failed to serve "
                            + coords + ": " + rootMessage(e)
                            + (s.enforce() ? "; no fallback was tried: Airlock never asks a repository outside"
                                    + " airlock.mirrors" : ""))
                    .actual(rootMessage(e))
                    .fix("bring mirror " + repository.getId() + " back, or correct airlock.mirrors ("
                            + s.config().originOf("airlock.mirrors") + "); for 401/403 check the <server> with id "
                            + repository.getId() + " in settings.xml")
                    .build());
        }
    }

    private void refuseAll(Collection<? extends ArtifactDownload> artifacts,
            Collection<? extends MetadataDownload> metadata) {
        String reason = "airlock: repository " + repository.getId() + " (" + repository.getUrl()
                + ") is not one of the configured mirrors (airlock.mirrors); it was not contacted";
        if (artifacts != null) {
            for (ArtifactDownload d : artifacts) {
                s.blocked(repository, Coords.of(d.getArtifact()));
                d.setException(new ArtifactTransferException(d.getArtifact(), repository, reason));
            }
        }
        if (metadata != null) {
            for (MetadataDownload d : metadata) {
                s.blocked(repository, Coords.of(d.getMetadata()));
                d.setException(new MetadataTransferException(d.getMetadata(), repository, reason));
            }
        }
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage();
        return t.getClass().getSimpleName() + (m == null ? "" : ": " + m);
    }

    private static String join(String base, String location) {
        return base.endsWith("/") ? base + location : base + "/" + location;
    }

    @Override
    public void put(Collection<? extends ArtifactUpload> artifactUploads,
            Collection<? extends MetadataUpload> metadataUploads) {
        delegate.put(artifactUploads, metadataUploads);
    }

    @Override
    public void close() {
        delegate.close();
    }

    @Override
    public String toString() {
        return "airlock(" + delegate + ")";
    }
}
