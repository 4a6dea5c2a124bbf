package dev.airlock.verify.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.airlock.verify.finding.Finding;
import dev.airlock.verify.finding.FindingCode;
import dev.airlock.verify.finding.Severity;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResolutionLogTest {
    @TempDir
    Path dir;

    private static Map<String, String> topLevelStrings(String line) throws IOException {
        Map<String, String> out = new HashMap<>();
        try (JsonParser p = new JsonFactory().createParser(line)) {
            assertEquals(JsonToken.START_OBJECT, p.nextToken());
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken t = p.nextToken();
                if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
                    p.skipChildren();
                } else {
                    out.put(name, p.getValueAsString());
                }
            }
        }
        return out;
    }

    @Test
    void linesKeptBeforeOpeningAreWrittenFirstAndEveryLineCarriesTheSession() throws IOException {
        ResolutionLog log = new ResolutionLog("s-1");
        log.line("session").put("mode", "enforce").write();
        log.finding(Finding.builder(FindingCode.REPOSITORY_BLOCKED, Severity.INFO).source("extension")
                .message("repository \"rogue\" was not contacted\nsecond line").repository("rogue", "http://127.0.0.1:1/")
                .build());
        Path file = dir.resolve("target/airlock/resolution.jsonl");
        log.open(file);
        log.line("artifact").put("coordinates", "g:a:jar:1").put("sha256", "ab").put("skipped", null).write();
        log.close();

        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertEquals(3, lines.size());
        Map<String, String> first = topLevelStrings(lines.get(0));
        assertEquals("session", first.get("kind"));
        assertEquals("s-1", first.get("session"));
        Map<String, String> finding = topLevelStrings(lines.get(1));
        assertEquals("finding", finding.get("kind"));
        assertEquals("REPOSITORY_BLOCKED", finding.get("code"));
        assertEquals("repository \"rogue\" was not contacted\nsecond line", finding.get("message"));
        Map<String, String> artifact = topLevelStrings(lines.get(2));
        assertEquals("g:a:jar:1", artifact.get("coordinates"));
        assertTrue(!artifact.containsKey("skipped"));
        lines.forEach(l -> assertEquals("s-1", assertSession(l)));
    }

    private static String assertSession(String line) {
        try {
            return topLevelStrings(line).get("session");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void concurrentWritersNeverInterleaveLines() throws Exception {
        ResolutionLog log = new ResolutionLog("s-2");
        Path file = dir.resolve("r.jsonl");
        log.open(file);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        for (int t = 0; t < 8; t++) {
            int thread = t;
            pool.submit(() -> {
                for (int i = 0; i < 500; i++) {
                    log.line("request").put("thread", thread).put("i", i).put("url", "x".repeat(200)).write();
                }
            });
        }
        pool.shutdown();
        assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS));
        log.close();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertEquals(4000, lines.size());
        for (String l : lines) {
            assertEquals("request", topLevelStrings(l).get("kind"));
        }
    }

    @Test
    void aFileDeletedMidBuildIsWrittenAgainWithEveryLine() throws IOException {
        ResolutionLog log = new ResolutionLog("s-3");
        Path file = dir.resolve("target/airlock/resolution.jsonl");
        log.line("session").write();
        log.open(file);
        log.line("artifact").put("coordinates", "g:a:jar:1").write();
        // clean deletes target/ with everything in it: the file, the lock file, the session's marker
        deleteFilesIn(file.getParent(), null);
        Files.delete(file.getParent());
        org.junit.jupiter.api.Assertions.assertTrue(log.restoreIfDeleted());
        log.line("artifact").put("coordinates", "g:b:jar:1").write();
        org.junit.jupiter.api.Assertions.assertFalse(log.restoreIfDeleted());
        log.close();
        assertEquals(3, Files.readAllLines(file).size());
    }

    @Test
    void aLineWrittenWhileCleanDeletesTheDirectoryDoesNotCreateItAgain() throws IOException {
        ResolutionLog log = new ResolutionLog("s-4");
        Path file = dir.resolve("target/airlock/resolution.jsonl");
        log.open(file);
        log.line("artifact").put("coordinates", "g:a:jar:1").write();
        // clean has deleted the files and is about to delete the directory when the evidence thread writes a line
        deleteFilesIn(file.getParent(), null);
        log.line("artifact").put("coordinates", "g:b:jar:1").write();
        assertEquals(List.of(), filesIn(file.getParent()), "nothing written into the directory being deleted");
        Files.delete(file.getParent()); // what the clean does next: it must succeed
        org.junit.jupiter.api.Assertions.assertTrue(log.restoreIfDeleted(), "after the mojo: written again");
        log.close();
        assertEquals(2, Files.readAllLines(file).size(), "the line written meanwhile is not lost");
    }

    @Test
    void aLineWrittenAfterCleanDeletedTheLockFileButNotYetTheFileCreatesNothing() throws IOException {
        ResolutionLog log = new ResolutionLog("s-5");
        Path file = dir.resolve("target/airlock/resolution.jsonl");
        log.open(file);
        log.line("artifact").put("coordinates", "g:a:jar:1").write();
        // clean walks the directory in its own order: here it has deleted the lock file and the session's marker, and
        // not yet the evidence file, when the evidence thread writes a line
        deleteFilesIn(file.getParent(), file);
        log.line("artifact").put("coordinates", "g:b:jar:1").write();
        assertEquals(List.of(file), filesIn(file.getParent()),
                "no lock file created again in the directory being deleted");
        Files.delete(file); // the clean goes on
        log.line("artifact").put("coordinates", "g:c:jar:1").write();
        Files.delete(file.getParent()); // and ends: it must succeed
        org.junit.jupiter.api.Assertions.assertTrue(log.restoreIfDeleted(), "after the mojo: written again");
        log.close();
        assertEquals(3, Files.readAllLines(file).size(), "no line lost");
    }

    /** What a clean does to {@code dir}'s files, in the order it lists them; {@code kept} (or null) not yet. */
    private static void deleteFilesIn(Path dir, Path kept) throws IOException {
        for (Path f : filesIn(dir)) {
            if (!f.equals(kept)) {
                Files.delete(f);
            }
        }
    }

    private static List<Path> filesIn(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            return files.toList();
        }
    }
}
