package dev.airlock.verify.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.airlock.verify.finding.Finding;
import dev.airlock.verify.finding.FindingCode;
import dev.airlock.verify.finding.Severity;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens a written {@code report.html} in a real headless browser (Debian's {@code chromium}): the DOM after the
 * page's script ran, and a screenshot. Skipped, never passed, where Chromium is not installed; {@code .ci/run}
 * installs it and fails when this test was skipped.
 */
class HtmlReportBrowserTest {
    private static final long TIMEOUT_SECONDS = 120;
    private static Path chromium;

    @TempDir
    Path tmp;

    @BeforeAll
    static void findChromium() {
        chromium = locate();
    }

    /**
     * Per test, not in {@link BeforeAll}: an assumption that fails there aborts the class, which surefire reports as
     * no test at all rather than as skipped tests.
     */
    @BeforeEach
    void requireChromium() {
        assumeTrue(chromium != null,
                "Chromium is not installed (no chromium on PATH): install Debian's package with"
                        + " 'apt-get install chromium' to run the browser test of report.html");
    }

    private static Path locate() {
        String env = System.getenv("AIRLOCK_CHROMIUM");
        if (env != null && Files.isExecutable(Path.of(env))) {
            return Path.of(env);
        }
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(java.io.File.pathSeparator)) {
                for (String name : List.of("chromium", "chromium-browser")) {
                    Path p = Path.of(dir.isEmpty() ? "." : dir, name);
                    if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                        return p;
                    }
                }
            }
        }
        return null;
    }

    private Path writeReport() throws IOException {
        Path dir = tmp.resolve("target/airlock");
        List<Finding> ext = new ArrayList<>();
        ext.add(ReportFileTest.blocked("com.example:dep:jar:1.0"));
        ext.add(Finding.builder(FindingCode.REPOSITORY_BLOCKED, Severity.INFO).source("extension")
                .subject(HtmlReportTest.EVIL_COORDS).repository("rogue", "https://rogue.example/")
                .message(HtmlReportTest.EVIL_MESSAGE).build());
        ReportFile.merge(dir, "browser-session", "extension", ext, tmp, BuildOutcome.failure("boom", true));
        ReportFile.merge(dir, "browser-session", "verifySbom", List.of(ReportFileTest.sbom()), tmp);
        Path html = dir.resolve(ReportFile.HTML_NAME);
        assertTrue(Files.isRegularFile(html));
        return html;
    }

    private String run(List<String> args, String what) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory(tmp, "chromium-profile");
        List<String> cmd = new ArrayList<>(List.of(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile));
        cmd.addAll(args);
        Path out = tmp.resolve(what + ".out");
        Path err = tmp.resolve(what + ".err");
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("chromium " + what + " did not end in " + TIMEOUT_SECONDS + " s; stderr: "
                    + Files.readString(err));
        }
        assertEquals(0, p.exitValue(), "chromium " + what + " failed; stderr: " + Files.readString(err));
        return Files.readString(out, StandardCharsets.UTF_8);
    }

    @Test
    void theDomAfterTheScriptRanShowsTheReportAndNoInjectedScriptRan() throws Exception {
        Path html = writeReport();
        String dom = run(List.of("--dump-dom", html.toUri().toString()), "dump-dom");
        // rendered: the summary, a finding's code and coordinates as text
        assertTrue(dom.contains("<title>Airlock report</title>"), dom);
        assertTrue(dom.contains("id=\"summary\""), dom);
        assertTrue(dom.contains("FAIL</span>"), dom);
        assertTrue(dom.contains("2 error finding(s), 0 warning(s), 1 info"), dom);
        assertTrue(dom.contains("<span class=\"code\">SBOM_HASH_MISMATCH</span>"), dom);
        assertTrue(dom.contains("<span class=\"coordinates\">com.acme:lib:jar:tests:1.0</span>"), dom);
        // the page's own script ran (the filter wrote the count, the body carries its marker)
        assertTrue(dom.contains("data-filter-ready=\"true\""), "the inline script did not run: " + dom);
        assertTrue(dom.contains("3 of 3 finding(s) shown"), dom);
        // the coordinate carrying <script> is text; the injected script and handler did not run
        assertTrue(dom.contains("com.evil:&lt;script&gt;document.title='PWNED';"), dom);
        assertFalse(dom.contains("PWNED</title>") || dom.contains("PWNED2</title>"), dom);
        assertFalse(dom.contains("data-pwned".concat("=\"1\"")), dom);
        Matcher scripts = Pattern.compile("<script\\b").matcher(dom);
        int n = 0;
        while (scripts.find()) {
            n++;
        }
        assertEquals(1, n, "only the page's own script element");
        assertFalse(dom.contains("<img"), dom);
    }

    @Test
    void theFilterHidesTheFindingsOfUntickedSeverities() throws Exception {
        Path html = writeReport();
        String dom = run(List.of("--dump-dom", html.toUri() + "#severity=error"), "dump-dom-filtered");
        assertTrue(dom.contains("data-filter-ready=\"true\""), "the inline script did not run: " + dom);
        assertTrue(dom.contains("2 of 3 finding(s) shown"), dom);
        Matcher info = Pattern.compile("<article class=\"finding info\"[^>]*>").matcher(dom);
        assertTrue(info.find(), dom);
        assertTrue(info.group().contains("hidden"), "the info finding is hidden: " + info.group());
        Matcher error = Pattern.compile("<article class=\"finding error\"[^>]*>").matcher(dom);
        while (error.find()) {
            assertFalse(error.group().contains("hidden"), error.group());
        }
    }

    @Test
    void aFragmentCarryingMarkupIsOnlyComparedNeverInserted() throws Exception {
        Path html = writeReport();
        String dom = run(List.of("--dump-dom",
                html.toUri() + "#code=%3Cimg%20src%3Dx%20onerror%3D%22document.title%3D'PWNED3'%22%3E"), "dump-dom-hash");
        assertTrue(dom.contains("data-filter-ready=\"true\""), "the inline script did not run: " + dom);
        assertTrue(dom.contains("0 of 3 finding(s) shown"), "no code matches the fragment: " + dom);
        assertTrue(dom.contains("<title>Airlock report</title>"), dom);
        assertFalse(dom.contains("<img"), dom);
        assertFalse(dom.contains("PWNED3"), dom);
    }

    @Test
    void aScreenshotOfThePageIsTaken() throws Exception {
        Path html = writeReport();
        Path png = tmp.resolve("report.png");
        run(List.of("--screenshot=" + png, "--window-size=1280,2000", html.toUri().toString()), "screenshot");
        assertTrue(Files.isRegularFile(png), "no screenshot written");
        byte[] bytes = Files.readAllBytes(png);
        assertTrue(bytes.length > 10_000, "screenshot too small to hold the page: " + bytes.length + " bytes");
        assertEquals((byte) 0x89, bytes[0]);
        assertEquals("PNG", new String(bytes, 1, 3, StandardCharsets.US_ASCII));
        // IHDR: the width and height asked for
        int width = ((bytes[16] & 0xff) << 24) | ((bytes[17] & 0xff) << 16) | ((bytes[18] & 0xff) << 8) | (bytes[19] & 0xff);
        assertEquals(1280, width);
    }
}
