package dev.airlock.verify.judge;

import static dev.airlock.verify.judge.JudgeTestSupport.ENFORCE;
import static dev.airlock.verify.judge.JudgeTestSupport.WARN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.airlock.verify.finding.Finding;
import dev.airlock.verify.finding.FindingCode;
import dev.airlock.verify.finding.Severity;
import dev.airlock.verify.secrets.SecretScanner;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExfiltrationJudgementTest {
    private static final String HEX_TOKEN = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b";
    private static final SecretScanner SCANNER = SecretScanner.of(Map.of("SONAR_TOKEN", HEX_TOKEN), Map.of());

    private static RepositoryRequest request(String coords, String path) {
        return new RepositoryRequest("evil", "http://evil.example/", null, "com.example", coords, path);
    }

    @Test
    void aRequestWithoutSecretsPasses() {
        RepositoryRequest r = request("com.example:lib:jar:1.0", "com/example/lib/1.0/lib-1.0.jar");
        assertEquals(Verdict.none(), new ExfiltrationJudgement(SCANNER, ENFORCE).judge(r));
        assertTrue(new ExfiltrationJudgement(SCANNER, ENFORCE).find(r).isEmpty());
        assertEquals(Verdict.none(), new ExfiltrationJudgement(SecretScanner.none(), ENFORCE).judge(r));
    }

    @Test
    void aSecretInTheCoordinatesIsRefusedInEveryMode() {
        String coords = "com.example:lib:jar:" + HEX_TOKEN;
        for (JudgeMode mode : List.of(ENFORCE, WARN)) {
            Verdict v = new ExfiltrationJudgement(SCANNER, mode).judge(request(coords, "com/example/lib/x"));
            Finding f = v.findings().get(0);
            assertEquals(FindingCode.EXFILTRATION_SUSPECTED, f.code());
            assertEquals(Severity.ERROR, f.severity(), "an error in warn mode too");
            assertEquals("extension", f.source());
            // shown as written: the session blanks the secret out of every finding it reports
            assertEquals(coords, f.subject());
            assertEquals("evil", f.repositoryId());
            assertEquals("http://evil.example/", f.repositoryUrl());
            assertEquals("a request to evil for " + coords + " would carry the value of environment variable"
                    + " SONAR_TOKEN (" + f.actual().substring(f.actual().indexOf(", ") + 2) + ") in its path; it was"
                    + " not sent", f.message());
            assertEquals("request paths free of credentials", f.expected());
            assertTrue(f.actual().startsWith("environment variable SONAR_TOKEN, "), f.actual());
            assertEquals("find the POM that declares these coordinates (a dependency or plugin of this build) and"
                    + " remove it; treat environment variable SONAR_TOKEN as exposed to whoever wrote that POM and"
                    + " rotate it", f.fix());
            assertEquals(List.of("refused: the request path would carry the value of environment variable"
                    + " SONAR_TOKEN (" + f.actual().substring(f.actual().indexOf(", ") + 2)
                    + "); see EXFILTRATION_SUSPECTED"), v.refusals());
        }
    }

    @Test
    void aSecretOnlyInThePathHidesTheCoordinates() {
        // split across version and classifier: the coordinates' notation writes them in the other order
        String coords = "com.example:lib:jar:" + HEX_TOKEN.substring(20) + ":1.0-" + HEX_TOKEN.substring(0, 20);
        String path = "com/example/lib/1.0-" + HEX_TOKEN.substring(0, 20) + "/lib-1.0-" + HEX_TOKEN.substring(0, 20)
                + "-" + HEX_TOKEN.substring(20) + ".jar";
        Verdict v = new ExfiltrationJudgement(SCANNER, ENFORCE).judge(request(coords, path));
        Finding f = v.findings().get(0);
        assertEquals("<redacted>", f.subject());
        assertTrue(f.message().startsWith("a request to evil for <redacted> would carry"), f.message());
        assertTrue(v.refused());
    }
}
