package dev.airlock.verify.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressTest {
    private static final long MS = 1_000_000L;

    @Test
    void aShortStepPrintsOnlyItsFinalLine() {
        AtomicLong clock = new AtomicLong();
        List<String> lines = new ArrayList<>();
        try (Progress p = new Progress("verifySbom: hashing", "files", 100, lines::add, clock::get)) {
            for (int i = 0; i < 100; i++) {
                clock.addAndGet(15 * MS); // 1.5 s in all
                p.advance();
            }
        }
        assertEquals(List.of("[airlock] verifySbom: hashing: 100 of 100 files in 1.5 s (67/s)"), lines);
    }

    @Test
    void aLongStepPrintsAtMostOneLineASecondAfterTwoSecondsWithRateAndTimeLeft() {
        AtomicLong clock = new AtomicLong();
        List<String> lines = new ArrayList<>();
        try (Progress p = new Progress("seal: sidecars", "artifacts", 1000, lines::add, clock::get)) {
            for (int i = 0; i < 1000; i++) {
                clock.addAndGet(10 * MS); // 100 a second, 10 s in all
                p.advance();
            }
        }
        // from 2 s on, one line a second: at 2.0 .. 9.0 s (the last, 10.0 s, is the final line)
        assertEquals(9, lines.size(), String.join("\n", lines));
        assertEquals("[airlock] seal: sidecars: 200/1000 artifacts (20 %), 100/s, about 8 s left", lines.get(0));
        assertEquals("[airlock] seal: sidecars: 900/1000 artifacts (90 %), 100/s, about 1 s left", lines.get(7));
        assertEquals("[airlock] seal: sidecars: 1000 of 1000 artifacts in 10.0 s (100/s)", lines.get(8));
    }

    @Test
    void quietBuildsGetNoLineAtAll() {
        AtomicLong clock = new AtomicLong();
        try (Progress p = new Progress("x", "files", 10, null, clock::get)) {
            clock.addAndGet(5_000 * MS);
            p.advance(5);
            assertEquals(5, p.done());
        }
    }

    @Test
    void theFinalLineComesOnceEvenWhenClosedTwice() {
        List<String> lines = new ArrayList<>();
        Progress p = Progress.of("x", "files", 0, lines::add);
        p.close();
        p.close();
        assertEquals(1, lines.size());
        assertTrue(lines.get(0).startsWith("[airlock] x: 0 of 0 files in "), lines.get(0));
    }

    @Test
    void manyThreadsAdvancingPrintAtMostOneLinePerInterval() throws InterruptedException {
        AtomicLong clock = new AtomicLong(0);
        List<String> lines = java.util.Collections.synchronizedList(new ArrayList<>());
        Progress p = new Progress("hash", "files", 40_000, lines::add, clock::get);
        clock.set(3_000 * MS); // past the quiet time; the clock stands still: one interval
        Thread[] ts = new Thread[4];
        for (int t = 0; t < ts.length; t++) {
            ts[t] = new Thread(() -> {
                for (int i = 0; i < 10_000; i++) {
                    p.advance();
                }
            });
            ts[t].start();
        }
        for (Thread t : ts) {
            t.join();
        }
        assertEquals(40_000, p.done());
        assertEquals(1, lines.size(), String.join("\n", lines));
    }
}
