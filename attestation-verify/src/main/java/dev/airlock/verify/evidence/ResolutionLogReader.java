package dev.airlock.verify.evidence;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads {@code resolution.jsonl} for one build: the session whose {@code startTime} is the reader's own build's start
 * (a stale file from an earlier build never matches), and that session's lines. Only top-level string, number and
 * boolean fields are kept (enough for artifact and request lines).
 */
public final class ResolutionLogReader {
    private static final JsonFactory JSON = new JsonFactory();

    private ResolutionLogReader() {}

    /**
     * The lines of one build session; {@code session} and {@code header} are null when no session of that start time
     * is in the file. {@code lines} is null when only the header was read ({@link #headerFor}).
     */
    public record Session(String session, SessionHeader header, List<Map<String, String>> lines) {
        public List<Map<String, String>> kind(String kind) {
            if (lines == null) {
                throw new IllegalStateException("only the session header of the evidence was read; read it with"
                        + " forBuildStartedAt to see its lines");
            }
            return lines.stream().filter(l -> kind.equals(l.get("kind"))).toList();
        }

        /** The lines of {@code kind} ({@link ResolutionEntry#ARTIFACT}, ...), typed. */
        public List<ResolutionEntry> entries(String kind) {
            return kind(kind).stream().map(ResolutionEntry::of).toList();
        }

        /** The {@code mode} the session header names ({@code enforce}, {@code warn}), or null. */
        public String mode() {
            return header == null ? null : header.mode();
        }
    }

    public static Session forBuildStartedAt(Path file, long startMillis) throws IOException {
        if (!Files.isRegularFile(file)) {
            return new Session(null, null, List.of());
        }
        String session = null;
        SessionHeader header = null;
        List<Map<String, String>> lines = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String text;
            int n = 0;
            while ((text = r.readLine()) != null) {
                n++;
                if (text.isBlank()) {
                    continue;
                }
                Map<String, String> line = parse(text, file, n);
                if (session == null && SessionHeader.KIND.equals(line.get("kind"))
                        && Long.toString(startMillis).equals(line.get("startTime"))) {
                    session = line.get("session");
                    try {
                        header = SessionHeader.parse(text);
                    } catch (IOException e) {
                        throw new IOException(file + ":" + n + ": " + e.getMessage(), e);
                    }
                }
                if (session != null && session.equals(line.get("session"))) {
                    lines.add(line);
                }
            }
        }
        return new Session(session, header, lines);
    }

    /**
     * The session of the build started at {@code startMillis}, its header only: what most checks need (is the build
     * guarded, in which mode, under which session id). Stops at that header, and parses no other line as JSON: the
     * file holds a line for every resolution of the build (a megabyte and more on a real project), and each rule of
     * each module asks. A malformed line is reported by {@link #forBuildStartedAt}, which reads them all.
     */
    public static Session headerFor(Path file, long startMillis) throws IOException {
        if (!Files.isRegularFile(file)) {
            return new Session(null, null, null);
        }
        String start = Long.toString(startMillis);
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String text;
            int n = 0;
            while ((text = r.readLine()) != null) {
                n++;
                // only a line with the header's text and this start time is parsed (a string value cannot hold the
                // text: the writer escapes its quotes); the parse then checks that it is the top-level kind
                if (!text.contains(HEADER_MARK) || !text.contains(start)) {
                    continue;
                }
                Map<String, String> line = parse(text, file, n);
                if (SessionHeader.KIND.equals(line.get("kind")) && start.equals(line.get("startTime"))) {
                    try {
                        return new Session(line.get("session"), SessionHeader.parse(text), null);
                    } catch (IOException e) {
                        throw new IOException(file + ":" + n + ": " + e.getMessage(), e);
                    }
                }
            }
        }
        return new Session(null, null, null);
    }

    private static final String HEADER_MARK = "\"kind\":\"" + SessionHeader.KIND + "\"";

    private static Map<String, String> parse(String text, Path file, int lineNo) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        try (JsonParser p = JSON.createParser(text)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException(file + ":" + lineNo + ": not a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken t = p.nextToken();
                if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
                    p.skipChildren();
                } else {
                    out.put(name, p.getValueAsString());
                }
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IOException(file + ":" + lineNo + ": " + e.getOriginalMessage(), e);
        }
        return out;
    }
}
