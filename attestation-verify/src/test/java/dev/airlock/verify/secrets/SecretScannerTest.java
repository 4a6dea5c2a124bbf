package dev.airlock.verify.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SecretScannerTest {
    private static final String SECRET = "s3cr3t-T0ken/for+ci";
    private final SecretScanner scanner = SecretScanner.of(
            Map.of("CI_DEPLOY_TOKEN", SECRET, "HOME", "/home/builder-user", "SHORT_TOKEN", "abc"),
            Map.of("settings.xml server 'internal' password", "hunter2-hunter2"));

    @Test
    void credentialNames() {
        for (String n : new String[] {"GITHUB_TOKEN", "AWS_SECRET_ACCESS_KEY", "MAVEN_GPG_PASSPHRASE", "DB_PASSWORD",
                "npm_config__authToken", "SONATYPE_CREDENTIALS", "MY_API_KEY", "signing.key"}) {
            assertTrue(SecretScanner.isCredentialName(n), n);
        }
        for (String n : new String[] {"HOME", "PATH", "JAVA_HOME", "MONKEY_BUSINESS", "KEYBOARD_LAYOUT", "PWD",
                "OLDPWD", "SSH_AUTH_SOCK"}) {
            assertFalse(SecretScanner.isCredentialName(n), n);
        }
    }

    @Test
    void findsEveryEncodingAndNamesTheSecretNotItsValue() {
        byte[] b = SECRET.getBytes(StandardCharsets.UTF_8);
        Map<String, String> encodings = Map.of(
                "raw", "com.example:" + SECRET,
                "URL-encoded", "x" + URLEncoder.encode(SECRET, StandardCharsets.UTF_8),
                "hex", "com.example:lib-" + HexFormat.of().withUpperCase().formatHex(b) + ":jar:1.0",
                "base64", Base64.getEncoder().encodeToString(b),
                "base64url", Base64.getUrlEncoder().withoutPadding().encodeToString(b));
        encodings.forEach((encoding, text) -> {
            SecretScanner.Match m = scanner.find(text).orElseThrow(() -> new AssertionError(encoding + ": " + text));
            assertEquals("environment variable CI_DEPLOY_TOKEN", m.secretName(), encoding);
            // base64 and base64url agree wherever neither '+' nor '/' occurs: either name is right then
            assertTrue(m.encoding().equals(encoding) || encoding.startsWith("base64") && m.encoding().startsWith("base64"),
                    encoding + " found as " + m.encoding());
        });
        assertTrue(scanner.find("settings" + "hunter2-hunter2").isPresent());
    }

    @Test
    void base64EmbeddedAtAnyAlignment() {
        for (String prefix : new String[] {"", "a", "ab", "abc", "abcd"}) {
            String enc = Base64.getEncoder().encodeToString((prefix + SECRET + "tail").getBytes(StandardCharsets.UTF_8));
            assertTrue(scanner.find(enc).isPresent(), "prefix '" + prefix + "': " + enc);
        }
    }

    @Test
    void shortAndNonCredentialValuesAreNotSecrets() {
        assertTrue(scanner.find("/home/builder-user").isEmpty(), "HOME is not a credential");
        assertTrue(scanner.find("abc").isEmpty(), "too short");
        assertTrue(scanner.find("com.example:lib:jar:1.0").isEmpty());
        assertTrue(SecretScanner.none().find(SECRET).isEmpty());
    }

    @Test
    void pathsAreNotSecrets(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        SecretScanner s = SecretScanner.of(Map.of("SIGNING_KEY_DIR", dir.toString()), Map.of());
        assertTrue(s.isEmpty(), "an existing directory is a location, not a secret");
        assertTrue(s.find("declared in " + dir + "/pom.xml").isEmpty());
    }

    @Test
    void redactsEveryForm() {
        String hex = HexFormat.of().formatHex(SECRET.getBytes(StandardCharsets.UTF_8));
        String text = "asked for com.example:" + hex + ":jar:1.0 and " + SECRET;
        String red = scanner.redact(text);
        assertFalse(red.contains(hex), red);
        assertFalse(red.contains(SECRET), red);
        assertEquals("asked for com.example:<redacted>:jar:1.0 and <redacted>", red);
    }
}
