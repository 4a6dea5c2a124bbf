package dev.airlock.extension;

import dev.airlock.verify.evidence.ResolutionEntry;
import dev.airlock.verify.config.ConfigKeys;
import dev.airlock.verify.config.Levels;
import dev.airlock.verify.config.MirrorSpec;
import dev.airlock.verify.digest.DigestCache;
import dev.airlock.verify.finding.FindingCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
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
        List<ArtifactDownload> plain = new ArrayList<>();
        List<ArtifactDownload> cachedCopies = new ArrayList<>();
        if (artifactDownloads != null) {
            for (ArtifactDownload d : artifactDownloads) {
                if (refusedByFeed(d)) {
                    continue;
                }
                boolean cachedCopy = mirror.isPresent() && d.getFile() != null && d.getFile().isFile()
                        && s.config().localOrigin() != Levels.LocalOrigin.WARN
                        && (d.isExistenceCheck() || cachedFromElsewhere(d.getFile().toPath()));
                (cachedCopy ? cachedCopies : plain).add(d);
            }
        }
        delegate.get(plain, metadataDownloads);
        for (ArtifactDownload d : cachedCopies) {
            verifyCachedCopy(d);
        }
        if (artifactDownloads != null) {
            for (ArtifactDownload d : plain) {
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
                logRequest(coords, false, layout.getLocation(d.getMetadata(), false).toString(), e,
                        e instanceof MetadataNotFoundException);
            }
        }
    }

    /**
     * The fleet-wide quarantine feed blocks bytes of this artifact and nothing in the build says it expects other
     * bytes (its lock entry): refused here, without a request (docs/fleet.md).
     */
    private boolean refusedByFeed(ArtifactDownload d) {
        FleetFeed feed = s.fleetFeed();
        if (feed == null || feed.isEmpty()) {
            return false;
        }
        org.eclipse.aether.artifact.Artifact a = d.getArtifact();
        dev.airlock.verify.judge.Resolution r = new dev.airlock.verify.judge.Resolution(a.getGroupId(),
                a.getArtifactId(), a.getExtension(), a.getClassifier(), a.getVersion(), a.getBaseVersion(), null,
                null, repository.getId(), repository.getUrl(), null);
        String coords = Coords.of(a);
        dev.airlock.verify.judge.Verdict v = feed.beforeDownload(r, s.lock() == null ? null : s.lock().sha256(coords));
        v.findings().forEach(s::report);
        if (!v.refused()) {
            return false;
        }
        d.setException(new ArtifactTransferException(a, repository, "airlock: " + String.join("; ",
                v.refusals())));
        return true;
    }

    /** A file already in the local repository, recorded as downloaded from other repository ids only. */
    private boolean cachedFromElsewhere(Path file) {
        LocalOrigins.Origin o = LocalOrigins.of(file);
        return o.kind() == LocalOrigins.Kind.CACHED && !o.repositoryIds().contains(repository.getId());
    }

    /**
     * The resolver found a file in the local repository that was downloaded from another repository id. Resolver
     * 1.9 and 2.0.9 would only check that the mirror has an artifact of that name (an existence check), then
     * record the cached bytes as the mirror's; later 2.0 versions download over it. Either way the cached copy's
     * difference would go unnoticed. Airlock downloads the mirror's bytes instead and compares them with the cached copy
     * ({@code airlock.localOrigin=verify}), or refuses the copy ({@code deny}).
     */
    private void verifyCachedCopy(ArtifactDownload d) {
        String coords = Coords.of(d.getArtifact());
        Path local = d.getFile().toPath();
        LocalOrigins.Origin origin = LocalOrigins.of(local);
        String fix = "delete it from the local repository (or use a fresh local repository) so that it is downloaded"
                + " from a mirror";
        if (s.config().localOrigin() == Levels.LocalOrigin.DENY) {
            s.report(s.finding(FindingCode.UNTRUSTED_LOCAL_ORIGIN, s.failing())
                    .coordinatesOrSubject(coords).file(local.toString())
                    .repository(repository.getId(), repository.getUrl())
                    .message(coords + " in the local repository is " + origin.describe() + ", not from mirror "
                            + repository.getId() + " (airlock.localOrigin=deny, from "
                            + s.config().originOf(ConfigKeys.LOCAL_ORIGIN) + ")")
                    .fix(fix).build());
            if (s.enforce()) {
                d.setException(new ArtifactTransferException(d.getArtifact(), repository,
                        "airlock: UNTRUSTED_LOCAL_ORIGIN: the cached copy of " + coords + " is " + origin.describe()));
            }
            logRequest(coords, layout.getLocation(d.getArtifact(), false).toString(), null, false);
            return;
        }
        Path tmp;
        try {
            tmp = Files.createTempFile("airlock-cached-", ".tmp");
            Files.delete(tmp);
        } catch (IOException e) {
            d.setException(new ArtifactTransferException(d.getArtifact(), repository, "airlock: " + e, e));
            return;
        }
        try {
            ArtifactDownload fetch = new ArtifactDownload(d.getArtifact(), d.getRequestContext(), tmp.toFile(),
                    d.getChecksumPolicy());
            fetch.setRepositories(d.getRepositories());
            fetch.setTrace(d.getTrace());
            delegate.get(List.of(fetch), null);
            ArtifactTransferException e = fetch.getException();
            logRequest(coords, layout.getLocation(d.getArtifact(), false).toString(), e,
                    e instanceof ArtifactNotFoundException);
            if (e != null) {
                d.setException(e);
                return;
            }
            String mirrorSha = DigestCache.sha256Uncached(tmp);
            String localSha = DigestCache.sha256Uncached(local);
            if (mirrorSha.equals(localSha)) {
                s.verifiedCachedCopy(local);
                return;
            }
            s.report(s.finding(FindingCode.UNTRUSTED_LOCAL_ORIGIN, s.failing())
                    .coordinatesOrSubject(coords)
                    .file(local.toString())
                    .sha256(localSha)
                    .repository(repository.getId(), repository.getUrl())
                    .message(coords + " in the local repository is " + origin.describe() + ", and its bytes differ"
                            + " from mirror " + repository.getId() + "'s")
                    .expected("sha256 " + mirrorSha + " (mirror " + repository.getId() + ")")
                    .actual("sha256 " + localSha + " (local repository)")
                    .fix(fix)
                    .build());
            if (s.enforce()) {
                d.setException(new ArtifactTransferException(d.getArtifact(), repository,
                        "airlock: UNTRUSTED_LOCAL_ORIGIN: the cached copy of " + coords + " (" + origin.describe()
                                + ") differs from mirror " + repository.getId() + "'s: sha256 " + localSha
                                + " instead of " + mirrorSha));
            }
        } catch (IOException e) {
            d.setException(new ArtifactTransferException(d.getArtifact(), repository, "airlock: " + e, e));
        } finally {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // a temporary file
            }
        }
    }

    private void logRequest(String coords, String location, Exception e, boolean notFound) {
        logRequest(coords, true, location, e, notFound);
    }

    /** {@code coords} of an artifact, or a description of metadata when {@code artifact} is false. */
    private void logRequest(String coords, boolean artifact, String location, Exception e, boolean notFound) {
        s.request(mirror.isPresent());
        String outcome = e == null ? "ok" : notFound ? "not-found" : "failed";
        s.log().write(ResolutionEntry.request(repository.getId(), repository.getUrl(),
                join(repository.getUrl(), location), coords, outcome, mirror.isPresent())
                .withDetail(e == null || notFound ? null : String.valueOf(e.getMessage())));
        if (e != null && !notFound && mirror.isPresent()) {
            s.report(s.finding(FindingCode.MIRROR_UNAVAILABLE, s.failing())
                    .coordinatesOrSubject(artifact ? coords : null)
                    .detail("metadata", artifact ? null : coords)
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
