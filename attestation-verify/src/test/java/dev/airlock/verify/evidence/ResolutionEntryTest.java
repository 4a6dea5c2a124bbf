package dev.airlock.verify.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The typed evidence line: written and read by the same record, in the format the file always had. */
class ResolutionEntryTest {
    private static final String SHA = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    @TempDir
    Path dir;

    private static final List<ResolutionEntry> ENTRIES = List.of(
            ResolutionEntry.artifact("com.acme:lib:jar:1.0", "internal", "http://127.0.0.1:1/repo", "remote",
                    "resolved").withSha256(SHA, null).withFile("/m2/com/acme/lib/1.0/lib-1.0.jar"),
            ResolutionEntry.artifact("com.acme:lib:pom:1.0", "internal", "http://127.0.0.1:1/repo", "cache",
                    "resolved").withSha256(SHA, "index").withFile("/m2/com/acme/lib/1.0/lib-1.0.pom"),
            ResolutionEntry.artifact("com.acme:gone:jar:1.0", null, null, "installed", "resolved")
                    .withHashError("java.nio.file.NoSuchFileException: /m2/x").withFile("/m2/x"),
            ResolutionEntry.artifact("com.acme:app:jar:1", null, null, "reactor", "resolved"),
            ResolutionEntry.artifact("com.acme:missing:jar:1", null, null, null, "missing"),
            ResolutionEntry.artifact("dev.airlock:ext:jar:1", null, null, "core-extension", "resolved")
                    .withSha256(SHA, null).withFile("/m2/ext.jar"),
            ResolutionEntry.request("internal", "http://127.0.0.1:1/repo",
                    "http://127.0.0.1:1/repo/com/acme/lib/1.0/lib-1.0.jar", "com.acme:lib:jar:1.0", "ok", true),
            ResolutionEntry.request("evil", "http://evil/", "http://evil/x.jar", "com.acme:x:jar:1", "failed", false)
                    .withDetail("Connection refused"),
            ResolutionEntry.request("internal", "http://127.0.0.1:1/repo", null, "com.acme:lib:jar:1.0", "not-found",
                    true).withPurpose("verify local origin"),
            ResolutionEntry.incomplete("evidence work failed: java.io.UncheckedIOException: disk full"));

    private ResolutionLogReader.Session writeAndRead(List<ResolutionEntry> entries) throws IOException {
        Path f = dir.resolve("resolution.jsonl");
        ResolutionLog log = new ResolutionLog("s-1");
        log.open(f);
        log.line("session").put("mode", "enforce").put("startTime", 1000L).write();
        entries.forEach(log::write);
        log.close();
        return ResolutionLogReader.forBuildStartedAt(f, 1000L);
    }

    /** {@code e} as read back: the session and time are the log's. */
    private static ResolutionEntry withoutSessionAndTime(ResolutionEntry e) {
        return new ResolutionEntry(e.kind(), e.coordinates(), e.repository(), e.repositoryUrl(), e.url(), e.origin(),
                e.outcome(), e.mirror(), e.detail(), e.purpose(), e.sha256(), e.sha256Source(), e.hashError(),
                e.file(), e.reason(), null, null);
    }

    @Test
    void whatIsWrittenIsReadBack() throws IOException {
        ResolutionLogReader.Session s = writeAndRead(ENTRIES);
        assertEquals("enforce", s.mode());
        List<ResolutionEntry> read = new java.util.ArrayList<>();
        read.addAll(s.entries(ResolutionEntry.ARTIFACT));
        read.addAll(s.entries(ResolutionEntry.REQUEST));
        read.addAll(s.entries(ResolutionEntry.INCOMPLETE));
        assertEquals(ENTRIES, read.stream().map(ResolutionEntryTest::withoutSessionAndTime).toList());
        for (ResolutionEntry e : read) {
            assertEquals("s-1", e.session());
            assertTrue(e.time().matches("\\d{4}-\\d\\d-\\d\\dT.*Z"), e.time());
        }
    }

    @Test
    void theLinesOnDiskAreTheFormatTheyAlwaysHad() throws IOException {
        writeAndRead(ENTRIES);
        List<String> lines = Files.readAllLines(dir.resolve("resolution.jsonl"), StandardCharsets.UTF_8);
        List<String> bodies = lines.stream().skip(1).map(ResolutionEntryTest::afterTime).toList();
        assertEquals(List.of(
                "\"kind\":\"artifact\",\"coordinates\":\"com.acme:lib:jar:1.0\",\"repository\":\"internal\","
                        + "\"repositoryUrl\":\"http://127.0.0.1:1/repo\",\"origin\":\"remote\",\"outcome\":\"resolved\","
                        + "\"sha256\":\"" + SHA + "\",\"file\":\"/m2/com/acme/lib/1.0/lib-1.0.jar\"}",
                "\"kind\":\"artifact\",\"coordinates\":\"com.acme:lib:pom:1.0\",\"repository\":\"internal\","
                        + "\"repositoryUrl\":\"http://127.0.0.1:1/repo\",\"origin\":\"cache\",\"outcome\":\"resolved\","
                        + "\"sha256\":\"" + SHA + "\",\"sha256Source\":\"index\","
                        + "\"file\":\"/m2/com/acme/lib/1.0/lib-1.0.pom\"}",
                "\"kind\":\"artifact\",\"coordinates\":\"com.acme:gone:jar:1.0\",\"origin\":\"installed\","
                        + "\"outcome\":\"resolved\",\"hashError\":\"java.nio.file.NoSuchFileException: /m2/x\","
                        + "\"file\":\"/m2/x\"}",
                "\"kind\":\"artifact\",\"coordinates\":\"com.acme:app:jar:1\",\"origin\":\"reactor\","
                        + "\"outcome\":\"resolved\"}",
                "\"kind\":\"artifact\",\"coordinates\":\"com.acme:missing:jar:1\",\"outcome\":\"missing\"}",
                "\"kind\":\"artifact\",\"coordinates\":\"dev.airlock:ext:jar:1\",\"origin\":\"core-extension\","
                        + "\"outcome\":\"resolved\",\"sha256\":\"" + SHA + "\",\"file\":\"/m2/ext.jar\"}",
                "\"kind\":\"request\",\"repository\":\"internal\",\"repositoryUrl\":\"http://127.0.0.1:1/repo\","
                        + "\"url\":\"http://127.0.0.1:1/repo/com/acme/lib/1.0/lib-1.0.jar\","
                        + "\"coordinates\":\"com.acme:lib:jar:1.0\",\"outcome\":\"ok\",\"mirror\":true}",
                "\"kind\":\"request\",\"repository\":\"evil\",\"repositoryUrl\":\"http://evil/\","
                        + "\"url\":\"http://evil/x.jar\",\"coordinates\":\"com.acme:x:jar:1\",\"outcome\":\"failed\","
                        + "\"mirror\":false,\"detail\":\"Connection refused\"}",
                "\"kind\":\"request\",\"repository\":\"internal\",\"repositoryUrl\":\"http://127.0.0.1:1/repo\","
                        + "\"coordinates\":\"com.acme:lib:jar:1.0\",\"outcome\":\"not-found\",\"mirror\":true,"
                        + "\"purpose\":\"verify local origin\"}",
                "\"kind\":\"incomplete\",\"reason\":\"evidence work failed: java.io.UncheckedIOException: disk full\"}"),
                bodies);
        for (String l : lines) {
            assertTrue(l.startsWith("{\"session\":\"s-1\",\"time\":\""), l);
        }
    }

    /** The line from its {@code kind} on (session and time vary). */
    private static String afterTime(String line) {
        return line.substring(line.indexOf("\"kind\""));
    }

    @Test
    void aLineInTodaysFormatIsRead() throws IOException {
        Path f = dir.resolve("resolution.jsonl");
        Files.writeString(f, String.join("\n",
                "{\"session\":\"b1\",\"time\":\"2026-12-06T22:00:00Z\",\"kind\":\"session\",\"mode\":\"warn\","
                        + "\"startTime\":42,\"mirrors\":[{\"id\":\"internal\",\"url\":\"http://m/\"}],"
                        + "\"namespaces\":[],\"floatingVersions\":\"deny\",\"localOrigin\":\"verify\"}",
                "{\"session\":\"b1\",\"time\":\"2026-12-06T22:00:01Z\",\"kind\":\"request\",\"repository\":\"internal\","
                        + "\"repositoryUrl\":\"http://m/\",\"url\":\"http://m/g/a/1/a-1.jar\",\"coordinates\":\"g:a:jar:1\","
                        + "\"outcome\":\"ok\",\"mirror\":true}",
                "{\"session\":\"b1\",\"time\":\"2026-12-06T22:00:02Z\",\"kind\":\"artifact\",\"coordinates\":\"g:a:jar:1\","
                        + "\"repository\":\"internal\",\"repositoryUrl\":\"http://m/\",\"origin\":\"remote\","
                        + "\"outcome\":\"resolved\",\"sha256\":\"" + SHA + "\",\"file\":\"/m2/g/a/1/a-1.jar\"}",
                "{\"session\":\"b1\",\"time\":\"2026-12-06T22:00:03Z\",\"kind\":\"finding\",\"code\":\"NOT_IN_LOCK\","
                        + "\"severity\":\"error\",\"repository\":{\"id\":\"internal\",\"url\":\"http://m/\"}}",
                "{\"session\":\"b1\",\"time\":\"2026-12-06T22:00:04Z\",\"kind\":\"incomplete\",\"reason\":\"disk\"}",
                ""));
        ResolutionLogReader.Session s = ResolutionLogReader.forBuildStartedAt(f, 42L);
        assertEquals("warn", s.mode());
        assertEquals(List.of(new ResolutionEntry("request", "g:a:jar:1", "internal", "http://m/",
                "http://m/g/a/1/a-1.jar", null, "ok", true, null, null, null, null, null, null, null, "b1",
                "2026-12-06T22:00:01Z")), s.entries(ResolutionEntry.REQUEST));
        ResolutionEntry a = s.entries(ResolutionEntry.ARTIFACT).get(0);
        assertEquals(new ResolutionEntry("artifact", "g:a:jar:1", "internal", "http://m/", null, "remote",
                "resolved", null, null, null, SHA, null, null, "/m2/g/a/1/a-1.jar", null, "b1",
                "2026-12-06T22:00:02Z"), a);
        assertTrue(a.resolved());
        assertFalse(a.builtLocally());
        assertFalse(a.fromReactor());
        assertEquals("disk", s.entries(ResolutionEntry.INCOMPLETE).get(0).reason());
        assertEquals(1, s.entries("finding").size(), "a finding line is read too, its nested fields left out");
        assertNull(s.entries("finding").get(0).repository());
    }

    @Test
    void originsSayWhatWasBuiltHere() {
        assertTrue(ResolutionEntry.artifact("g:a:jar:1", null, null, "installed", "resolved").builtLocally());
        assertTrue(ResolutionEntry.artifact("g:a:jar:1", null, null, "untracked", "resolved").builtLocally());
        assertFalse(ResolutionEntry.artifact("g:a:jar:1", null, null, "cache", "resolved").builtLocally());
        assertFalse(ResolutionEntry.artifact("g:a:jar:1", null, null, null, "missing").builtLocally());
        assertTrue(ResolutionEntry.artifact("g:a:jar:1", null, null, "reactor", "resolved").fromReactor());
        assertFalse(ResolutionEntry.artifact("g:a:jar:1", null, null, "remote", "refused").resolved());
    }

    @Test
    void aStampedEntryKeepsItsTime() throws IOException {
        ResolutionEntry stamped = ResolutionEntry.artifact("g:a:jar:1", null, null, "remote", "resolved").stamped();
        assertTrue(stamped.time() != null);
        ResolutionLogReader.Session s = writeAndRead(List.of(stamped.withSha256(SHA, null).withFile("/f")));
        assertEquals(stamped.time(), s.entries(ResolutionEntry.ARTIFACT).get(0).time());
    }

    @Test
    void aLineWrittenLaterCarriesTheInstantItWasStampedAtNotTheTimeOfWriting() throws IOException {
        java.time.Instant resolved = java.time.Instant.parse("2026-01-02T03:04:05.123456789Z");
        ResolutionEntry later = ResolutionEntry.artifact("g:a:jar:1", null, null, "remote", "resolved")
                .stampedAt(resolved);
        ResolutionLogReader.Session s = writeAndRead(List.of(later.withSha256(SHA, null).withFile("/f")));
        assertEquals("2026-01-02T03:04:05.123456789Z", s.entries(ResolutionEntry.ARTIFACT).get(0).time());
    }
}
