package dev.airlock.verify.secrets;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the values of credentials in text that is about to leave the build (the path of a request to the allowed
 * mirror, i.e. coordinates), raw or encoded, and blanks them out of everything Airlock writes.
 *
 * <p>A credential is the value (8 characters or more) of an environment variable whose name looks like one
 * ({@code TOKEN}, {@code SECRET}, {@code KEY}, {@code PASSWORD}, {@code CREDENTIAL}, ...; see {@link #isCredentialName})
 * or a password/passphrase of settings.xml. Encodings recognised: raw, URL-encoded, hex (either case), base64 and
 * base64url, the last two also embedded at any byte alignment (the 4-character groups that depend on the secret's
 * bytes alone). Written by hand: no library offers this matching.
 */
public final class SecretScanner {
    /** Values shorter than this are not treated as secrets (too many false alarms). */
    public static final int MIN_LENGTH = 8;

    private static final Set<String> NAME_PARTS = Set.of("TOKEN", "SECRET", "KEY", "APIKEY", "PASSWORD", "PASSWD",
            "PWD", "PASS", "PASSPHRASE", "CREDENTIAL", "CREDENTIALS", "AUTH", "PRIVATE");
    private static final List<String> NAME_INFIXES = List.of("TOKEN", "SECRET", "PASSWORD", "PASSWD", "CREDENTIAL",
            "APIKEY", "PASSPHRASE");

    /** One recognisable form of one secret. */
    private record Form(String secretName, String encoding, String text, boolean ignoreCase) {}

    /** Where a secret was found: which one (by name, never by value) and in which encoding. */
    public record Match(String secretName, String encoding) {}

    private final List<Form> forms;
    private final Pattern exact;
    private final Pattern caseless;
    private final Map<String, Form> byText = new LinkedHashMap<>();

    private SecretScanner(List<Form> forms) {
        this.forms = forms;
        List<Form> sorted = new ArrayList<>(forms);
        sorted.sort(Comparator.comparingInt((Form f) -> -f.text().length()));
        StringBuilder e = new StringBuilder();
        StringBuilder c = new StringBuilder();
        for (Form f : sorted) {
            StringBuilder sb = f.ignoreCase() ? c : e;
            if (sb.length() > 0) {
                sb.append('|');
            }
            sb.append(Pattern.quote(f.text()));
            byText.putIfAbsent(f.ignoreCase() ? f.text().toLowerCase(Locale.ROOT) : f.text(), f);
        }
        this.exact = e.length() == 0 ? null : Pattern.compile(e.toString());
        this.caseless = c.length() == 0 ? null : Pattern.compile(c.toString(), Pattern.CASE_INSENSITIVE);
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
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        out.add(new Form(name, "raw", value, false));
        String url = URLEncoder.encode(value, StandardCharsets.UTF_8);
        if (!url.equals(value)) {
            out.add(new Form(name, "URL-encoded", url, true));
            String url20 = url.replace("+", "%20");
            if (!url20.equals(url)) {
                out.add(new Form(name, "URL-encoded", url20, true));
            }
        }
        out.add(new Form(name, "hex", HexFormat.of().formatHex(bytes), true));
        addBase64(out, name, "base64", Base64.getEncoder().withoutPadding(), bytes);
        addBase64(out, name, "base64url", Base64.getUrlEncoder().withoutPadding(), bytes);
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

    public boolean isEmpty() {
        return forms.isEmpty();
    }

    /** Which secret {@code text} carries, if any. */
    public Optional<Match> find(String text) {
        if (text == null || forms.isEmpty()) {
            return Optional.empty();
        }
        for (Pattern p : new Pattern[] {exact, caseless}) {
            if (p == null) {
                continue;
            }
            Matcher m = p.matcher(text);
            if (m.find()) {
                Form f = byText.get(p == caseless ? m.group().toLowerCase(Locale.ROOT) : m.group());
                return Optional.of(new Match(f.secretName(), f.encoding()));
            }
        }
        return Optional.empty();
    }

    /** {@code text} with every occurrence of a secret replaced by {@code <redacted>}. */
    public String redact(String text) {
        if (text == null || forms.isEmpty()) {
            return text;
        }
        String out = text;
        if (exact != null) {
            out = exact.matcher(out).replaceAll("<redacted>");
        }
        if (caseless != null) {
            out = caseless.matcher(out).replaceAll("<redacted>");
        }
        return out;
    }
}
