package dev.airlock.verify.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * No false alarm on a real closure: the coordinates of {@code secrets/real-coordinates.txt} (3,000+ artifacts and POMs
 * a build of this project and its integration tests resolved, and the release-gate example's lock), each scanned as
 * the filter scans it (coordinates, request path, and the metadata paths), against realistic credentials: fixed
 * shapes (AWS, GitHub, JWT, npm, passwords people use) and random tokens of 8 to 48 characters.
 */
class SecretScannerFalsePositiveTest {

    private static List<String> coordinates() throws IOException {
        List<String> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                SecretScannerFalsePositiveTest.class.getResourceAsStream("/secrets/real-coordinates.txt"),
                StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    out.add(line.strip());
                }
            }
        }
        return out;
    }

    private static Map<String, String> secrets() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("AWS_ACCESS_KEY_ID", "AKIAIOSFODNN7EXAMPLE");
        env.put("AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
        env.put("GITHUB_TOKEN", "ghp_16C7e42F292c6912E7710c838347Ae178B4a");
        env.put("GH_PAT", "github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz");
        env.put("CI_JOB_JWT", "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJwcm9qZWN0X3BhdGg6Z3JvdXAvYXBwIn0.c2lnbmF0dXJl");
        env.put("NPM_TOKEN", "npm_abcdefghijklmnopqrstuvwxyz0123456789");
        env.put("SONAR_TOKEN", "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b");
        env.put("MAVEN_GPG_PASSPHRASE", "correct horse battery staple");
        env.put("DB_PASSWORD", "Passw0rd!2024");
        env.put("KEYSTORE_PASSWORD", "changeit");
        env.put("DEPLOY_PASSWORD", "hunter2-hunter2");
        env.put("ARTIFACTORY_API_KEY", "AKCp8jQ8tUmrqE3R4aNsYQ6sdxGa2k5");
        Random random = new Random(20261206L);
        String[] alphabets = {"abcdefghijklmnopqrstuvwxyz0123456789", "0123456789abcdef",
                "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"};
        for (int i = 0; i < 300; i++) {
            String alphabet = alphabets[i % alphabets.length];
            int length = 8 + random.nextInt(41);
            StringBuilder sb = new StringBuilder(length);
            for (int k = 0; k < length; k++) {
                sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            env.put("RANDOM_TOKEN_" + i, sb.toString());
        }
        return env;
    }

    @Test
    void noSecretFoundInTheCoordinatesOfARealClosure() throws IOException {
        List<String> coordinates = coordinates();
        assertTrue(coordinates.size() >= 1000, "at least 1,000 real coordinates: " + coordinates.size());
        SecretScanner scanner = SecretScanner.of(secrets(), Map.of("settings.xml server 'internal' password",
                "s3cure-Deploy-Pass"));
        List<String> alarms = new ArrayList<>();
        for (String c : coordinates) {
            String[] p = c.split(":");
            String g = p[0];
            String a = p[1];
            String ext = p[2];
            String classifier = p.length == 5 ? p[3] : "";
            String v = p[p.length - 1];
            String path = g.replace('.', '/') + '/' + a + '/' + v + '/' + a + '-' + v
                    + (classifier.isEmpty() ? "" : "-" + classifier) + '.' + ext;
            String[] texts = {c, path, g.replace('.', '/') + "/" + a + "/maven-metadata.xml",
                    g + ":" + a + ":" + v + " (maven-metadata.xml)", path + ".sha1", path + ".asc"};
            scanner.find(texts).ifPresent(m -> alarms.add(c + " -> " + m));
            String red = scanner.redact(path);
            if (!red.equals(path)) {
                alarms.add(c + " redacted as " + red);
            }
        }
        assertEquals(List.of(), alarms, alarms.size() + " false alarm(s) in " + coordinates.size() + " coordinates");
    }
}
