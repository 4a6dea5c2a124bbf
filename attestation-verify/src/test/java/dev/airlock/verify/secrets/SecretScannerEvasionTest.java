package dev.airlock.verify.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The evasions the "Hardening" issue (item 8) found: each got a credential into a request path past the scanner as it
 * was (one coordinate string scanned as written; raw, URL-encoded, hex, base64, base64url; names without JWT).
 * Each test hands the scanner what the filter hands it: the coordinates and the request path, each on its own.
 */
class SecretScannerEvasionTest {
    private static final String AWS_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    private static final String HEX_TOKEN = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b";
    private static final String TOKEN = "s3cr3t-T0ken-for-ci";
    private static final String JWT = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJwcm9qZWN0X3BhdGg6Z3JvdXAvYXBwIn0.c2lnbmF0dXJl";

    private final SecretScanner scanner = SecretScanner.of(Map.of(
            "AWS_SECRET_ACCESS_KEY", AWS_KEY,
            "SONAR_TOKEN", HEX_TOKEN,
            "CI_DEPLOY_TOKEN", TOKEN,
            "CI_JOB_JWT", JWT), Map.of());

    /** What the filter scans: Airlock's coordinate notation and the Maven 2 layout request path, one at a time. */
    private Optional<SecretScanner.Match> scan(String g, String a, String v, String classifier) {
        String coords = g + ':' + a + ":jar" + (classifier.isEmpty() ? "" : ":" + classifier) + ':' + v;
        String path = g.replace('.', '/') + '/' + a + '/' + v + '/' + a + '-' + v
                + (classifier.isEmpty() ? "" : "-" + classifier) + ".jar";
        Optional<SecretScanner.Match> m = scanner.find(coords);
        return m.isPresent() ? m : scanner.find(path);
    }

    @Test
    void awsKeySplitAcrossGroupIdAndArtifactId() {
        SecretScanner.Match m = scan("com.wJalrXUtnFEMI", "K7MDENG-bPxRfiCYEXAMPLEKEY", "1.0", "").orElseThrow();
        assertEquals("environment variable AWS_SECRET_ACCESS_KEY", m.secretName());
        assertTrue(m.encoding().startsWith("raw"), m.encoding());
    }

    @Test
    void hexTokenSplitAcrossVersionAndClassifier() {
        // the coordinates' notation writes the classifier before the version: only the request path joins them
        SecretScanner.Match m = scan("com.example", "lib", "1.0-" + HEX_TOKEN.substring(0, 20),
                HEX_TOKEN.substring(20)).orElseThrow();
        assertEquals("environment variable SONAR_TOKEN", m.secretName());
    }

    @Test
    void base32EitherCaseAndEmbedded() {
        String b32 = SecretScanner.base32(TOKEN.getBytes(StandardCharsets.UTF_8));
        assertEquals("environment variable CI_DEPLOY_TOKEN",
                scan("com.example", b32, "1.0", "").orElseThrow().secretName(), b32);
        assertTrue(scan("com.example", b32.toLowerCase(), "1.0", "").isPresent(), "lower case");
        for (String prefix : new String[] {"a", "ab", "abc", "abcd", "abcde"}) {
            String enc = SecretScanner.base32((prefix + TOKEN + "xyz").getBytes(StandardCharsets.UTF_8));
            assertTrue(scan("com.example", "lib", "1.0", enc).isPresent(), "prefix '" + prefix + "': " + enc);
        }
    }

    @Test
    void reversed() {
        String rev = new StringBuilder(TOKEN).reverse().toString();
        SecretScanner.Match m = scan("com.example", rev, "1.0", "").orElseThrow();
        assertEquals("environment variable CI_DEPLOY_TOKEN", m.secretName());
        assertTrue(m.encoding().startsWith("reversed"), m.encoding());
    }

    @Test
    void hexBrokenUpWithDots() {
        String hex = HexFormat.of().formatHex(TOKEN.getBytes(StandardCharsets.UTF_8));
        StringBuilder dotted = new StringBuilder();
        for (int i = 0; i < hex.length(); i += 6) {
            dotted.append(dotted.length() == 0 ? "" : ".").append(hex, i, Math.min(hex.length(), i + 6));
        }
        SecretScanner.Match m = scan("com.example." + dotted, "lib", "1.0", "").orElseThrow();
        assertEquals("environment variable CI_DEPLOY_TOKEN", m.secretName());
        assertTrue(m.encoding().startsWith("hex"), m.encoding());
        // and with dashes, in the artifactId
        assertTrue(scan("com.example", dotted.toString().replace('.', '-'), "1.0", "").isPresent());
    }

    @Test
    void jwtInCiJobJwt() {
        SecretScanner.Match m = scan("com.example", "lib", "1.0", JWT.replace('.', '-')).orElseThrow();
        assertEquals("environment variable CI_JOB_JWT", m.secretName());
        // as a groupId its dots are the path's slashes
        assertTrue(scan(JWT, "lib", "1.0", "").isPresent());
    }

    @Test
    void oidcAndPersonalAccessTokenNames() {
        for (String n : new String[] {"CI_JOB_JWT", "CI_JOB_JWT_V2", "ACTIONS_ID_TOKEN_REQUEST_TOKEN",
                "SIGSTORE_ID_TOKEN", "GITLAB_OIDC_TOKEN", "OIDC_CLIENT", "GH_PAT", "GITHUB_PAT", "AZURE_DEVOPS_PAT",
                "BEARER"}) {
            assertTrue(SecretScanner.isCredentialName(n), n);
        }
        for (String n : new String[] {"PATH", "CLASSPATH", "PATTERN", "MAVEN_OPTS", "JAVA_HOME"}) {
            assertFalse(SecretScanner.isCredentialName(n), n);
        }
    }

    @Test
    void splitSecretsAreRedactedWholeSeparatorsIncluded() {
        String red = scanner.redact("asked for com.wJalrXUtnFEMI:K7MDENG-bPxRfiCYEXAMPLEKEY:jar:1.0");
        assertEquals("asked for com.<redacted>:jar:1.0", red);
        String rev = new StringBuilder(TOKEN).reverse().toString();
        assertEquals("com.example:<redacted>:jar:1.0", scanner.redact("com.example:" + rev + ":jar:1.0"));
    }
}
