package dev.airlock.verify.feed;

import dev.airlock.verify.io.InParallel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reads a feed from a repository: its {@code maven-metadata.xml}, the newest snapshot it lists (which
 * must be accepted), and every entry and release version that snapshot does not cover; each file verified with
 * {@link FeedVerifier} before it is parsed. Entries and releases that are not accepted (no signature, a bad one;
 * malformed or not the content its version names) are ignored and listed in {@link Result#ignored()}; they never
 * block and never lift anything. The newest snapshot the metadata lists must be accepted and readable, or the read
 * fails: it stands for versions a compacted metadata file no longer lists.
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
     * @param kept one sentence per file the metadata no longer lists (or a newer snapshot than it lists) that this
     *     runner accepted before and keeps using from its cache: a sign that someone rewrote the metadata
     * @param versions the versions the metadata lists
     * @param snapshot the snapshot version the index starts from, or null
     * @param start that snapshot, or null
     * @param accepted the entries and releases accepted besides the snapshot (the versions it does not cover)
     * @param metadataFound whether the repository had a {@code maven-metadata.xml} for the feed (none: nothing was
     *     ever published to it, or the coordinates are wrong)
     * @param requests the requests made to the repository
     * @param bytes the bytes received
     * @param cached the files read from the cache instead of the repository
     */
    public record Result(FeedIndex index, List<String> ignored, List<String> kept, List<String> versions,
            String snapshot, FeedSnapshot start, List<FeedEntry> accepted, boolean metadataFound, int requests,
            long bytes, int cached) {
        public Result {
            ignored = List.copyOf(ignored);
            kept = List.copyOf(kept);
            versions = List.copyOf(versions);
            accepted = List.copyOf(accepted);
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

    private int metadataLimit = MetadataVersions.MAX_BYTES;

    /**
     * Reads a metadata file of up to {@code bytes} (default {@link MetadataVersions#MAX_BYTES}): the compaction reads
     * feeds that have grown past what a build reads.
     */
    public FeedReader metadataLimit(int bytes) {
        this.metadataLimit = bytes;
        return this;
    }

    /**
     * Reads the feed.
     *
     * @throws IOException when the repository cannot be asked or the time is over: the feed is unknown
     * @throws FeedException when the feed's metadata is not a metadata file: the feed is unknown
     */
    public Result read() throws IOException, FeedException {
        Optional<byte[]> metadata = metadata();
        if (metadata.isEmpty()) {
            return new Result(FeedIndex.of(List.of()), List.of(), List.of(), List.of(), null, null, List.of(),
                    false, requests.get(), bytes.get(), cached.get());
        }
        List<String> versions = MetadataVersions.read(repository.describe() + "/" + layout.metadataPath(),
                metadata.get(), metadataLimit);
        keepMetadata(metadata.get());
        List<String> ignored = new ArrayList<>();
        List<String> kept = new ArrayList<>();
        FeedSnapshot snapshot = null;
        String snapshotVersion = FeedLayout.latestSnapshot(versions).orElse(null);
        // someone with write access to the repository may rewrite the metadata: drop versions, or list an older
        // snapshot. What this runner accepted before is a floor: a newer snapshot or an entry kept in its cache is
        // used although the metadata no longer lists it
        List<String> inCache = cachedVersions();
        String cachedSnapshot = FeedLayout.latestSnapshot(inCache).orElse(null);
        if (cachedSnapshot != null && (snapshotVersion == null || cachedSnapshot.compareTo(snapshotVersion) > 0)
                && acceptedInCache(cachedSnapshot)) {
            kept.add("snapshot " + cachedSnapshot + " (accepted before, kept in this runner's cache) is newer than "
                    + (snapshotVersion == null ? "any snapshot" : "the newest snapshot " + snapshotVersion)
                    + " the metadata lists: it is used (the metadata was rewritten by someone other than Airlock,"
                    + " or a publish is under way)");
            snapshotVersion = cachedSnapshot;
        }
        if (snapshotVersion != null) {
            // the newest snapshot stands for every version it covers, and a compaction lists only it and the versions
            // it does not cover (FeedPublisher#publishCompaction): an older snapshot or the entries alone may lack
            // blocks, so a newest snapshot that is not accepted or cannot be read fails the read (fail closed)
            Fetched f = fetch(snapshotVersion);
            if (f.problem != null) {
                throw new FeedException(repository.describe() + "/" + layout.files(snapshotVersion).entryPath(),
                        "the feed's newest snapshot is not accepted (" + f.problem + "); a compacted feed's metadata"
                        + " no longer lists the versions it stands for, so the feed cannot be read without it",
                        "publish a new snapshot with the feed's key (the compact-feed goal), or remove version "
                        + snapshotVersion + " from the metadata if nobody compacted the feed");
            }
            snapshot = FeedLayout.readSnapshot(snapshotVersion, f.source, f.file);
            keep(snapshotVersion, f);
        }
        List<String> toFetch = new ArrayList<>(snapshot == null ? FeedLayout.entryVersions(versions)
                : snapshot.toFetch(versions));
        for (String v : FeedLayout.entryVersions(inCache)) {
            if (!versions.contains(v) && (snapshot == null || !snapshot.covers(v))) {
                kept.add("version " + v + " (accepted before, kept in this runner's cache) is not listed in the"
                        + " metadata and no snapshot covers it: it is used (only a compaction removes versions from"
                        + " the list, and only those its snapshot covers)");
                toFetch.add(v);
            }
        }
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
        return new Result(index, ignored, kept, versions, snapshotVersion, snapshot, entries, true,
                requests.get(), bytes.get(), cached.get());
    }

    /** Where the last metadata read is kept, or null without a cache. */
    private Path cachedMetadata() {
        return cache == null ? null : cache.resolve(layout.metadataPath());
    }

    /**
     * The feed's metadata. With a cache that holds the metadata last read, a conditional read in the Maven way: its
     * {@code .sha1} (40 bytes) is asked first, and the cached file is used when it matches; otherwise (changed, no
     * checksum) the metadata itself is fetched. A build on an unchanged feed thus costs one small request. The list it
     * holds is only a list: every file it names is verified as always.
     */
    private Optional<byte[]> metadata() throws IOException {
        Path kept = cachedMetadata();
        if (kept != null && Files.isRegularFile(kept)) {
            byte[] old = Files.readAllBytes(kept);
            Optional<byte[]> sha1 = get(layout.metadataPath() + ".sha1");
            if (sha1.isPresent() && firstWord(sha1.get()).equalsIgnoreCase(
                    java.util.HexFormat.of().formatHex(FeedPublisher.sha1(old)))) {
                cached.incrementAndGet();
                return Optional.of(old);
            }
        }
        return get(layout.metadataPath());
    }

    private void keepMetadata(byte[] xml) {
        Path kept = cachedMetadata();
        if (kept == null) {
            return;
        }
        try {
            Files.createDirectories(kept.getParent());
            write(kept, xml);
        } catch (IOException e) {
            // the cache only saves bytes; the next read fetches the metadata again
        }
    }

    /** The first word of a checksum file ({@code <hex>} or {@code <hex>  <file name>}). */
    private static String firstWord(byte[] file) {
        String s = new String(file, java.nio.charset.StandardCharsets.US_ASCII).strip();
        int space = s.indexOf(' ');
        return space < 0 ? s : s.substring(0, space);
    }

    /** The versions whose file and signature are in the cache (not verified yet); none without a cache. */
    private List<String> cachedVersions() {
        if (cache == null) {
            return List.of();
        }
        Path dir = cache.resolve(layout.artifactDirectory());
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        try (java.util.stream.Stream<Path> list = Files.list(dir)) {
            for (Path p : (Iterable<Path>) list::iterator) {
                String v = p.getFileName().toString();
                if (FeedLayout.isEntryVersion(v) || FeedLayout.isSnapshotVersion(v)) {
                    FeedLayout.Files files = layout.files(v);
                    if (Files.isRegularFile(p.resolve(files.entryFile()))
                            && Files.isRegularFile(p.resolve(files.signatureFile()))) {
                        out.add(v);
                    }
                }
            }
        } catch (IOException e) {
            return List.of(); // the cache only adds to what the repository says
        }
        return out;
    }

    /** Whether the cached file of {@code version} is accepted as it is in the cache. */
    private boolean acceptedInCache(String version) {
        FeedLayout.Files files = layout.files(version);
        Path dir = cache.resolve(files.directory());
        try {
            return verifier.verify(version, Files.readAllBytes(dir.resolve(files.entryFile())),
                    Files.readAllBytes(dir.resolve(files.signatureFile()))).accepted();
        } catch (IOException e) {
            return false;
        }
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
