package dev.airlock.verify.secrets;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the values of credentials in text that is about to leave the build (the path of a request to the allowed
 * mirror, i.e. coordinates), raw or encoded, and blanks them out of everything Airlock writes.
 *
 * <p>A credential is the value (8 characters or more) of an environment variable whose name looks like one
 * ({@code TOKEN}, {@code SECRET}, {@code KEY}, {@code PASSWORD}, {@code CREDENTIAL}, {@code JWT}, {@code PAT},
 * {@code OIDC}, ...; see {@link #isCredentialName}) or a password/passphrase of settings.xml. Encodings recognised:
 * raw, reversed, URL-encoded, hex (either case), base64, base64url and base32 (either case), the last three also
 * embedded at any byte alignment (the groups of characters that depend on the secret's bytes alone). Every text is
 * scanned as written and again with its separators ({@code . : / - _} and a few more) taken out, against the forms
 * with their separators taken out: a value split across coordinate fields, or broken up with dots, is found too.
 * Matching is one hash look-up per position (forms indexed by their first 8 characters), so the cost does not grow
 * with the number of secrets. Written by hand: no library offers this matching.
 */
public final class SecretScanner {
    /** Values shorter than this are not treated as secrets (too many false alarms). */
    public static final int MIN_LENGTH = 8;

    private static final Set<String> NAME_PARTS = Set.of("TOKEN", "SECRET", "KEY", "APIKEY", "PASSWORD", "PASSWD",
            "PWD", "PASS", "PASSPHRASE", "CREDENTIAL", "CREDENTIALS", "AUTH", "PRIVATE", "JWT", "PAT", "OIDC",
            "BEARER");
    private static final List<String> NAME_INFIXES = List.of("TOKEN", "SECRET", "PASSWORD", "PASSWD", "CREDENTIAL",
            "APIKEY", "PASSPHRASE", "JWT", "OIDC");

    /** One recognisable form of one secret. */
    private record Form(String secretName, String encoding, String text, boolean ignoreCase) {}

    /** Where a secret was found: which one (by name, never by value) and in which encoding. */
    public record Match(String secretName, String encoding) {}

    private final List<Form> forms;
    /** Forms by their first {@link #MIN_LENGTH} characters in lower case, longest first: one look-up per position. */
    private final Map<String, List<Form>> index = new HashMap<>();

    private SecretScanner(List<Form> forms) {
        this.forms = forms;
        List<Form> sorted = new ArrayList<>(forms);
        sorted.sort(Comparator.comparingInt((Form f) -> -f.text().length()));
        for (Form f : sorted) {
            index.computeIfAbsent(key(f.text(), 0), k -> new ArrayList<>()).add(f);
        }
    }

    private static String key(String text, int at) {
        return text.substring(at, at + MIN_LENGTH).toLowerCase(Locale.ROOT);
    }

    /** The longest form that occurs in {@code text} at {@code at}, or null. */
    private Form formAt(String text, int at) {
        if (at + MIN_LENGTH > text.length()) {
            return null;
        }
        List<Form> candidates = index.get(key(text, at));
        if (candidates == null) {
            return null;
        }
        for (Form f : candidates) {
            if (text.regionMatches(f.ignoreCase(), at, f.text(), 0, f.text().length())) {
                return f;
            }
        }
        return null;
    }

    /** A scanner that knows no secret. */
    public static SecretScanner none() {
        return new SecretScanner(List.of());
    }

    /**
     * @param environment the process environment; only credential-looking names are taken
     * @param named further secrets by a descriptive name (e.g. {@code settings.xml server 'internal' password}),
     *     all taken
     */
    public static SecretScanner of(Map<String, String> environment, Map<String, String> named) {
        List<Form> forms = new ArrayList<>();
        environment.forEach((k, v) -> {
            if (isCredentialName(k) && !isPath(v)) {
                addForms(forms, "environment variable " + k, v);
            }
        });
        named.forEach((k, v) -> addForms(forms, k, v));
        return new SecretScanner(forms);
    }

    /** Shell and desktop variables whose names match the credential patterns but hold none. */
    private static final Set<String> NOT_CREDENTIALS = Set.of("PWD", "OLDPWD", "SSH_AUTH_SOCK", "XAUTHORITY",
            "GPG_AGENT_INFO", "KEYTIMEOUT");

    /** {@code GITHUB_TOKEN}, {@code AWS_SECRET_ACCESS_KEY}, {@code MAVEN_GPG_PASSPHRASE}, {@code DB_PASSWORD}, ... */
    public static boolean isCredentialName(String name) {
        String n = name.toUpperCase(Locale.ROOT);
        if (NOT_CREDENTIALS.contains(n)) {
            return false;
        }
        for (String part : n.split("[^A-Z0-9]+")) {
            if (NAME_PARTS.contains(part)) {
                return true;
            }
        }
        for (String infix : NAME_INFIXES) {
            if (n.contains(infix)) {
                return true;
            }
        }
        return false;
    }

    /** A value that names an existing file or directory is a location, not a secret (e.g. {@code KEYSTORE_DIR}). */
    private static boolean isPath(String v) {
        if (v == null || !(v.startsWith("/") || v.startsWith("~") || v.matches("^[A-Za-z]:\\\\.*"))) {
            return false;
        }
        try {
            return java.nio.file.Files.exists(java.nio.file.Path.of(v));
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static void addForms(List<Form> out, String name, String value) {
        if (value == null || value.length() < MIN_LENGTH || value.isBlank()) {
            return;
        }
        List<Form> direct = new ArrayList<>();
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        direct.add(new Form(name, "raw", value, false));
        String reversed = new StringBuilder(value).reverse().toString();
        if (!reversed.equals(value)) {
            direct.add(new Form(name, "reversed", reversed, false));
        }
        String url = URLEncoder.encode(value, StandardCharsets.UTF_8);
        if (!url.equals(value)) {
            direct.add(new Form(name, "URL-encoded", url, true));
            String url20 = url.replace("+", "%20");
            if (!url20.equals(url)) {
                direct.add(new Form(name, "URL-encoded", url20, true));
            }
        }
        direct.add(new Form(name, "hex", HexFormat.of().formatHex(bytes), true));
        addBase64(direct, name, "base64", Base64.getEncoder().withoutPadding(), bytes);
        addBase64(direct, name, "base64url", Base64.getUrlEncoder().withoutPadding(), bytes);
        addBase32(direct, name, bytes);
        out.addAll(direct);
        // the same forms with separators taken out, to be found in text whose separators are taken out too: a value
        // split across fields (groupId and artifactId, version and classifier) or broken up with dots or dashes
        for (Form f : direct) {
            String n = normalize(f.text()).text();
            if (!n.equals(f.text()) && n.length() >= MIN_LENGTH) {
                out.add(new Form(f.secretName(), f.encoding(), n, f.ignoreCase()));
            }
        }
    }

    /**
     * The secret's bytes at offset 0, 1 and 2 of a 3-byte group: the 4-character groups that encode only the
     * secret's bytes are the same wherever it is embedded at that alignment.
     */
    private static void addBase64(List<Form> out, String name, String encoding, Base64.Encoder encoder,
            byte[] bytes) {
        for (int k = 0; k < 3; k++) {
            byte[] shifted = new byte[k + bytes.length];
            System.arraycopy(bytes, 0, shifted, k, bytes.length);
            String enc = encoder.encodeToString(shifted);
            int firstGroup = k == 0 ? 0 : 1;
            int endGroup = (k + bytes.length) / 3;
            if (endGroup - firstGroup >= 2) {
                out.add(new Form(name, encoding, enc.substring(4 * firstGroup, 4 * endGroup), false));
            }
        }
    }

    private static final char[] BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();

    /**
     * Base32 (RFC 4648 alphabet, either case, no padding): the whole encoding, and the 8-character groups that
     * depend on the secret's bytes alone at each of the 5 alignments of a 5-byte group.
     */
    private static void addBase32(List<Form> out, String name, byte[] bytes) {
        String whole = base32(bytes);
        if (whole.length() >= MIN_LENGTH) {
            out.add(new Form(name, "base32", whole, true));
        }
        for (int k = 0; k < 5; k++) {
            byte[] shifted = new byte[k + bytes.length];
            System.arraycopy(bytes, 0, shifted, k, bytes.length);
            String enc = base32(shifted);
            int firstGroup = k == 0 ? 0 : 1;
            int endGroup = (k + bytes.length) / 5;
            if (endGroup - firstGroup >= 2) {
                String groups = enc.substring(8 * firstGroup, 8 * endGroup);
                if (!groups.equals(whole)) {
                    out.add(new Form(name, "base32", groups, true));
                }
            }
        }
    }

    /** RFC 4648 base32 without padding. */
    static String base32(byte[] bytes) {
        StringBuilder sb = new StringBuilder((bytes.length * 8 + 4) / 5);
        int buffer = 0;
        int bits = 0;
        for (byte b : bytes) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                sb.append(BASE32[(buffer >> (bits - 5)) & 31]);
                bits -= 5;
            }
        }
        if (bits > 0) {
            sb.append(BASE32[(buffer << (5 - bits)) & 31]);
        }
        return sb.toString();
    }

    /** Characters that separate coordinate fields or path segments, or that break an encoded value up. */
    private static boolean isSeparator(char c) {
        return c == '.' || c == ':' || c == '/' || c == '\\' || c == '-' || c == '_' || c == '+' || c == '~'
                || c == ',' || c == ';' || c == '@' || c == '!' || c == '*' || c == '=' || c == '|'
                || Character.isWhitespace(c);
    }

    /** Text without separators, and for each of its characters the index of the character of the original. */
    private record Normalized(String text, int[] origin) {}

    private static Normalized normalize(String text) {
        StringBuilder sb = new StringBuilder(text.length());
        int[] origin = new int[text.length()];
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!isSeparator(c)) {
                origin[sb.length()] = i;
                sb.append(c);
            }
        }
        return new Normalized(sb.toString(), origin);
    }

    public boolean isEmpty() {
        return forms.isEmpty();
    }

    /**
     * Which secret {@code texts} carry, if any: each is scanned as it is and with its separators taken out (see
     * {@link #isSeparator}), so that a value split across fields or broken up with dots is found too.
     */
    public Optional<Match> find(String... texts) {
        if (texts == null || forms.isEmpty()) {
            return Optional.empty();
        }
        for (String text : texts) {
            if (text == null) {
                continue;
            }
            Optional<Match> m = findIn(text, "");
            if (m.isPresent()) {
                return m;
            }
        }
        for (String text : texts) {
            if (text == null) {
                continue;
            }
            Optional<Match> m = findIn(normalize(text).text(), ", separators ignored");
            if (m.isPresent()) {
                return m;
            }
        }
        return Optional.empty();
    }

    private Optional<Match> findIn(String text, String note) {
        for (int i = 0; i + MIN_LENGTH <= text.length(); i++) {
            Form f = formAt(text, i);
            if (f != null) {
                return Optional.of(new Match(f.secretName(), f.encoding() + note));
            }
        }
        return Optional.empty();
    }

    /**
     * {@code text} with every occurrence of a secret replaced by {@code <redacted>}; an occurrence found only with
     * the separators taken out is redacted from its first to its last character, separators included.
     */
    public String redact(String text) {
        if (text == null || forms.isEmpty()) {
            return text;
        }
        boolean[] hidden = new boolean[text.length()];
        boolean any = false;
        for (int i = 0; i + MIN_LENGTH <= text.length(); i++) {
            Form f = formAt(text, i);
            if (f != null) {
                java.util.Arrays.fill(hidden, i, i + f.text().length(), true);
                any = true;
            }
        }
        Normalized n = normalize(text);
        for (int i = 0; i + MIN_LENGTH <= n.text().length(); i++) {
            Form f = formAt(n.text(), i);
            if (f != null) {
                java.util.Arrays.fill(hidden, n.origin()[i], n.origin()[i + f.text().length() - 1] + 1, true);
                any = true;
            }
        }
        if (!any) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            if (!hidden[i]) {
                out.append(text.charAt(i));
            } else if (i == 0 || !hidden[i - 1]) {
                out.append("<redacted>");
            }
        }
        return out.toString();
    }
}
