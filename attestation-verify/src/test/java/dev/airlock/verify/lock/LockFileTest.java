package dev.airlock.verify.lock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.airlock.verify.config.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LockFileTest {
    @TempDir
    Path dir;

    private static final String A = "a".repeat(64);
    private static final String B = "b".repeat(64);

    @Test
    void writesSortedSha256sumLinesAndReadsThemBack() throws IOException {
        LockFile lock = LockFile.of(Map.of("org.z:z:jar:1", A, "com.a:a:jar:tests:2", B, "com.a:a:pom:2", A));
        Path f = dir.resolve(".mvn/airlock.lock");
        lock.write(f);
        assertEquals(B + "  com.a:a:jar:tests:2\n" + A + "  com.a:a:pom:2\n" + A + "  org.z:z:jar:1\n",
                Files.readString(f));
        assertEquals(lock, LockFile.read(f));
        assertEquals(B, LockFile.read(f).sha256("com.a:a:jar:tests:2"));
        assertNull(LockFile.read(f).sha256("com.a:a:jar:2"));
    }

    @Test
    void malformedLinesNameFileAndLine() throws IOException {
        Path f = dir.resolve("airlock.lock");
        Files.writeString(f, A + "  g:a:jar:1\n\n" + A + " g:b:jar:1\n");
        ConfigException e = assertThrows(ConfigException.class, () -> LockFile.read(f));
        assertEquals(f + ":3", e.where());
        Files.writeString(f, A + "  g:../a:jar:1\n");
        assertEquals(f + ":1", assertThrows(ConfigException.class, () -> LockFile.read(f)).where());
        Files.writeString(f, A + "  g:a:jar:1\n" + B + "  g:a:jar:1\n");
        assertTrue(assertThrows(ConfigException.class, () -> LockFile.read(f)).problem().contains("twice"));
        Files.writeString(f, A.toUpperCase() + "  g:a:jar:1\n");
        assertThrows(ConfigException.class, () -> LockFile.read(f));
    }

    @Test
    void aCoordinateListedTwiceNamesBothLines() throws IOException {
        Path f = dir.resolve("airlock.lock");
        Files.writeString(f, A + "  g:a:jar:1\n" + A + "  g:b:jar:1\n\n" + B + "  g:a:jar:1\n");
        ConfigException e = assertThrows(ConfigException.class, () -> LockFile.read(f));
        assertEquals(f + ":4", e.where());
        assertTrue(e.problem().contains("g:a:jar:1 is listed twice (line 1 and line 4) with different hashes"),
                e.problem());
        // the same hash twice is still two lines for one artifact
        Files.writeString(f, A + "  g:a:jar:1\n" + A + "  g:a:jar:1\n");
        ConfigException same = assertThrows(ConfigException.class, () -> LockFile.read(f));
        assertEquals(f + ":2", same.where());
        assertTrue(same.problem().contains("listed twice (line 1 and line 2)"), same.problem());
    }

    /** Hardening item 7: an empty lock is an error naming the file, not a lock that lists nothing. */
    @Test
    void anEmptyLockIsAnError() throws IOException {
        Path f = dir.resolve("airlock.lock");
        for (String content : List.of("", "\n", "  \n\n")) {
            Files.writeString(f, content);
            ConfigException e = assertThrows(ConfigException.class, () -> LockFile.read(f));
            assertEquals(f.toString(), e.where());
            assertTrue(e.problem().contains("the lock is empty"), e.problem());
            assertTrue(e.fix().contains("record it"), e.fix());
        }
    }

    @Test
    void diffNamesAddedRemovedAndChanged() {
        LockFile before = LockFile.of(Map.of("g:a:jar:1", A, "g:b:jar:1", A));
        LockFile after = LockFile.of(Map.of("g:a:jar:1", B, "g:c:jar:1", A));
        LockFile.Diff d = after.diffFrom(before);
        assertEquals(List.of(A + "  g:c:jar:1"), d.added());
        assertEquals(List.of(A + "  g:b:jar:1"), d.removed());
        assertEquals(List.of("g:a:jar:1: " + A + " -> " + B), d.changed());
        assertTrue(after.diffFrom(after).isEmpty());
    }
}
