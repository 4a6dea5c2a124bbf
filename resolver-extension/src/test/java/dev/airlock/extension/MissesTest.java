package dev.airlock.extension;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.eclipse.aether.artifact.Artifact;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.metadata.DefaultMetadata;
import org.eclipse.aether.metadata.Metadata;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.repository.RepositoryPolicy;
import org.eclipse.aether.transfer.ArtifactFilteredOutException;
import org.eclipse.aether.transfer.ArtifactNotFoundException;
import org.eclipse.aether.transfer.ArtifactTransferException;
import org.eclipse.aether.transfer.RepositoryOfflineException;
import org.junit.jupiter.api.Test;

class MissesTest {
    static final RemoteRepository MIRROR = repo("internal", "http://127.0.0.1:1/", true, true);
    static final RemoteRepository SNAPSHOTS_ONLY = repo("apache.snapshots", "http://snapshots.example/", false, true);
    static final RemoteRepository ROGUE = repo("rogue", "http://rogue.example/", true, false);
    static final Predicate<RemoteRepository> IS_MIRROR = r -> r.getId().equals("internal");

    static RemoteRepository repo(String id, String url, boolean releases, boolean snapshots) {
        return new RemoteRepository.Builder(id, "default", url)
                .setReleasePolicy(new RepositoryPolicy(releases, null, null))
                .setSnapshotPolicy(new RepositoryPolicy(snapshots, null, null))
                .build();
    }

    static List<Exception> refusedBy(Artifact a, RemoteRepository... repos) {
        List<Exception> out = new ArrayList<>();
        for (RemoteRepository r : repos) {
            out.add(new ArtifactFilteredOutException(a, r, "airlock: refused"));
        }
        return out;
    }

    @Test
    void aSnapshotsOnlyRepositoryIsNotBlamedForAReleaseTheMirrorLacks() {
        Artifact a = new DefaultArtifact("com.example:missing-lib:jar:1.0");
        List<Exception> ex = refusedBy(a, SNAPSHOTS_ONLY);
        ex.add(new ArtifactNotFoundException(a, MIRROR));
        Misses.Verdict v = Misses.classify(a, List.of(MIRROR, SNAPSHOTS_ONLY), ex, IS_MIRROR);
        assertEquals(Misses.Kind.NOT_ON_MIRROR, v.kind());
        assertTrue(v.refused().isEmpty());
        assertEquals(List.of(MIRROR), v.mirrorsAsked());
        assertFalse(v.offline());
    }

    @Test
    void aRefusedRepositoryThatCouldHaveServedItIsNamed() {
        Artifact a = new DefaultArtifact("com.example:rogue-only:jar:1.0");
        List<Exception> ex = refusedBy(a, SNAPSHOTS_ONLY, ROGUE);
        ex.add(new ArtifactNotFoundException(a, MIRROR));
        Misses.Verdict v = Misses.classify(a, List.of(MIRROR, SNAPSHOTS_ONLY, ROGUE), ex, IS_MIRROR);
        assertEquals(Misses.Kind.REPOSITORY_BLOCKED, v.kind());
        assertEquals(List.of(ROGUE), v.refused());

        // the same repositories for a SNAPSHOT: the snapshots repository could have served it, the releases one not
        Artifact snap = new DefaultArtifact("com.example:rogue-only:jar:1.0-SNAPSHOT");
        Misses.Verdict s = Misses.classify(snap, List.of(MIRROR, SNAPSHOTS_ONLY, ROGUE),
                refusedBy(snap, SNAPSHOTS_ONLY, ROGUE), IS_MIRROR);
        assertEquals(List.of(SNAPSHOTS_ONLY), s.refused());
    }

    @Test
    void sideFilesAreNeverAFailure() {
        for (String coords : List.of("g:a:jar.asc:1", "g:a:jar.sig:1", "g:a:jar.sigstore.json:1",
                "g:a:jar.intoto.jsonl:1", "g:a:slsa:jar.build:1", "g:a:build.slsa:jar:1", "g:a:jar.sha1:1",
                "g:a:pom.sha512:1", "g:a:jar.md5:1", "g:a:jar.sha256:1")) {
            Artifact a = new DefaultArtifact(coords);
            assertTrue(Misses.isSideFile(a), coords);
            Misses.Verdict v = Misses.classify(a, List.of(MIRROR, ROGUE), refusedBy(a, ROGUE), IS_MIRROR);
            assertEquals(Misses.Kind.SIDE_FILE, v.kind(), coords);
        }
        assertFalse(Misses.isSideFile(new DefaultArtifact("g:a:jar:sources:1")));
        assertFalse(Misses.isSideFile(new DefaultArtifact("g:a:pom:1")));
    }

    @Test
    void aMirrorThatFailedIsNoMiss() {
        Artifact a = new DefaultArtifact("g:a:jar:1");
        Misses.Verdict v = Misses.classify(a, List.of(MIRROR),
                List.of(new ArtifactTransferException(a, MIRROR, "status code: 503")), IS_MIRROR);
        assertEquals(Misses.Kind.OTHER, v.kind());
    }

    @Test
    void offlineAndNoMirrorAsked() {
        Artifact a = new DefaultArtifact("g:a:jar:1");
        Misses.Verdict off = Misses.classify(a, List.of(MIRROR), List.of(new ArtifactNotFoundException(a, MIRROR,
                "offline", new RepositoryOfflineException(MIRROR))), IS_MIRROR);
        assertEquals(Misses.Kind.NOT_ON_MIRROR, off.kind());
        assertTrue(off.offline());

        // a SNAPSHOT and mirrors that serve releases only: no mirror could be asked
        RemoteRepository releasesMirror = repo("internal", "http://127.0.0.1:1/", true, false);
        Artifact snap = new DefaultArtifact("g:a:jar:1.0-SNAPSHOT");
        Misses.Verdict none = Misses.classify(snap, List.of(releasesMirror), List.of(), IS_MIRROR);
        assertEquals(Misses.Kind.NOT_ON_MIRROR, none.kind());
        assertTrue(none.mirrorsAsked().isEmpty());

        // a mirror the namespace routing refused was not asked
        Misses.Verdict routed = Misses.classify(a, List.of(MIRROR), refusedBy(a, MIRROR), IS_MIRROR);
        assertEquals(Misses.Kind.NOT_ON_MIRROR, routed.kind());
        assertTrue(routed.mirrorsAsked().isEmpty());
    }

    @Test
    void metadataFollowsTheSamePolicies() {
        Metadata release = new DefaultMetadata("g", "a", "maven-metadata.xml", Metadata.Nature.RELEASE);
        Metadata any = new DefaultMetadata("g", "a", "maven-metadata.xml", Metadata.Nature.RELEASE_OR_SNAPSHOT);
        Metadata snapshot = new DefaultMetadata("g", "a", "1.0-SNAPSHOT", "maven-metadata.xml", Metadata.Nature.SNAPSHOT);
        assertFalse(Misses.mayServe(SNAPSHOTS_ONLY, release));
        assertTrue(Misses.mayServe(SNAPSHOTS_ONLY, any));
        assertTrue(Misses.mayServe(SNAPSHOTS_ONLY, snapshot));
        assertFalse(Misses.mayServe(ROGUE, snapshot));
    }
}
