package dev.airlock.verify.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResolutionLogReaderTest {
    @TempDir
    Path dir;

    @Test
    void readsOnlyTheSessionOfThisBuild() throws IOException {
        Path f = dir.resolve("resolution.jsonl");
        ResolutionLog log = new ResolutionLog("this");
        log.open(f);
        SessionHeaderTest.header(1000L).write(log);
        log.line("artifact").put("coordinates", "g:a:jar:1").put("sha256", "ab").put("outcome", "resolved").write();
        log.close();
        Files.writeString(f, "{\"session\":\"stale\",\"kind\":\"artifact\",\"coordinates\":\"g:old:jar:1\"}\n"
                + Files.readString(f));

        ResolutionLogReader.Session s = ResolutionLogReader.forBuildStartedAt(f, 1000L);
        assertEquals("this", s.session());
        assertEquals(1, s.kind("artifact").size());
        assertEquals("ab", s.kind("artifact").get(0).get("sha256"));
        assertNull(ResolutionLogReader.forBuildStartedAt(f, 999L).session(), "another build's start never matches");
        assertNull(ResolutionLogReader.forBuildStartedAt(dir.resolve("missing"), 1000L).session());
    }

    @Test
    void malformedLinesNameTheLine() throws IOException {
        Path f = dir.resolve("r.jsonl");
        Files.writeString(f, "{\"kind\":\"session\"}\n{not json\n");
        IOException e = assertThrows(IOException.class, () -> ResolutionLogReader.forBuildStartedAt(f, 1L));
        assertTrue(e.getMessage().contains(f + ":2"), e.getMessage());
    }
}
