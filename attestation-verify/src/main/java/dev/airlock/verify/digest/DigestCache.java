package dev.airlock.verify.digest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * SHA-256 of files, each computed once per session: streaming, keyed by path, size and modification time, so a
 * file that changes under the same name is hashed again. Thread-safe.
 */
public final class DigestCache {
    private static final int BUFFER = 64 * 1024;

    private final ConcurrentHashMap<Key, String> cache = new ConcurrentHashMap<>();

    /** The lowercase hex SHA-256 of {@code file}. */
    public String sha256(Path file) throws IOException {
        BasicFileAttributes attrs = Files.readAttributes(file, BasicFileAttributes.class);
        Key key = new Key(file.toAbsolutePath().normalize(), attrs.size(), attrs.lastModifiedTime().toMillis());
        String known = cache.get(key);
        if (known != null) {
            return known;
        }
        String computed = sha256Uncached(file);
        String previous = cache.putIfAbsent(key, computed);
        return previous != null ? previous : computed;
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

    private record Key(Path path, long size, long mtime) {
        Key {
            Objects.requireNonNull(path);
        }
    }
}
