package dev.airlock.extension;

import dev.airlock.verify.digest.DigestCache;
import dev.airlock.verify.digest.DigestIndex;
import dev.airlock.verify.evidence.ResolutionEntry;
import dev.airlock.verify.evidence.ResolutionLog;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The evidence work of one build that decides nothing and need not hold up the resolving thread: hashing the files of
 * evidence lines (with the digest index), indexing POMs, and hashing a resolution batch in parallel. Part of a
 * {@link BuildSession}; thread-safe.
 */
final class EvidenceWork {
    private static final int BATCH = 256;

    private final ResolutionLog log;
    private final DigestCache digests;
    private final boolean digestIndexEnabled;
    private final DigestIndex digestIndex = new DigestIndex();
    private final AtomicInteger indexedDigests = new AtomicInteger();
    private ExecutorService hasher;
    private final java.util.concurrent.ConcurrentLinkedQueue<Runnable> pending =
            new java.util.concurrent.ConcurrentLinkedQueue<>();
    private final java.util.concurrent.atomic.AtomicBoolean drainScheduled =
            new java.util.concurrent.atomic.AtomicBoolean();
    private final Object drainLock = new Object();
    private final AtomicInteger pendingCount = new AtomicInteger();
    private ExecutorService parallelHasher;
    private volatile boolean finished;

    /** {@code digestIndexEnabled}: {@code airlock.digestIndex}. */
    EvidenceWork(ResolutionLog log, DigestCache digests, boolean digestIndexEnabled) {
        this.log = log;
        this.digests = digests;
        this.digestIndexEnabled = digestIndexEnabled;
    }

    /** The session's end: from now on queued work runs on the calling thread; waits for what is queued. */
    void finish() {
        finished = true;
        awaitHashes();
    }

    /**
     * Queues evidence work (hashing the files of evidence lines, indexing POMs) for the background thread, which runs
     * it in batches of {@value #BATCH}, in the order it was queued. Handing each task over on its own would wake the
     * thread once per artifact, and on a machine whose cores are busy (the build, the JIT compiler) each wake-up
     * preempts the resolving thread. Whatever is queued when the session finishes runs then; nothing that decides
     * anything waits here: the lock, the quarantine and {@code record} hash on the resolving thread, and the only
     * reader of these lines during the build is {@code record}, which hashes synchronously.
     */
    void later(Runnable task) {
        pending.add(task);
        if (finished) {
            pendingCount.incrementAndGet();
            runPending(); // the session's end already ran: nothing would pick it up
            return;
        }
        if (pendingCount.incrementAndGet() >= BATCH && drainScheduled.compareAndSet(false, true)) {
            try {
                background().execute(() -> {
                    drainScheduled.set(false);
                    runPending();
                });
            } catch (java.util.concurrent.RejectedExecutionException e) {
                drainScheduled.set(false);
                runPending(); // after finish(): run it here
            }
        }
    }

    private final java.util.concurrent.atomic.AtomicInteger evidenceFailures =
            new java.util.concurrent.atomic.AtomicInteger();

    /** How many pieces of evidence work failed in this build (their lines are missing or lack fields). */
    int failures() {
        return evidenceFailures.get();
    }

    /** Marks the evidence incomplete: a {@code kind: incomplete} line, read by {@code requireHermeticResolution}. */
    void incomplete(Throwable e) {
        evidenceFailures.incrementAndGet();
        org.slf4j.LoggerFactory.getLogger(BuildSession.class)
                .error("[airlock] evidence work failed, the evidence of this build is incomplete: {}", e.toString());
        try {
            log.write(ResolutionEntry.incomplete("evidence work failed: " + e));
        } catch (RuntimeException again) {
            org.slf4j.LoggerFactory.getLogger(BuildSession.class)
                    .error("[airlock] cannot even mark the evidence incomplete: {}", again.toString());
        }
    }

    /** Runs every queued task on the calling thread, in order (one runner at a time). */
    void runPending() {
        synchronized (drainLock) {
            for (Runnable r = pending.poll(); r != null; r = pending.poll()) {
                pendingCount.decrementAndGet();
                try {
                    r.run();
                } catch (RuntimeException e) {
                    // evidence work never breaks the build here, but what it could not do is missing from the
                    // evidence: the file says so, and requireHermeticResolution fails on it in enforce mode
                    incomplete(e);
                }
            }
        }
    }

    /**
     * Hashes {@code file} on a background thread and then writes {@code line} with its {@code sha256} and
     * {@code file}: for evidence that decides nothing, the resolving thread need not wait. {@link BuildSession#finish()} waits
     * for all of them. With {@code airlock.digestIndex} (the default) the SHA-256 of a file whose inode, size, mtime
     * and ctime are those of its entry in the local repository's digest index is taken from there, and the line says
     * so ({@code "sha256Source":"index"}); a file hashed here is indexed for the next build.
     */
    void hashThenWrite(Path file, ResolutionEntry entry) {
        boolean useIndex = digestIndexEnabled && digestIndex.supported();
        java.time.Instant resolved = java.time.Instant.now(); // the time it was resolved, not hashed
        later(() -> {
            ResolutionEntry e = entry.stampedAt(resolved);
            try {
                DigestIndex.Stat stat = useIndex ? digestIndex.stat(file) : null;
                String known = digests.peek(file, stat); // hashed earlier in this build?
                String indexed = known == null ? digestIndex.lookup(file, stat) : null;
                if (known != null || stat == null) {
                    e = e.withSha256(known != null ? known : digests.sha256(file), null);
                } else if (indexed != null) {
                    indexedDigests.incrementAndGet();
                    e = e.withSha256(indexed, "index");
                } else {
                    // indexed only from bytes read after this moment: the racy check needs the hashing's own start
                    long start = System.currentTimeMillis();
                    String sha256 = digests.sha256Fresh(file);
                    e = e.withSha256(sha256, null);
                    digestIndex.store(file, stat, sha256, start);
                }
            } catch (IOException x) {
                e = e.withHashError(x.toString());
            }
            log.write(e.withFile(file.toString()));
        });
    }

    /** The one background thread of the evidence work (hashing, POM indexing), started on first use. */
    private synchronized ExecutorService background() {
        if (hasher == null) {
            hasher = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "airlock-evidence");
                t.setDaemon(true);
                return t;
            });
        }
        return hasher;
    }

    /** Number of evidence digests taken from the digest index in this build. */
    int indexedDigests() {
        return indexedDigests.get();
    }

    /**
     * Hashes the files of one resolution batch in parallel, the calling thread included, before they are checked one
     * by one: with a lock every artifact's hash is needed before it is used, and a plugin's closure or a project's
     * dependencies arrive as one batch. The values land in the session's digest cache; a file that cannot be read is
     * left for the check to report.
     */
    void prehash(List<Path> files) {
        int workers = Math.min(files.size(), Math.min(4, Runtime.getRuntime().availableProcessors())) - 1;
        if (workers < 1) {
            return;
        }
        ExecutorService pool;
        synchronized (this) {
            if (parallelHasher == null) {
                parallelHasher = Executors.newFixedThreadPool(Math.min(4, Runtime.getRuntime().availableProcessors()),
                        r -> {
                            Thread t = new Thread(r, "airlock-hash-batch");
                            t.setDaemon(true);
                            return t;
                        });
            }
            pool = parallelHasher;
        }
        AtomicInteger next = new AtomicInteger();
        Runnable work = () -> {
            for (int i = next.getAndIncrement(); i < files.size(); i = next.getAndIncrement()) {
                try {
                    digests.sha256(files.get(i));
                } catch (IOException | RuntimeException e) {
                    // the check hashes it again and reports why it cannot
                }
            }
        };
        List<java.util.concurrent.Future<?>> running = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            running.add(pool.submit(work));
        }
        work.run();
        for (java.util.concurrent.Future<?> f : running) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (java.util.concurrent.ExecutionException e) {
                // the work swallows its own errors
            }
        }
    }

    /** Waits until the evidence hashed in the background is written. */
    void awaitHashes() {
        ExecutorService ex;
        ExecutorService batch;
        synchronized (this) {
            ex = hasher;
            hasher = null;
            batch = parallelHasher;
            parallelHasher = null;
        }
        if (batch != null) {
            batch.shutdown();
        }
        if (ex != null) {
            ex.shutdown();
            try {
                ex.awaitTermination(10, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        runPending(); // anything queued while the thread shut down
    }
}
