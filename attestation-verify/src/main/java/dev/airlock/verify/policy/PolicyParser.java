package dev.airlock.verify.policy;

import dev.airlock.verify.sigstore.KeyFileException;
import dev.airlock.verify.sigstore.TrustedKey;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The trust-policy grammar of design.md ("Trust policy file"), written by hand: it is Airlock's own small format
 * and no library parses it. Reads every line, collects every error with its {@code file:line:column} and fix, and
 * either returns all lines or throws one {@link PolicyException} listing all errors.
 *
 * <p>Lexical rules (docs/policy.md): UTF-8 (a leading byte-order mark is skipped); lines end with LF, CRLF or CR;
 * spaces and tabs separate fields; outside a quoted value, {@code #} at the start of a line or after whitespace
 * starts a comment that runs to the end of the line, while a {@code #} inside an unquoted value is an error (quote
 * the value); inside {@code "..."} a {@code #} is literal and {@code \"} and {@code \\} are the only escapes; a
 * backslash that ends a line (after its comment is removed) joins the next line, the backslash and the line break
 * becoming one space.
 */
final class PolicyParser {
    /** Larger policy files are refused (a policy is a short, reviewed file). */
    static final int MAX_BYTES = 4 * 1024 * 1024;

    private static final Pattern HEX = Pattern.compile("[0-9A-F]+");

    /** Directive name -> required keys, optional keys. */
    private record Spec(List<String> required, List<String> optional) {
        Set<String> all() {
            Set<String> s = new TreeSet<>(required);
            s.addAll(optional);
            return s;
        }
    }

    private static final Map<String, Spec> DIRECTIVES = new LinkedHashMap<>();

    static {
        DIRECTIVES.put("sigstore", new Spec(List.of("san", "issuer"), List.of("repository")));
        DIRECTIVES.put("cosign", new Spec(List.of("key"), List.of()));
        DIRECTIVES.put("pgp", new Spec(List.of("fingerprint"), List.of()));
        DIRECTIVES.put("unsigned", new Spec(List.of("reason"), List.of()));
        DIRECTIVES.put("slsa", new Spec(List.of("builder", "source"), List.of("ref", "buildType")));
        DIRECTIVES.put("noprovenance", new Spec(List.of("reason"), List.of()));
    }

    private final String file;
    private final KeyResolver keys;
    private final List<PolicyError> errors = new ArrayList<>();
    private final List<PolicyLine> lines = new ArrayList<>();

    private PolicyParser(String file, KeyResolver keys) {
        this.file = file;
        this.keys = keys;
    }

    /** One character of a logical line and where it was written. */
    private record Ch(char c, int line, int col) {}

    /** One whitespace-separated field. */
    private record Token(String text, int line, int col, boolean quoted, String key, String value, int valueLine,
            int valueCol) {}

    static List<PolicyLine> parse(String file, byte[] content, KeyResolver keys) throws PolicyException {
        PolicyParser p = new PolicyParser(file, keys);
        p.run(content);
        if (p.errors.isEmpty() && p.lines.isEmpty()) {
            p.error(0, 0, "the trust policy is empty (no line, only blank lines or comments): a rule that needs a"
                    + " policy would allow no signer and no builder, and report every artifact as unsigned and"
                    + " unattested", "write the lines the rules need (docs/policy.md); to accept unsigned or"
                    + " unattested artifacts on purpose, say so: '*  unsigned reason=\"...\"', '*  noprovenance"
                    + " reason=\"...\"'");
        }
        if (!p.errors.isEmpty()) {
            throw new PolicyException(p.errors);
        }
        return List.copyOf(p.lines);
    }

    private void error(int line, int col, String problem, String fix) {
        errors.add(new PolicyError(file, line, col, problem, fix));
    }

    private void run(byte[] content) {
        if (content.length > MAX_BYTES) {
            error(0, 0, "the policy file is " + content.length + " bytes long (at most " + MAX_BYTES + ")",
                    "keep the trust policy a short, reviewed file: use wildcards in patterns");
            return;
        }
        String text = decode(content);
        if (text == null) {
            return;
        }
        List<String> physical = splitLines(text);
        List<Ch> logical = new ArrayList<>();
        boolean[] inQuote = {false};
        for (int i = 0; i < physical.size(); i++) {
            int lineNo = i + 1;
            boolean continues = scanPhysical(physical.get(i), lineNo, logical, inQuote, !logical.isEmpty());
            if (!continues) {
                if (!logical.isEmpty()) {
                    parseLogical(logical);
                }
                logical = new ArrayList<>();
                inQuote[0] = false;
            }
        }
        if (!logical.isEmpty()) {
            Ch last = logical.get(logical.size() - 1);
            error(last.line(), last.col(), "the last line ends with '\\', which continues a line, but no line follows",
                    "remove the trailing backslash");
            parseLogical(logical);
        }
    }

    /** Strict UTF-8 (a malformed byte is an error naming its line); a leading BOM is skipped. */
    private String decode(byte[] content) {
        int start = content.length >= 3 && (content[0] & 0xff) == 0xEF && (content[1] & 0xff) == 0xBB
                && (content[2] & 0xff) == 0xBF ? 3 : 0;
        CharsetDecoder dec = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(content, start, content.length - start);
        CharBuffer out = CharBuffer.allocate(content.length + 1);
        CoderResult r = dec.decode(in, out, true);
        if (!r.isError()) {
            r = dec.flush(out);
        }
        if (r.isError()) {
            int offset = in.position();
            int line = 1;
            for (int i = start; i < offset; i++) {
                if (content[i] == '\n') {
                    line++;
                }
            }
            error(line, 0, "the file is not valid UTF-8 (byte offset " + offset + ")",
                    "save the policy file as UTF-8");
            return null;
        }
        out.flip();
        return out.toString();
    }

    private static List<String> splitLines(String text) {
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') {
                out.add(text.substring(start, i));
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                start = i + 1;
            }
        }
        if (start < text.length()) {
            out.add(text.substring(start));
        }
        return out;
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t';
    }

    /**
     * Appends one physical line to the logical line, without its comment. Returns true when it ends with a
     * continuation backslash.
     */
    private boolean scanPhysical(String line, int lineNo, List<Ch> logical, boolean[] inQuote, boolean continuing) {
        int end = line.length();
        int lastEscaped = -1;
        for (int j = 0; j < line.length(); j++) {
            char c = line.charAt(j);
            if (inQuote[0]) {
                if (c == '\\' && j + 1 < line.length() && (line.charAt(j + 1) == '"' || line.charAt(j + 1) == '\\')) {
                    j++;
                    lastEscaped = j;
                } else if (c == '"') {
                    inQuote[0] = false;
                }
            } else if (c == '"') {
                inQuote[0] = true;
            } else if (c == '#' && (j == 0 || isSpace(line.charAt(j - 1)))) {
                end = j;
                break;
            }
        }
        String content = line.substring(0, end);
        int last = content.length() - 1;
        while (last >= 0 && isSpace(content.charAt(last))) {
            last--;
        }
        // a backslash that is the second half of a \\ escape inside quotes does not continue the line
        boolean continues = last >= 0 && content.charAt(last) == '\\' && last != lastEscaped;
        int stop = continues ? last : content.length();
        int from = 0;
        if (continuing) {
            while (from < stop && isSpace(content.charAt(from))) {
                from++;
            }
        }
        if (continues) {
            // the backslash and whatever whitespace precedes it become one space
            while (stop > from && isSpace(content.charAt(stop - 1))) {
                stop--;
            }
        }
        for (int j = from; j < stop; j++) {
            logical.add(new Ch(content.charAt(j), lineNo, j + 1));
        }
        if (continues) {
            logical.add(new Ch(' ', lineNo, last + 1));
        }
        return continues;
    }

    // ---------------------------------------------------------------- fields

    private List<Token> tokenize(List<Ch> chars) {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        int n = chars.size();
        while (i < n) {
            Ch ch = chars.get(i);
            if (isSpace(ch.c())) {
                i++;
                continue;
            }
            int startLine = ch.line();
            int startCol = ch.col();
            StringBuilder raw = new StringBuilder();
            StringBuilder value = null;
            String key = null;
            int valueLine = 0;
            int valueCol = 0;
            boolean quoted = false;
            boolean bad = false;
            while (i < n && !isSpace(chars.get(i).c())) {
                Ch c = chars.get(i);
                if (c.c() == '"') {
                    if (key == null || value.length() > 0 || quoted) {
                        error(c.line(), c.col(), "unexpected '\"' in '" + rest(chars, i, startCol, raw) + "'",
                                "quote a whole value only, right after '=': key=\"value\"");
                        bad = true;
                        i = skipToken(chars, i);
                        break;
                    }
                    quoted = true;
                    valueLine = c.line();
                    valueCol = c.col() + 1;
                    int close = -1;
                    StringBuilder q = new StringBuilder();
                    for (int j = i + 1; j < n; j++) {
                        char x = chars.get(j).c();
                        if (x == '\\' && j + 1 < n && (chars.get(j + 1).c() == '"' || chars.get(j + 1).c() == '\\')) {
                            q.append(chars.get(j + 1).c());
                            j++;
                        } else if (x == '"') {
                            close = j;
                            break;
                        } else {
                            q.append(x);
                        }
                    }
                    if (close < 0) {
                        error(c.line(), c.col(), "unterminated quoted value for " + key + "=",
                                "close the value with '\"' (write \\\" for a quote inside it)");
                        bad = true;
                        i = n;
                        break;
                    }
                    value.append(q);
                    raw.append('"').append(q).append('"');
                    i = close + 1;
                    if (i < n && !isSpace(chars.get(i).c())) {
                        Ch after = chars.get(i);
                        error(after.line(), after.col(), "text directly after the closing quote of " + key + "=",
                                "separate the next key=value with a space");
                        bad = true;
                        i = skipToken(chars, i);
                    }
                    break;
                }
                if (c.c() == '#') {
                    error(c.line(), c.col(), "'#' inside the unquoted field '" + rest(chars, i, startCol, raw) + "'",
                            "a comment needs whitespace before '#'; to put '#' in a value, quote it: key=\"...#...\"");
                    bad = true;
                    i = skipToken(chars, i);
                    break;
                }
                if (Character.isISOControl(c.c()) || Character.isSpaceChar(c.c())
                        || Character.isWhitespace(c.c())) {
                    error(c.line(), c.col(), String.format("unexpected character U+%04X", (int) c.c()),
                            "separate fields with spaces or tabs only, and remove control characters");
                    bad = true;
                    i = skipToken(chars, i);
                    break;
                }
                raw.append(c.c());
                if (key == null && c.c() == '=' && tokens.size() >= 2) {
                    key = raw.substring(0, raw.length() - 1);
                    value = new StringBuilder();
                    valueLine = c.line();
                    valueCol = c.col() + 1;
                } else if (value != null) {
                    value.append(c.c());
                }
                i++;
            }
            if (!bad) {
                tokens.add(new Token(raw.toString(), startLine, startCol, quoted, key,
                        value == null ? null : value.toString(), valueLine, valueCol));
            } else {
                tokens.add(null);
            }
        }
        return tokens;
    }

    private static String rest(List<Ch> chars, int i, int startCol, StringBuilder raw) {
        StringBuilder sb = new StringBuilder(raw);
        for (int j = i; j < chars.size() && !isSpace(chars.get(j).c()); j++) {
            sb.append(chars.get(j).c());
        }
        return sb.toString();
    }

    private static int skipToken(List<Ch> chars, int i) {
        while (i < chars.size() && !isSpace(chars.get(i).c())) {
            i++;
        }
        return i;
    }

    // ---------------------------------------------------------------- lines

    private void parseLogical(List<Ch> chars) {
        int errorsBefore = errors.size();
        List<Token> tokens = tokenize(chars);
        if (tokens.isEmpty()) {
            return;
        }
        int lineNo = chars.get(0).line();
        Token pat = tokens.get(0);
        if (pat == null) {
            return;
        }
        PolicyPattern pattern = null;
        if (pat.quoted() || pat.text().contains("\"")) {
            error(pat.line(), pat.col(), "the pattern '" + pat.text() + "' is quoted", "write the pattern unquoted");
        } else {
            try {
                pattern = PolicyPattern.parse(pat.text());
            } catch (IllegalArgumentException e) {
                error(pat.line(), pat.col(), e.getMessage(),
                        "write groupId[:artifactId[:version]] with '*' as a wildcard inside a segment, or '*' alone"
                                + " for the default");
            }
        }
        if (tokens.size() < 2) {
            error(pat.line(), pat.col(), "the line has a pattern ('" + pat.text() + "') but no directive",
                    "add one of " + String.join(", ", DIRECTIVES.keySet()) + " with its key=value fields");
            return;
        }
        Token dir = tokens.get(1);
        if (dir == null) {
            return;
        }
        Spec spec = DIRECTIVES.get(dir.text());
        if (spec == null) {
            String suggestion = suggest(dir.text(), DIRECTIVES.keySet());
            error(dir.line(), dir.col(), "unknown directive '" + dir.text() + "'",
                    (suggestion == null ? "" : "did you mean '" + suggestion + "'? ") + "use one of "
                            + String.join(", ", DIRECTIVES.keySet()));
            return;
        }
        Map<String, Token> fields = new LinkedHashMap<>();
        for (int t = 2; t < tokens.size(); t++) {
            Token tok = tokens.get(t);
            if (tok == null) {
                continue;
            }
            if (tok.key() == null) {
                error(tok.line(), tok.col(), "expected key=value after '" + dir.text() + "', found '" + tok.text()
                        + "'", "write the fields of " + dir.text() + " as key=value: " + keysOf(spec));
                continue;
            }
            if (tok.key().isEmpty()) {
                error(tok.line(), tok.col(), "'" + tok.text() + "' has no key before '='",
                        "write key=value; the keys of " + dir.text() + " are " + keysOf(spec));
                continue;
            }
            if (!spec.all().contains(tok.key())) {
                String suggestion = suggest(tok.key(), spec.all());
                error(tok.line(), tok.col(), "unknown key '" + tok.key() + "' for " + dir.text(),
                        (suggestion == null ? "" : "did you mean '" + suggestion + "'? ") + "the keys of "
                                + dir.text() + " are " + keysOf(spec));
                continue;
            }
            if (fields.containsKey(tok.key())) {
                Token first = fields.get(tok.key());
                error(tok.line(), tok.col(), "key '" + tok.key() + "' is given twice on this line (first at "
                        + (first.line() == tok.line() ? "" : "line " + first.line() + ", ") + "column " + first.col()
                        + "); which one is meant cannot be told",
                        "give each key once; for alternatives write several lines with the same pattern");
                continue;
            }
            if (tok.value().isEmpty()) {
                error(tok.line(), tok.col(), "key '" + tok.key() + "' has an empty value",
                        "give " + tok.key() + " a value" + (tok.key().equals("reason") ? " in quotes" : ""));
                continue;
            }
            fields.put(tok.key(), tok);
        }
        for (String required : spec.required()) {
            if (!fields.containsKey(required) && !hasErrorForKey(tokens, required)) {
                error(dir.line(), dir.col(), dir.text() + " needs " + required + "=",
                        dir.text() + " takes " + keysOf(spec));
            }
        }
        if (errors.size() > errorsBefore || pattern == null) {
            return;
        }
        PolicyLine.Origin origin = new PolicyLine.Origin(file, lineNo);
        PolicyLine line = switch (dir.text()) {
            case "sigstore" -> {
                ValueMatcher san = matcher(fields.get("san"), false);
                ValueMatcher issuer = matcher(fields.get("issuer"), false);
                ValueMatcher repo = fields.containsKey("repository") ? matcher(fields.get("repository"), true) : null;
                yield new PolicyLine.Sigstore(pattern, origin, san, issuer, repo);
            }
            case "cosign" -> {
                CosignKey key = cosignKey(fields.get("key"));
                yield key == null ? null : new PolicyLine.Cosign(pattern, origin, key);
            }
            case "pgp" -> {
                String fpr = fingerprint(fields.get("fingerprint"));
                yield fpr == null ? null : new PolicyLine.Pgp(pattern, origin, fpr);
            }
            case "unsigned" -> {
                String reason = reason(fields.get("reason"));
                yield reason == null ? null : new PolicyLine.Unsigned(pattern, origin, reason);
            }
            case "slsa" -> {
                ValueMatcher builder = matcher(fields.get("builder"), false);
                ValueMatcher source = sourceMatcher(fields.get("source"));
                ValueMatcher ref = fields.containsKey("ref") ? matcher(fields.get("ref"), false)
                        : ValueMatcher.of(PolicyLine.Slsa.DEFAULT_REF);
                ValueMatcher buildType = fields.containsKey("buildType") ? matcher(fields.get("buildType"), false)
                        : null;
                yield new PolicyLine.Slsa(pattern, origin, builder, source, ref, buildType);
            }
            case "noprovenance" -> {
                String reason = reason(fields.get("reason"));
                yield reason == null ? null : new PolicyLine.NoProvenance(pattern, origin, reason);
            }
            default -> throw new IllegalStateException(dir.text());
        };
        if (errors.size() == errorsBefore && line != null) {
            lines.add(line);
        }
    }

    private static boolean hasErrorForKey(List<Token> tokens, String key) {
        for (int t = 2; t < tokens.size(); t++) {
            Token tok = tokens.get(t);
            if (tok == null || key.equals(tok.key())) {
                // a field that already has an error (or could not be read at all) is not reported as missing
                return true;
            }
        }
        return false;
    }

    private static String keysOf(Spec spec) {
        List<String> parts = new ArrayList<>();
        for (String r : spec.required()) {
            parts.add(r + "=");
        }
        for (String o : spec.optional()) {
            parts.add("[" + o + "=]");
        }
        return String.join(" ", parts);
    }

    /** The closest name at edit distance at most 2 (or equal ignoring case), for "did you mean". */
    static String suggest(String word, Set<String> known) {
        String best = null;
        int bestDistance = 3;
        for (String k : known) {
            if (k.equalsIgnoreCase(word)) {
                return k;
            }
            int d = distance(word.toLowerCase(Locale.ROOT), k.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                bestDistance = d;
                best = k;
            }
        }
        return best;
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    // ---------------------------------------------------------------- values

    private ValueMatcher matcher(Token tok, boolean repository) {
        return matcher(tok, repository ? SourceUri::normalise : java.util.function.UnaryOperator.identity());
    }

    private ValueMatcher matcher(Token tok, java.util.function.UnaryOperator<String> normaliser) {
        try {
            return ValueMatcher.of(tok.value(), normaliser);
        } catch (PatternSyntaxException e) {
            int col = tok.valueCol() + ValueMatcher.REGEX_PREFIX.length() + Math.max(e.getIndex(), 0);
            error(tok.valueLine(), col, "bad regular expression in " + tok.key() + "=: " + e.getDescription()
                    + (e.getIndex() >= 0 ? " at index " + e.getIndex() : ""),
                    "correct the Java regular expression after 'regex:' (java.util.regex syntax; it is anchored at"
                            + " both ends)");
            return null;
        } catch (IllegalArgumentException e) {
            error(tok.valueLine(), tok.valueCol(), tok.key() + "=" + tok.value() + ": " + e.getMessage(),
                    "write a Java regular expression after 'regex:'");
            return null;
        }
    }

    private ValueMatcher sourceMatcher(Token tok) {
        String v = tok.value();
        if (!v.startsWith(ValueMatcher.REGEX_PREFIX)) {
            SourceUri.Split split = SourceUri.split(v);
            if (split.ref() != null) {
                // the '@' before the ref: the ref is what follows it, up to the end of the (stripped) value
                int at = v.stripTrailing().length() - split.ref().length() - 1;
                error(tok.valueLine(), tok.valueCol() + at, "source=" + v + " names a ref ('@"
                        + split.ref() + "'); source is the repository without a ref",
                        "write source=" + split.repository() + " and give the ref in ref= (the default is "
                                + PolicyLine.Slsa.DEFAULT_REF + ")");
                return null;
            }
        }
        return matcher(tok, SourceUri::normalise);
    }

    private String fingerprint(Token tok) {
        String v = tok.value().replace(" ", "").replace("\t", "").toUpperCase(Locale.ROOT);
        if (v.startsWith("0X")) {
            v = v.substring(2);
        }
        String fix = "write the primary key's full 40-digit fingerprint, as 'gpg --fingerprint' shows it (spaces"
                + " allowed inside quotes), after confirming it out of band";
        if (v.contains("*") || v.startsWith("REGEX:")) {
            error(tok.valueLine(), tok.valueCol(), "fingerprint=" + tok.value() + " is a pattern; fingerprints are"
                    + " matched exactly", fix);
            return null;
        }
        if (!HEX.matcher(v).matches()) {
            error(tok.valueLine(), tok.valueCol(), "fingerprint=" + tok.value() + " is not hexadecimal", fix);
            return null;
        }
        if (v.length() == 16 || v.length() == 8) {
            error(tok.valueLine(), tok.valueCol(), "fingerprint=" + tok.value() + " is a " + v.length()
                    + "-digit key id, which other keys can share", fix);
            return null;
        }
        if (v.length() != 40) {
            error(tok.valueLine(), tok.valueCol(), "fingerprint=" + tok.value() + " has " + v.length()
                    + " hex digits, not 40" + (v.length() == 64 ? " (OpenPGP v6 fingerprints are not supported)" : ""),
                    fix);
            return null;
        }
        return v;
    }

    private String reason(Token tok) {
        String r = tok.value().strip();
        if (r.isEmpty()) {
            error(tok.valueLine(), tok.valueCol(), "reason is blank",
                    "say in the quotes why these artifacts are accepted without it");
            return null;
        }
        return r;
    }

    private CosignKey cosignKey(Token tok) {
        String path = tok.value();
        KeyResolver.Resolved found;
        try {
            found = keys.resolve(path);
        } catch (IOException e) {
            error(tok.valueLine(), tok.valueCol(), "cosign key file " + path + " cannot be read: " + e.getMessage(),
                    "make key= name a readable PEM public key file, relative to the policy file");
            return null;
        }
        if (found.content() == null) {
            error(tok.valueLine(), tok.valueCol(), "cosign key file " + path + " does not exist (looked at "
                    + found.display() + ")", "put the signer's PEM public key (cosign.pub) there, or correct the"
                    + " path; it is relative to the policy file");
            return null;
        }
        String pem = new String(found.content(), StandardCharsets.UTF_8);
        TrustedKey key;
        try {
            // the one PEM public-key parser (the one the cosign check trusts): a key it refuses fails the policy here
            key = TrustedKey.fromPem(path, pem);
        } catch (KeyFileException e) {
            error(tok.valueLine(), tok.valueCol(), "cosign key file " + path + " (" + found.display() + ") "
                    + e.problem(), e.fix() == null
                            ? "use the signer's public key as cosign writes it (cosign.pub: -----BEGIN PUBLIC KEY-----),"
                                    + " obtained out of band"
                            : e.fix());
            return null;
        }
        return new CosignKey(path, found.display(), pem, key.key());
    }
}
