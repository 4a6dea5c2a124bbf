package dev.airlock.verify.digest;

import dev.airlock.verify.io.Progress;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Streaming, cached, multi-algorithm file digests.
 *
 * <ul>
 *   <li>One read per file computes every algorithm asked for at once (only those: SHA-512 alone when only SHA-512 is
 *       compared).</li>
 *   <li>Results are cached by the file's state: device, inode, size, modification time and change time (where the
 *       file system has no inodes, path, size and modification time: {@link DigestIndex.Stat}), so a file is read
 *       once per build even when the rules of every module of a reactor ask for it: {@link #shared()} is one bounded
 *       cache per class loader (the enforcer rules of all modules of one build run in one). A file that changes is read again, also when
 *       its writer puts size and modification time back; a file that changes while it is read is not cached.</li>
 *   <li>Concurrent requests for the same file wait for the read in progress instead of reading it again.</li>
 *   <li>{@link #digestAll(Map)} hashes many files on up to {@code min(4, processors)} threads, the calling thread
 *       one of them, largest first.</li>
 * </ul>
 *
 * Thread-safe. {@link DigestCache} (SHA-256 only, used by the core extension) is separate; both key on
 * {@link DigestIndex.Stat}.
 */
public final class Digests {
    /** Entries kept by {@link #shared()}: enough for the largest reactors, about 0.5 kB each. */
    public static final int SHARED_MAX_ENTRIES = 50_000;
    /**
     * Read size. 64 kB measured best on JDK 17: with larger reads the JIT compiles the digest loop (and its
     * SHA intrinsics) later, so the first hundred megabytes of a build hash up to twice as slowly.
     */
    private static final int BUFFER = 64 * 1024;
    private static final Digests SHARED = new Digests(SHARED_MAX_ENTRIES);

    private final int maxEntries;
    private final Map<Key, Map<HashAlgorithm, String>> cache;
    private final ConcurrentHashMap<Key, CompletableFuture<Map<HashAlgorithm, String>>> inFlight =
            new ConcurrentHashMap<>();
    private final AtomicInteger filesRead = new AtomicInteger();
    private final AtomicLong bytesRead = new AtomicLong();

    /** A cache of its own holding at most {@code maxEntries} files (least recently used dropped first). */
    public Digests(int maxEntries) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be positive");
        }
        this.maxEntries = maxEntries;
        this.cache = new LinkedHashMap<>(256, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, Map<HashAlgorithm, String>> eldest) {
                return size() > Digests.this.maxEntries;
            }
        };
    }

    /** The cache shared by every caller in this class loader (one build). */
    public static Digests shared() {
        return SHARED;
    }

    /** The lowercase hex digest of {@code file}. */
    public String digest(Path file, HashAlgorithm algorithm) throws IOException {
        return digests(file, EnumSet.of(algorithm)).get(algorithm);
    }

    /**
     * The lowercase hex digests of {@code file} for every algorithm asked (the map holds exactly those). Whatever is
     * not cached yet is computed in one read of the file.
     */
    public Map<HashAlgorithm, String> digests(Path file, Set<HashAlgorithm> algorithms) throws IOException {
        return digests(file, algorithms, null);
    }

    /** {@link #digests(Path, Set)} reading through {@code buffer} (null: a new one when the file must be read). */
    private Map<HashAlgorithm, String> digests(Path file, Set<HashAlgorithm> algorithms, byte[] buffer)
            throws IOException {
        Objects.requireNonNull(file, "file");
        if (algorithms.isEmpty()) {
            return Map.of();
        }
        Key key = key(file);
        while (true) {
            Map<HashAlgorithm, String> known = cached(key);
            if (known != null && known.keySet().containsAll(algorithms)) {
                return subset(known, algorithms);
            }
            CompletableFuture<Map<HashAlgorithm, String>> mine = new CompletableFuture<>();
            CompletableFuture<Map<HashAlgorithm, String>> other = inFlight.putIfAbsent(key, mine);
            if (other != null) {
                try {
                    other.join();
                } catch (CompletionException | java.util.concurrent.CancellationException e) {
                    // the other reader failed: try ourselves (and report our own error)
                }
                continue;
            }
            try {
                EnumSet<HashAlgorithm> missing = EnumSet.copyOf(algorithms);
                if (known != null) {
                    missing.removeAll(known.keySet());
                }
                Map<HashAlgorithm, String> computed = read(file, missing, buffer != null ? buffer : new byte[BUFFER]);
                EnumMap<HashAlgorithm, String> merged = new EnumMap<>(HashAlgorithm.class);
                if (known != null) {
                    merged.putAll(known);
                }
                merged.putAll(computed);
                Map<HashAlgorithm, String> frozen = Collections.unmodifiableMap(merged);
                if (unchanged(file, key)) {
                    synchronized (cache) {
                        cache.put(key, frozen);
                    }
                }
                mine.complete(frozen);
                return subset(frozen, algorithms);
            } catch (IOException | RuntimeException e) {
                mine.completeExceptionally(e);
                throw e;
            } finally {
                inFlight.remove(key, mine);
            }
        }
    }

    /** What {@link #digestAll} found for one file: the digests, or why they could not be computed. */
    public record Result(Path file, Map<HashAlgorithm, String> digests, IOException error) {
        public boolean ok() {
            return error == null;
        }
    }

    /**
     * Hashes every file of {@code requests} (file → algorithms wanted) on at most {@code min(4, processors)} threads,
     * largest files first, and returns one result per file, in the order of the request map. Files that cannot be
     * read get a result with the error; nothing is thrown for them.
     *
     * <p>The calling thread hashes too, and each thread takes the next file itself from one shared counter: nobody
     * waits on a queue or a future per file (with a pool and a future per file, the waiting thread was woken up for
     * each file done, and on a two-core machine each wake-up takes a core from a hashing thread).
     */
    public Map<Path, Result> digestAll(Map<Path, Set<HashAlgorithm>> requests) {
        return digestAll(requests, null);
    }

    /** The same, advancing {@code progress} (when not null) by one per file hashed. */
    public Map<Path, Result> digestAll(Map<Path, Set<HashAlgorithm>> requests, Progress progress) {
        Map<Path, Result> out = new LinkedHashMap<>();
        if (requests.isEmpty()) {
            return out;
        }
        int threads = Math.min(requests.size(), Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors())));
        List<Path> order = new ArrayList<>(requests.keySet());
        if (threads > 1) { // largest first, so that no thread is left with a big file at the end
            Map<Path, Long> sizes = new HashMap<>();
            for (Path p : order) {
                try {
                    sizes.put(p, Files.size(p));
                } catch (IOException | RuntimeException e) {
                    sizes.put(p, -1L);
                }
            }
            order.sort(Comparator.comparingLong((Path p) -> sizes.get(p)).reversed());
        }
        Map<Path, Result> byFile = new ConcurrentHashMap<>();
        AtomicInteger next = new AtomicInteger();
        Runnable worker = () -> {
            byte[] buffer = new byte[BUFFER];
            int i;
            while ((i = next.getAndIncrement()) < order.size()) {
                Path p = order.get(i);
                byFile.put(p, digestOne(p, requests.get(p), buffer));
                if (progress != null) {
                    progress.advance();
                }
            }
        };
        Thread[] helpers = new Thread[threads - 1];
        for (int t = 0; t < helpers.length; t++) {
            helpers[t] = new Thread(worker, "airlock-digest-" + (t + 1));
            helpers[t].setDaemon(true);
            helpers[t].start();
        }
        worker.run();
        boolean interrupted = false;
        for (Thread t : helpers) {
            while (t.isAlive()) {
                try {
                    t.join();
                } catch (InterruptedException e) {
                    interrupted = true; // finish waiting: the helpers stop on their own, results stay complete
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        for (Path p : requests.keySet()) {
            Result r = byFile.get(p);
            // a helper that died of an Error left no result: the file counts as not hashed (fail closed)
            out.put(p, r != null ? r
                    : new Result(p, Map.of(), new IOException("cannot hash " + p + ": the hashing thread failed")));
        }
        return out;
    }

    private Result digestOne(Path file, Set<HashAlgorithm> algorithms, byte[] buffer) {
        try {
            return new Result(file, digests(file, algorithms, buffer), null);
        } catch (IOException e) {
            return new Result(file, Map.of(), e);
        } catch (RuntimeException e) {
            return new Result(file, Map.of(), new IOException("cannot hash " + file + ": " + e, e));
        }
    }

    /** Files read from disk so far (a file read twice counts twice). */
    public int filesRead() {
        return filesRead.get();
    }

    /** Bytes read from disk so far. */
    public long bytesRead() {
        return bytesRead.get();
    }

    /** Files cached. */
    public int size() {
        synchronized (cache) {
            return cache.size();
        }
    }

    /** Forgets every cached digest (benchmarks, tests). */
    public void clear() {
        synchronized (cache) {
            cache.clear();
        }
    }

    /** Digests of a stream, uncached: one pass, every algorithm of {@code algorithms}. */
    public static Map<HashAlgorithm, String> compute(InputStream in, Set<HashAlgorithm> algorithms) throws IOException {
        return compute(in, algorithms, new byte[BUFFER], null);
    }

    private static Map<HashAlgorithm, String> compute(InputStream in, Set<HashAlgorithm> algorithms, byte[] buf,
            AtomicLong count) throws IOException {
        List<HashAlgorithm> algs = new ArrayList<>(algorithms);
        MessageDigest[] mds = new MessageDigest[algs.size()];
        for (int i = 0; i < mds.length; i++) {
            mds[i] = algs.get(i).newDigest();
        }
        long total = 0;
        int r;
        while ((r = in.read(buf)) >= 0) {
            if (r == 0) {
                continue;
            }
            total += r;
            for (MessageDigest md : mds) {
                md.update(buf, 0, r);
            }
        }
        if (count != null) {
            count.addAndGet(total);
        }
        HexFormat hex = HexFormat.of();
        EnumMap<HashAlgorithm, String> out = new EnumMap<>(HashAlgorithm.class);
        for (int i = 0; i < mds.length; i++) {
            out.put(algs.get(i), hex.formatHex(mds[i].digest()));
        }
        return out;
    }

    private Map<HashAlgorithm, String> read(Path file, Set<HashAlgorithm> algorithms, byte[] buffer)
            throws IOException {
        filesRead.incrementAndGet();
        try (InputStream in = Files.newInputStream(file)) {
            return compute(in, algorithms, buffer, bytesRead);
        }
    }

    private Map<HashAlgorithm, String> cached(Key key) {
        synchronized (cache) {
            return cache.get(key);
        }
    }

    private static Map<HashAlgorithm, String> subset(Map<HashAlgorithm, String> all, Set<HashAlgorithm> wanted) {
        if (all.size() == wanted.size()) {
            return all;
        }
        EnumMap<HashAlgorithm, String> out = new EnumMap<>(HashAlgorithm.class);
        for (HashAlgorithm a : wanted) {
            out.put(a, all.get(a));
        }
        return Collections.unmodifiableMap(out);
    }

    /**
     * One stat call. Where the file system has inodes, device and inode say which file it is (every path to it, a
     * symbolic link too, shares one entry, without a real-path lookup per call); elsewhere its absolute path does.
     */
    private static Key key(Path file) throws IOException {
        DigestIndex.Stat state = DigestIndex.Stat.current(file, true);
        return new Key(DigestCache.UNIX ? null : file.toAbsolutePath().normalize(), state);
    }

    private static boolean unchanged(Path file, Key key) {
        try {
            return key.equals(key(file));
        } catch (IOException e) {
            return false;
        }
    }

    /** A file (its path where the state has no inode, else null) in one state. */
    private record Key(Path path, DigestIndex.Stat state) {}
}
