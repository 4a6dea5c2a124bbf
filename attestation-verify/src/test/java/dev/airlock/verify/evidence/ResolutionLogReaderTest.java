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

    @Test
    void theHeaderAloneIsReadWithoutParsingTheOtherLines() throws IOException {
        Path f = dir.resolve("resolution.jsonl");
        ResolutionLog older = new ResolutionLog("older");
        older.open(f);
        SessionHeaderTest.header(999L).write(older); // another build's header, with another start time
        older.close();
        String before = Files.readString(f);
        ResolutionLog log = new ResolutionLog("this");
        log.open(dir.resolve("this.jsonl"));
        SessionHeaderTest.header(1000L).write(log);
        log.close();
        // a line that is not JSON, before and after the header: the header read does not parse it
        Files.writeString(f, "{not json\n" + before + Files.readString(dir.resolve("this.jsonl")) + "{not json\n");

        ResolutionLogReader.Session s = ResolutionLogReader.headerFor(f, 1000L);
        assertEquals("this", s.session());
        assertEquals(SessionHeaderTest.header(1000L).mode(), s.mode());
        assertNull(s.lines(), "the lines are not read");
        assertThrows(IllegalStateException.class, () -> s.kind("artifact"), "asking for lines is a programming error");
        assertEquals("older", ResolutionLogReader.headerFor(f, 999L).session());
        assertNull(ResolutionLogReader.headerFor(f, 998L).session(), "another build's start never matches");
        assertNull(ResolutionLogReader.headerFor(dir.resolve("missing"), 1000L).session());
        assertThrows(IOException.class, () -> ResolutionLogReader.forBuildStartedAt(f, 1000L),
                "the full read still reports the malformed line");
    }
}
