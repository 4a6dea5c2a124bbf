package dev.airlock.verify.feed;

import dev.airlock.verify.io.InParallel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reads a feed from a repository: its {@code maven-metadata.xml}, the newest snapshot whose signature the policy
 * accepts, and every entry and release version that snapshot does not cover; each file verified with
 * {@link FeedVerifier} before it is parsed. Files that are not accepted (no signature, a bad one; an entry that is
 * malformed or not the content its version names) are ignored and listed in {@link Result#ignored()}; they never
 * block and never lift anything. A snapshot signed with the feed's key that cannot be read fails the read: it may
 * stand for versions the metadata no longer lists.
 *
 * <p>A version's file cannot change without changing its version (the version names the id prefix and time of its
 * content), so accepted files are kept in a local cache folder and are not fetched again; they are verified again
 * each time they are read. A build then costs one request for the metadata plus two per version published since.
 */
public final class FeedReader {
    /**
     * What was read.
     *
     * @param index what the accepted files block
     * @param ignored one sentence per file that was not accepted
     * @param versions the versions the metadata lists
     * @param snapshot the snapshot version the index starts from, or null
     * @param metadataFound whether the repository had a {@code maven-metadata.xml} for the feed (none: nothing was
     *     ever published to it, or the coordinates are wrong)
     * @param requests the requests made to the repository
     * @param bytes the bytes received
     * @param cached the files read from the cache instead of the repository
     */
    public record Result(FeedIndex index, List<String> ignored, List<String> versions, String snapshot,
            boolean metadataFound, int requests, long bytes, int cached) {
        public Result {
            ignored = List.copyOf(ignored);
            versions = List.copyOf(versions);
        }
    }

    private final FeedLayout layout;
    private final FeedVerifier verifier;
    private final FeedRepository repository;
    private final Path cache;
    private final long deadlineNanos;
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicInteger cached = new AtomicInteger();

    /**
     * @param cache a folder for accepted files, or null for none
     * @param timeout the time the whole read may take; past it the read fails with an {@link IOException}
     */
    public FeedReader(FeedLayout layout, FeedVerifier verifier, FeedRepository repository, Path cache,
            Duration timeout) {
        this.layout = Objects.requireNonNull(layout, "layout");
        this.verifier = Objects.requireNonNull(verifier, "verifier");
        this.repository = Objects.requireNonNull(repository, "repository");
        this.cache = cache;
        this.deadlineNanos = System.nanoTime() + timeout.toNanos();
    }

    /**
     * Reads the feed.
     *
     * @throws IOException when the repository cannot be asked or the time is over: the feed is unknown
     * @throws FeedException when the feed's metadata is not a metadata file: the feed is unknown
     */
    public Result read() throws IOException, FeedException {
        Optional<byte[]> metadata = get(layout.metadataPath());
        if (metadata.isEmpty()) {
            return new Result(FeedIndex.of(List.of()), List.of(), List.of(), null, false, requests.get(),
                    bytes.get(), cached.get());
        }
        List<String> versions = MetadataVersions.read(repository.describe() + "/" + layout.metadataPath(),
                metadata.get());
        List<String> ignored = new ArrayList<>();
        FeedSnapshot snapshot = null;
        String snapshotVersion = null;
        List<String> snapshots = versions.stream().filter(FeedLayout::isSnapshotVersion)
                .sorted(Comparator.reverseOrder()).toList();
        for (String v : snapshots) {
            Fetched f = fetch(v);
            if (f.problem != null) {
                ignored.add(f.problem);
                continue;
            }
            // signed with the feed's key: it may stand for versions no longer listed (a compacted metadata file), so
            // a snapshot that cannot be read makes the feed unreadable rather than being skipped (fail closed)
            snapshot = FeedLayout.readSnapshot(v, f.source, f.file);
            snapshotVersion = v;
            keep(v, f);
            break;
        }
        List<String> toFetch = snapshot == null ? FeedLayout.entryVersions(versions) : snapshot.toFetch(versions);
        List<Object> read = InParallel.map("airlock-feed", toFetch, IOException.class, v -> {
            Fetched f = fetch(v);
            if (f.problem != null) {
                return f.problem;
            }
            try {
                FeedEntry e = FeedLayout.readEntry(v, f.source, f.file);
                keep(v, f);
                return e;
            } catch (FeedException e) {
                return f.source + " is ignored: " + e.getMessage();
            }
        });
        List<FeedEntry> entries = new ArrayList<>();
        for (Object o : read) {
            if (o instanceof FeedEntry e) {
                entries.add(e);
            } else {
                ignored.add((String) o);
            }
        }
        FeedIndex index = snapshot == null ? FeedIndex.of(entries) : FeedIndex.of(snapshot, entries);
        return new Result(index, ignored, versions, snapshotVersion, true, requests.get(), bytes.get(),
                cached.get());
    }

    /** A version's file and signature, verified; or the sentence saying why it is ignored. */
    private record Fetched(String source, byte[] file, byte[] signature, boolean fromCache, String problem) {}

    private Fetched fetch(String version) throws IOException {
        FeedLayout.Files files = layout.files(version);
        String source = repository.describe() + "/" + files.entryPath();
        Path dir = cache == null ? null : cache.resolve(files.directory());
        if (dir != null && Files.isRegularFile(dir.resolve(files.entryFile()))
                && Files.isRegularFile(dir.resolve(files.signatureFile()))) {
            byte[] file = Files.readAllBytes(dir.resolve(files.entryFile()));
            byte[] sig = Files.readAllBytes(dir.resolve(files.signatureFile()));
            if (verifier.verify(version, file, sig).accepted()) {
                cached.addAndGet(2);
                return new Fetched(source, file, sig, true, null);
            }
        }
        Optional<byte[]> file = get(files.entryPath());
        if (file.isEmpty()) {
            return new Fetched(source, null, null, false, source + " is ignored: the metadata lists version "
                    + version + " but the repository has no file for it (a publish still under way, or a file"
                    + " deleted)");
        }
        Optional<byte[]> sig = get(files.signaturePath());
        FeedVerifier.Result verdict = verifier.verify(version, file.get(), sig.orElse(null));
        if (!verdict.accepted()) {
            return new Fetched(source, null, null, false, verdict.reason());
        }
        return new Fetched(source, file.get(), sig.get(), false, null);
    }

    /** Puts an accepted file and its signature in the cache (written to a temporary name, then moved). */
    private void keep(String version, Fetched f) {
        if (cache == null || f.fromCache) {
            return;
        }
        FeedLayout.Files files = layout.files(version);
        Path dir = cache.resolve(files.directory());
        try {
            Files.createDirectories(dir);
            write(dir.resolve(files.signatureFile()), f.signature);
            write(dir.resolve(files.entryFile()), f.file);
        } catch (IOException e) {
            // the cache only saves requests; the next read fetches the file again
        }
    }

    private static void write(Path target, byte[] bytes) throws IOException {
        Path tmp = Files.createTempFile(target.getParent(), ".feed-", ".tmp");
        try {
            Files.write(tmp, bytes);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private Optional<byte[]> get(String path) throws IOException {
        if (System.nanoTime() - deadlineNanos > 0) {
            throw new IOException("the time allowed to read the feed " + layout + " is over (" + requests.get()
                    + " requests made)");
        }
        requests.incrementAndGet();
        Optional<byte[]> b = repository.get(path);
        b.ifPresent(x -> bytes.addAndGet(x.length));
        return b;
    }
}
