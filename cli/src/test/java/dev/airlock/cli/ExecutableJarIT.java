package dev.airlock.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar as a user runs it, {@code java -jar airlock-cli-VERSION.jar audit ...}, in a JVM of its own with
 * nothing on the class path but what the jar's manifest names (target/lib): the exit codes 0, 1 and 2 and the
 * findings of a planted repository.
 */
class ExecutableJarIT {
    @TempDir
    Path tmp;

    record Run(int code, String out, String err) {}

    private Run java(String... args) throws Exception {
        Path jar = Path.of(System.getProperty("airlock.cli.jar"));
        assertTrue(Files.isRegularFile(jar), jar + " was not packaged");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-jar", jar.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().remove("CLASSPATH");
        pb.redirectOutput(tmp.resolve("out").toFile()).redirectError(tmp.resolve("err").toFile());
        Process p = pb.start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "java -jar ended");
        return new Run(p.exitValue(), Files.readString(tmp.resolve("out"), StandardCharsets.UTF_8),
                Files.readString(tmp.resolve("err"), StandardCharsets.UTF_8));
    }

    private static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    private Path artifact(Path repo, String name, byte[] bytes) throws Exception {
        Path f = repo.resolve("com/acme/lib/1.0/" + name);
        Files.createDirectories(f.getParent());
        return Files.write(f, bytes);
    }

    @Test
    void theJarAuditsARepositoryAndItsExitCodesSayWhatItFound() throws Exception {
        Path repo = Files.createDirectories(tmp.resolve("repo"));
        byte[] jar = "the jar".getBytes(StandardCharsets.UTF_8);
        byte[] pom = "<project/>".getBytes(StandardCharsets.UTF_8);
        artifact(repo, "lib-1.0.jar", jar);
        artifact(repo, "lib-1.0.pom", pom);
        Path clean = Files.writeString(tmp.resolve("clean.lock"), sha256(jar) + "  com.acme:lib:jar:1.0\n"
                + sha256(pom) + "  com.acme:lib:pom:1.0\n");
        Path drifted = Files.writeString(tmp.resolve("drifted.lock"), sha256("other bytes".getBytes(
                StandardCharsets.UTF_8)) + "  com.acme:lib:jar:1.0\n" + sha256(pom) + "  com.acme:lib:pom:1.0\n");

        Run ok = java("audit", repo.toString(), "--lock", clean.toString(), "--report-dir",
                tmp.resolve("r0").toString());
        assertEquals(0, ok.code(), ok.out() + ok.err());

        Run found = java("audit", repo.toString(), "--lock", drifted.toString(), "--report-dir",
                tmp.resolve("r1").toString());
        assertEquals(1, found.code(), found.out() + found.err());
        assertTrue(found.out().contains("LOCK_HASH_MISMATCH com.acme:lib:jar:1.0"), found.out());
        assertTrue(Files.isRegularFile(tmp.resolve("r1/report.json")), "report.json written");
        assertTrue(Files.readString(tmp.resolve("r1/report.json")).contains("LOCK_HASH_MISMATCH"));

        // the SBOM check runs the SBOM libraries (optional in the library): they must be on the jar's class path
        Path sbom = Files.writeString(tmp.resolve("bom.json"), """
                {"bomFormat":"CycloneDX","specVersion":"1.5","version":1,"components":[
                 {"type":"library","group":"com.acme","name":"lib","version":"1.0","purl":"pkg:maven/com.acme/lib@1.0?type=jar",
                  "hashes":[{"alg":"SHA-256","content":"%s"}]}]}
                """.formatted(sha256("tampered".getBytes(StandardCharsets.UTF_8))));
        Run sbomRun = java("audit", repo.toString(), "--sbom", sbom.toString(), "--report-dir",
                tmp.resolve("r2").toString());
        assertEquals(1, sbomRun.code(), sbomRun.out() + sbomRun.err());
        assertTrue(sbomRun.out().contains("SBOM_HASH_MISMATCH com.acme:lib:jar:1.0"), sbomRun.out() + sbomRun.err());

        Run cannot = java("audit", tmp.resolve("no-such-dir").toString());
        assertEquals(2, cannot.code(), cannot.out() + cannot.err());
        assertTrue(cannot.err().contains("no-such-dir"), cannot.err());
        assertTrue(!cannot.err().contains("\tat "), "no stack trace: " + cannot.err());
    }
}
