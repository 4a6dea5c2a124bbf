package dev.airlock.verify.feed;

import static dev.airlock.verify.feed.FeedTestSupport.T0;
import static dev.airlock.verify.feed.FeedTestSupport.quarantine;
import static dev.airlock.verify.feed.FeedTestSupport.release;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FeedSnapshotTest {
    /** A feed history in publication order: entries, releases of some, releases published before their entry. */
    private static List<FeedEntry> history() {
        List<FeedEntry> out = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            FeedEntry q = quarantine(i, "s" + i, 2 * i);
            if (i % 5 == 4) {
                out.add(release(q, 2 * i + 1)); // the release is seen before its entry
            }
            out.add(q);
            if (i % 3 == 0) {
                out.add(release(q, 2 * i + 1));
            }
        }
        return out;
    }

    @Test
    void snapshotPlusLaterEntriesEqualsAllEntries() {
        List<FeedEntry> all = history();
        FeedIndex full = FeedIndex.of(all);
        for (int cut = 0; cut <= all.size(); cut++) {
            FeedSnapshot s = FeedSnapshot.compact(null, all.subList(0, cut), T0.plusSeconds(7200));
            // the reader gets everything the metadata lists (it skips what the snapshot covers)
            assertEquals(full, FeedIndex.of(s, all), "cut " + cut);
            // or only what the snapshot does not cover
            assertEquals(full, FeedIndex.of(s, all.subList(cut, all.size())), "cut " + cut);
        }
        // a chain of snapshots, each compacting the previous one and what came after it
        FeedSnapshot s1 = FeedSnapshot.compact(null, all.subList(0, 10), T0.plusSeconds(60));
        FeedSnapshot s2 = FeedSnapshot.compact(s1, all.subList(10, 25), T0.plusSeconds(120));
        assertEquals(full, FeedIndex.of(s2, all.subList(25, all.size())));
        assertTrue(s2.covers().containsAll(s1.covers()));
    }

    @Test
    void compactionDropsLiftedPairsButStillCoversThem() {
        FeedEntry a = quarantine(1, "a", 0);
        FeedEntry ra = release(a, 1);
        FeedEntry b = quarantine(2, "b", 2);
        FeedEntry pending = release(quarantine(3, "c", 3), 4);
        FeedSnapshot s = FeedSnapshot.compact(null, List.of(a, ra, b, pending), T0.plusSeconds(3600));
        List<FeedEntry> live = new ArrayList<>(List.of(b, pending));
        live.sort(java.util.Comparator.comparing(FeedEntry::id));
        assertEquals(live, s.entries());
        assertEquals(4, s.covers().size());
        assertTrue(s.covers(FeedLayout.version(a)) && s.covers(FeedLayout.version(ra)));
        // the lifted entry, fetched again from the metadata, does not come back
        assertTrue(FeedIndex.of(s, List.of(a)).blocked(a.coordinates(), a.sha256()).isEmpty());
    }

    @Test
    void aLateEntryWithAnEarlierTimeIsStillFetched() {
        FeedEntry early = quarantine(1, "a", 0);
        FeedEntry lateButOlder = quarantine(2, "b", -60); // a slow deploy, or a skewed clock
        FeedSnapshot s = FeedSnapshot.compact(null, List.of(early), T0.plusSeconds(60));
        List<String> metadata = List.of(FeedLayout.version(early), FeedLayout.version(lateButOlder),
                FeedLayout.version(s), "1.0");
        assertEquals(List.of(FeedLayout.version(lateButOlder)), s.toFetch(metadata));
        assertEquals(FeedIndex.of(List.of(early, lateButOlder)), FeedIndex.of(s, List.of(lateButOlder)));
        assertEquals(java.util.Optional.of(FeedLayout.version(s)), FeedLayout.latestSnapshot(metadata));
    }

    @Test
    void snapshotRoundTripsCanonicallyUnderItsVersion() throws Exception {
        List<FeedEntry> all = history();
        FeedSnapshot s = FeedSnapshot.compact(null, all, T0.plusSeconds(86400));
        FeedSnapshot back = FeedLayout.readSnapshot(FeedLayout.version(s), "s.json", s.canonicalBytes());
        assertEquals(s, back);
        assertEquals(s.id(), back.id());
        assertTrue(FeedLayout.version(s).startsWith("snapshot-20261208T100000Z-"), FeedLayout.version(s));
        // the same set of files in another order compacts to the same bytes
        List<FeedEntry> shuffled = new ArrayList<>(all);
        Collections.shuffle(shuffled, new Random(7));
        assertEquals(s.id(), FeedSnapshot.compact(null, shuffled, T0.plusSeconds(86400)).id());
        // under another snapshot's version: refused
        FeedSnapshot other = FeedSnapshot.compact(null, all.subList(0, 3), T0.plusSeconds(86400));
        assertThrows(FeedException.class, () -> FeedLayout.readSnapshot(FeedLayout.version(other), "s.json",
                s.canonicalBytes()));
    }

    @Test
    void malformedSnapshotsAreRefused() {
        FeedEntry a = quarantine(1, "a", 0);
        FeedSnapshot s = FeedSnapshot.compact(null, List.of(a), T0.plusSeconds(60));
        String text = new String(s.canonicalBytes(), StandardCharsets.UTF_8);
        // an entry the snapshot does not cover
        String uncovered = text.replace("\"covers\":[\"" + FeedLayout.version(a) + "\"]", "\"covers\":[]");
        FeedException e = assertThrows(FeedException.class, () -> FeedSnapshot.parse("s.json",
                uncovered.getBytes(StandardCharsets.UTF_8)));
        assertTrue(e.problem().contains("does not cover that version"), e.getMessage());
        // a nested entry with a policy code: positioned inside the entries array
        String policyCode = text.replace("LOCK_HASH_MISMATCH", "NOT_IN_LOCK");
        FeedException p = assertThrows(FeedException.class, () -> FeedSnapshot.parse("s.json",
                policyCode.getBytes(StandardCharsets.UTF_8)));
        assertEquals(1, p.line());
        assertTrue(p.column() > text.indexOf("\"entries\""), p.getMessage());
        assertTrue(p.problem().contains("not an integrity failure"), p.getMessage());
        // unknown key, wrong kind
        assertThrows(FeedException.class, () -> FeedSnapshot.parse("s.json",
                text.replace("\"time\"", "\"x\":1,\"time\"").getBytes(StandardCharsets.UTF_8)));
        FeedException k = assertThrows(FeedException.class, () -> FeedSnapshot.parse("s.json",
                text.replace("SNAPSHOT", "QUARANTINE").getBytes(StandardCharsets.UTF_8)));
        assertTrue(k.problem().contains("not SNAPSHOT"), k.getMessage());
        assertFalse(k.getMessage().contains("Exception"), k.getMessage());
    }
}
