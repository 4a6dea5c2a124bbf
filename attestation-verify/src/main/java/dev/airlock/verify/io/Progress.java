package dev.airlock.verify.io;

import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Progress of a long step (hashing a closure, looking up sidecars, checking a thousand artifacts) for the console: after
 * the step has lasted {@link #QUIET_NANOS two seconds}, at most one line a second with done / total, the rate and the
 * time left; when it ends, one final line whatever its length. Thread-safe: hashing threads call {@link #advance}.
 *
 * <p>Written by hand: the console here is Maven's logger (a line-based sink, no terminal control), which progress-bar
 * libraries do not write to.
 */
public final class Progress implements AutoCloseable {
    /** A step shorter than this prints no progress line, only its final line. */
    public static final long QUIET_NANOS = 2_000_000_000L;
    /** At most one progress line per this interval. */
    public static final long INTERVAL_NANOS = 1_000_000_000L;

    private final String label;
    private final String unit;
    private final long total;
    private final Consumer<String> sink;
    private final LongSupplier nanoTime;
    private final long start;
    private final AtomicLong done = new AtomicLong();
    private final AtomicLong lastPrinted;
    private volatile boolean finished;

    /**
     * @param label what the step does, e.g. {@code "seal: sidecars"}
     * @param unit what is counted, e.g. {@code "artifacts"}
     * @param total how many there are
     * @param sink where a line goes (Maven's info log); null for none (a quiet build: {@code -q})
     * @param nanoTime the clock ({@link System#nanoTime} outside tests)
     */
    public Progress(String label, String unit, long total, Consumer<String> sink, LongSupplier nanoTime) {
        this.label = Objects.requireNonNull(label, "label");
        this.unit = Objects.requireNonNull(unit, "unit");
        this.total = total;
        this.sink = sink;
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
        this.start = nanoTime.getAsLong();
        this.lastPrinted = new AtomicLong(start);
    }

    /** Progress on the real clock. */
    public static Progress of(String label, String unit, long total, Consumer<String> sink) {
        return new Progress(label, unit, total, sink, System::nanoTime);
    }

    /** {@code n} more done; prints a line when the step has lasted two seconds and the last line is a second old. */
    public void advance(long n) {
        long d = done.addAndGet(n);
        if (sink == null || finished) {
            return;
        }
        long now = nanoTime.getAsLong();
        long last = lastPrinted.get();
        if (now - start < QUIET_NANOS || now - last < INTERVAL_NANOS || d >= total) {
            return;
        }
        if (lastPrinted.compareAndSet(last, now)) { // one thread prints per interval
            sink.accept(line(d, now));
        }
    }

    /** One more done. */
    public void advance() {
        advance(1);
    }

    public long done() {
        return done.get();
    }

    /** The final line, once: what was done and how long it took. */
    @Override
    public void close() {
        if (finished) {
            return;
        }
        finished = true;
        if (sink != null) {
            long now = nanoTime.getAsLong();
            double seconds = (now - start) / 1e9;
            long d = done.get();
            sink.accept(String.format(Locale.ROOT, "[airlock] %s: %d of %d %s in %.1f s%s", label, d, total, unit,
                    seconds, seconds >= 0.1 ? String.format(Locale.ROOT, " (%.0f/s)", d / seconds) : ""));
        }
    }

    private String line(long d, long now) {
        double seconds = (now - start) / 1e9;
        double rate = d / seconds;
        String left = rate > 0 ? String.format(Locale.ROOT, ", about %d s left", Math.round((total - d) / rate))
                : "";
        return String.format(Locale.ROOT, "[airlock] %s: %d/%d %s (%d %%), %.0f/s%s", label, d, total, unit,
                total == 0 ? 100 : d * 100 / total, rate, left);
    }
}
