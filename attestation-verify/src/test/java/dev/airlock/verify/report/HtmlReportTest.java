package dev.airlock.verify.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.airlock.verify.finding.Coordinates;
import dev.airlock.verify.finding.Finding;
import dev.airlock.verify.finding.FindingCode;
import dev.airlock.verify.finding.Severity;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HtmlReportTest {
    /** A coordinate an untrusted POM could carry: a script, quotes, an ampersand. */
    static final String EVIL_COORDS = "com.evil:<script>document.title='PWNED';"
            + "document.body.setAttribute('data-pwned','1')</script>:jar:1.0";
    /** A message that tries to leave an attribute and add a handler, and to load an external image. */
    static final String EVIL_MESSAGE = "\"><img src=\"https://evil.example/x.png\" onerror=\"document.title='PWNED2'\">"
            + " & 'quoted' <b>bold</b>";

    @TempDir
    Path root;

    static List<Finding> findings(Path dir) {
        List<Finding> l = new ArrayList<>();
        l.add(ReportFileTest.blocked("com.example:dep:jar:1.0"));
        l.add(ReportFileTest.sbom());
        l.add(Finding.builder(FindingCode.NOT_IN_SBOM, Severity.WARN).source("verifySbom")
                .coordinates(Coordinates.parse("com.example:extra:jar:2.0")).message("not listed by the SBOM").build());
        l.add(Finding.builder(FindingCode.REPOSITORY_BLOCKED, Severity.INFO).source("extension")
                .subject(EVIL_COORDS).repository("rogue\"><script>x()</script>", "https://rogue.example/\" onclick=\"x()")
                .message(EVIL_MESSAGE).expected("a<b").actual("c&d").fix("'fix' \"it\"")
                .file(dir.resolve("evil dir/<x>.jar").toString())
                .detail("declaredIn", "com.example:<i>pom</i>:pom:1")
                .detail("where\" onmouseover=\"x()", dir.resolve("cfg.properties") + ":3").build());
        return l;
    }

    static ReportFile.Report report(Path dir, BuildOutcome build) {
        List<Finding> f = findings(dir);
        f.sort(ReportFile.ORDER);
        return new ReportFile.Report("session-1", new LinkedHashSet<>(List.of("extension", "verifySbom", "verifySignatures")),
                f, build);
    }

    @Test
    void summaryAndFindingsAreOnThePage() {
        String html = HtmlReport.render(report(root, BuildOutcome.failure("Failed to execute goal x <y>", true)));
        assertTrue(html.startsWith("<!DOCTYPE html>"));
        assertTrue(html.contains("<span class=\"verdict fail\">FAIL</span>"), "verdict");
        assertTrue(html.contains("2 error finding(s), 1 warning(s), 1 info"), "counts per severity");
        assertTrue(html.contains("Build outcome: <strong>failure</strong>, raised by Airlock"), "build outcome");
        assertTrue(html.contains("Failed to execute goal x &lt;y&gt;"), "first error, escaped");
        // per code, with counts
        assertTrue(html.contains("<td class=\"mono\">REPOSITORY_BLOCKED</td><td class=\"n\">2</td>"), html);
        assertTrue(html.contains("<td class=\"mono\">SBOM_HASH_MISMATCH</td><td class=\"n\">1</td>"));
        assertTrue(html.contains("<td class=\"mono\">NOT_IN_SBOM</td><td class=\"n\">1</td>"));
        // per component, including one that ran and reported nothing
        assertTrue(html.contains("<td class=\"mono\">verifySbom</td><td>every resolved artifact against an SBOM&#39;s"
                + " hashes</td><td class=\"n\">1</td><td class=\"n\">1</td>"
                + "<td class=\"n\">0</td><td class=\"mono\">NOT_IN_SBOM x1, SBOM_HASH_MISMATCH x1</td>"), html);
        assertTrue(html.contains("<td class=\"mono\">verifySignatures</td><td>Sigstore, cosign and OpenPGP signatures,"
                + " offline, under the trust policy</td><td class=\"n\">0</td><td class=\"n\">0</td>"
                + "<td class=\"n\">0</td><td class=\"mono\">no findings</td>"), html);
        assertFalse(html.contains("id=\"not-evaluated\""), "no NOT_EVALUATED finding, no list");
        // the findings: code, coordinates, rule, expected/actual, fix, path, sha256, file link
        assertTrue(html.contains("<span class=\"code\">SBOM_HASH_MISMATCH</span> "
                + "<span class=\"coordinates\">com.acme:lib:jar:tests:1.0</span>"));
        assertTrue(html.contains("<dt>rule</dt><dd>verifySbom</dd>"));
        assertTrue(html.contains("<dt>expected</dt><dd>sha512 00</dd>"));
        assertTrue(html.contains("<dt>actual</dt><dd>sha512 11</dd>"));
        assertTrue(html.contains("<dt>via</dt><dd>a -&gt; b</dd>"));
        assertTrue(html.contains("<dt>sha256</dt><dd>" + "ab".repeat(32) + "</dd>"));
        assertTrue(html.contains("<dt>file</dt><dd><a href=\"file:///repo/lib-1.0-tests.jar\">/repo/lib-1.0-tests.jar</a>"));
        assertTrue(html.contains("<dt>fix</dt><dd>publish it to a mirror</dd>"));
        assertTrue(html.contains("<dt>declaredIn</dt><dd>com.example:dep:pom:1.0</dd>"));
        // filters, one checkbox per code and severity
        assertTrue(html.contains("<input type=\"checkbox\" data-filter=\"code\" value=\"NOT_IN_SBOM\" checked>"));
        assertTrue(html.contains("<input type=\"checkbox\" data-filter=\"severity\" value=\"warn\" checked>"));
        assertEquals(4, count(html, "<article class=\"finding "));
        // errors first
        assertTrue(html.indexOf("data-severity=\"error\"") < html.indexOf("data-severity=\"warn\""));
        assertTrue(html.indexOf("data-severity=\"warn\"") < html.indexOf("data-severity=\"info\""));
    }

    @Test
    void verdictPassesWithoutErrorsAndSaysWhenTheBuildOutcomeIsUnknown() {
        List<Finding> f = List.of(Finding.builder(FindingCode.NOT_EVALUATED, Severity.WARN).source("verifyProvenance")
                .message("no provenance policy").build());
        String html = HtmlReport.render(new ReportFile.Report("s", Set.of("verifyProvenance"), f));
        assertTrue(html.contains("<span class=\"verdict pass\">PASS</span>"));
        assertTrue(html.contains("0 error finding(s), 1 warning(s), 0 info"));
        assertTrue(html.contains("Build outcome: not recorded"));
        assertTrue(html.contains("<ul id=\"not-evaluated\">\n<li><a href=\"#f1\">verifyProvenance</a>: no provenance"
                + " policy</li>"), html);
        assertTrue(html.contains("<article class=\"finding warn\" id=\"f1\""));
        String failedElsewhere = HtmlReport.render(new ReportFile.Report("s", Set.of("extension"), List.of(),
                BuildOutcome.failure("compile error", false)));
        assertTrue(failedElsewhere.contains("<span class=\"verdict fail\">FAIL</span>"), "a failed build is no pass");
        assertTrue(failedElsewhere.contains("for a reason Airlock did not raise"));
        assertTrue(failedElsewhere.contains("<tr><td colspan=\"3\">no findings</td></tr>"));
    }

    @Test
    void untrustedTextStaysText() {
        String html = HtmlReport.render(report(root, null));
        // exactly one script element: the page's own, and it carries no data of the report
        assertEquals(1, count(html.toLowerCase(Locale.ROOT), "<script"), "no <script> from data");
        assertFalse(HtmlReport.SCRIPT.contains("PWNED"));
        assertTrue(html.contains("com.evil:&lt;script&gt;document.title=&#39;PWNED&#39;;"
                + "document.body.setAttribute(&#39;data-pwned&#39;,&#39;1&#39;)&lt;/script&gt;:jar:1.0"), html);
        assertTrue(html.contains("&quot;&gt;&lt;img src=&quot;https://evil.example/x.png&quot; onerror=&quot;"
                + "document.title=&#39;PWNED2&#39;&quot;&gt; &amp; &#39;quoted&#39; &lt;b&gt;bold&lt;/b&gt;"));
        assertFalse(html.contains("<img"));
        assertFalse(html.contains("<b>"));
        assertFalse(html.contains("<i>"));
        assertTrue(html.contains("<dt>expected</dt><dd>a&lt;b</dd>"));
        assertTrue(html.contains("<dt>actual</dt><dd>c&amp;d</dd>"));
        assertTrue(html.contains("<dt>fix</dt><dd>&#39;fix&#39; &quot;it&quot;</dd>"));
        // a detail name in an attribute-like shape stays text; no handler attribute anywhere in a real tag
        assertTrue(html.contains("<dt>where&quot; onmouseover=&quot;x()</dt>"));
        for (Tag t : tags(html)) {
            for (String[] a : t.attributes) {
                assertFalse(a[0].startsWith("on"), "event handler attribute " + a[0] + " in " + t.raw);
            }
            assertFalse(t.raw.contains("PWNED"), t.raw);
        }
        // the file link is a percent-encoded file: URI, its text escaped
        String uri = root.resolve("evil dir/<x>.jar").toUri().toASCIIString();
        assertTrue(uri.startsWith("file:") && !uri.contains("<") && !uri.contains("\""));
        assertTrue(html.contains("<a href=\"" + uri + "\">"), html);
        String cfg = root.resolve("cfg.properties").toUri().toASCIIString();
        assertTrue(html.contains("<a href=\"" + cfg + "\">" + root.resolve("cfg.properties") + ":3</a>"));
    }

    @Test
    void escapingOfEachContext() {
        assertEquals("&lt;script&gt;alert(1)&lt;/script&gt;", HtmlReport.text("<script>alert(1)</script>"));
        assertEquals("a&amp;b &quot;c&quot; &#39;d&#39; &#96;e&#96;", HtmlReport.attr("a&b \"c\" 'd' `e`"));
        assertEquals("x&#xFFFD;y", HtmlReport.text("x\u0000y"));
        assertEquals("", HtmlReport.text(null));
        assertNull(HtmlReport.fileUri("relative/path.jar"));
        assertNull(HtmlReport.fileUri("javascript:alert(1)"));
        assertNull(HtmlReport.fileUri("https://evil.example/x"));
        assertNull(HtmlReport.fileUri("com.example:a:pom:1"));
        assertEquals("file:///srv/example/a%20b/c.jar", HtmlReport.fileUri("/srv/example/a b/c.jar"));
        assertEquals("file:///srv/example/a.properties", HtmlReport.fileUri("/srv/example/a.properties:12"));
    }

    @Test
    void selfContainedWithoutExternalResources() {
        String html = HtmlReport.render(report(root, null));
        List<Tag> tags = tags(html);
        assertFalse(tags.isEmpty());
        for (Tag t : tags) {
            assertFalse(Set.of("link", "img", "iframe", "object", "embed", "base", "frame", "audio", "video",
                    "source", "form").contains(t.name), "external-capable element " + t.raw);
            for (String[] a : t.attributes) {
                String name = a[0];
                String value = a[1].toLowerCase(Locale.ROOT);
                assertFalse(name.equals("src") || name.equals("srcset") || name.equals("action"), t.raw);
                if (name.equals("href")) {
                    assertTrue(value.startsWith("file:") || value.startsWith("#"), "href to " + value);
                }
                assertFalse(value.contains("http://") || value.contains("https://"), t.raw);
            }
        }
        // inside the page's own style and script: no url(), @import or fetch
        String style = html.substring(html.indexOf("<style>"), html.indexOf("</style>"));
        assertFalse(style.contains("url(") || style.contains("@import") || style.contains("http"));
        for (String s : List.of("http", "fetch(", "XMLHttpRequest", "import(", "src")) {
            assertFalse(HtmlReport.SCRIPT.contains(s), s);
        }
        // a policy that forbids loading anything, allowing only the page's own inline script by its hash
        assertTrue(html.contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src &#39;none&#39;;"
                + " style-src &#39;unsafe-inline&#39;; script-src &#39;sha256-"));
    }

    @Test
    void stableOutputForTheSameReport() {
        String a = HtmlReport.render(report(root, BuildOutcome.success()));
        List<Finding> shuffled = new ArrayList<>(report(root, BuildOutcome.success()).findings());
        java.util.Collections.reverse(shuffled);
        String b = HtmlReport.render(new ReportFile.Report("session-1",
                new LinkedHashSet<>(List.of("extension", "verifySbom", "verifySignatures")), shuffled,
                BuildOutcome.success()));
        assertEquals(a, b);
        assertFalse(Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:").matcher(a).find(), "no time stamp");
    }

    @Test
    void mergeWritesTheHtmlNextToTheJsonFromTheMergedReport() throws IOException {
        Path dir = root.resolve("target/airlock");
        ReportFile.merge(dir, "s1", "extension", List.of(ReportFileTest.blocked("g:a:jar:1")), root);
        ReportFile.merge(dir, "s1", "verifySbom", List.of(ReportFileTest.sbom()), root);
        Path html = dir.resolve(ReportFile.HTML_NAME);
        assertTrue(Files.isRegularFile(html));
        String page = Files.readString(html, StandardCharsets.UTF_8);
        assertEquals(HtmlReport.render(ReportFile.read(dir.resolve(ReportFile.JSON_NAME))), page);
        assertTrue(page.contains("<span class=\"coordinates\">g:a:jar:1</span>"));
        assertTrue(page.contains("<span class=\"coordinates\">com.acme:lib:jar:tests:1.0</span>"));
        try (var files = Files.list(dir)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")), "no temporary file left");
        }
    }

    record Tag(String raw, String name, List<String[]> attributes) {}

    private static final Pattern TAG = Pattern.compile("<([a-zA-Z][a-zA-Z0-9]*)([^>]*)>");
    private static final Pattern ATTR = Pattern.compile("([a-zA-Z_:][-a-zA-Z0-9_:.]*)(?:\\s*=\\s*(\"[^\"]*\"|'[^']*'|[^\\s>]+))?");

    /** The real tags of the page: data is escaped, so every {@code <} followed by a letter opens one of ours. */
    static List<Tag> tags(String html) {
        List<Tag> out = new ArrayList<>();
        Matcher m = TAG.matcher(html);
        while (m.find()) {
            List<String[]> attrs = new ArrayList<>();
            Matcher a = ATTR.matcher(m.group(2));
            while (a.find()) {
                String v = a.group(2) == null ? "" : a.group(2);
                if (v.startsWith("\"") || v.startsWith("'")) {
                    v = v.substring(1, v.length() - 1);
                }
                attrs.add(new String[] {a.group(1).toLowerCase(Locale.ROOT), v});
            }
            out.add(new Tag(m.group(), m.group(1).toLowerCase(Locale.ROOT), attrs));
        }
        return out;
    }

    static int count(String s, String sub) {
        int n = 0;
        for (int i = s.indexOf(sub); i >= 0; i = s.indexOf(sub, i + 1)) {
            n++;
        }
        return n;
    }
}
