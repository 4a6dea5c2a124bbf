package dev.airlock.verify.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/airlock} as a user runs it, with {@code AIRLOCK_CLASSPATH} set to this test's class path (so it never
 * calls Maven): the command's exit codes come through, and the launcher's own failures are exit 2.
 */
class LauncherTest {
    private static final Path LAUNCHER = Path.of("../bin/airlock").toAbsolutePath().normalize();

    @TempDir
    Path tmp;

    record Run(int code, String out, String err) {}

    private Run launch(String classPath, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("sh", LAUNCHER.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().put("AIRLOCK_CLASSPATH", classPath);
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        pb.redirectOutput(tmp.resolve("out").toFile()).redirectError(tmp.resolve("err").toFile());
        Process p = pb.start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the launcher ended");
        return new Run(p.exitValue(), Files.readString(tmp.resolve("out"), StandardCharsets.UTF_8),
                Files.readString(tmp.resolve("err"), StandardCharsets.UTF_8));
    }

    private static boolean shell() {
        String path = System.getenv().getOrDefault("PATH", "");
        return Files.isRegularFile(LAUNCHER)
                && List.of(path.split(File.pathSeparator)).stream().anyMatch(d -> Files.isExecutable(Path.of(d, "sh")));
    }

    @Test
    void theLauncherPassesTheExitCodesThrough() throws Exception {
        assumeTrue(shell(), "a POSIX sh and the launcher are needed");
        String cp = System.getProperty("java.class.path");
        AuditTest.Planted p = AuditTest.plant(tmp);
        Run findings = launch(cp, "audit", p.repo().toString(), "--lock", p.lock().toString(), "--quiet");
        assertEquals(1, findings.code(), findings.err());
        assertTrue(findings.out().contains("error LOCK_HASH_MISMATCH com.acme:drift:jar:1.0"), findings.out());

        Run missing = launch(cp, "audit", tmp.resolve("nothing").toString());
        assertEquals(2, missing.code(), missing.err());
        assertTrue(missing.err().contains("does not exist"), missing.err());

        Run usage = launch(cp, "frobnicate");
        assertEquals(2, usage.code());
        assertTrue(usage.err().contains("usage: airlock audit"), usage.err());

        Run badClassPath = launch(tmp.resolve("no.jar").toString(), "audit", p.repo().toString());
        assertEquals(2, badClassPath.code(), badClassPath.err());
        assertTrue(badClassPath.err().contains("no.jar does not exist"), badClassPath.err());
    }
}
