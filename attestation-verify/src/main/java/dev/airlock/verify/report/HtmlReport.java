package dev.airlock.verify.report;

import dev.airlock.verify.finding.Finding;
import dev.airlock.verify.finding.FindingCode;
import dev.airlock.verify.finding.Severity;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code report.html}: the findings of {@code report.json} as one self-contained page a person opens from disk
 * (docs/report-html.md). A summary (the verdict, counts per severity and per code, the components that contributed
 * and what each reported), then one card per finding, filterable by code and severity with a small inline script.
 *
 * <p>No external resource of any kind (scripts, styles, fonts, images): it works offline and from {@code file:}.
 * Every text of the report is escaped for the HTML text and attribute contexts it lands in; coordinates and messages
 * come from POMs and repositories nobody vetted. A Content-Security-Policy allows only the page's own inline script
 * (by its hash) and inline styles, so even a text that escaped escaping could not run. The output holds no time
 * stamp: the same report gives the same bytes.
 */
public final class HtmlReport {
    public static final String NAME = "report.html";
    private static final Pattern FILE_LINE = Pattern.compile("^(.*):(\\d+)$");

    /**
     * The filter: shows the findings whose code and severity are both ticked; the page's fragment may preselect
     * them ({@code #severity=error&code=A,B}). Holds no data of the report.
     */
    static final String SCRIPT = """
            (function () {
              var boxes = document.querySelectorAll('input[data-filter]');
              var cards = document.querySelectorAll('.finding');
              function apply() {
                var on = {code: {}, severity: {}};
                boxes.forEach(function (b) { on[b.getAttribute('data-filter')][b.value] = b.checked; });
                var shown = 0;
                cards.forEach(function (c) {
                  var visible = on.code[c.getAttribute('data-code')] !== false
                      && on.severity[c.getAttribute('data-severity')] !== false;
                  c.hidden = !visible;
                  if (visible) { shown++; }
                });
                document.getElementById('shown').textContent = shown + ' of ' + cards.length + ' finding(s) shown';
              }
              // a link may preselect: #severity=error,warn&code=SBOM_HASH_MISMATCH (only compared, never inserted)
              location.hash.replace(/^#/, '').split('&').forEach(function (part) {
                var kv = part.split('=');
                if (kv.length !== 2 || (kv[0] !== 'code' && kv[0] !== 'severity')) { return; }
                var wanted;
                try { wanted = decodeURIComponent(kv[1]).split(','); } catch (e) { return; }
                boxes.forEach(function (b) {
                  if (b.getAttribute('data-filter') === kv[0]) { b.checked = wanted.indexOf(b.value) >= 0; }
                });
              });
              boxes.forEach(function (b) { b.addEventListener('change', apply); });
              document.querySelectorAll('button[data-all]').forEach(function (btn) {
                btn.addEventListener('click', function () {
                  var kind = btn.getAttribute('data-all');
                  var value = btn.getAttribute('data-value') === 'true';
                  boxes.forEach(function (b) { if (b.getAttribute('data-filter') === kind) { b.checked = value; } });
                  apply();
                });
              });
              apply();
              document.body.setAttribute('data-filter-ready', 'true');
            })();
            """;

    private static final String STYLE = """
            body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;padding:1.5rem;color:#1b1f24;\
            background:#f6f8fa;line-height:1.4}
            h1{margin:0 0 .5rem;font-size:1.6rem}h2{font-size:1.2rem;margin:1.5rem 0 .5rem}
            .verdict{display:inline-block;padding:.3rem .8rem;border-radius:4px;font-weight:bold;color:#fff}
            .pass{background:#1a7f37}.fail{background:#cf222e}
            table{border-collapse:collapse;background:#fff;margin:.3rem 0}
            th,td{border:1px solid #d0d7de;padding:.25rem .6rem;text-align:left;vertical-align:top}
            th{background:#eaeef2}td.n{text-align:right}
            .box{background:#fff;border:1px solid #d0d7de;border-radius:6px;padding:.8rem 1rem;margin:.5rem 0}
            .filters fieldset{display:inline-block;vertical-align:top;border:1px solid #d0d7de;margin:0 .8rem .5rem 0}
            .filters label{display:block;font-family:ui-monospace,monospace;font-size:.9rem}
            .finding{background:#fff;border:1px solid #d0d7de;border-left:6px solid #8c959f;border-radius:6px;\
            padding:.6rem 1rem;margin:.6rem 0}
            .finding.error{border-left-color:#cf222e}.finding.warn{border-left-color:#bf8700}\
            .finding.info{border-left-color:#0969da}
            .finding h3{margin:0 0 .3rem;font-size:1rem;font-family:ui-monospace,monospace}
            .sev{text-transform:uppercase;font-size:.8rem;padding:.05rem .4rem;border-radius:3px;color:#fff;\
            background:#8c959f}
            .sev.error{background:#cf222e}.sev.warn{background:#9a6700}.sev.info{background:#0969da}
            code,.mono{font-family:ui-monospace,monospace;word-break:break-all}
            td.mono{word-break:normal}
            dl{display:grid;grid-template-columns:max-content 1fr;gap:.15rem .8rem;margin:.3rem 0}
            dt{font-weight:bold;color:#57606a}dd{margin:0;white-space:pre-wrap;word-break:break-word}
            """;

    /**
     * What each known component checks (docs/extension.md, docs/rules.md): shown beside the component's name when
     * it contributed to the report. A component not listed here is shown by name only.
     */
    static final Map<String, String> CHECKS = Map.of(
            "extension", "every resolution: only the configured mirrors asked (other repositories refused),"
                    + " floating versions, the origin of cached files, the recorded lock and the quarantine",
            "verifySbom", "every resolved artifact against an SBOM's hashes",
            "verifySignatures", "Sigstore, cosign and OpenPGP signatures, offline, under the trust policy",
            "verifyProvenance", "SLSA provenance: signature, subject, builder, source",
            "requireHermeticResolution", "the extension guarded this build in enforce mode, and only mirrors were asked",
            "requireNetworkIsolation", "the build cannot reach the network");

    private HtmlReport() {}

    /** The Content-Security-Policy of the page: nothing external, only this class's inline script and styles. */
    static String contentSecurityPolicy() {
        return "default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-" + sha256Base64(SCRIPT) + "'";
    }

    /** Writes the page of {@code report} (UTF-8). */
    public static void write(OutputStream out, ReportFile.Report report) throws IOException {
        Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        w.write(render(report));
        w.flush();
    }

    /** The page of {@code report}. */
    public static String render(ReportFile.Report report) {
        List<Finding> findings = new ArrayList<>(report.findings());
        findings.sort(ReportFile.ORDER);
        Map<Severity, Integer> bySeverity = new EnumMap<>(Severity.class);
        Map<String, Integer> byCode = new TreeMap<>();
        Map<String, Map<Severity, Integer>> bySource = new LinkedHashMap<>();
        for (String s : report.sources()) {
            bySource.put(s, new EnumMap<>(Severity.class));
        }
        for (Finding f : findings) {
            bySeverity.merge(f.severity(), 1, Integer::sum);
            byCode.merge(f.code().name(), 1, Integer::sum);
            bySource.computeIfAbsent(f.source(), k -> new EnumMap<>(Severity.class))
                    .merge(f.severity(), 1, Integer::sum);
        }
        int errors = bySeverity.getOrDefault(Severity.ERROR, 0);

        StringBuilder h = new StringBuilder(8192);
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        h.append("<meta http-equiv=\"Content-Security-Policy\" content=\"").append(attr(contentSecurityPolicy()))
                .append("\">\n");
        h.append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        h.append("<title>Airlock report</title>\n<style>\n").append(STYLE).append("</style>\n</head>\n<body>\n");

        // Summary
        h.append("<section id=\"summary\">\n<h1>Airlock report</h1>\n");
        h.append("<p class=\"mono\">tool Airlock ").append(text(ToolVersion.get())).append(" &middot; session ")
                .append(text(report.session())).append(" &middot; format ").append(ReportFile.FORMAT).append("</p>\n");
        boolean buildFailed = report.build() != null && report.build().failed();
        boolean pass = !buildFailed && errors == 0;
        h.append("<p id=\"verdict\"><span class=\"verdict ").append(pass ? "pass" : "fail").append("\">")
                .append(pass ? "PASS" : "FAIL").append("</span> ");
        h.append(text(errors + " error finding(s), " + bySeverity.getOrDefault(Severity.WARN, 0) + " warning(s), "
                + bySeverity.getOrDefault(Severity.INFO, 0) + " info")).append("</p>\n");
        h.append("<div class=\"box\" id=\"build\">");
        if (report.build() == null) {
            h.append("Build outcome: not recorded (the extension writes it at the end of the build).");
        } else if (!report.build().failed()) {
            h.append("Build outcome: <strong>success</strong>");
        } else {
            h.append("Build outcome: <strong>failure</strong>, ")
                    .append(report.build().raisedByAirlock() ? "raised by Airlock" : "for a reason Airlock did not raise");
            if (report.build().firstError() != null) {
                h.append("<br>Maven's first error: <span class=\"mono\">").append(text(report.build().firstError()))
                        .append("</span>");
            }
        }
        h.append("</div>\n");

        h.append("<h2>Findings per severity</h2>\n<table id=\"by-severity\"><tr><th>severity</th><th>count</th></tr>\n");
        for (Severity s : List.of(Severity.ERROR, Severity.WARN, Severity.INFO)) {
            h.append("<tr><td>").append(s.id()).append("</td><td class=\"n\">")
                    .append(bySeverity.getOrDefault(s, 0)).append("</td></tr>\n");
        }
        h.append("</table>\n");

        h.append("<h2>Findings per code</h2>\n<table id=\"by-code\"><tr><th>code</th><th>count</th><th>meaning</th></tr>\n");
        for (Map.Entry<String, Integer> e : byCode.entrySet()) {
            h.append("<tr><td class=\"mono\">").append(text(e.getKey())).append("</td><td class=\"n\">")
                    .append(e.getValue()).append("</td><td>").append(text(FindingCode.valueOf(e.getKey()).title()))
                    .append("</td></tr>\n");
        }
        if (byCode.isEmpty()) {
            h.append("<tr><td colspan=\"3\">no findings</td></tr>\n");
        }
        h.append("</table>\n");

        h.append("<h2>What was verified</h2>\n<p>The components that contributed to this report (the extension, and"
                + " each rule or goal that ran), with what each reported. Checks that could not be evaluated are"
                + " reported as NOT_EVALUATED findings, with their reason.</p>\n");
        h.append("<table id=\"by-source\"><tr><th>component</th><th>checks</th><th>error</th><th>warn</th>"
                + "<th>info</th><th>codes</th></tr>\n");
        for (Map.Entry<String, Map<Severity, Integer>> e : bySource.entrySet()) {
            Map<String, Integer> codes = new TreeMap<>();
            for (Finding f : findings) {
                if (f.source().equals(e.getKey())) {
                    codes.merge(f.code().name(), 1, Integer::sum);
                }
            }
            h.append("<tr><td class=\"mono\">").append(text(e.getKey())).append("</td><td>")
                    .append(text(CHECKS.getOrDefault(e.getKey(), ""))).append("</td>");
            for (Severity s : List.of(Severity.ERROR, Severity.WARN, Severity.INFO)) {
                h.append("<td class=\"n\">").append(e.getValue().getOrDefault(s, 0)).append("</td>");
            }
            h.append("<td class=\"mono\">");
            if (codes.isEmpty()) {
                h.append("no findings");
            } else {
                List<String> parts = new ArrayList<>();
                codes.forEach((c, n) -> parts.add(c + " x" + n));
                h.append(text(String.join(", ", parts)));
            }
            h.append("</td></tr>\n");
        }
        h.append("</table>\n");
        List<String> notEvaluated = new ArrayList<>();
        for (int i = 0; i < findings.size(); i++) {
            Finding f = findings.get(i);
            if (f.code() == FindingCode.NOT_EVALUATED) {
                notEvaluated.add("<li><a href=\"#f" + (i + 1) + "\">" + text(f.source()) + "</a>: " + text(f.message())
                        + "</li>\n");
            }
        }
        if (!notEvaluated.isEmpty()) {
            h.append("<h3>Not evaluated</h3>\n<ul id=\"not-evaluated\">\n");
            notEvaluated.forEach(h::append);
            h.append("</ul>\n");
        }
        h.append("</section>\n");

        // Filters
        h.append("<section id=\"filters\" class=\"filters\">\n<h2>Findings</h2>\n");
        h.append("<fieldset><legend>Severity <button type=\"button\" data-all=\"severity\" data-value=\"true\">all"
                + "</button> <button type=\"button\" data-all=\"severity\" data-value=\"false\">none</button></legend>\n");
        for (Severity s : List.of(Severity.ERROR, Severity.WARN, Severity.INFO)) {
            h.append("<label><input type=\"checkbox\" data-filter=\"severity\" value=\"").append(s.id())
                    .append("\" checked> ").append(s.id()).append(" (").append(bySeverity.getOrDefault(s, 0))
                    .append(")</label>\n");
        }
        h.append("</fieldset>\n<fieldset><legend>Code <button type=\"button\" data-all=\"code\" data-value=\"true\">"
                + "all</button> <button type=\"button\" data-all=\"code\" data-value=\"false\">none</button></legend>\n");
        for (Map.Entry<String, Integer> e : byCode.entrySet()) {
            h.append("<label><input type=\"checkbox\" data-filter=\"code\" value=\"").append(attr(e.getKey()))
                    .append("\" checked> ").append(text(e.getKey())).append(" (").append(e.getValue())
                    .append(")</label>\n");
        }
        h.append("</fieldset>\n<p id=\"shown\">").append(findings.size()).append(" finding(s)</p>\n</section>\n");

        // Findings
        h.append("<section id=\"findings\">\n");
        int i = 0;
        for (Finding f : findings) {
            finding(h, f, ++i);
        }
        h.append("</section>\n");
        h.append("<script>").append(SCRIPT).append("</script>\n</body>\n</html>\n");
        return h.toString();
    }

    private static void finding(StringBuilder h, Finding f, int index) {
        h.append("<article class=\"finding ").append(f.severity().id()).append("\" id=\"f").append(index)
                .append("\" data-code=\"").append(attr(f.code().name())).append("\" data-severity=\"")
                .append(f.severity().id()).append("\">\n");
        h.append("<h3><span class=\"sev ").append(f.severity().id()).append("\">").append(f.severity().id())
                .append("</span> <span class=\"code\">").append(text(f.code().name())).append("</span>");
        if (f.subject() != null) {
            h.append(" <span class=\"coordinates\">").append(text(f.subject())).append("</span>");
        }
        h.append("</h3>\n<dl>\n");
        row(h, "message", f.message());
        row(h, "rule", f.source());
        if (f.repositoryId() != null || f.repositoryUrl() != null) {
            String repo = f.repositoryId() == null ? f.repositoryUrl()
                    : f.repositoryUrl() == null ? f.repositoryId() : f.repositoryId() + " (" + f.repositoryUrl() + ")";
            row(h, "repository", repo);
        }
        row(h, "expected", f.expected());
        row(h, "actual", f.actual());
        row(h, "fix", f.fix());
        if (!f.path().isEmpty()) {
            row(h, "via", String.join(" -> ", f.path()));
        }
        if (f.file() != null) {
            fileRow(h, "file", f.file());
        }
        row(h, "sha256", f.sha256());
        for (Map.Entry<String, String> d : f.details().entrySet()) {
            fileRow(h, d.getKey(), d.getValue());
        }
        h.append("</dl>\n</article>\n");
    }

    private static void row(StringBuilder h, String name, String value) {
        if (value != null) {
            h.append("<dt>").append(text(name)).append("</dt><dd>").append(text(value)).append("</dd>\n");
        }
    }

    /** A row whose value, when it is an absolute path (with or without {@code :line}), links to that file. */
    private static void fileRow(StringBuilder h, String name, String value) {
        String uri = fileUri(value);
        if (uri == null) {
            row(h, name, value);
            return;
        }
        h.append("<dt>").append(text(name)).append("</dt><dd><a href=\"").append(attr(uri)).append("\">")
                .append(text(value)).append("</a></dd>\n");
    }

    /** A {@code file:} URI of an absolute local path (a trailing {@code :line} dropped), else null. */
    static String fileUri(String value) {
        if (value == null || value.isEmpty() || value.indexOf('\n') >= 0) {
            return null;
        }
        String p = value;
        Matcher m = FILE_LINE.matcher(value);
        if (m.matches()) {
            p = m.group(1);
        }
        boolean looksAbsolute = p.startsWith("/") || p.matches("^[A-Za-z]:[\\\\/].*");
        if (!looksAbsolute) {
            return null;
        }
        try {
            Path path = Path.of(p);
            if (!path.isAbsolute()) {
                return null;
            }
            String uri = path.toUri().toASCIIString();
            return uri.startsWith("file:") ? uri : null;
        } catch (InvalidPathException | java.io.IOError | SecurityException e) {
            return null;
        }
    }

    /** Escapes for HTML text. */
    static String text(String s) {
        return escape(s);
    }

    /** Escapes for a double-quoted HTML attribute value. */
    static String attr(String s) {
        return escape(s);
    }

    private static String escape(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                case '`' -> b.append("&#96;");
                default -> {
                    if (c < 0x20 && c != '\n' && c != '\t' && c != '\r') {
                        b.append("&#xFFFD;"); // control characters are not valid HTML text
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }

    private static String sha256Base64(String s) {
        try {
            return Base64.getEncoder()
                    .encodeToString(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
