package dev.airlock.rules;

import dev.airlock.verify.digest.DigestCache;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** SHA-256 of resolved files, once per build for every rule of every module (the rules share one plugin realm). */
final class Hashes {
    private static final Map<String, String> CACHE = new ConcurrentHashMap<>();

    private Hashes() {}

    static String sha256(Path file) {
        try {
            String key = file.toAbsolutePath() + "|" + Files.size(file) + "|" + Files.getLastModifiedTime(file).toMillis();
            return CACHE.computeIfAbsent(key, k -> {
                try {
                    return DigestCache.sha256Uncached(file);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot hash " + file, e);
        }
    }
}
