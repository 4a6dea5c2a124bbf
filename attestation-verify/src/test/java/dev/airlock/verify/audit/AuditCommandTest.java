package dev.airlock.verify.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.airlock.verify.finding.FindingCode;
import dev.airlock.verify.report.ReportFile;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditCommandTest {
    @TempDir
    Path tmp;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return AuditCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void findingsExitOneAndTheReportsAreWrittenFromOneModel() throws Exception {
        AuditTest.Planted p = AuditTest.plant(tmp);
        Path reports = tmp.resolve("reports");
        int code = run("audit", p.repo().toString(), "--lock", p.lock().toString(), "--policy", p.policy().toString(),
                "--report-dir", reports.toString());
        assertEquals(1, code, err());
        assertTrue(out().contains("error LOCK_HASH_MISMATCH com.acme:drift:jar:1.0"), out());
        assertTrue(out().contains("error QUARANTINED com.acme:evil:jar:1.0"), out());
        assertTrue(out().contains(": 3 errors, 4 warnings; 3 failing"), out());
        // the quarantine store next to the repository is used by default, and said so on stderr
        assertTrue(err().contains("quarantine store"), err());
        assertTrue(err().contains("[airlock] audit: hashing: 6 of 6 files"), err());
        assertFalse(out().contains("[airlock] audit: hashing"), "progress goes to stderr only");

        ObjectMapper json = new ObjectMapper();
        JsonNode report = json.readTree(reports.resolve("report.json").toFile());
        assertEquals(7, report.get("findings").size());
        assertEquals("audit", report.get("sources").get(0).asText());
        assertEquals(3, report.get("summary").get("error").asInt());
        JsonNode sarif = json.readTree(reports.resolve("report.sarif").toFile());
        JsonNode results = sarif.get("runs").get(0).get("results");
        assertEquals(7, results.size());
        boolean located = false;
        for (JsonNode r : results) {
            String uri = r.get("locations").get(0).get("physicalLocation").get("artifactLocation").get("uri")
                    .asText();
            located |= uri.equals("com/acme/drift/1.0/drift-1.0.jar");
        }
        assertTrue(located, results.toString());
        String html = Files.readString(reports.resolve("report.html"));
        assertTrue(html.contains("LOCK_HASH_MISMATCH") && html.contains("UNKNOWN_FILE"));
    }

    @Test
    void theAuditsReportsMatchTheirSchemas() throws Exception {
        AuditTest.Planted p = AuditTest.plant(tmp);
        Path reports = tmp.resolve("reports");
        assertEquals(1, run(p.repo().toString(), "--lock", p.lock().toString(), "--policy", p.policy().toString(),
                "--quiet", "--report-dir", reports.toString()), err());
        ObjectMapper json = new ObjectMapper();
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7);
        JsonSchema report;
        try (InputStream in = ReportFile.class.getResourceAsStream("report.schema.json")) {
            report = factory.getSchema(in);
        }
        Set<ValidationMessage> errors = report.validate(json.readTree(reports.resolve("report.json").toFile()));
        assertTrue(errors.isEmpty(), errors.toString());
        // every code, UNKNOWN_FILE included, is one the schema allows
        JsonNode codes;
        try (InputStream in = ReportFile.class.getResourceAsStream("report.schema.json")) {
            codes = json.readTree(in).get("definitions").get("code").get("enum");
        }
        Set<String> allowed = new java.util.TreeSet<>();
        codes.forEach(c -> allowed.add(c.asText()));
        for (FindingCode c : FindingCode.values()) {
            assertTrue(allowed.contains(c.name()), c + " is missing from report.schema.json");
        }
        JsonSchema sarif;
        try (InputStream in = AuditCommandTest.class.getResourceAsStream("/schema/sarif-schema-2.1.0.json")) {
            sarif = factory.getSchema(in);
        }
        errors = sarif.validate(json.readTree(reports.resolve("report.sarif").toFile()));
        assertTrue(errors.isEmpty(), errors.toString());
    }

    @Test
    void warningsExitZeroUnlessStrict() throws Exception {
        Path repo = tmp.resolve("repo");
        AuditTest.put(repo, "com/acme/a/1.0/a-1.0.jar", AuditTest.jar("a"));
        AuditTest.put(repo, "stray.txt", new byte[1]);
        assertEquals(0, run(repo.toString()), err());
        assertTrue(out().contains("warn UNKNOWN_FILE"), out());
        assertEquals(1, run(repo.toString(), "--strict"), err());
    }

    @Test
    void aCleanDirectoryExitsZeroAndWritesOnlyTheFormatsAsked() throws Exception {
        Path repo = tmp.resolve("repo");
        byte[] a = AuditTest.jar("a");
        AuditTest.put(repo, "com/acme/a/1.0/a-1.0.jar", a);
        Path lock = tmp.resolve("airlock.lock");
        Files.writeString(lock, AuditTest.sha(a) + "  com.acme:a:jar:1.0\n");
        Path reports = tmp.resolve("r");
        assertEquals(0, run(repo.toString(), "--lock=" + lock, "--strict", "--quiet", "--report-dir",
                reports.toString(),
                "--format", "json,sarif"), err());
        assertTrue(Files.isRegularFile(reports.resolve("report.json")));
        assertTrue(Files.isRegularFile(reports.resolve("report.sarif")));
        assertFalse(Files.exists(reports.resolve("report.html")));
        assertEquals("", err());
        assertTrue(out().contains("clean"), out());
    }

    @Test
    void aMissingDirectoryCannotRun() {
        Path missing = tmp.resolve("no-such-repository");
        assertEquals(2, run(missing.toString()));
        assertTrue(err().contains(missing + " does not exist"), err());
        assertFalse(err().contains("\tat "), "no stack trace");
    }

    @Test
    void aMalformedLockCannotRunAndIsNamed() throws Exception {
        Path repo = Files.createDirectories(tmp.resolve("repo"));
        Path lock = tmp.resolve("airlock.lock");
        Files.writeString(lock, "not a lock line\n");
        assertEquals(2, run(repo.toString(), "--lock", lock.toString()));
        assertTrue(err().contains(lock + ":1"), err());
        assertTrue(err().contains("Fix:"), err());
        assertEquals("", out());
    }

    @Test
    void badInputsCannotRun() throws Exception {
        Path repo = Files.createDirectories(tmp.resolve("repo"));
        assertEquals(2, run());
        assertEquals(2, run(repo.toString(), "--bogus"));
        assertTrue(err().contains("unknown option --bogus"), err());
        assertEquals(2, run(repo.toString(), "--lock"));
        assertEquals(2, run(repo.toString(), "--format", "json"));
        assertEquals(2, run(repo.toString(), "--report-dir", tmp.toString(), "--format", "xml"));
        Path policy = tmp.resolve("policy");
        Files.writeString(policy, "com.acme  nonsense\n");
        err.reset();
        assertEquals(2, run(repo.toString(), "--policy", policy.toString()));
        assertTrue(err().contains(policy.toString()), err());
        err.reset();
        Path sbom = tmp.resolve("bom.json");
        Files.writeString(sbom, "{ not json");
        assertEquals(2, run(repo.toString(), "--sbom", sbom.toString()));
        assertTrue(err().contains(sbom.toString()), err());
        assertEquals(2, run(repo.toString(), "--verify"));
        assertTrue(err().contains("--verify needs --policy"), err());
        assertEquals(2, run(repo.toString(), "--keyring", "k"));
        assertEquals(2, run(repo.toString(), "--quarantine", tmp.resolve("none").toString()));
        assertEquals(1, err().lines().filter(l -> l.contains("none")).count(), err());
    }

    @Test
    void helpExitsZero() {
        assertEquals(0, run("--help"));
        assertTrue(out().contains("exit codes: 0 clean, 1 findings, 2 cannot run"));
    }
}
