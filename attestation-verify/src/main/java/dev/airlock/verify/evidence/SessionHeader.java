package dev.airlock.verify.evidence;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The first line of a build session in {@code resolution.jsonl} (kind {@code session}, docs/evidence.md): what the
 * extension was set to when the session started. The extension writes it ({@link #write}); the rules and goals of
 * the same build find their session by its {@code startTime} and read it ({@link ResolutionLogReader}); both through
 * this class.
 *
 * @param mode {@code enforce}, {@code warn} or {@code off}
 * @param startTime the build's start (epoch milliseconds) as Maven's request gives it to mojos
 * @param mirrors {@code airlock.mirrors}, in order
 * @param namespaces {@code airlock.namespaces} routes, as configured
 * @param floatingVersions {@code airlock.floatingVersions}
 * @param localOrigin {@code airlock.localOrigin}
 * @param lock the lock file in force, or null
 * @param mavenVersion the Maven that runs the build, or null when unknown
 * @param recording whether this build records the lock (and is not checked against it)
 */
public record SessionHeader(String mode, long startTime, List<Mirror> mirrors, List<String> namespaces,
        String floatingVersions, String localOrigin, String lock, String mavenVersion, boolean recording) {
    /** The line's kind. */
    public static final String KIND = "session";

    private static final JsonFactory JSON = new JsonFactory();

    /** A mirror by id and URL. */
    public record Mirror(String id, String url) {}

    public SessionHeader {
        Objects.requireNonNull(mode, "mode");
        mirrors = List.copyOf(mirrors);
        namespaces = List.copyOf(namespaces);
    }

    /** Writes this header as a line of {@code log}, with the log's session id and the time now. */
    public void write(ResolutionLog log) {
        log.line(KIND)
                .put("mode", mode)
                .put("startTime", startTime)
                .put("mirrors", mirrors.stream().map(m -> {
                    Map<String, Object> o = new LinkedHashMap<>();
                    o.put("id", m.id());
                    o.put("url", m.url());
                    return o;
                }).toList())
                .put("namespaces", namespaces)
                .put("floatingVersions", floatingVersions)
                .put("localOrigin", localOrigin)
                .put("lock", lock)
                .put("mavenVersion", mavenVersion)
                .put("recording", recording ? Boolean.TRUE : null)
                .write();
    }

    /**
     * Reads a session line (one JSON object, as {@link #write} wrote it; the {@code session}, {@code time} and
     * {@code kind} fields and fields this version does not know are skipped).
     *
     * @throws IOException when the line is not a session header: not JSON, no {@code mode} or {@code startTime}
     */
    public static SessionHeader parse(String json) throws IOException {
        String mode = null;
        Long startTime = null;
        List<Mirror> mirrors = new ArrayList<>();
        List<String> namespaces = new ArrayList<>();
        String floating = null;
        String localOrigin = null;
        String lock = null;
        String maven = null;
        boolean recording = false;
        try (JsonParser p = JSON.createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("a session line is a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken t = p.nextToken();
                switch (name) {
                    case "mode" -> mode = p.getValueAsString();
                    case "startTime" -> {
                        if (t != JsonToken.VALUE_NUMBER_INT) {
                            throw new IOException("'startTime' is not a number");
                        }
                        startTime = p.getLongValue();
                    }
                    case "mirrors" -> readMirrors(p, t, mirrors);
                    case "namespaces" -> readStrings(p, t, namespaces);
                    case "floatingVersions" -> floating = p.getValueAsString();
                    case "localOrigin" -> localOrigin = p.getValueAsString();
                    case "lock" -> lock = p.getValueAsString();
                    case "mavenVersion" -> maven = p.getValueAsString();
                    case "recording" -> recording = t == JsonToken.VALUE_TRUE;
                    default -> p.skipChildren();
                }
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IOException(e.getOriginalMessage(), e);
        }
        if (mode == null || startTime == null) {
            throw new IOException("a session line names its 'mode' and 'startTime'");
        }
        return new SessionHeader(mode, startTime, mirrors, namespaces, floating, localOrigin, lock, maven, recording);
    }

    private static void readMirrors(JsonParser p, JsonToken t, List<Mirror> out) throws IOException {
        if (t != JsonToken.START_ARRAY) {
            throw new IOException("'mirrors' is not a list");
        }
        while (p.nextToken() == JsonToken.START_OBJECT) {
            String id = null;
            String url = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                p.nextToken();
                switch (name) {
                    case "id" -> id = p.getValueAsString();
                    case "url" -> url = p.getValueAsString();
                    default -> p.skipChildren();
                }
            }
            out.add(new Mirror(id, url));
        }
    }

    private static void readStrings(JsonParser p, JsonToken t, List<String> out) throws IOException {
        if (t != JsonToken.START_ARRAY) {
            throw new IOException("'namespaces' is not a list");
        }
        while (p.nextToken() != JsonToken.END_ARRAY) {
            out.add(p.getValueAsString());
        }
    }
}
