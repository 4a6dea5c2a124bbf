package dev.airlock.extension;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.airlock.verify.config.AirlockConfig;
import dev.airlock.verify.config.AirlockConfigLoader;
import dev.airlock.verify.finding.Finding;
import dev.airlock.verify.finding.FindingCode;
import dev.airlock.verify.finding.Severity;
import dev.airlock.verify.report.BuildOutcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SummaryTest {
    @TempDir
    Path root;

    BuildSession session() throws IOException {
        Path props = root.resolve(".mvn/airlock.properties");
        Files.createDirectories(props.getParent());
        Files.writeString(props, "airlock.mirrors=internal=http://127.0.0.1:1/\n");
        AirlockConfig config = AirlockConfigLoader.load(root, List.of(props), Map.of());
        return new BuildSession(0, config, null, root);
    }

    static Finding blockedInfo(BuildSession s, String repo) {
        return s.finding(FindingCode.REPOSITORY_BLOCKED, Severity.INFO).repository(repo, "http://" + repo + ".example/")
                .message("repository " + repo + " was not contacted; asked for 2 item(s), e.g. g:a:pom:1")
                .fix("none needed: the mirrors served what was asked").build();
    }

    static List<String> texts(List<String[]> lines, String level) {
        return lines.stream().filter(l -> l[0].equals(level)).map(l -> l[1]).toList();
    }

    @Test
    void infoFindingsCollapseToOneLinePerCode() throws IOException {
        BuildSession s = session();
        List<Finding> findings = List.of(blockedInfo(s, "apache.snapshots"), blockedInfo(s, "plexus.snapshots"),
                blockedInfo(s, "rogue"), blockedInfo(s, "other"),
                s.finding(FindingCode.NOT_ON_MIRROR, Severity.INFO).message("3 optional side file(s) ...").build());
        List<String[]> lines = Summary.lines(s, findings, BuildOutcome.success());
        List<String> info = texts(lines, "info");
        List<String> blocked = info.stream().filter(l -> l.contains("REPOSITORY_BLOCKED")).toList();
        assertEquals(2, blocked.size(), blocked.toString()); // the counts line and one collapsed line
        assertTrue(blocked.get(1).startsWith("[airlock] REPOSITORY_BLOCKED x4 (info, nothing to do): apache.snapshots,"
                + " plexus.snapshots, rogue and 1 more; e.g. repository apache.snapshots"), blocked.get(1));
        assertEquals(1, info.stream().filter(l -> l.startsWith("[airlock] NOT_ON_MIRROR")).count(), info.toString());
        assertTrue(texts(lines, "error").isEmpty());
        assertTrue(info.stream().noneMatch(l -> l.contains("build:")), info.toString());
    }

    @Test
    void aBuildThatFailedForAnotherReasonSaysSo() throws IOException {
        BuildSession s = session();
        List<String[]> lines = Summary.lines(s, List.of(blockedInfo(s, "rogue")),
                BuildOutcome.failure("Failed to execute goal ...compile: Compilation failure", false));
        List<String> errors = texts(lines, "error");
        assertEquals(List.of("[airlock] build: FAILED for a reason Airlock did not raise (Airlock found nothing that"
                + " fails it); Maven's first error: Failed to execute goal ...compile: Compilation failure"), errors);
        // before the counts line
        int build = lines.indexOf(lines.stream().filter(l -> l[1].contains("build: FAILED")).findFirst().orElseThrow());
        int counts = lines.indexOf(lines.stream().filter(l -> l[1].contains("findings: 0 error(s)")).findFirst()
                .orElseThrow());
        assertTrue(build < counts);

        List<String> airlocks = texts(Summary.lines(s, List.of(), BuildOutcome.failure("airlock: refused", true)),
                "error");
        assertEquals(List.of("[airlock] build: FAILED on what Airlock reported; Maven's first error: airlock: refused"),
                airlocks);
    }

    @Test
    void errorsKeepOneLineEachWithTheirHashes() throws IOException {
        BuildSession s = session();
        Finding lock = s.finding(FindingCode.LOCK_HASH_MISMATCH, Severity.ERROR).coordinatesOrSubject("g:a:jar:1")
                .message("g:a:jar:1 is not what the lock records").expected("sha256 " + "a".repeat(64))
                .actual("sha256 " + "b".repeat(64)).build();
        Finding other = lock.toBuilder().coordinatesOrSubject("g:b:jar:1")
                .message("g:b:jar:1 is not what the lock records")
                .build();
        List<String> errors = texts(Summary.lines(s, List.of(lock, other), null), "error");
        assertEquals(2, errors.size());
        assertTrue(errors.get(0).contains("(expected sha256 " + "a".repeat(64) + ", actual sha256 " + "b".repeat(64)
                + ")"), errors.get(0));
    }

    @Test
    void missesFollowTheBuildAndSideFilesCollapse() throws IOException {
        BuildSession s = session();
        s.miss(s.finding(FindingCode.NOT_ON_MIRROR, Severity.ERROR).coordinatesOrSubject("g:a:pom:1")
                .message("g:a:pom:1 is not on the configured mirrors").build());
        s.sideFileMissing("g:a:jar.asc:1", List.of("internal"));
        s.sideFileMissing("g:a:jar.sigstore.json:1", List.of("internal"));
        s.sideFileMissing("g:a:jar.asc:1", List.of("internal"));
        SessionEnd.reportMisses(s, List.of());
        List<Finding> f = s.findings();
        assertEquals(2, f.size(), f.toString());
        Finding miss = f.stream().filter(x -> "g:a:pom:1".equals(x.subject())).findFirst().orElseThrow();
        assertEquals(Severity.WARN, miss.severity());
        assertTrue(miss.message().endsWith("; the build succeeded without it"), miss.message());
        Finding side = f.stream().filter(x -> x.subject() == null).findFirst().orElseThrow();
        assertEquals(FindingCode.NOT_ON_MIRROR, side.code());
        assertEquals(Severity.INFO, side.severity());
        assertEquals("2", side.details().get("asked"));
        assertTrue(side.message().startsWith("2 optional side file(s)"), side.message());

        // a build that failed on it (Maven's error names it) keeps the error; one that failed otherwise does not
        BuildSession failed = session();
        failed.miss(s.finding(FindingCode.NOT_ON_MIRROR, Severity.ERROR).coordinatesOrSubject("g:a:jar:1")
                .message("m").build());
        failed.miss(s.finding(FindingCode.NOT_ON_MIRROR, Severity.ERROR).coordinatesOrSubject("g:b:pom:1")
                .message("n").build());
        SessionEnd.reportMisses(failed, List.of(new Exception("Could not resolve dependencies",
                new Exception("Could not find artifact g:a:jar:1 in internal (http://127.0.0.1:1/)"))));
        Finding a = failed.findings().stream().filter(x -> "g:a:jar:1".equals(x.subject())).findFirst().orElseThrow();
        Finding b = failed.findings().stream().filter(x -> "g:b:pom:1".equals(x.subject())).findFirst().orElseThrow();
        assertEquals(Severity.ERROR, a.severity());
        assertEquals("m", a.message());
        assertEquals(Severity.WARN, b.severity());
        assertTrue(b.message().endsWith("(the build failed for another reason)"), b.message());
        assertTrue(failed.findings().stream().noneMatch(x -> x.severity() == Severity.INFO));

        // the end not known (the build stopped before Maven's result): as reported
        BuildSession unknown = session();
        unknown.miss(s.finding(FindingCode.NOT_ON_MIRROR, Severity.ERROR).coordinatesOrSubject("g:a:jar:1")
                .message("m").build());
        SessionEnd.reportMisses(unknown, null);
        assertEquals(Severity.ERROR, unknown.findings().get(0).severity());
    }
}
