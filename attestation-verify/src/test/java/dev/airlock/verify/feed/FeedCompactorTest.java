package dev.airlock.verify.feed;

import static dev.airlock.verify.feed.FeedTestSupport.FEED;
import static dev.airlock.verify.feed.FeedTestSupport.LAYOUT;
import static dev.airlock.verify.feed.FeedTestSupport.T0;
import static dev.airlock.verify.feed.FeedTestSupport.p256;
import static dev.airlock.verify.feed.FeedTestSupport.policy;
import static dev.airlock.verify.feed.FeedTestSupport.quarantine;
import static dev.airlock.verify.feed.FeedTestSupport.release;
import static dev.airlock.verify.feed.FeedTestSupport.writePublic;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.airlock.verify.feed.FeedReaderTest.MemoryRepository;
import dev.airlock.verify.policy.TrustPolicy;
import java.io.IOException;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Compacting a feed: the same blocks from two files instead of two per version; nothing a runner adds is lost. */
class FeedCompactorTest {
    private static final Duration SETTLE = Duration.ofMillis(50);

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

    private FeedReader.Result read(FeedRepository r) throws Exception {
        return new FeedReader(LAYOUT, new FeedVerifier(policy, LAYOUT), r, null, Duration.ofSeconds(30)).read();
    }

    private FeedCompactor compactor(FeedRepository r, Instant now) {
        return new FeedCompactor(LAYOUT, new FeedVerifier(policy, LAYOUT), r, signer, Clock.fixed(now, ZoneOffset.UTC),
                SETTLE);
    }

    private List<String> listed(MemoryRepository r) throws Exception {
        return MetadataVersions.read("m", r.files.get(LAYOUT.metadataPath()));
    }

    private List<FeedEntry> publishSome(int from, int count) throws IOException {
        List<FeedEntry> out = new ArrayList<>();
        for (int i = from; i < from + count; i++) {
            FeedEntry e = quarantine(i, "bytes " + i, i);
            publisher.publish(e);
            out.add(e);
        }
        return out;
    }

    @Test
    void aCompactedFeedBlocksTheSameFromTheSnapshotAloneAndKeepsForgedFilesListedAndReported() throws Exception {
        List<FeedEntry> entries = publishSome(0, 6);
        publisher.publish(release(entries.get(0), 30));
        // a forged entry (another key): never folded in, still listed, still reported by every reader
        FeedEntry forged = quarantine(99, "a rival's good bytes", 7);
        new FeedPublisher(LAYOUT, repo, FeedSigner.of(p256().getPrivate()), Clock.systemUTC(), Duration.ZERO)
                .publish(forged);
        FeedReader.Result before = read(repo);
        assertEquals(8, before.versions().size());
        assertEquals(5, before.index().blocking().size());
        int writesBefore = repo.metadataWrites.get();

        FeedCompactor.Result c = compactor(repo, T0.plusSeconds(7200)).compact(Duration.ofSeconds(30));
        assertTrue(c.compacted());
        assertEquals(7, c.folded(), "six entries and a release");
        assertEquals(8, c.listedBefore());
        assertEquals(2, c.listedAfter(), "the snapshot and the forged version");
        assertEquals(1, c.ignored().size());
        assertEquals(List.of(c.version(), FeedLayout.version(forged)).stream().sorted().toList(), listed(repo));
        assertTrue(repo.metadataWrites.get() > writesBefore);
        assertEquals(5, c.snapshot().entries().size(), "the lifted entry and its release left the snapshot");
        assertEquals(7, c.snapshot().covers().size(), "but stay covered");

        FeedReader.Result after = read(repo);
        assertEquals(before.index(), after.index());
        assertEquals(c.version(), after.snapshot());
        assertEquals(1, after.ignored().size(), "the forged entry is still reported");
        assertEquals(1 + 2 + 2, after.requests(), "the metadata, the snapshot and the forged version: "
                + after.requests());
        // the files of the delisted versions stay in the repository
        assertNotNull(repo.files.get(LAYOUT.files(entries.get(3)).entryPath()));
    }

    @Test
    void aSecondCompactionFoldsInWhatCameAfterTheFirstAndDelistsTheFirst() throws Exception {
        List<FeedEntry> first = publishSome(0, 3);
        FeedCompactor.Result c1 = compactor(repo, T0.plusSeconds(3600)).compact(Duration.ofSeconds(30));
        List<FeedEntry> later = publishSome(10, 2);
        publisher.publish(release(first.get(1), 70));
        FeedCompactor.Result c2 = compactor(repo, T0.plusSeconds(7200)).compact(Duration.ofSeconds(30));
        assertEquals(c1.version(), c2.previous());
        assertEquals(3, c2.folded());
        assertEquals(List.of(c2.version()), listed(repo), "the first snapshot and everything covered left the list");
        FeedReader.Result r = read(repo);
        List<FeedEntry> all = new ArrayList<>(first);
        all.addAll(later);
        all.add(release(first.get(1), 70));
        assertEquals(FeedIndex.of(all), r.index());
        assertEquals(4, r.index().blocking().size());
        assertTrue(r.index().blocked(first.get(1).coordinates(), first.get(1).sha256()).isEmpty(), "released");

        // nothing new: nothing is written
        int writes = repo.metadataWrites.get();
        FeedCompactor.Result idle = compactor(repo, T0.plusSeconds(9000)).compact(Duration.ofSeconds(30));
        assertFalse(idle.compacted());
        assertEquals(writes, repo.metadataWrites.get());
    }

    @Test
    void anEntryPublishedWhileTheCompactionRunsStaysListed() throws Exception {
        publishSome(0, 4);
        FeedEntry late = quarantine(50, "published during the compaction", 50);
        // a runner that read the list before the compaction wrote its own, and writes its stale list after it: the
        // list loses the snapshot and lists the covered versions again; the compaction must list itself again
        // without dropping the runner's version, and the runner's version must stay
        FeedRepository racing = new FeedRepository() {
            boolean raced;

            @Override
            public Optional<byte[]> get(String path) throws IOException {
                return repo.get(path);
            }

            @Override
            public void put(String path, byte[] bytes) throws IOException {
                repo.put(path, bytes);
                if (path.equals(LAYOUT.metadataPath()) && !raced) {
                    raced = true;
                    byte[] stale = staleListWith(late);
                    repo.put(path, stale);
                }
            }

            @Override
            public String describe() {
                return "racing";
            }
        };
        List<String> staleBase = listed(repo);
        this.stale = staleBase;
        FeedCompactor.Result c = compactor(racing, T0.plusSeconds(3600)).compact(Duration.ofSeconds(30));
        List<String> now = listed(repo);
        assertEquals(List.of(FeedLayout.version(late), c.version()).stream().sorted().toList(), now);
        FeedReader.Result r = read(repo);
        assertTrue(r.index().blocked(late.coordinates(), late.sha256()).isPresent());
        assertEquals(5, r.index().blocking().size());
    }

    private List<String> stale;

    private byte[] staleListWith(FeedEntry e) throws IOException {
        FeedLayout.Files f = LAYOUT.files(e);
        repo.put(f.signaturePath(), signer.sign(e.canonicalBytes()));
        repo.put(f.entryPath(), e.canonicalBytes());
        return MetadataVersions.write(LAYOUT.groupId(), LAYOUT.artifactId(),
                MetadataVersions.merge(stale, List.of(f.version())), T0);
    }

    @Test
    void aCompactionThatFindsAnotherOneListedStopsWithoutDelistingAnything() throws Exception {
        publishSome(0, 3);
        FeedSnapshot other = FeedSnapshot.compact(null, List.of(quarantine(0, "bytes 0", 0)), T0.plusSeconds(9000));
        FeedRepository racing = new FeedRepository() {
            @Override
            public Optional<byte[]> get(String path) throws IOException {
                Optional<byte[]> b = repo.get(path);
                if (path.equals(LAYOUT.metadataPath()) && repo.files.containsKey(
                        LAYOUT.files(FeedSnapshot.compact(null, publishedSoFar(), T0.plusSeconds(3600))).entryPath())
                        && !listed) {
                    // the other compaction lists its snapshot just after this one stored its files
                    listed = true;
                    new FeedPublisher(LAYOUT, repo, signer, Clock.systemUTC(), Duration.ZERO).publish(other);
                    return repo.get(path);
                }
                return b;
            }

            boolean listed;

            @Override
            public void put(String path, byte[] bytes) throws IOException {
                repo.put(path, bytes);
            }

            @Override
            public String describe() {
                return "racing";
            }
        };
        List<String> before = listed(repo);
        IOException e = assertThrows(IOException.class,
                () -> compactor(racing, T0.plusSeconds(3600)).compact(Duration.ofSeconds(30)));
        assertTrue(e.getMessage().contains("another compaction listed snapshot " + FeedLayout.version(other)),
                e.getMessage());
        List<String> after = listed(repo);
        assertTrue(after.containsAll(before), "nothing was delisted: " + after);
    }

    private List<FeedEntry> publishedSoFar() {
        List<FeedEntry> out = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            out.add(quarantine(i, "bytes " + i, i));
        }
        return out;
    }

    @Test
    void aFeedThatGrewPastWhatBuildsReadCanStillBeCompacted() throws Exception {
        List<FeedEntry> entries = publishSome(0, 3);
        List<String> listed = new ArrayList<>(listed(repo));
        for (int i = 0; i < 150_000; i++) {
            listed.add(String.format("stray-%06d", i)); // the list's length is what matters here
        }
        repo.put(LAYOUT.metadataPath(), MetadataVersions.write(LAYOUT.groupId(), LAYOUT.artifactId(), listed, T0));
        assertTrue(repo.files.get(LAYOUT.metadataPath()).length > MetadataVersions.MAX_BYTES);
        FeedException refused = assertThrows(FeedException.class, () -> read(repo));
        assertTrue(refused.getMessage().contains("needs compacting (the compact-feed goal)"), refused.getMessage());

        FeedCompactor.Result c = compactor(repo, T0.plusSeconds(3600)).compact(Duration.ofSeconds(60));
        assertEquals(3, c.folded());
        assertEquals(listed.size() - 3 + 1, c.listedAfter());
        assertEquals(entries.size(), c.snapshot().entries().size());
    }

    @Test
    void aFeedNothingWasPublishedToCannotBeCompactedAndSaysWhere() {
        FeedException e = assertThrows(FeedException.class,
                () -> compactor(repo, T0).compact(Duration.ofSeconds(30)));
        assertTrue(e.getMessage().contains("nothing was ever published"), e.getMessage());
        assertTrue(e.getMessage().contains("airlock.feed.publish"), e.getMessage());
    }
}
