package dev.airlock.verify.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.io.JsonEOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The strict reading of JSON that signature and provenance verdicts are made on (RFC 8259, nothing more): UTF-8
 * without a byte-order mark, exactly one JSON value and nothing after it but whitespace, no key twice in one object,
 * no comments, no single quotes, no unquoted keys, no trailing commas, no {@code NaN}, no leading zeros, no raw
 * control characters in strings.
 *
 * <p>Why: the libraries that read Sigstore bundles and in-toto statements are lenient (protobuf's {@code JsonFormat}
 * and Gson accept comments, single-quoted and unquoted keys, and keep the <em>last</em> of two values of one key;
 * Gson also reads past what it understands). Another verifier reading the same bytes strictly, or keeping the first
 * value, would reach another verdict. Airlock checks the bytes with this class first and lets the library read only
 * what passed, so there is one meaning or none. The check is a streaming pass of jackson-core (the same parser, with
 * the same features, as the SBOM reader's first pass); it builds nothing and recurses nowhere.
 */
public final class StrictJson {
    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private StrictJson() {}

    /** Why some bytes are not strict JSON, and where (1-based line and column; -1 when unknown). */
    public static final class Violation extends Exception {
        private static final long serialVersionUID = 1L;

        private final int line;
        private final int column;
        private final String problem;
        private final boolean afterFirstValue;

        Violation(int line, int column, String problem, boolean afterFirstValue) {
            super((line > 0 ? "line " + line + ", column " + column + ": " : "") + problem);
            this.line = line;
            this.column = column;
            this.problem = problem;
            this.afterFirstValue = afterFirstValue;
        }

        Violation(int line, int column, String problem) {
            this(line, column, problem, false);
        }

        public int line() {
            return line;
        }

        public int column() {
            return column;
        }

        /** What is wrong, without the position. */
        public String problem() {
            return problem;
        }

        /**
         * True when the text held a complete, strict first value and the problem is in what follows it (a second
         * value, as in JSON Lines, or anything else).
         */
        public boolean afterFirstValue() {
            return afterFirstValue;
        }
    }

    /**
     * Decodes {@code bytes} as strict UTF-8 and checks them (see the class comment).
     *
     * @return the text, for a library to read
     * @throws Violation saying what is wrong and where
     */
    public static String check(byte[] bytes) throws Violation {
        String text;
        try {
            CharsetDecoder dec = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
            CharBuffer cb = dec.decode(ByteBuffer.wrap(bytes));
            text = cb.toString();
        } catch (CharacterCodingException e) {
            throw new Violation(-1, -1, "not valid UTF-8 (" + e.getMessage() + ")");
        }
        check(text);
        return text;
    }

    /**
     * Checks text (see the class comment).
     *
     * @throws Violation saying what is wrong and where
     */
    public static void check(String text) throws Violation {
        if (!text.isEmpty() && text.charAt(0) == '\uFEFF') {
            throw new Violation(1, 1, "starts with a byte-order mark, which JSON text must not have");
        }
        boolean firstDone = false;
        try (JsonParser p = JSON.createParser(text)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                throw new Violation(1, 1, "empty: no JSON value");
            }
            if (first == JsonToken.START_OBJECT || first == JsonToken.START_ARRAY) {
                int depth = 1;
                while (depth > 0) {
                    JsonToken t = p.nextToken();
                    if (t == null) {
                        throw new JsonEOFException(p, null, "Unexpected end-of-input");
                    }
                    if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
                        depth++;
                    } else if (t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) {
                        depth--;
                    }
                }
            }
            firstDone = true;
            if (p.nextToken() != null) {
                JsonLocation l = p.currentTokenLocation();
                throw new Violation(l.getLineNr(), l.getColumnNr(), "content follows the end of the JSON value (a"
                        + " second value); one JSON document is one value, nothing may follow it", true);
            }
        } catch (JsonProcessingException e) {
            JsonLocation l = e.getLocation();
            String what = e.getOriginalMessage();
            String problem;
            if (e instanceof JsonEOFException || (what != null && what.contains("end-of-input"))) {
                problem = "the JSON ends early (truncated): " + what;
            } else if (what != null && what.startsWith("Duplicate field")) {
                problem = what + ": a key written twice in one object is ambiguous (readers keep the first or the"
                        + " last)";
            } else if (firstDone) {
                problem = "content follows the end of the JSON value, and it is not JSON: " + what;
            } else {
                problem = "malformed JSON: " + what;
            }
            throw new Violation(l == null ? -1 : l.getLineNr(), l == null ? -1 : l.getColumnNr(), oneLine(problem),
                    firstDone);
        } catch (IOException e) {
            throw new Violation(-1, -1, "cannot be read as JSON: " + e.getMessage());
        }
    }

    private static String oneLine(String s) {
        String t = s.replaceAll("\\s+", " ").strip();
        return t.length() > 300 ? t.substring(0, 300) + "..." : t;
    }
}
