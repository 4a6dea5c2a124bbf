package dev.airlock.verify.finding;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.Map;

/** Writes a {@link Finding} as JSON fields (docs/report-format.md, "finding"). */
public final class FindingJson {
    private FindingJson() {}

    /** Writes the finding's fields into the object the generator is currently in. */
    public static void writeFields(JsonGenerator g, Finding f) throws IOException {
        g.writeStringField("code", f.code().name());
        g.writeStringField("severity", f.severity().id());
        field(g, "coordinates", f.coordinates());
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

    private static void field(JsonGenerator g, String name, String value) throws IOException {
        if (value != null) {
            g.writeStringField(name, value);
        }
    }
}
