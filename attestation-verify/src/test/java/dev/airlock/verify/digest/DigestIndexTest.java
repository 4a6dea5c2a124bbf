package dev.airlock.verify.digest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DigestIndexTest {
    @TempDir
    Path dir;

    private final DigestIndex index = new DigestIndex();
    private Path jar;

    @BeforeEach
    void file() throws Exception {
        assumeTrue(index.supported(), "needs the unix file attribute view (inode, ctime)");
        jar = dir.resolve("lib-1.0.jar");
        Files.writeString(jar, "the bytes of a jar", StandardCharsets.UTF_8);
    }

    /** Hashes and stores as the extension does, with the hashing started {@code ageMillis} after the file's ctime. */
    private boolean hashAndStore(Path file, long ageMillis) throws Exception {
        DigestIndex.Stat stat = index.stat(file);
        assertNotNull(stat);
        long start = java.util.concurrent.TimeUnit.NANOSECONDS.toMillis(stat.ctimeNanos()) + ageMillis;
        return index.store(file, stat, DigestCache.sha256Uncached(file), start);
    }

    @Test
    void anUnchangedFileIsFoundWithItsSha256() throws Exception {
        assertTrue(hashAndStore(jar, 60_000));
        assertEquals(DigestCache.sha256Uncached(jar), index.lookup(jar, index.stat(jar)));
        assertTrue(Files.readString(dir.resolve(DigestIndex.FILE_NAME)).contains("lib-1.0.jar\t"));
    }

    @Test
    void aFileChangedWithinTheRacyMarginIsNotIndexed() throws Exception {
        assertFalse(hashAndStore(jar, DigestIndex.RACY_MARGIN_MILLIS - 1));
        assertFalse(Files.exists(dir.resolve(DigestIndex.FILE_NAME)));
        assertNull(index.lookup(jar, index.stat(jar)));
    }

    @Test
    void rewritingTheFileEvenWithTheSameSizeAndMtimeMakesTheEntryStale() throws Exception {
        assertTrue(hashAndStore(jar, 60_000));
        FileTime mtime = Files.getLastModifiedTime(jar);
        Thread.sleep(20); // past the file system's timestamp tick: the write sets a new ctime
        Files.writeString(jar, "THE BYTES OF A JAR", StandardCharsets.UTF_8); // same size
        Files.setLastModifiedTime(jar, mtime); // what an attacker restoring the mtime does
        assertEquals(mtime, Files.getLastModifiedTime(jar));
        assertNull(index.lookup(jar, index.stat(jar)), "ctime changed: the entry must not be used");
    }

    @Test
    void aReplacedFileIsANewInodeAndIsHashedAgain() throws Exception {
        assertTrue(hashAndStore(jar, 60_000));
        Path other = dir.resolve("other.tmp");
        Files.copy(jar, other, StandardCopyOption.COPY_ATTRIBUTES);
        Files.move(other, jar, StandardCopyOption.REPLACE_EXISTING);
        assertNull(index.lookup(jar, index.stat(jar)));
    }

    @Test
    void aFileChangedWhileItWasHashedIsNotIndexed() throws Exception {
        DigestIndex.Stat before = index.stat(jar);
        String sha = DigestCache.sha256Uncached(jar);
        Thread.sleep(20);
        Files.writeString(jar, "other bytes, longer than before", StandardCharsets.UTF_8);
        long start = java.util.concurrent.TimeUnit.NANOSECONDS.toMillis(before.ctimeNanos()) + 60_000;
        assertFalse(index.store(jar, before, sha, start));
        assertNull(index.lookup(jar, index.stat(jar)));
    }

    @Test
    void aMalformedIndexIsIgnoredAsAWhole() throws Exception {
        assertTrue(hashAndStore(jar, 60_000));
        Path idx = dir.resolve(DigestIndex.FILE_NAME);
        List<String> lines = Files.readAllLines(idx);
        Files.write(idx, List.of(lines.get(0), lines.get(1), "garbage line"));
        DigestIndex nextBuild = new DigestIndex(); // a directory's index is read once per session
        assertNull(nextBuild.lookup(jar, nextBuild.stat(jar)));
        Files.write(idx, List.of(lines.get(1).replaceAll("[0-9a-f]{64}$", "not-a-hash")));
        DigestIndex another = new DigestIndex();
        assertNull(another.lookup(jar, another.stat(jar)));
        Files.write(idx, lines);
        DigestIndex intact = new DigestIndex();
        assertEquals(DigestCache.sha256Uncached(jar), intact.lookup(jar, intact.stat(jar)));
    }

    @Test
    void entriesOfSeveralFilesInOneDirectoryAreKept() throws Exception {
        Path pom = dir.resolve("lib-1.0.pom");
        Files.writeString(pom, "<project/>", StandardCharsets.UTF_8);
        assertTrue(hashAndStore(jar, 60_000));
        assertTrue(hashAndStore(pom, 60_000));
        assertEquals(DigestCache.sha256Uncached(jar), index.lookup(jar, index.stat(jar)));
        assertEquals(DigestCache.sha256Uncached(pom), index.lookup(pom, index.stat(pom)));
        assertEquals(3, Files.readAllLines(dir.resolve(DigestIndex.FILE_NAME)).size()); // header + 2
    }

    @Test
    void aLaterBuildReadsWhatAnEarlierOneStored() throws Exception {
        assertTrue(hashAndStore(jar, 60_000));
        DigestIndex later = new DigestIndex();
        assertEquals(DigestCache.sha256Uncached(jar), later.lookup(jar, later.stat(jar)));
    }

    @Test
    void anUnsupportedFileSystemNeverLooksUpOrStores() throws Exception {
        DigestIndex off = new DigestIndex(false);
        assertNull(off.stat(jar));
        assertFalse(off.store(jar, null, DigestCache.sha256Uncached(jar), System.currentTimeMillis()));
        assertNull(off.lookup(jar, null));
    }

    @Test
    void anIndexThatCannotBeWrittenIsNoError() throws Exception {
        Files.createDirectory(dir.resolve(DigestIndex.FILE_NAME)); // in the way of the rename, for root as well
        assertFalse(hashAndStore(jar, 60_000));
        assertNull(index.lookup(jar, index.stat(jar)));
        try (var s = Files.list(dir)) {
            assertEquals(2, s.count(), "no temporary file left behind");
        }
    }
}
