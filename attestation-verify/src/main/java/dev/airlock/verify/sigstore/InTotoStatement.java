package dev.airlock.verify.sigstore;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.airlock.verify.json.StrictJson;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An in-toto Statement (the payload of an in-toto DSSE envelope): {@code _type} v0.1 or v1, its subjects (name and
 * digests) and its predicate. Unknown fields are ignored as the in-toto specification requires. Subjects are matched
 * by digest, never by name.
 *
 * <p>Read strictly ({@link StrictJson}): one JSON value, no key twice in one object (a second {@code _type} or
 * {@code sha256} is an error, not "the last wins"), no comments. Each digest value is a string; the digests of the
 * algorithms the in-toto DigestSet defines as hex ({@code sha256}, {@code sha512}, {@code gitCommit}, ...) are
 * lowercase hex of the algorithm's length. Algorithm names are taken as written ({@code sha256}, as slsa-verifier
 * looks them up), never case-folded, so {@code SHA256} is another, unknown algorithm.
 */
public final class InTotoStatement {
    /** {@code _type} of in-toto Statement v0.1 (still written by slsa-github-generator). */
    public static final String TYPE_V01 = "https://in-toto.io/Statement/v0.1";
    /** {@code _type} of in-toto Statement v1. */
    public static final String TYPE_V1 = "https://in-toto.io/Statement/v1";
    /** The DSSE payload type of an in-toto statement. */
    public static final String PAYLOAD_TYPE = "application/vnd.in-toto+json";

    /** One subject: a name and its digests by algorithm (names and values as written; hex values lowercase). */
    public record Subject(String name, Map<String, String> digest) {
        public Subject {
            digest = Collections.unmodifiableMap(new LinkedHashMap<>(digest));
        }

        public String sha256() {
            return digest.get("sha256");
        }
    }

    private final String type;
    private final String predicateType;
    private final List<Subject> subjects;
    private final JsonObject predicate;

    private InTotoStatement(String type, String predicateType, List<Subject> subjects, JsonObject predicate) {
        this.type = type;
        this.predicateType = predicateType;
        this.subjects = List.copyOf(subjects);
        this.predicate = predicate;
    }

    /**
     * Parses a statement.
     *
     * @throws IllegalArgumentException with a message saying what is wrong
     */
    public static InTotoStatement parse(byte[] payload) {
        JsonElement root;
        try {
            root = JsonParser.parseString(StrictJson.check(payload));
        } catch (StrictJson.Violation e) {
            throw new IllegalArgumentException("the in-toto statement is not strict JSON: " + e.getMessage(), e);
        } catch (RuntimeException | StackOverflowError e) {
            throw new IllegalArgumentException("the in-toto statement is not JSON: " + e.getMessage(), e);
        }
        if (!root.isJsonObject()) {
            throw new IllegalArgumentException("the in-toto statement is not a JSON object");
        }
        JsonObject o = root.getAsJsonObject();
        String type = string(o, "_type");
        if (!TYPE_V01.equals(type) && !TYPE_V1.equals(type)) {
            throw new IllegalArgumentException("unsupported in-toto statement _type '" + type + "' (supported: "
                    + TYPE_V01 + ", " + TYPE_V1 + ")");
        }
        String predicateType = string(o, "predicateType");
        if (predicateType == null || predicateType.isEmpty()) {
            throw new IllegalArgumentException("the in-toto statement has no predicateType");
        }
        JsonElement subj = o.get("subject");
        if (subj == null || !subj.isJsonArray() || subj.getAsJsonArray().isEmpty()) {
            throw new IllegalArgumentException("the in-toto statement has no subject");
        }
        List<Subject> subjects = new ArrayList<>();
        for (JsonElement s : subj.getAsJsonArray()) {
            if (!s.isJsonObject()) {
                throw new IllegalArgumentException("an in-toto subject is not an object");
            }
            JsonObject so = s.getAsJsonObject();
            JsonElement d = so.get("digest");
            if (d == null || !d.isJsonObject()) {
                throw new IllegalArgumentException("in-toto subject '" + string(so, "name") + "' has no digest");
            }
            String name = string(so, "name");
            Map<String, String> digest = new LinkedHashMap<>();
            for (Map.Entry<String, JsonElement> e : d.getAsJsonObject().entrySet()) {
                digest.put(e.getKey(), digestValue(name, e.getKey(), e.getValue()));
            }
            if (digest.isEmpty()) {
                throw new IllegalArgumentException("in-toto subject '" + name + "' has an empty digest");
            }
            subjects.add(new Subject(name, digest));
        }
        JsonElement pred = o.get("predicate");
        JsonObject predicate = pred != null && pred.isJsonObject() ? pred.getAsJsonObject() : new JsonObject();
        return new InTotoStatement(type, predicateType, subjects, predicate);
    }

    /** Hex digits of the DigestSet algorithms the in-toto specification defines as lowercase hex. */
    private static final Map<String, int[]> HEX_LENGTHS = Map.ofEntries(
            Map.entry("md5", new int[] {32}),
            Map.entry("sha1", new int[] {40}),
            Map.entry("sha224", new int[] {56}),
            Map.entry("sha512_224", new int[] {56}),
            Map.entry("sha3_224", new int[] {56}),
            Map.entry("sha256", new int[] {64}),
            Map.entry("sha512_256", new int[] {64}),
            Map.entry("sha3_256", new int[] {64}),
            Map.entry("sha384", new int[] {96}),
            Map.entry("sha3_384", new int[] {96}),
            Map.entry("sha512", new int[] {128}),
            Map.entry("sha3_512", new int[] {128}),
            Map.entry("gitCommit", new int[] {40, 64}),
            Map.entry("gitTree", new int[] {40, 64}),
            Map.entry("gitBlob", new int[] {40, 64}),
            Map.entry("gitTag", new int[] {40, 64}));

    private static String digestValue(String subject, String algorithm, JsonElement value) {
        String where = "in-toto subject '" + subject + "' digest '" + algorithm + "'";
        if (value == null || !value.isJsonPrimitive() || !value.getAsJsonPrimitive().isString()) {
            throw new IllegalArgumentException(where + " is " + (value == null || value.isJsonNull() ? "null"
                    : value.toString()) + ", not a string");
        }
        String v = value.getAsString();
        int[] lengths = HEX_LENGTHS.get(algorithm);
        if (lengths != null) {
            boolean lengthOk = false;
            for (int n : lengths) {
                lengthOk |= v.length() == n;
            }
            if (!lengthOk || !v.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                throw new IllegalArgumentException(where + " is '" + (v.length() > 140 ? v.substring(0, 140) + "..."
                        : v) + "', not " + (lengths.length == 1 ? lengths[0] : lengths[0] + " or " + lengths[1])
                        + " lowercase hex digits");
            }
        } else if (v.isEmpty()) {
            throw new IllegalArgumentException(where + " is empty");
        }
        return v;
    }

    private static String string(JsonObject o, String key) {
        JsonElement e = o.get(key);
        return e != null && e.isJsonPrimitive() && e.getAsJsonPrimitive().isString() ? e.getAsString() : null;
    }

    public String type() {
        return type;
    }

    public String predicateType() {
        return predicateType;
    }

    public List<Subject> subjects() {
        return subjects;
    }

    /** True when a subject's sha256 equals {@code sha256Hex} (case-insensitive). */
    public boolean hasSubjectSha256(String sha256Hex) {
        String want = sha256Hex.toLowerCase(Locale.ROOT);
        return subjects.stream().anyMatch(s -> want.equals(s.sha256()));
    }

    /** The subjects as {@code name sha256:hex} for messages. */
    public String describeSubjects() {
        List<String> parts = new ArrayList<>();
        for (Subject s : subjects) {
            parts.add(s.name() + " sha256:" + (s.sha256() == null ? "(none)" : s.sha256()));
        }
        return String.join(", ", parts);
    }

    /** The predicate (a deep copy; empty when absent). For the SLSA parser in this library. */
    public JsonObject predicate() {
        return predicate.deepCopy();
    }
}
