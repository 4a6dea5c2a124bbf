package dev.airlock.verify.io;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Independent work over a list on a few threads, the results in the list's order: what the rules and goals do per
 * plugin or per artifact while Maven's own thread waits (on a two-core runner, half the wall time of that step). The
 * order of the results, and which failure is thrown (the first in the list's order), do not depend on timing. The
 * threads are daemons and carry the caller's context class loader, as Maven's thread does.
 */
public final class InParallel {
    /** Threads used: the processors, at most four (the work is short; more threads only contend). */
    public static final int THREADS = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));

    private InParallel() {}

    /** One item's work. */
    @FunctionalInterface
    public interface Work<T, R, X extends Exception> {
        R apply(T item) throws X;
    }

    /**
     * {@code work} applied to every item, on up to {@link #THREADS} threads named {@code name}.
     *
     * @param failure the checked exception {@code work} throws: the first one, in the order of {@code items}, is
     *     rethrown as it is (runtime exceptions and errors too)
     */
    public static <T, R, X extends Exception> List<R> map(String name, List<T> items, Class<X> failure,
            Work<T, R, X> work) throws X {
        int threads = Math.min(THREADS, items.size());
        List<R> out = new ArrayList<>(items.size());
        if (threads <= 1) {
            for (T item : items) {
                out.add(work.apply(item));
            }
            return out;
        }
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            t.setContextClassLoader(loader);
            return t;
        });
        try {
            List<Future<R>> parts = new ArrayList<>(items.size());
            for (T item : items) {
                parts.add(pool.submit(() -> work.apply(item)));
            }
            for (Future<R> part : parts) {
                out.add(get(name, part, failure));
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * The result of {@code future}, waited for: its exception of type {@code failure}, a runtime exception or an
     * error is rethrown as the work threw it; another checked one is wrapped. Interrupted, the thread stays
     * interrupted and a {@link CancellationException} is thrown (the check does not complete: it fails closed).
     */
    public static <R, X extends Exception> R get(String name, Future<R> future, Class<X> failure) throws X {
        try {
            return future.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (failure.isInstance(cause)) {
                throw failure.cast(cause);
            }
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(name + ": " + cause, cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            CancellationException c = new CancellationException(name + ": interrupted");
            c.initCause(e);
            throw c;
        }
    }
}
