package dev.airlock.verify.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class InParallelTest {
    static final List<Integer> ITEMS = IntStream.range(0, 200).boxed().toList();

    static void pause(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void resultsComeInTheListsOrderWhateverTheTiming() throws Exception {
        List<String> out = InParallel.map("t", ITEMS, IOException.class, i -> {
            pause((i * 7L) % 3); // later items often finish first
            return "r" + i;
        });
        assertEquals(ITEMS.stream().map(i -> "r" + i).toList(), out);
    }

    @Test
    void theWorkRunsOnSeveralThreadsNamedAndCarryingTheCallersClassLoader() throws Exception {
        if (InParallel.THREADS < 2) {
            return; // a one-processor machine runs it on the caller's thread (checked below)
        }
        CountDownLatch both = new CountDownLatch(2);
        Set<String> names = ConcurrentHashMap.newKeySet();
        ClassLoader mine = Thread.currentThread().getContextClassLoader();
        List<Boolean> loaders = InParallel.map("airlock-test", List.of(1, 2), RuntimeException.class, i -> {
            names.add(Thread.currentThread().getName());
            both.countDown();
            try {
                // two items at the same time: only possible on two threads
                assertTrue(both.await(10, TimeUnit.SECONDS), "the second item never ran beside the first");
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return Thread.currentThread().getContextClassLoader() == mine;
        });
        assertEquals(Set.of("airlock-test"), names);
        assertEquals(List.of(true, true), loaders);
    }

    @Test
    void theFirstFailureInTheListsOrderIsThrownAsItIs() {
        IOException third = new IOException("item 3");
        IOException seventh = new IOException("item 7");
        IOException e = assertThrows(IOException.class, () -> InParallel.map("t", ITEMS, IOException.class, i -> {
            if (i == 7) {
                throw seventh; // may well fail before item 3 does
            }
            if (i == 3) {
                pause(50);
                throw third;
            }
            return i;
        }));
        assertSame(third, e);
        IllegalArgumentException r = new IllegalArgumentException("runtime");
        assertSame(r, assertThrows(IllegalArgumentException.class, () -> InParallel.map("t", ITEMS,
                IOException.class, i -> {
                    if (i == 5) {
                        throw r;
                    }
                    return i;
                })));
    }

    @Test
    void oneItemRunsOnTheCallersThread() throws Exception {
        Thread me = Thread.currentThread();
        assertEquals(List.of(true), InParallel.map("t", List.of(1), RuntimeException.class,
                i -> Thread.currentThread() == me));
        assertEquals(List.of(), InParallel.map("t", List.<Integer>of(), RuntimeException.class, i -> i));
    }
}
