package dev.airlock.verify.feed;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.airlock.verify.digest.DigestCache;
import dev.airlock.verify.finding.Coordinates;
import dev.airlock.verify.finding.FindingCode;
import dev.airlock.verify.text.Printable;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One file of the fleet-wide quarantine feed: a {@link Kind#QUARANTINE} entry (a runner quarantined these bytes for
 * an integrity failure) or a {@link Kind#RELEASE} (someone released the entry whose {@link #id()} it names, with a
 * reason). The format is in the package comment and docs/fleet.md, "Feed format".
 *
 * <p>Only integrity codes ({@link FindingCode#isIntegrityFailure()}, the codes that move a file into the per-runner
 * quarantine too) may be published: a policy outcome (an unsigned artifact, a builder the policy does not allow) is
 * one project's decision, not a fact about the bytes, and never blocks the fleet.
 *
 * @param kind what the file is
 * @param coordinates the artifact ({@code groupId:artifactId:extension[:classifier]:version}); for a release, those of
 *     the entry it lifts
 * @param sha256 64 lower-case hex digits: the quarantined bytes (for a release, those of the entry it lifts)
 * @param code QUARANTINE: the integrity finding code; RELEASE: null
 * @param rule QUARANTINE: the component or rule that raised the finding ({@code extension}, {@code verifySbom}, ...);
 *     RELEASE: null
 * @param time when (UTC, whole seconds; finer parts are dropped)
 * @param runner the host name of the runner that published it
 * @param evidenceSha256 QUARANTINE: SHA-256 of the runner's {@code evidence.json}; RELEASE: null
 * @param reason RELEASE: why it is released (required, not blank); QUARANTINE: null
 * @param lifts RELEASE: the {@link #id()} of the entry it lifts; QUARANTINE: null
 */
public record FeedEntry(
        Kind kind,
        Coordinates coordinates,
        String sha256,
        String code,
        String rule,
        Instant time,
        String runner,
        String evidenceSha256,
        String reason,
        String lifts) {

    /** The largest entry or release file read (a reason is at most {@link #MAX_REASON} characters). */
    public static final int MAX_BYTES = 16 * 1024;
    public static final int MAX_REASON = 2000;
    /** The format version every feed file carries as {@code "format"}. */
    public static final int FORMAT = 1;

    static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern RULE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:-]{0,99}");
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,252}");
    private static final Pattern TIME = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z");
    private static final List<String> KEYS = List.of("format", "kind", "coordinates", "sha256", "code", "rule",
            "evidenceSha256", "lifts", "reason", "runner", "time");

    /** QUARANTINE or RELEASE. */
    public enum Kind { QUARANTINE, RELEASE }

    public FeedEntry {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(coordinates, "coordinates");
        Objects.requireNonNull(time, "time");
        sha256 = checkSha256("sha256", sha256);
        time = time.truncatedTo(ChronoUnit.SECONDS);
        runner = checkRunner(runner);
        if (kind == Kind.QUARANTINE) {
            checkIntegrityCode(code);
            rule = checkRule(rule);
            evidenceSha256 = checkSha256("evidenceSha256", evidenceSha256);
            if (reason != null || lifts != null) {
                throw new IllegalArgumentException("a QUARANTINE entry has no 'reason' and no 'lifts' (only a"
                        + " RELEASE has)");
            }
        } else {
            if (code != null || rule != null || evidenceSha256 != null) {
                throw new IllegalArgumentException("a RELEASE has no 'code', 'rule' or 'evidenceSha256' (it names"
                        + " the entry it lifts in 'lifts')");
            }
            lifts = checkSha256("lifts", lifts);
            reason = checkReason(reason);
        }
    }

    /** A quarantine entry. */
    public static FeedEntry quarantine(Coordinates coordinates, String sha256, FindingCode code, String rule,
            Instant time, String runner, String evidenceSha256) {
        return new FeedEntry(Kind.QUARANTINE, coordinates, sha256, code.name(), rule, time, runner, evidenceSha256,
                null, null);
    }

    /** The release of {@code entry}. */
    public static FeedEntry release(FeedEntry entry, String reason, Instant time, String runner) {
        if (entry.kind() != Kind.QUARANTINE) {
            throw new IllegalArgumentException("only a QUARANTINE entry can be released, not a " + entry.kind());
        }
        return new FeedEntry(Kind.RELEASE, entry.coordinates(), entry.sha256(), null, null, time, runner, null,
                reason, entry.id());
    }

    public boolean isRelease() {
        return kind == Kind.RELEASE;
    }

    /** The finding code of a quarantine entry. */
    public FindingCode findingCode() {
        return code == null ? null : FindingCode.valueOf(code);
    }

    /** SHA-256 (64 lower-case hex) of {@link #canonicalBytes()}: the entry's identity in the feed. */
    public String id() {
        return DigestCache.sha256(canonicalBytes());
    }

    /** The canonical JSON (package comment): what is published, signed and hashed into {@link #id()}. */
    public byte[] canonicalBytes() {
        return FeedJson.canonical(this::write);
    }

    void write(JsonGenerator g) throws IOException {
        g.writeStartObject();
        g.writeNumberField("format", FORMAT);
        g.writeStringField("kind", kind.name());
        g.writeStringField("coordinates", coordinates.toString());
        g.writeStringField("sha256", sha256);
        optional(g, "code", code);
        optional(g, "rule", rule);
        optional(g, "evidenceSha256", evidenceSha256);
        optional(g, "lifts", lifts);
        optional(g, "reason", reason);
        g.writeStringField("runner", runner);
        g.writeStringField("time", time.toString());
        g.writeEndObject();
    }

    private static void optional(JsonGenerator g, String key, String value) throws IOException {
        if (value != null) {
            g.writeStringField(key, value);
        }
    }

    /**
     * Reads an entry or release file strictly: strict JSON, only the known keys, each of its type, valid values, and
     * the bytes in canonical form (so that their SHA-256 is the entry's id and the signature is over them).
     *
     * @param source the file's display name, for messages
     * @throws FeedException naming the file, the position and the fix
     */
    public static FeedEntry parse(String source, byte[] bytes) throws FeedException {
        FeedEntry e;
        try (JsonParser p = FeedJson.open(source, bytes, MAX_BYTES, "feed entry")) {
            p.nextToken();
            e = read(source, p);
        } catch (IOException x) {
            throw new FeedException(source, "cannot be read: " + x.getMessage(), FeedJson.REPUBLISH);
        }
        FeedJson.requireCanonical(source, bytes, e.canonicalBytes());
        return e;
    }

    /** Reads the object the parser is on (START_OBJECT); leaves it on the END_OBJECT. */
    static FeedEntry read(String source, JsonParser p) throws IOException, FeedException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw FeedJson.at(source, p, "a feed entry is " + FeedJson.describe(p.currentToken())
                    + ", not a JSON object", FeedJson.REPUBLISH);
        }
        JsonLocation start = p.currentTokenLocation();
        Integer format = null;
        Kind kind = null;
        Coordinates coords = null;
        String[] values = new String[KEYS.size()];
        Instant time = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            int index = KEYS.indexOf(key);
            if (index < 0) {
                throw FeedJson.at(source, p, "unknown key '" + Printable.of(key) + "'", "remove it: a feed entry has"
                        + " only " + String.join(", ", KEYS) + " (" + FeedJson.FORMAT_DOC + ")");
            }
            p.nextToken();
            if (key.equals("format")) {
                if (p.currentToken() != JsonToken.VALUE_NUMBER_INT || p.getNumberValue().intValue() != FORMAT
                        || !p.getText().equals(Integer.toString(FORMAT))) {
                    throw FeedJson.at(source, p, "'format' is " + (p.currentToken().isScalarValue() ? "'"
                            + Printable.of(p.getText()) + "'" : FeedJson.describe(p.currentToken())) + ", not "
                            + FORMAT, "this Airlock reads feed format " + FORMAT + "; a newer format needs a newer"
                            + " Airlock");
                }
                format = FORMAT;
                continue;
            }
            String v = FeedJson.string(source, p, key);
            try {
                switch (key) {
                    case "kind" -> kind = parseKind(v);
                    case "coordinates" -> coords = Coordinates.parse(v);
                    case "sha256", "evidenceSha256", "lifts" -> checkSha256(key, v);
                    case "code" -> FindingCode.valueOf(checkCodeName(v));
                    case "rule" -> checkRule(v);
                    case "reason" -> checkReason(v);
                    case "runner" -> checkRunner(v);
                    case "time" -> time = parseTime(v);
                    default -> { }
                }
            } catch (IllegalArgumentException x) {
                throw FeedJson.at(source, p, "'" + key + "': " + x.getMessage(), fixFor(key));
            }
            values[index] = v;
        }
        List<String> missing = new ArrayList<>();
        if (format == null) {
            missing.add("format");
        }
        for (String k : List.of("kind", "coordinates", "sha256", "runner", "time")) {
            if (values[KEYS.indexOf(k)] == null) {
                missing.add(k);
            }
        }
        if (!missing.isEmpty()) {
            throw new FeedException(source, start.getLineNr(), start.getColumnNr(), "the entry lacks "
                    + String.join(", ", missing), FeedJson.REPUBLISH);
        }
        try {
            return new FeedEntry(kind, coords, values[3], values[4], values[5], time, values[9], values[6],
                    values[8], values[7]);
        } catch (IllegalArgumentException x) {
            throw new FeedException(source, start.getLineNr(), start.getColumnNr(), x.getMessage(),
                    FeedJson.REPUBLISH);
        }
    }

    private static String fixFor(String key) {
        return switch (key) {
            case "kind" -> "write QUARANTINE or RELEASE";
            case "coordinates" -> "write groupId:artifactId:extension[:classifier]:version";
            case "sha256", "evidenceSha256", "lifts" -> "write 64 lower-case hex digits (a SHA-256)";
            case "code" -> "only an integrity finding code can be published (" + integrityCodes() + ")";
            case "time" -> "write UTC time to the second, e.g. 2026-12-07T10:00:00Z";
            case "runner" -> "write the runner's host name (letters, digits, '.', '_', '-')";
            case "rule" -> "write the rule or component name (letters, digits, '.', '_', ':', '-')";
            default -> FeedJson.REPUBLISH;
        };
    }

    private static Kind parseKind(String v) {
        try {
            return Kind.valueOf(v);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + Printable.of(v) + "' is neither QUARANTINE nor RELEASE");
        }
    }

    static Instant parseTime(String v) {
        if (!TIME.matcher(v).matches()) {
            throw new IllegalArgumentException("'" + Printable.of(v) + "' is not UTC time to the second"
                    + " (yyyy-MM-ddTHH:mm:ssZ)");
        }
        try {
            return Instant.parse(v);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + v + "' is not a valid time: " + e.getMessage());
        }
    }

    /** The names of the codes a QUARANTINE entry may carry. */
    public static String integrityCodes() {
        return Arrays.stream(FindingCode.values()).filter(FindingCode::isIntegrityFailure).map(Enum::name)
                .collect(Collectors.joining(", "));
    }

    private static String checkCodeName(String code) {
        FindingCode c;
        try {
            c = FindingCode.valueOf(code);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + Printable.of(code) + "' is not a finding code");
        }
        if (!c.isIntegrityFailure()) {
            throw new IllegalArgumentException(code + " is not an integrity failure (a policy outcome never blocks"
                    + " the fleet)");
        }
        return code;
    }

    private static void checkIntegrityCode(String code) {
        if (code == null) {
            throw new IllegalArgumentException("a QUARANTINE entry needs 'code'");
        }
        checkCodeName(code);
    }

    static String checkSha256(String what, String v) {
        if (v == null) {
            throw new IllegalArgumentException("'" + what + "' is missing");
        }
        if (!SHA256.matcher(v).matches()) {
            throw new IllegalArgumentException("'" + Printable.of(v) + "' is not 64 lower-case hex digits");
        }
        return v;
    }

    private static String checkRule(String v) {
        if (v == null || !RULE.matcher(v).matches()) {
            throw new IllegalArgumentException("rule '" + Printable.of(String.valueOf(v)) + "' is not a rule name");
        }
        return v;
    }

    private static String checkRunner(String v) {
        if (v == null || !HOST.matcher(v).matches()) {
            throw new IllegalArgumentException("runner '" + Printable.of(String.valueOf(v)) + "' is not a host name");
        }
        return v;
    }

    private static String checkReason(String v) {
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException("a release needs a non-blank 'reason'");
        }
        if (v.length() > MAX_REASON) {
            throw new IllegalArgumentException("the reason is " + v.length() + " characters long (at most "
                    + MAX_REASON + ")");
        }
        if (v.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("the reason contains control characters");
        }
        return v;
    }

    @Override
    public String toString() {
        return kind + " " + coordinates + " sha256 " + sha256 + (lifts != null ? " lifts " + lifts : "");
    }
}
