package dev.airlock.verify.feed;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import dev.airlock.verify.json.StrictJson;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/** The JSON plumbing of the feed's files: canonical writing and the strict, positioned reading. */
final class FeedJson {
    static final JsonFactory JSON = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .build();

    static final String FORMAT_DOC = "docs/fleet.md, \"Feed format\"";
    static final String REPUBLISH = "publish the file exactly as Airlock wrote it (a feed file is canonical JSON, see "
            + FORMAT_DOC + "); if it was edited or forged, delete it from the feed's repository";

    private FeedJson() {}

    @FunctionalInterface
    interface Body {
        void write(JsonGenerator g) throws IOException;
    }

    /** Canonical bytes: UTF-8, no whitespace, the keys in the order {@code body} writes them. */
    static byte[] canonical(Body body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            body.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // writing to memory
        }
        return out.toByteArray();
    }

    /** Checks size and strict syntax ({@link StrictJson}); returns a parser on the bytes. */
    static JsonParser open(String source, byte[] bytes, int limit, String what) throws FeedException {
        if (bytes == null || bytes.length == 0) {
            throw new FeedException(source, "is empty: no " + what, REPUBLISH);
        }
        if (bytes.length > limit) {
            throw new FeedException(source, "is " + bytes.length + " bytes long, larger than a " + what + " can be ("
                    + limit + " bytes)", REPUBLISH);
        }
        try {
            StrictJson.check(bytes);
        } catch (StrictJson.Violation v) {
            throw new FeedException(source, Math.max(v.line(), 0), Math.max(v.column(), 0), "is not strict JSON: "
                    + v.problem(), REPUBLISH);
        }
        try {
            return JSON.createParser(bytes);
        } catch (IOException e) {
            throw new FeedException(source, "cannot be read: " + e.getMessage(), REPUBLISH);
        }
    }

    static FeedException at(String source, JsonParser p, String problem, String fix) {
        JsonLocation l = p.currentTokenLocation();
        return new FeedException(source, l == null ? 0 : Math.max(l.getLineNr(), 0),
                l == null ? 0 : Math.max(l.getColumnNr(), 0), problem, fix);
    }

    /** The token's value as a string, or an error naming the key and the type found. */
    static String string(String source, JsonParser p, String key) throws FeedException {
        if (p.currentToken() != JsonToken.VALUE_STRING) {
            throw at(source, p, "'" + key + "' is " + describe(p.currentToken()) + ", not a string",
                    "write '" + key + "' as a JSON string (" + FORMAT_DOC + ")");
        }
        try {
            return p.getText();
        } catch (IOException e) {
            throw at(source, p, "'" + key + "' cannot be read: " + e.getMessage(), REPUBLISH);
        }
    }

    static String describe(JsonToken t) {
        if (t == null) {
            return "missing";
        }
        return switch (t) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> t.toString();
        };
    }

    /** Refuses bytes that are valid but not the canonical form of what they say, pointing at the first difference. */
    static void requireCanonical(String source, byte[] bytes, byte[] canonical) throws FeedException {
        if (java.util.Arrays.equals(bytes, canonical)) {
            return;
        }
        int n = Math.min(bytes.length, canonical.length);
        int i = 0;
        while (i < n && bytes[i] == canonical[i]) {
            i++;
        }
        int line = 1;
        int col = 1;
        for (int k = 0; k < i; k++) {
            if (bytes[k] == '\n') {
                line++;
                col = 1;
            } else {
                col++;
            }
        }
        throw new FeedException(source, line, col, "is not in canonical form (it differs from the canonical encoding"
                + " of its own content at byte " + i + "): a feed file's id is the SHA-256 of its canonical bytes,"
                + " so a reformatted or reordered file is not the file that was signed", REPUBLISH);
    }
}
