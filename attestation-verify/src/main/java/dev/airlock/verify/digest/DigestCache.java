package dev.airlock.verify.digest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * SHA-256 of files, each computed once per session: streaming, keyed by path, size, modification time and, where the
 * file system has them, change time (ctime) and inode, so a file that changes under the same name is hashed again
 * (ctime also changes when a writer puts the mtime back). Thread-safe.
 */
public final class DigestCache {
    private static final int BUFFER = 64 * 1024;

    private final ConcurrentHashMap<Key, String> cache = new ConcurrentHashMap<>();

    /** The lowercase hex SHA-256 of {@code file}. */
    public String sha256(Path file) throws IOException {
        Key key = key(file);
        String known = cache.get(key);
        if (known != null) {
            return known;
        }
        String computed = sha256Uncached(file);
        String previous = cache.putIfAbsent(key, computed);
        return previous != null ? previous : computed;
    }

    /** The SHA-256 of {@code file} if it was hashed in this session and has not changed since, else null. */
    public String peek(Path file) throws IOException {
        return cache.get(key(file));
    }

    /** {@link #peek(Path)} for a file whose state the caller has just read (the digest index does): no second stat. */
    public String peek(Path file, DigestIndex.Stat state) throws IOException {
        return state == null ? peek(file) : cache.get(new Key(file.toAbsolutePath().normalize(), state));
    }

    /**
     * Hashes {@code file} now, whatever is known, and remembers the value: for a caller that needs the bytes read
     * after a moment of its own (the digest index).
     */
    public String sha256Fresh(Path file) throws IOException {
        Key key = key(file);
        String computed = sha256Uncached(file);
        cache.put(key, computed);
        return computed;
    }

    private static Key key(Path file) throws IOException {
        return new Key(file.toAbsolutePath().normalize(), DigestIndex.Stat.current(file, false));
    }

    /** The file system has the "unix" attribute view (inode, ctime). */
    static final boolean UNIX = unix();

    private static boolean unix() {
        try {
            return java.nio.file.FileSystems.getDefault().supportedFileAttributeViews().contains("unix");
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Number of distinct files hashed so far. */
    public int size() {
        return cache.size();
    }

    /** The lowercase hex SHA-256 of {@code file}, always read from disk. */
    public static String sha256Uncached(Path file) throws IOException {
        MessageDigest md = newSha256();
        byte[] buf = new byte[BUFFER];
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buf)) > 0) {
                md.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    public static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(newSha256().digest(bytes));
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new UncheckedIOException(new IOException("SHA-256 is not available in this JVM", e));
        }
    }

    private record Key(Path path, DigestIndex.Stat state) {
        Key {
            Objects.requireNonNull(path);
        }
    }
}
