package dev.airlock.verify.digest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DigestCacheTest {
    @TempDir
    Path dir;

    @Test
    void knownDigest() throws IOException {
        Path f = dir.resolve("abc");
        Files.writeString(f, "abc");
        // FIPS 180-2 test vector for "abc"
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", new DigestCache().sha256(f));
    }

    @Test
    void aFileIsHashedOnceUntilItChanges() throws IOException {
        DigestCache cache = new DigestCache();
        Path f = dir.resolve("a.jar");
        Files.writeString(f, "one");
        String first = cache.sha256(f);
        assertEquals(first, cache.sha256(f));
        assertEquals(1, cache.size());
        Files.writeString(f, "two!");
        Files.setLastModifiedTime(f, FileTime.fromMillis(Files.getLastModifiedTime(f).toMillis() + 5000));
        assertNotEquals(first, cache.sha256(f));
        assertEquals(2, cache.size());
    }
}
