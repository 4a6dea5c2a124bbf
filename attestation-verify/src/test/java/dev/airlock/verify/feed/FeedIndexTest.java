package dev.airlock.verify.feed;

import static dev.airlock.verify.feed.FeedTestSupport.T0;
import static dev.airlock.verify.feed.FeedTestSupport.quarantine;
import static dev.airlock.verify.feed.FeedTestSupport.release;
import static dev.airlock.verify.feed.FeedTestSupport.sha;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.airlock.verify.finding.Coordinates;
import dev.airlock.verify.finding.FindingCode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FeedIndexTest {
    private static final FeedEntry A = quarantine(1, "a", 0);
    private static final FeedEntry B = quarantine(2, "b", 1);
    private static final FeedEntry C = quarantine(3, "c", 2);
    /** Another runner quarantined A's bytes later. */
    private static final FeedEntry A2 = FeedEntry.quarantine(A.coordinates(), A.sha256(),
            FindingCode.SBOM_HASH_MISMATCH, "verifySbom", T0.plusSeconds(600), "ci-9.example", sha("ev a2"));
    private static final FeedEntry RELEASE_B = release(B, 5);
    private static final FeedEntry RELEASE_A2 = release(A2, 20);
    /** Names an entry no runner published (yet). */
    private static final FeedEntry RELEASE_UNKNOWN = release(quarantine(4, "d", 3), 30);

    @Test
    void releasesLiftExactlyTheEntryTheyName() {
        FeedIndex index = FeedIndex.of(List.of(A, B, C, A2, RELEASE_B, RELEASE_A2, RELEASE_UNKNOWN));
        // B is released; A's bytes are still blocked by A (A2 alone was released); C untouched
        assertEquals(Optional.empty(), index.blocked(B.coordinates(), B.sha256()));
        assertEquals(Optional.of(A), index.blocked(A.coordinates(), A.sha256()));
        assertEquals(Optional.of(C), index.blocked(C.coordinates(), C.sha256()));
        assertEquals(Optional.empty(), index.blocked(C.coordinates(), sha("other bytes")));
        assertEquals(List.of(A), index.blocked(A.coordinates()));
        assertEquals(List.of(), index.blocked(Coordinates.parse("com.acme:none:jar:1.0")));
        assertEquals(List.of(RELEASE_UNKNOWN), index.pendingReleases());
        assertEquals(List.of(), index.problems());
        // without RELEASE_A2 the earliest of the two entries on A's bytes is named, both are listed
        FeedIndex both = FeedIndex.of(List.of(A2, A));
        assertEquals(Optional.of(A), both.blocked(A.coordinates(), A.sha256()));
        assertEquals(List.of(A, A2), both.blocked(A.coordinates()));
        // releasing A too unblocks the bytes
        assertTrue(FeedIndex.of(List.of(A, A2, release(A, 40), RELEASE_A2)).isEmpty());
    }

    @Test
    void aPendingReleaseAppliesWhenItsEntryArrives() {
        FeedEntry d = quarantine(4, "d", 3);
        FeedIndex before = FeedIndex.of(List.of(RELEASE_UNKNOWN));
        assertEquals(List.of(RELEASE_UNKNOWN), before.pendingReleases());
        FeedIndex after = FeedIndex.of(List.of(RELEASE_UNKNOWN, d));
        assertEquals(Optional.empty(), after.blocked(d.coordinates(), d.sha256()));
        assertEquals(List.of(), after.pendingReleases());
        assertEquals(Optional.of(d), FeedIndex.of(List.of(d)).blocked(d.coordinates(), d.sha256()));
    }

    @Test
    void aReleaseThatContradictsItsEntryLiftsNothing() {
        // names A's id but C's coordinates and bytes
        FeedEntry wrong = new FeedEntry(FeedEntry.Kind.RELEASE, C.coordinates(), C.sha256(), null, null,
                T0.plusSeconds(900), "ci-x.example", null, "lifting A under C's name", A.id());
        FeedIndex index = FeedIndex.of(List.of(A, C, wrong));
        assertEquals(Optional.of(A), index.blocked(A.coordinates(), A.sha256()));
        assertEquals(Optional.of(C), index.blocked(C.coordinates(), C.sha256()));
        assertEquals(1, index.problems().size());
        assertTrue(index.problems().get(0).contains("names entry " + A.id() + " but other bytes"),
                index.problems().get(0));
    }

    @Test
    void theIndexDoesNotDependOnOrderOrDuplicates() {
        List<FeedEntry> files = new ArrayList<>(List.of(A, B, C, A2, RELEASE_B, RELEASE_A2, RELEASE_UNKNOWN));
        for (int i = 5; i < 25; i++) {
            FeedEntry q = quarantine(i, "q" + i, i);
            files.add(q);
            if (i % 3 == 0) {
                files.add(release(q, 100 + i));
            }
            if (i % 7 == 0) {
                files.add(release(quarantine(i + 100, "unseen" + i, i), 200 + i));
            }
        }
        FeedIndex reference = FeedIndex.of(files);
        List<FeedEntry> expectedBlocking = new ArrayList<>();
        for (FeedEntry f : files) {
            boolean lifted = files.stream().anyMatch(r -> r.isRelease() && f.id().equals(r.lifts()));
            if (!f.isRelease() && !lifted) {
                expectedBlocking.add(f);
            }
        }
        expectedBlocking.sort(java.util.Comparator.comparing(FeedEntry::id));
        assertEquals(expectedBlocking, reference.blocking());
        Random random = new Random(1919);
        for (int round = 0; round < 200; round++) {
            List<FeedEntry> shuffled = new ArrayList<>(files);
            // duplicates: some files arrive twice (fetched from two mirrors, or in a snapshot and on their own)
            for (int d = 0; d < 5; d++) {
                shuffled.add(files.get(random.nextInt(files.size())));
            }
            Collections.shuffle(shuffled, random);
            FeedIndex index = FeedIndex.of(shuffled);
            assertEquals(reference, index);
            assertEquals(reference.blocking(), index.blocking());
            assertEquals(reference.pendingReleases(), index.pendingReleases());
            for (FeedEntry f : files) {
                assertEquals(reference.blocked(f.coordinates(), f.sha256()), index.blocked(f.coordinates(),
                        f.sha256()));
            }
        }
        // and the index is sensitive to the set: dropping one release changes it
        List<FeedEntry> fewer = new ArrayList<>(files);
        fewer.remove(RELEASE_B);
        assertNotEquals(reference, FeedIndex.of(fewer));
    }
}
