package dev.airlock.verify.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The session line is written and read by one class: what the extension writes is what the rules read. */
class SessionHeaderTest {
    @TempDir
    Path dir;

    /** A header as the extension writes it in enforce mode, for the build started at {@code startTime}. */
    static SessionHeader header(long startTime) {
        return new SessionHeader("enforce", startTime, List.of(new SessionHeader.Mirror("internal",
                "http://127.0.0.1:1/")), List.of(), "deny", "verify", null, null, false);
    }

    @Test
    void whatTheExtensionWritesTheRulesOfTheSameBuildReadBack() throws IOException {
        SessionHeader written = new SessionHeader("enforce", 1_795_700_820_000L,
                List.of(new SessionHeader.Mirror("internal", "https://repo.corp.example/maven"),
                        new SessionHeader.Mirror("proxy", "https://proxy.corp.example/maven")),
                List.of("com.acme.*=internal"), "deny", "verify", "/p/.mvn/airlock.lock", "3.9.16", true);
        Path file = dir.resolve("target/airlock/resolution.jsonl");
        try (ResolutionLog log = new ResolutionLog("s-1")) {
            log.open(file);
            written.write(log);
            log.line("artifact").put("coordinates", "g:a:jar:1").write();
        }
        String line = Files.readAllLines(file).get(0);
        assertTrue(line.contains("\"mirrors\":[{\"id\":\"internal\",\"url\":\"https://repo.corp.example/maven\"},"),
                line);

        ResolutionLogReader.Session s = ResolutionLogReader.forBuildStartedAt(file, 1_795_700_820_000L);
        assertEquals("s-1", s.session());
        assertEquals(written, s.header());
        assertEquals("enforce", s.mode());
        assertEquals(2, s.lines().size());

        ResolutionLogReader.Session other = ResolutionLogReader.forBuildStartedAt(file, 1L);
        assertNull(other.session(), "another build's start time finds no session");
        assertNull(other.header());
        assertNull(other.mode());
    }

    @Test
    void aHeaderWithoutOptionalFieldsAndWithFieldsOfALaterVersionIsRead() throws IOException {
        SessionHeader h = SessionHeader.parse("{\"session\":\"s\",\"time\":\"t\",\"kind\":\"session\",\"mode\":\"warn\","
                + "\"startTime\":5,\"future\":{\"a\":[1,2]},\"mirrors\":[]}");
        assertEquals(new SessionHeader("warn", 5, List.of(), List.of(), null, null, null, null, false), h);
        IOException e = assertThrows(IOException.class, () -> SessionHeader.parse("{\"kind\":\"session\"}"));
        assertTrue(e.getMessage().contains("'mode' and 'startTime'"), e.getMessage());
        assertThrows(IOException.class, () -> SessionHeader.parse("{\"mode\":\"warn\",\"startTime\":\"soon\"}"));
    }
}
