package dev.airlock.verify.feed;

import static dev.airlock.verify.feed.FeedTestSupport.FEED;
import static dev.airlock.verify.feed.FeedTestSupport.LAYOUT;
import static dev.airlock.verify.feed.FeedTestSupport.T0;
import static dev.airlock.verify.feed.FeedTestSupport.p256;
import static dev.airlock.verify.feed.FeedTestSupport.policy;
import static dev.airlock.verify.feed.FeedTestSupport.quarantine;
import static dev.airlock.verify.feed.FeedTestSupport.release;
import static dev.airlock.verify.feed.FeedTestSupport.sha;
import static dev.airlock.verify.feed.FeedTestSupport.writePublic;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.airlock.verify.finding.Coordinates;
import dev.airlock.verify.policy.TrustPolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Publishing to a feed and reading it back, through an in-memory repository that counts requests. */
class FeedReaderTest {
    @TempDir
    Path dir;

    private final MemoryRepository repo = new MemoryRepository();
    private FeedSigner signer;
    private TrustPolicy policy;
    private FeedPublisher publisher;

    @BeforeEach
    void keys() throws Exception {
        KeyPair feedKey = p256();
        writePublic(dir, "feed.pub", feedKey);
        signer = FeedSigner.of(feedKey.getPrivate());
        policy = policy(dir, FEED + " cosign key=feed.pub\n");
        publisher = new FeedPublisher(LAYOUT, repo, signer, Clock.fixed(T0, ZoneOffset.UTC), Duration.ZERO);
    }

    private FeedReader.Result read(Path cache) throws Exception {
        return new FeedReader(LAYOUT, new FeedVerifier(policy, LAYOUT), repo, cache, Duration.ofSeconds(30)).read();
    }

    @Test
    void aPublishedEntryBlocksItsBytesUntilItsReleaseIsPublished() throws Exception {
        FeedEntry e1 = quarantine(1, "tampered", 0);
        FeedEntry e2 = quarantine(2, "other", 1);
        String v1 = publisher.publish(e1);
        publisher.publish(e2);
        assertEquals(FeedLayout.version(e1), v1);
        assertTrue(repo.files.containsKey(LAYOUT.files(e1).entryPath() + ".sha1"));

        FeedReader.Result r = read(null);
        assertTrue(r.metadataFound());
        assertEquals(List.of(), r.ignored());
        assertEquals(e1, r.index().blocked(e1.coordinates(), e1.sha256()).orElseThrow());
        assertEquals(e2, r.index().blocked(e2.coordinates(), e2.sha256()).orElseThrow());
        assertTrue(r.index().blocked(e1.coordinates(), sha("good")).isEmpty());
        assertEquals(1 + 2 * 2, r.requests(), "the metadata, then each version's file and signature");

        publisher.publish(release(e1, 5));
        FeedReader.Result after = read(null);
        assertTrue(after.index().blocked(e1.coordinates(), e1.sha256()).isEmpty(), "released");
        assertTrue(after.index().blocked(e2.coordinates(), e2.sha256()).isPresent(), "still blocked");
    }

    @Test
    void acceptedFilesAreCachedSoALaterBuildAsksOnlyForTheMetadata() throws Exception {
        for (int i = 0; i < 5; i++) {
            publisher.publish(quarantine(i, "bytes " + i, i));
        }
        Path cache = dir.resolve("cache");
        FeedReader.Result first = read(cache);
        assertEquals(11, first.requests());
        assertEquals(0, first.cached());
        FeedReader.Result second = read(cache);
        assertEquals(1, second.requests(), "only the metadata's .sha1: it matches the metadata read before");
        assertTrue(second.bytes() <= 41, "40 hex digits: " + second.bytes());
        assertEquals(11, second.cached(), "the metadata and the ten files");
        assertEquals(first.index(), second.index());

        // one more entry: the checksum differs, so the metadata is fetched, and then only the new version
        FeedEntry added = quarantine(7, "bytes 7", 7);
        publisher.publish(added);
        FeedReader.Result grown = read(cache);
        assertEquals(1 + 1 + 2, grown.requests(), "the .sha1, the metadata, the new version's file and signature");
        assertTrue(grown.index().blocked(added.coordinates(), added.sha256()).isPresent());
        repo.files.remove(LAYOUT.metadataPath());
        repo.files.remove(LAYOUT.metadataPath() + ".sha1");
        publishAgain(List.of(quarantine(0, "bytes 0", 0), quarantine(1, "bytes 1", 1), quarantine(2, "bytes 2", 2),
                quarantine(3, "bytes 3", 3), quarantine(4, "bytes 4", 4), added));
        // a metadata without a .sha1 is fetched every time
        repo.files.remove(LAYOUT.metadataPath() + ".sha1");
        FeedReader.Result noChecksum = read(cache);
        assertEquals(2, noChecksum.requests(), "the .sha1 (404) and the metadata");

        // a cached file altered on disk is not believed: it is fetched again and verified
        FeedEntry e0 = quarantine(0, "bytes 0", 0);
        Path cached = cache.resolve(LAYOUT.files(e0).directory()).resolve(LAYOUT.files(e0).entryFile());
        Files.writeString(cached, "{}");
        FeedReader.Result third = read(cache);
        assertEquals(2 + 2, third.requests());
        assertEquals(noChecksum.index(), third.index());
    }

    @Test
    void forgedUnsignedAndMisplacedFilesAreIgnoredAndReported() throws Exception {
        FeedEntry real = quarantine(1, "tampered", 0);
        publisher.publish(real);
        // an entry signed by another key, as someone with write access to the repository only could make
        FeedEntry forged = quarantine(2, "good bytes of a rival", 1);
        FeedPublisher intruder = new FeedPublisher(LAYOUT, repo, FeedSigner.of(p256().getPrivate()),
                Clock.systemUTC(), Duration.ZERO);
        intruder.publish(forged);
        // a release without any signature
        FeedEntry unsignedRelease = release(real, 2);
        FeedLayout.Files rf = LAYOUT.files(unsignedRelease);
        repo.put(rf.entryPath(), unsignedRelease.canonicalBytes());
        listInMetadata(rf.version());
        // a real entry's bytes replayed under another version
        FeedEntry e3 = quarantine(3, "x", 3);
        String replayVersion = FeedLayout.version(quarantine(4, "y", 4));
        FeedLayout.Files replay = LAYOUT.files(replayVersion);
        repo.put(replay.entryPath(), e3.canonicalBytes());
        repo.put(replay.signaturePath(), signer.sign(e3.canonicalBytes()));
        listInMetadata(replayVersion);

        FeedReader.Result r = read(null);
        assertEquals(3, r.ignored().size(), String.join("\n", r.ignored()));
        assertTrue(r.ignored().stream().anyMatch(s -> s.contains(LAYOUT.files(forged).entryFile())
                && s.contains("does not verify")), String.join("\n", r.ignored()));
        assertTrue(r.ignored().stream().anyMatch(s -> s.contains(rf.entryFile()) && s.contains("no signature")));
        assertTrue(r.ignored().stream().anyMatch(s -> s.contains(replay.entryFile())
                && s.contains("replayed under another version")));
        assertTrue(r.index().blocked(real.coordinates(), real.sha256()).isPresent(),
                "the unsigned release lifts nothing");
        assertTrue(r.index().blocked(forged.coordinates(), forged.sha256()).isEmpty(), "the forged entry blocks"
                + " nothing");
        assertEquals(1, r.index().blocking().size());
    }

    @Test
    void aSnapshotStandsForWhatItCoversAndOnlyLaterVersionsAreFetched() throws Exception {
        List<FeedEntry> early = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            FeedEntry e = quarantine(i, "b" + i, i);
            early.add(e);
            publisher.publish(e);
        }
        FeedEntry lifted = release(early.get(0), 10);
        publisher.publish(lifted);
        early.add(lifted);
        FeedSnapshot snap = FeedSnapshot.compact(null, early, T0.plusSeconds(3600));
        publisher.publish(snap);
        FeedEntry late = quarantine(9, "late", 2);   // published after the snapshot, with an earlier time
        publisher.publish(late);

        FeedReader.Result r = read(null);
        assertEquals(FeedLayout.version(snap), r.snapshot());
        assertEquals(1 + 2 + 2, r.requests(), "metadata, the snapshot and the one version it does not cover");
        List<FeedEntry> all = new ArrayList<>(early);
        all.add(late);
        assertEquals(FeedIndex.of(all), r.index());
        assertTrue(r.index().blocked(early.get(0).coordinates(), early.get(0).sha256()).isEmpty());
        assertTrue(r.index().blocked(late.coordinates(), late.sha256()).isPresent());
    }

    private static final Duration SETTLE = Duration.ofMillis(150);

    @Test
    void whatARunnerAcceptedBeforeStaysBlockedWhenSomeoneRewritesTheMetadata() throws Exception {
        List<FeedEntry> entries = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            FeedEntry e = quarantine(i, "b" + i, i);
            entries.add(e);
            publisher.publish(e);
        }
        Path cache = dir.resolve("cache");
        FeedReader.Result before = read(cache);
        assertEquals(3, before.index().blocking().size());
        assertEquals(List.of(), before.kept());

        // a compaction delists what its snapshot covers: nothing is "kept", the cache agrees with the snapshot
        FeedCompactor compactor = new FeedCompactor(LAYOUT, new FeedVerifier(policy, LAYOUT), repo, signer,
                Clock.fixed(T0.plusSeconds(3600), ZoneOffset.UTC), Duration.ZERO);
        String s1 = compactor.compact(Duration.ofSeconds(30)).version();
        FeedReader.Result compacted = read(cache);
        assertEquals(List.of(), compacted.kept(), String.join("\n", compacted.kept()));
        assertEquals(before.index(), compacted.index());

        // two more, a second compaction, read by this runner
        FeedEntry e3 = quarantine(3, "b3", 3);
        FeedEntry e4 = quarantine(4, "b4", 4);
        publisher.publish(e3);
        publisher.publish(e4);
        new FeedCompactor(LAYOUT, new FeedVerifier(policy, LAYOUT), repo, signer,
                Clock.fixed(T0.plusSeconds(7200), ZoneOffset.UTC), Duration.ZERO).compact(Duration.ofSeconds(30));
        FeedEntry e5 = quarantine(5, "b5", 5);
        publisher.publish(e5);
        FeedReader.Result full = read(cache);
        assertEquals(6, full.index().blocking().size());

        // someone with write access lists the first snapshot again and drops the last entry: this runner keeps
        // the newer snapshot and the entry from its cache, and says so
        byte[] rewritten = MetadataVersions.write(LAYOUT.groupId(), LAYOUT.artifactId(), List.of(s1), T0);
        repo.put(LAYOUT.metadataPath(), rewritten);
        repo.put(LAYOUT.metadataPath() + ".sha1", java.util.HexFormat.of().formatHex(
                java.security.MessageDigest.getInstance("SHA-1").digest(rewritten)).getBytes());
        FeedReader.Result rolledBack = read(cache);
        assertEquals(full.index(), rolledBack.index());
        assertEquals(2, rolledBack.kept().size(), String.join("\n", rolledBack.kept()));
        assertTrue(rolledBack.kept().get(0).contains("is newer than the newest snapshot " + s1));
        assertTrue(rolledBack.kept().get(1).contains(FeedLayout.version(e5)) && rolledBack.kept().get(1)
                .contains("not listed in the metadata and no snapshot covers it"), rolledBack.kept().get(1));
        // a runner without that cache sees only what the metadata lists (docs/fleet.md says so)
        FeedReader.Result fresh = read(null);
        assertEquals(3, fresh.index().blocking().size());
        assertTrue(fresh.index().blocked(e5.coordinates(), e5.sha256()).isEmpty());
    }

    @Test
    void aSignedSnapshotThatCannotBeReadFailsTheReadInsteadOfBeingSkipped() throws Exception {
        FeedEntry e = quarantine(1, "b1", 0);
        FeedSnapshot snap = FeedSnapshot.compact(null, List.of(e), T0.plusSeconds(3600));
        // the snapshot's bytes replayed under another snapshot version, signed with the feed's key: the metadata
        // (compacted) lists only that version, so skipping it would lift the block of e
        String otherVersion = FeedLayout.version(FeedSnapshot.compact(null, List.of(quarantine(2, "b2", 0)),
                T0.plusSeconds(3600)));
        FeedLayout.Files f = LAYOUT.files(otherVersion);
        repo.put(f.entryPath(), snap.canonicalBytes());
        repo.put(f.signaturePath(), signer.sign(snap.canonicalBytes()));
        repo.put(LAYOUT.metadataPath(), MetadataVersions.write(LAYOUT.groupId(), LAYOUT.artifactId(),
                List.of(otherVersion), T0));
        FeedException ex = assertThrows(FeedException.class, () -> read(null));
        assertTrue(ex.getMessage().contains("belongs to version"), ex.getMessage());

        // an unsigned one fails the read too: a compaction delisted the versions it stands for, and write access to
        // the repository alone must not lift their blocks by replacing the snapshot
        repo.files.remove(f.signaturePath());
        FeedException unsigned = assertThrows(FeedException.class, () -> read(null));
        assertTrue(unsigned.getMessage().contains("newest snapshot is not accepted")
                && unsigned.getMessage().contains("no signature"), unsigned.getMessage());
        assertTrue(unsigned.getMessage().contains("compact-feed"), "names the fix: " + unsigned.getMessage());
    }

    @Test
    void twoPublishersRacingOnTheMetadataBothEndUpListed() throws Exception {
        for (int round = 0; round < 8; round++) {
            MemoryRepository racing = new MemoryRepository();
            CyclicBarrier bothRead = new CyclicBarrier(2);
            racing.beforeFirstMetadataRead = () -> bothRead.await(10, java.util.concurrent.TimeUnit.SECONDS);
            FeedEntry a = quarantine(1, "a" + round, 0);
            FeedEntry b = quarantine(2, "b" + round, 0);
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                Future<String> fa = pool.submit(() -> new FeedPublisher(LAYOUT, racing, signer, Clock.systemUTC(), SETTLE)
                        .publish(a));
                Future<String> fb = pool.submit(() -> new FeedPublisher(LAYOUT, racing, signer, Clock.systemUTC(), SETTLE)
                        .publish(b));
                fa.get();
                fb.get();
            } finally {
                pool.shutdownNow();
            }
            racing.beforeFirstMetadataRead = null;
            assertTrue(racing.metadataWrites.get() >= 3, "both wrote a list without the other's version, and one"
                    + " merged again: " + racing.metadataWrites.get() + " writes");
            List<String> listed = MetadataVersions.read("m", racing.files.get(LAYOUT.metadataPath()));
            assertEquals(List.of(FeedLayout.version(a), FeedLayout.version(b)).stream().sorted().toList(), listed,
                    "round " + round);
            FeedReader.Result r = new FeedReader(LAYOUT, new FeedVerifier(policy, LAYOUT), racing, null,
                    Duration.ofSeconds(30)).read();
            assertEquals(2, r.index().blocking().size());
        }
    }

    @Test
    void anUnreachableRepositoryOrAnExpiredTimeFailsTheReadInsteadOfReadingNothing() throws Exception {
        FeedRepository down = new FeedRepository() {
            @Override
            public Optional<byte[]> get(String path) throws IOException {
                throw new IOException("Connection refused");
            }

            @Override
            public void put(String path, byte[] bytes) throws IOException {
                throw new IOException("Connection refused");
            }

            @Override
            public String describe() {
                return "down";
            }
        };
        assertThrows(IOException.class, () -> new FeedReader(LAYOUT, new FeedVerifier(policy, LAYOUT), down, null,
                Duration.ofSeconds(5)).read());
        publisher.publish(quarantine(1, "x", 0));
        IOException late = assertThrows(IOException.class, () -> new FeedReader(LAYOUT,
                new FeedVerifier(policy, LAYOUT), repo, null, Duration.ZERO).read());
        assertTrue(late.getMessage().contains("time allowed"), late.getMessage());
    }

    @Test
    void aFeedNothingWasPublishedToIsEmptyAndSaysSo() throws Exception {
        FeedReader.Result r = read(null);
        assertFalse(r.metadataFound());
        assertTrue(r.index().isEmpty());
        assertNull(r.snapshot());
        assertEquals(1, r.requests());
        assertTrue(r.index().blocked(Coordinates.parse("com.acme:lib1:jar:1.0")).isEmpty());
    }

    /** Lists the versions of {@code entries} again (their files are stored), as their publishers would. */
    private void publishAgain(List<FeedEntry> entries) throws Exception {
        for (FeedEntry e : entries) {
            publisher.publish(e);
        }
    }

    private void listInMetadata(String version) throws Exception {
        List<String> listed = MetadataVersions.read("m", repo.files.get(LAYOUT.metadataPath()));
        repo.put(LAYOUT.metadataPath(), MetadataVersions.write(LAYOUT.groupId(), LAYOUT.artifactId(),
                MetadataVersions.merge(listed, List.of(version)), T0));
    }

    /** A repository in memory; optionally makes two publishers read the metadata at the same moment. */
    static final class MemoryRepository implements FeedRepository {
        final Map<String, byte[]> files = new ConcurrentHashMap<>();
        final AtomicInteger metadataWrites = new AtomicInteger();
        volatile Barrier beforeFirstMetadataRead;
        private final ThreadLocal<Boolean> waited = ThreadLocal.withInitial(() -> false);

        interface Barrier {
            void await() throws Exception;
        }

        @Override
        public Optional<byte[]> get(String path) throws IOException {
            Optional<byte[]> now = Optional.ofNullable(files.get(path));
            if (path.equals(LAYOUT.metadataPath()) && beforeFirstMetadataRead != null && !waited.get()) {
                waited.set(true);
                try {
                    beforeFirstMetadataRead.await();
                } catch (Exception e) {
                    throw new IOException(e);
                }
            }
            return now;
        }

        @Override
        public void put(String path, byte[] bytes) {
            if (path.equals(LAYOUT.metadataPath())) {
                metadataWrites.incrementAndGet();
            }
            files.put(path, bytes.clone());
        }

        @Override
        public String describe() {
            return "memory";
        }
    }
}
