package dev.airlock.verify.finding;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes a {@link Finding} as JSON fields (docs/report-format.md, "finding"): {@code coordinates} is its
 * {@link Finding#subject()}.
 */
public final class FindingJson {
    private FindingJson() {}

    /** Writes the finding's fields into the object the generator is currently in. */
    public static void writeFields(JsonGenerator g, Finding f) throws IOException {
        g.writeStringField("code", f.code().name());
        g.writeStringField("severity", f.severity().id());
        field(g, "coordinates", f.subject());
        field(g, "file", f.file());
        field(g, "sha256", f.sha256());
        if (f.repositoryId() != null || f.repositoryUrl() != null) {
            g.writeObjectFieldStart("repository");
            field(g, "id", f.repositoryId());
            field(g, "url", f.repositoryUrl());
            g.writeEndObject();
        }
        g.writeStringField("source", f.source());
        g.writeStringField("message", f.message());
        field(g, "expected", f.expected());
        field(g, "actual", f.actual());
        field(g, "fix", f.fix());
        if (!f.path().isEmpty()) {
            g.writeArrayFieldStart("path");
            for (String p : f.path()) {
                g.writeString(p);
            }
            g.writeEndArray();
        }
        if (!f.details().isEmpty()) {
            g.writeObjectFieldStart("details");
            for (Map.Entry<String, String> e : f.details().entrySet()) {
                g.writeStringField(e.getKey(), e.getValue());
            }
            g.writeEndObject();
        }
    }

    /**
     * Reads a finding from the object the parser is positioned on ({@link JsonToken#START_OBJECT}); leaves the
     * parser on its END_OBJECT. Fields it does not know (e.g. {@code session}, {@code time}) are skipped. The
     * {@code coordinates} field becomes the finding's {@link Finding#coordinates()} when it is exactly Airlock's
     * notation of valid coordinates, otherwise its {@link Finding#subject()} label (see
     * {@link Finding.Builder#coordinatesOrSubject(String)}); either way it is written back unchanged.
     *
     * @throws IOException for malformed JSON, a missing field or an unknown code or severity
     */
    public static Finding read(JsonParser p) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw new IOException("expected a finding object at " + p.currentLocation());
        }
        String code = null;
        String severity = null;
        String source = null;
        String message = null;
        Finding.Builder b = null;
        String coordinates = null, file = null, sha256 = null, repoId = null, repoUrl = null;
        String expected = null, actual = null, fix = null;
        List<String> path = new ArrayList<>();
        Map<String, String> details = new java.util.LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken t = p.nextToken();
            switch (name) {
                case "code" -> code = p.getValueAsString();
                case "severity" -> severity = p.getValueAsString();
                case "source" -> source = p.getValueAsString();
                case "message" -> message = p.getValueAsString();
                case "coordinates" -> coordinates = p.getValueAsString();
                case "file" -> file = p.getValueAsString();
                case "sha256" -> sha256 = p.getValueAsString();
                case "expected" -> expected = p.getValueAsString();
                case "actual" -> actual = p.getValueAsString();
                case "fix" -> fix = p.getValueAsString();
                case "repository" -> {
                    expect(p, t, JsonToken.START_OBJECT, name);
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String k = p.currentName();
                        p.nextToken();
                        if (k.equals("id")) {
                            repoId = p.getValueAsString();
                        } else if (k.equals("url")) {
                            repoUrl = p.getValueAsString();
                        } else {
                            p.skipChildren();
                        }
                    }
                }
                case "path" -> {
                    expect(p, t, JsonToken.START_ARRAY, name);
                    while (p.nextToken() != JsonToken.END_ARRAY) {
                        path.add(p.getValueAsString());
                    }
                }
                case "details" -> {
                    expect(p, t, JsonToken.START_OBJECT, name);
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String k = p.currentName();
                        p.nextToken();
                        details.put(k, p.getValueAsString());
                    }
                }
                default -> p.skipChildren();
            }
        }
        if (code == null || severity == null || source == null || message == null) {
            throw new IOException("a finding lacks code, severity, source or message (before " + p.currentLocation()
                    + ")");
        }
        try {
            b = Finding.builder(FindingCode.valueOf(code), Severity.fromId(severity));
        } catch (IllegalArgumentException e) {
            throw new IOException("unknown finding code or severity '" + code + "'/'" + severity + "' at "
                    + p.currentLocation());
        }
        b.source(source).message(message).coordinatesOrSubject(coordinates).file(file).sha256(sha256)
                .repository(repoId, repoUrl).expected(expected).actual(actual).fix(fix).path(path);
        details.forEach(b::detail);
        return b.build();
    }

    private static void expect(JsonParser p, JsonToken actual, JsonToken expected, String field) throws IOException {
        if (actual != expected) {
            throw new IOException("'" + field + "' should be " + expected + " at " + p.currentLocation());
        }
    }

    private static void field(JsonGenerator g, String name, String value) throws IOException {
        if (value != null) {
            g.writeStringField(name, value);
        }
    }
}
