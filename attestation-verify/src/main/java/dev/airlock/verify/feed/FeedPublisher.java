package dev.airlock.verify.feed;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Publishes a signed entry, release or snapshot to the feed's hosted repository, in the layout of {@link FeedLayout}:
 * the signature and then the file under a version of their own (paths no other publisher writes), with a
 * {@code .sha1} beside each as Maven's deployer writes it; then the version is merged into {@code maven-metadata.xml}.
 *
 * <p>The metadata is the only shared file, and a repository has no compare-and-set: a publisher that read the list
 * before another one wrote its version may write its own list over it, without that version. So a publisher, once
 * its version is listed, waits {@code settle} (longer than any publisher takes from reading the list to writing it)
 * and reads it again; while its version is missing, it merges it in again ({@link MetadataVersions#merge}, a set
 * union) and writes again. The union does not depend on order, so publishers retrying converge on a list holding all
 * their versions; a version is lost from the list only if another publisher takes longer than {@code settle} between
 * its read and its write.
 */
public final class FeedPublisher {
    /** Attempts at the metadata before the publish is reported as not listed (the files themselves are stored). */
    public static final int ATTEMPTS = 12;

    private final FeedLayout layout;
    private final FeedRepository repository;
    private final FeedSigner signer;
    private final Clock clock;
    private final java.time.Duration settle;

    /** The wait before a publisher checks again that its version is still listed. */
    public static final java.time.Duration SETTLE = java.time.Duration.ofSeconds(2);

    public FeedPublisher(FeedLayout layout, FeedRepository repository, FeedSigner signer, Clock clock) {
        this(layout, repository, signer, clock, SETTLE);
    }

    /** @param settle the wait before checking again that the version is still listed */
    public FeedPublisher(FeedLayout layout, FeedRepository repository, FeedSigner signer, Clock clock,
            java.time.Duration settle) {
        this.layout = Objects.requireNonNull(layout, "layout");
        this.repository = Objects.requireNonNull(repository, "repository");
        this.signer = Objects.requireNonNull(signer, "signer");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.settle = Objects.requireNonNull(settle, "settle");
    }

    /** Publishes an entry or a release; returns its version. */
    public String publish(FeedEntry entry) throws IOException {
        FeedLayout.Files files = layout.files(entry);
        byte[] bytes = entry.canonicalBytes();
        return publish(files, bytes, signer.sign(bytes));
    }

    /** Publishes a snapshot; returns its version. */
    public String publish(FeedSnapshot snapshot) throws IOException {
        FeedLayout.Files files = layout.files(snapshot);
        byte[] bytes = snapshot.canonicalBytes();
        return publish(files, bytes, signer.sign(bytes));
    }

    private String publish(FeedLayout.Files files, byte[] bytes, byte[] signature) throws IOException {
        store(files, bytes, signature);
        list(files.version(), listed -> listed);
        return files.version();
    }

    private void store(FeedLayout.Files files, byte[] bytes, byte[] signature) throws IOException {
        // the signature first: a reader that sees the file sees its signature
        putWithSha1(files.signaturePath(), signature);
        putWithSha1(files.entryPath(), bytes);
    }

    /**
     * Publishes a compaction ({@link FeedCompactor}): the snapshot's files, then a metadata list that holds the
     * snapshot and every version the snapshot does not cover. The versions it covers and the older snapshots leave
     * the list (their files stay in the repository); a reader starts from the newest snapshot listed
     * ({@link FeedReader}). Entries published meanwhile are kept: each rewrite starts from the list as it is then.
     *
     * @param previous the version of the snapshot {@code snapshot} was compacted from, or null
     * @return the snapshot's version
     * @throws IOException also when the list shows a snapshot newer than {@code previous} that is not this one:
     *     another compaction ran at the same time (one at a time; docs/fleet.md)
     */
    public String publishCompaction(FeedSnapshot snapshot, String previous) throws IOException {
        FeedLayout.Files files = layout.files(snapshot);
        byte[] bytes = snapshot.canonicalBytes();
        store(files, bytes, signer.sign(bytes));
        String version = files.version();
        list(version, listed -> {
            List<String> kept = new java.util.ArrayList<>();
            for (String v : listed) {
                if (FeedLayout.isSnapshotVersion(v) && !v.equals(version)) {
                    if (previous == null || v.compareTo(previous) > 0) {
                        throw new IOException("another compaction listed snapshot " + v + " in the feed " + layout
                                + " while this one (" + version + ", compacted from "
                                + (previous == null ? "no snapshot" : previous) + ") ran; its files are stored but it"
                                + " is not listed. Compact one at a time, then run the compact-feed goal again");
                    }
                } else if (!snapshot.covers(v)) {
                    kept.add(v);
                }
            }
            return kept;
        });
        return version;
    }

    /** What a publisher does to the metadata's version list before it merges its own version in. */
    @FunctionalInterface
    private interface Rewrite {
        List<String> apply(List<String> listed) throws IOException;
    }

    private void putWithSha1(String path, byte[] bytes) throws IOException {
        repository.put(path, bytes);
        repository.put(path + ".sha1", java.util.HexFormat.of().formatHex(sha1(bytes)).getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * Merges {@code version} into the metadata (after {@code rewrite}) until two reads {@code settle} apart show it
     * listed.
     */
    private void list(String version, Rewrite rewrite) throws IOException {
        String path = layout.metadataPath();
        String source = repository.describe() + "/" + path;
        boolean listedBefore = false;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            List<String> listed = versions(source, repository.get(path));
            if (listed.contains(version)) {
                if (listedBefore) {
                    return;
                }
                listedBefore = true;
                sleep(settle.toMillis());
                continue;
            }
            listedBefore = false;
            if (attempt > 1) {
                // someone else wrote the list meanwhile: a short random pause, so that retries do not collide again
                sleep(ThreadLocalRandom.current().nextLong(5, 20L * attempt));
                listed = versions(source, repository.get(path));
            }
            byte[] xml = MetadataVersions.write(layout.groupId(), layout.artifactId(),
                    MetadataVersions.merge(rewrite.apply(listed), List.of(version)), clock.instant());
            putWithSha1(path, xml);
        }
        throw new IOException("version " + version + " of the feed " + layout + " is stored in "
                + repository.describe() + " but did not stay listed in its maven-metadata.xml after " + ATTEMPTS
                + " attempts (other publishers keep rewriting it); publishing again lists it");
    }

    private static List<String> versions(String source, Optional<byte[]> xml) throws IOException {
        if (xml.isEmpty()) {
            return List.of();
        }
        try {
            // the compaction's limit: a publisher must be able to add to a feed that only a compaction can read
            return MetadataVersions.read(source, xml.get(), FeedCompactor.MAX_METADATA_BYTES);
        } catch (FeedException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    private static void sleep(long millis) throws IOException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while publishing to the feed", e);
        }
    }

    /** SHA-1 of {@code bytes}, as Maven's deployer writes it beside each file (also read back by FeedReader). */
    static byte[] sha1(byte[] bytes) {
        try {
            return java.security.MessageDigest.getInstance("SHA-1").digest(bytes);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-1", e);
        }
    }
}
