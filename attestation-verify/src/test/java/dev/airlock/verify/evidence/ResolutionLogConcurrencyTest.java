package dev.airlock.verify.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two builds sharing one {@code target/}: neither loses a line, and an ended build's lines are replaced. */
class ResolutionLogConcurrencyTest {
    private static long count(List<String> lines, String session, String kind) {
        return lines.stream().filter(l -> session.equals(ResolutionLog.sessionOf(l)))
                .filter(l -> l.contains("\"kind\":\"" + kind + "\"")).count();
    }

    @Test
    void twoWritersAtOnceLoseNothing(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("target/airlock/resolution.jsonl");
        int perThread = 300;
        int threads = 4;
        ExecutorService pool = Executors.newFixedThreadPool(2 * threads);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> futures = new ArrayList<>();
        ResolutionLog a = new ResolutionLog("session-a");
        ResolutionLog b = new ResolutionLog("session-b");
        SessionHeaderTest.header(1L).write(a); // kept in memory until open
        SessionHeaderTest.header(2L).write(b);
        for (ResolutionLog log : new ResolutionLog[] {a, b}) {
            futures.add(pool.submit(() -> {
                go.await();
                log.open(file); // each build replaces the file when it starts: the other one's lines must survive
                return null;
            }));
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    go.await();
                    for (int i = 0; i < perThread; i++) {
                        log.line("artifact").put("coordinates", "g:a" + thread + ":jar:" + i).write();
                    }
                    return null;
                }));
            }
        }
        go.countDown();
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (String session : new String[] {"session-a", "session-b"}) {
            assertEquals(1, count(lines, session, "session"), session);
            assertEquals(threads * perThread, count(lines, session, "artifact"), session);
        }
        assertEquals(2 + 2 * threads * perThread, lines.size());
        // each session's lines are read back by the reader for its own start time
        assertEquals(threads * perThread + 1, ResolutionLogReader.forBuildStartedAt(file, 1L).lines().size());
        assertEquals(threads * perThread + 1, ResolutionLogReader.forBuildStartedAt(file, 2L).lines().size());

        // a build starting now drops a closed build's lines and keeps a live one's
        a.close();
        ResolutionLog c = new ResolutionLog("session-c");
        SessionHeaderTest.header(3L).write(c);
        c.open(file);
        lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertEquals(0, lines.stream().filter(l -> "session-a".equals(ResolutionLog.sessionOf(l))).count());
        assertEquals(threads * perThread, count(lines, "session-b", "artifact"));
        assertEquals(1, count(lines, "session-c", "session"));
        b.close();
        c.close();
        // no temporary file or marker is left behind
        try (var s = Files.list(file.getParent())) {
            List<String> names = s.map(p -> p.getFileName().toString()).sorted().toList();
            assertFalse(names.stream().anyMatch(n -> n.endsWith(".tmp") || n.endsWith(".live")), names.toString());
            assertTrue(names.contains("resolution.jsonl"), names.toString());
        }
    }

    @Test
    void aWriterInAnotherProcessLosesNothingEither(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("resolution.jsonl");
        int n = 2000;
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                ResolutionLogWriterMain.class.getName(), "session-p", "7", file.toString(), Integer.toString(n))
                .redirectErrorStream(true);
        ResolutionLog mine = new ResolutionLog("session-m");
        SessionHeaderTest.header(8L).write(mine);
        mine.open(file);
        // started while this build writes: its start replaces the file, keeping this build's live lines, and this
        // build's appends go on into the new file
        Process other = pb.start();
        int written = 0;
        while (written < n || other.isAlive()) { // writing all the while the other process runs
            mine.line("artifact").put("coordinates", "g:m:jar:" + written++).write();
        }
        String output = new String(other.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, other.waitFor(), output);
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertEquals(written, count(lines, "session-m", "artifact"), "this process's lines");
        assertEquals(n, count(lines, "session-p", "artifact"), "the other process's lines");
        mine.close();
    }

    @Test
    void deletedMidBuildIsWrittenAgainWithEveryLine(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("resolution.jsonl");
        ResolutionLog log = new ResolutionLog("s");
        SessionHeaderTest.header(1L).write(log);
        log.open(file);
        log.line("request").put("url", "u").write();
        Files.delete(file);
        assertTrue(log.restoreIfDeleted());
        log.line("artifact").put("coordinates", "g:a:jar:1").write();
        assertEquals(3, Files.readAllLines(file).size());
        log.close();
    }
}
