package dev.airlock.verify.quarantine;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.airlock.verify.finding.Coordinates;
import java.io.IOException;
import java.util.Objects;

/**
 * Why a file is in quarantine ({@code evidence.json}, docs/quarantine.md): the coordinates, the SHA-256 of what was
 * quarantined, the expected value where known, the finding code, the rule or component, the detail, the repository
 * it came from (the resolver's origin record), when it was detected, and the build session.
 */
public record Evidence(
        Coordinates coordinates,
        String sha256,
        String expected,
        String code,
        String rule,
        String detail,
        String repositoryId,
        String repositoryUrl,
        String detectedAt,
        String session,
        String originalFile) {

    public Evidence {
        Objects.requireNonNull(coordinates, "coordinates");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(detectedAt, "detectedAt");
    }

    /** The same evidence for the bytes actually quarantined. */
    Evidence withSha256(String sha) {
        return new Evidence(coordinates, sha, expected, code, rule, detail, repositoryId, repositoryUrl, detectedAt,
                session, originalFile);
    }

    void write(JsonGenerator g) throws IOException {
        g.writeStartObject();
        g.writeStringField("coordinates", coordinates.toString());
        g.writeStringField("sha256", sha256);
        field(g, "expected", expected);
        g.writeStringField("code", code);
        g.writeStringField("rule", rule);
        field(g, "detail", detail);
        if (repositoryId != null || repositoryUrl != null) {
            g.writeObjectFieldStart("repository");
            field(g, "id", repositoryId);
            field(g, "url", repositoryUrl);
            g.writeEndObject();
        }
        g.writeStringField("detectedAt", detectedAt);
        field(g, "session", session);
        field(g, "originalFile", originalFile);
        g.writeEndObject();
    }

    private static void field(JsonGenerator g, String name, String value) throws IOException {
        if (value != null) {
            g.writeStringField(name, value);
        }
    }

    static Evidence read(JsonParser p) throws IOException {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            throw new IOException("evidence is not a JSON object");
        }
        String coords = null, sha = null, expected = null, code = null, rule = null, detail = null, repoId = null,
                repoUrl = null, at = null, session = null, original = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken t = p.nextToken();
            switch (name) {
                case "coordinates" -> coords = p.getValueAsString();
                case "sha256" -> sha = p.getValueAsString();
                case "expected" -> expected = p.getValueAsString();
                case "code" -> code = p.getValueAsString();
                case "rule" -> rule = p.getValueAsString();
                case "detail" -> detail = p.getValueAsString();
                case "detectedAt" -> at = p.getValueAsString();
                case "session" -> session = p.getValueAsString();
                case "originalFile" -> original = p.getValueAsString();
                case "repository" -> {
                    if (t != JsonToken.START_OBJECT) {
                        throw new IOException("'repository' is not an object");
                    }
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
                default -> p.skipChildren();
            }
        }
        if (coords == null || sha == null || code == null || rule == null || at == null) {
            throw new IOException("evidence lacks coordinates, sha256, code, rule or detectedAt");
        }
        try {
            return new Evidence(Coordinates.parse(coords), sha, expected, code, rule, detail, repoId, repoUrl, at,
                    session, original);
        } catch (IllegalArgumentException e) {
            throw new IOException("evidence names invalid coordinates: " + e.getMessage());
        }
    }
}
