package dev.airlock.verify.keys;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A keys map in the format of pgpverify-maven-plugin ({@code pgp-keys-map.list}, artifact
 * {@code org.simplify4u:pgp-keys-map}): which OpenPGP keys may sign which artifacts. Airlock reads it as a second
 * opinion next to its own proposal ({@link Opinion}); it never decides anything by itself.
 *
 * <p>The format, as pgpverify reads it (implemented here from its documentation and observed behaviour):
 * <ul>
 *   <li>One item per logical line: {@code groupId[:artifactId[:packaging][:version]] = keys}, or with five fields
 *       {@code groupId:artifactId:packaging:classifier:version}. Everything from
 *       {@code #} to the end of a line is a comment; blank lines are skipped; a line that ends with {@code \} (after
 *       its comment is removed) continues on the next non-blank line, joined with a space.</li>
 *   <li>Coordinates are compared case-insensitively. In groupId, artifactId and packaging {@code *} matches any
 *       text; a groupId ending in {@code .*} matches that group and all its subgroups ({@code ch.qos.logback.*}
 *       matches {@code ch.qos.logback} and {@code ch.qos.logback.core}; the same rule holds in the other fields, as in
 *       pgpverify). A missing field matches anything. With three
 *       fields the third is the packaging when it is letters only, else the version. The packaging is compared with
 *       the artifact's extension ({@code jar}, {@code pom}, ...).</li>
 *   <li>The version is empty or {@code *} (any), an exact version, a Maven range ({@code [1.0,2.0)}, {@code (,1.7]},
 *       {@code (,1.0],[1.2,)}), {@code ~regex} or {@code !~regex} (case-insensitive, negated).</li>
 *   <li>Keys, separated by commas: {@code 0x} and a 40-digit fingerprint or a 16-digit key id (spaces allowed
 *       between the digits; a key id matches a fingerprint's low 64 bits), {@code !0x...} (a key whose public part
 *       is not available, for pgpverify; it still names the signer), or {@code *} / {@code any} (any key),
 *       {@code noSig}, {@code badSig}, {@code noKey} (case-insensitive).</li>
 *   <li>Order does not matter: every item matching an artifact is consulted.</li>
 * </ul>
 * <p>Five fields: the public map has items such as {@code xalan:xalan:jar:sources:2.7.0 = noSig}, evidently meant for
 * the {@code sources} artifact of one version. pgpverify's own reader (at the time of writing) keeps only the groupId
 * and artifactId of a pattern with five fields, which would make that item allow every xalan artifact unsigned;
 * Airlock reads the fourth field as the classifier and the fifth as the version, and such an item matches only an
 * artifact with that classifier. Items with fewer fields match any classifier, as in pgpverify.
 *
 * <p>Stricter than pgpverify, so that a typo is an error and not an item that never matches: a line without
 * {@code =}, an empty key list or key item, more than five coordinate fields, a space inside a field, a fingerprint
 * of another length, a malformed range and a trailing {@code \} at the end of the file are errors naming
 * {@code file:line:column}.
 *
 * <p>Immutable once parsed.
 */
public final class KeysMap {
    /** Larger maps are refused (the public map is about 60 KiB). */
    static final int MAX_CHARS = 16 * 1024 * 1024;

    private static final Pattern PACKAGING = Pattern.compile("[a-zA-Z]+");
    private static final String ITEM_FIX = "write groupId[:artifactId[:packaging][:version]] (or"
            + " groupId:artifactId:packaging:classifier:version) = 0x<40-digit fingerprint>[, ...] or one of *, any,"
            + " noSig, badSig, noKey";

    private enum Kind { FINGERPRINT, ANY, NO_SIG, BAD_SIG, NO_KEY }

    /** One key item; {@code hex} is 40 or 16 upper-case hex digits for {@link Kind#FINGERPRINT}. */
    private record Key(Kind kind, String hex) {
        boolean agrees(List<String> fingerprints) {
            return switch (kind) {
                case ANY -> true;
                case FINGERPRINT -> fingerprints.stream().anyMatch(f -> hex.length() == 40 ? f.equals(hex)
                        : f.endsWith(hex));
                default -> false;
            };
        }
    }

    /** How an item matches versions. */
    private interface VersionMatch {
        boolean matches(String version);
    }

    /** An item; {@code classifier} is null when the item names none (it then matches any classifier). */
    private record Item(Pattern group, Pattern artifact, Pattern packaging, Pattern classifier, VersionMatch version,
            List<Key> keys, Opinion.MapLine line) {
        boolean matches(String g, String a, String e, String c, String v) {
            return group.matcher(g).matches() && artifact.matcher(a).matches() && packaging.matcher(e).matches()
                    && (classifier == null || classifier.matcher(c).matches()) && version.matches(v);
        }
    }

    private final String displayName;
    private final List<Item> items;

    private KeysMap(String displayName, List<Item> items) {
        this.displayName = displayName;
        this.items = List.copyOf(items);
    }

    /**
     * Reads a keys-map file (UTF-8).
     *
     * @throws KeysMapException naming the file, when it is missing, unreadable, not UTF-8 or has errors
     */
    public static KeysMap load(Path file, VersionOrder order) throws KeysMapException {
        String name = file.toString();
        byte[] bytes;
        try {
            if (Files.size(file) > MAX_CHARS) {
                throw single(name, "the keys map is larger than " + MAX_CHARS + " bytes", "use the keys map itself,"
                        + " not an archive or another file");
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw single(name, "the keys map file does not exist", "point to an existing pgp-keys-map.list file");
        } catch (IOException e) {
            throw single(name, "the keys map cannot be read: " + e.getMessage(), "make the file readable");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw single(name, "the keys map is not UTF-8 text", "use the text file pgp-keys-map.list itself");
        }
        return parse(name, text, order);
    }

    private static KeysMapException single(String name, String problem, String fix) {
        return new KeysMapException(List.of(new KeysMapError(name, 0, 0, problem, fix)));
    }

    /**
     * Parses a keys map.
     *
     * @param displayName the name errors and {@link Opinion.MapLine#where()} use (a path, a resource name)
     * @param order compares versions for the ranges
     * @throws KeysMapException listing every error of the text, each with {@code displayName:line:column}
     */
    public static KeysMap parse(String displayName, String text, VersionOrder order) throws KeysMapException {
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(order, "order");
        if (text.length() > MAX_CHARS) {
            throw single(displayName, "the keys map is larger than " + MAX_CHARS + " characters", "use the keys map"
                    + " itself, not another file");
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        Parser p = new Parser(displayName, order);
        String[] lines = text.split("\r\n|\r|\n", -1);
        Logical current = new Logical();
        for (int i = 0; i < lines.length; i++) {
            String raw = lines[i];
            int hash = raw.indexOf('#');
            String content = hash >= 0 ? raw.substring(0, hash) : raw;
            String stripped = content.strip();
            if (stripped.isEmpty()) {
                continue;
            }
            int column = content.indexOf(stripped) + 1;
            boolean continues = stripped.endsWith("\\");
            if (continues) {
                stripped = stripped.substring(0, stripped.length() - 1);
            }
            current.add(i + 1, column, stripped);
            if (!continues) {
                p.item(current);
                current = new Logical();
            }
        }
        if (!current.isEmpty()) {
            Logical.Piece last = current.pieces.get(current.pieces.size() - 1);
            p.errors.add(new KeysMapError(displayName, last.line, last.column + last.text.length(), "the line ends"
                    + " with '\\' (continued on the next line) but the file ends there", "remove the trailing '\\' or"
                    + " add the line it continues on"));
        }
        if (!p.errors.isEmpty()) {
            throw new KeysMapException(p.errors);
        }
        return new KeysMap(displayName, p.items);
    }

    /** The map's display name. */
    public String displayName() {
        return displayName;
    }

    /** The number of items. */
    public int size() {
        return items.size();
    }

    /**
     * The map's opinion on an artifact signed by this key.
     *
     * @param extension the artifact's extension, compared with an item's packaging ({@code jar}, {@code pom})
     * @param fingerprint the signer's 40-digit fingerprint (spaces, case, {@code 0x} ignored)
     * @throws IllegalArgumentException when the fingerprint is not 40 hex digits
     */
    public Opinion opinion(String groupId, String artifactId, String extension, String version, String fingerprint) {
        return opinion(groupId, artifactId, extension, version, List.of(fingerprint));
    }

    /**
     * The map's opinion on an artifact signed by a key known by several fingerprints, e.g. a signing subkey and its
     * primary key (pgpverify accepts either): agrees when an item lists any of them.
     *
     * @throws IllegalArgumentException when a fingerprint is not 40 hex digits, or none is given
     */
    public Opinion opinion(String groupId, String artifactId, String extension, String version,
            Collection<String> fingerprints) {
        return opinion(groupId, artifactId, extension, "", version, fingerprints);
    }

    /**
     * The map's opinion on an artifact with a classifier ({@code sources}, ...; empty for the main artifact) signed
     * by a key known by these fingerprints. Items naming no classifier match any classifier.
     *
     * @throws IllegalArgumentException when a fingerprint is not 40 hex digits, or none is given
     */
    public Opinion opinion(String groupId, String artifactId, String extension, String classifier, String version,
            Collection<String> fingerprints) {
        if (fingerprints.isEmpty()) {
            throw new IllegalArgumentException("no fingerprint given");
        }
        List<String> fprs = fingerprints.stream().map(Fingerprints::fingerprint).toList();
        return judge(groupId, artifactId, extension, classifier, version, k -> k.agrees(fprs));
    }

    /** The map's opinion on an artifact without a signature: agrees only when a matching item says {@code noSig}. */
    public Opinion opinionUnsigned(String groupId, String artifactId, String extension, String version) {
        return opinionUnsigned(groupId, artifactId, extension, "", version);
    }

    /** {@link #opinionUnsigned(String, String, String, String)} for an artifact with a classifier. */
    public Opinion opinionUnsigned(String groupId, String artifactId, String extension, String classifier,
            String version) {
        return judge(groupId, artifactId, extension, classifier, version, k -> k.kind() == Kind.NO_SIG);
    }

    private Opinion judge(String groupId, String artifactId, String extension, String classifier, String version,
            Predicate<Key> agrees) {
        String g = lower(groupId);
        String a = lower(artifactId);
        String e = lower(extension);
        String c = classifier == null ? "" : lower(classifier);
        String v = Objects.requireNonNull(version, "version").strip();
        List<Opinion.MapLine> matched = new ArrayList<>();
        boolean agreed = false;
        for (Item item : items) {
            if (item.matches(g, a, e, c, v)) {
                matched.add(item.line());
                agreed |= item.keys().stream().anyMatch(agrees);
            }
        }
        if (matched.isEmpty()) {
            return new Opinion(Opinion.Verdict.SILENT, List.of());
        }
        return new Opinion(agreed ? Opinion.Verdict.AGREES : Opinion.Verdict.DISAGREES, matched);
    }

    private static String lower(String s) {
        return Objects.requireNonNull(s).strip().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return displayName + " (" + items.size() + " items)";
    }

    /** One logical line: its pieces (physical lines, continuation marks removed), joined with a space. */
    private static final class Logical {
        record Piece(int line, int column, int start, String text) {}

        final List<Piece> pieces = new ArrayList<>();
        final StringBuilder text = new StringBuilder();

        void add(int line, int column, String s) {
            if (!pieces.isEmpty()) {
                text.append(' ');
            }
            pieces.add(new Piece(line, column, text.length(), s));
            text.append(s);
        }

        boolean isEmpty() {
            return pieces.isEmpty();
        }

        /** The physical line of an offset in {@link #text}. */
        Piece at(int offset) {
            Piece p = pieces.get(0);
            for (Piece q : pieces) {
                if (q.start <= offset) {
                    p = q;
                }
            }
            return p;
        }
    }

    /** Parses items, collecting every error. */
    private static final class Parser {
        final String name;
        final VersionOrder order;
        final List<KeysMapError> errors = new ArrayList<>();
        final List<Item> items = new ArrayList<>();
        Logical logical;

        Parser(String name, VersionOrder order) {
            this.name = name;
            this.order = order;
        }

        private boolean error(int offset, String problem, String fix) {
            Logical.Piece p = logical.at(offset);
            int column = p.column + Math.max(0, Math.min(offset - p.start, p.text.length()));
            errors.add(new KeysMapError(name, p.line, column, problem, fix));
            return false;
        }

        void item(Logical l) {
            this.logical = l;
            String text = l.text.toString();
            int eq = text.indexOf('=');
            if (eq < 0) {
                error(0, "'" + shorten(text) + "' has no '='", ITEM_FIX);
                return;
            }
            int before = errors.size();
            List<Field> fields = split(text, 0, eq, ':');
            Pattern[] globs = new Pattern[4];
            VersionMatch version = v -> true;
            if (fields.size() > 5) {
                error(fields.get(5).start - 1, "the artifact pattern '" + text.substring(0, eq).strip() + "' has "
                        + fields.size() + " fields; at most 5 (groupId:artifactId:packaging:classifier:version)",
                        ITEM_FIX);
            } else if (fields.get(0).text.isEmpty()) {
                error(fields.get(0).start, "the item has no groupId before '='", "write a groupId, or * for any"
                        + " group (" + ITEM_FIX + ")");
            } else {
                Field packaging = null;
                Field classifier = null;
                Field versionField = null;
                if (fields.size() == 3) {
                    Field third = fields.get(2);
                    if (PACKAGING.matcher(third.text).matches()) {
                        packaging = third;
                    } else {
                        versionField = third;
                    }
                } else if (fields.size() == 4) {
                    packaging = fields.get(2);
                    versionField = fields.get(3);
                } else if (fields.size() == 5) {
                    packaging = fields.get(2);
                    classifier = fields.get(3);
                    versionField = fields.get(4);
                }
                boolean ok = true;
                Field[] globFields = {fields.get(0), fields.size() > 1 ? fields.get(1) : null, packaging, classifier};
                for (int i = 0; i < 4; i++) {
                    Field f = globFields[i];
                    if (f != null && hasSpace(f.text)) {
                        ok = error(f.start, "the field '" + f.text + "' holds a space", "remove the space; fields"
                                + " are separated by ':'");
                    } else {
                        globs[i] = i == 3 && f == null ? null : glob(f == null ? "" : f.text);
                    }
                }
                if (versionField != null) {
                    VersionMatch vm = version(versionField);
                    if (vm == null) {
                        ok = false;
                    } else {
                        version = vm;
                    }
                }
                if (!ok) {
                    return;
                }
            }
            List<Key> keys = keys(text, eq + 1);
            if (errors.size() > before) {
                return;
            }
            items.add(new Item(globs[0], globs[1], globs[2], globs[3], version, keys, new Opinion.MapLine(name + ":"
                    + l.pieces.get(0).line, text.strip().replaceAll("\\s+", " "))));
        }

        private VersionMatch version(Field f) {
            String v = f.text;
            if (v.isEmpty() || v.equals("*")) {
                return x -> true;
            }
            if (v.startsWith("~") || v.startsWith("!~")) {
                boolean negated = v.startsWith("!");
                String regex = v.substring(negated ? 2 : 1);
                try {
                    Pattern p = Pattern.compile(regex, Pattern.CASE_INSENSITIVE);
                    return negated ? x -> !p.matcher(x).matches() : x -> p.matcher(x).matches();
                } catch (PatternSyntaxException e) {
                    error(f.start, "the version pattern '" + v + "' is not a valid regular expression ("
                            + e.getDescription() + ")", "correct the regular expression after '~'");
                    return null;
                }
            }
            if (v.startsWith("[") || v.startsWith("(")) {
                try {
                    VersionRange r = VersionRange.parse(v, order);
                    return x -> r.contains(x, order);
                } catch (VersionRange.Malformed e) {
                    error(f.start + e.offset, "the version range '" + v + "' is malformed: " + e.getMessage(),
                            "write a Maven version range such as [1.0,2.0), (,1.7] or [1.0]");
                    return null;
                }
            }
            for (int i = 0; i < v.length(); i++) {
                char c = v.charAt(i);
                if ("[]()*,".indexOf(c) >= 0 || Character.isWhitespace(c)) {
                    error(f.start + i, "the version '" + v + "' holds '" + c + "'", "write one version (1.0.0), a"
                            + " range starting with '[' or '(' ([1.0,2.0)), or * for any version");
                    return null;
                }
            }
            return x -> x.equalsIgnoreCase(v);
        }

        private List<Key> keys(String text, int from) {
            List<Key> keys = new ArrayList<>();
            List<Field> parts = split(text, from, text.length(), ',');
            if (parts.size() == 1 && parts.get(0).text.isEmpty()) {
                error(from, "no keys after '='", "list the signers' fingerprints as 0x<40 hex digits>, or write"
                        + " noSig for artifacts that are not signed");
                return keys;
            }
            for (Field p : parts) {
                String k = p.text;
                if (k.isEmpty()) {
                    error(p.start, "an empty key item (two commas, or a comma at the end)", "remove the extra ','");
                    continue;
                }
                if (k.startsWith("0x") || k.startsWith("!0x")) {
                    String hex = k.substring(k.indexOf('x') + 1).replaceAll("\\s+", "").toUpperCase(Locale.ROOT);
                    if (Fingerprints.isHex(hex, 40) || Fingerprints.isHex(hex, 16)) {
                        keys.add(new Key(Kind.FINGERPRINT, hex));
                    } else {
                        error(p.start, "'" + k + "' is not a fingerprint: " + (hex.matches("[0-9A-F]*")
                                ? hex.length() + " hex digits" : "not hexadecimal"), "write 0x and the 40 hex digits"
                                + " of the fingerprint (or the 16 of a key id)");
                    }
                    continue;
                }
                Kind kind = switch (k.toLowerCase(Locale.ROOT)) {
                    case "*", "any" -> Kind.ANY;
                    case "nosig" -> Kind.NO_SIG;
                    case "badsig" -> Kind.BAD_SIG;
                    case "nokey" -> Kind.NO_KEY;
                    default -> null;
                };
                if (kind == null) {
                    error(p.start, "unknown key item '" + shorten(k) + "'", "start a fingerprint with 0x, or use one"
                            + " of *, any, noSig, badSig, noKey");
                } else {
                    keys.add(new Key(kind, null));
                }
            }
            return keys;
        }
    }

    /** A field of a split, stripped, and the offset of its first character (or where it would be). */
    private record Field(String text, int start) {}

    private static List<Field> split(String text, int from, int to, char sep) {
        List<Field> out = new ArrayList<>();
        int start = from;
        for (int i = from; i <= to; i++) {
            if (i == to || text.charAt(i) == sep) {
                String raw = text.substring(start, i);
                String s = raw.strip();
                out.add(new Field(s, s.isEmpty() ? start : start + raw.indexOf(s)));
                start = i + 1;
            }
        }
        return out;
    }

    private static boolean hasSpace(String s) {
        return s.chars().anyMatch(Character::isWhitespace);
    }

    /**
     * A case-insensitive glob: {@code *} is any text, everything else literal; a trailing {@code .*} is the text
     * before it, alone or followed by {@code .} and more (a group and its subgroups; pgpverify applies this to every
     * field). Empty matches anything.
     */
    private static Pattern glob(String s) {
        if (s.isEmpty()) {
            return Pattern.compile(".*");
        }
        String lower = s.toLowerCase(Locale.ROOT);
        String suffix = "";
        if (lower.endsWith(".*") && lower.length() > 2) {
            lower = lower.substring(0, lower.length() - 2);
            suffix = "(\\..+)?";
        }
        StringBuilder re = new StringBuilder();
        int start = 0;
        for (int i = 0; i <= lower.length(); i++) {
            if (i == lower.length() || lower.charAt(i) == '*') {
                if (i > start) {
                    re.append(Pattern.quote(lower.substring(start, i)));
                }
                if (i < lower.length()) {
                    re.append(".*");
                }
                start = i + 1;
            }
        }
        return Pattern.compile(re + suffix);
    }

    private static String shorten(String s) {
        return s.length() > 80 ? s.substring(0, 80) + "..." : s;
    }
}
