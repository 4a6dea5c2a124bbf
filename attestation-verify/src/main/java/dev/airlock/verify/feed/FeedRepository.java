package dev.airlock.verify.feed;

import java.io.IOException;
import java.util.Optional;

/**
 * A Maven repository as the feed sees it: files by path relative to the repository's root. The Maven side implements
 * it with the resolver's transporter (the mirrors' and the deploy repository's settings, proxies and credentials);
 * tests implement it in memory or over a loopback HTTP server.
 */
public interface FeedRepository {
    /**
     * The file at {@code path}, or empty when the repository answers that it has none (HTTP 404).
     *
     * @throws IOException when the repository cannot be asked or fails (network, authentication, a server error,
     *     the time allowed is over): the feed cannot be read
     */
    Optional<byte[]> get(String path) throws IOException;

    /** Stores {@code bytes} at {@code path}, replacing what was there. */
    void put(String path, byte[] bytes) throws IOException;

    /** The repository's id and URL, for messages. */
    String describe();
}
