package dev.airlock.verify.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.airlock.verify.finding.Finding;
import dev.airlock.verify.finding.FindingJson;
import dev.airlock.verify.finding.Severity;
import dev.airlock.verify.io.ProcessLock;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@code report.json}, {@code report.sarif} and {@code report.html} of one build (docs/report-format.md,
 * docs/report-html.md). Every component of a build (the extension, the rules of each module) adds its findings with
 * {@link #merge}: under a file lock, the report of the same build session is read, the findings are added (identical
 * ones once), and the three files are replaced atomically, each from the same merged report. A report of another session (an earlier build) is replaced, never merged into.
 */
public final class ReportFile {
    public static final String FORMAT = "airlock-report/1";
    public static final String JSON_NAME = "report.json";
    public static final String SARIF_NAME = "report.sarif";
    public static final String HTML_NAME = HtmlReport.NAME;
    private static final JsonFactory JSON = new JsonFactory();

    private ReportFile() {}

    /**
     * A report as read back: its session, the components that contributed, the findings, and how Maven ended the
     * build (null until the extension wrote it at the session's end, or without the extension).
     */
    public record Report(String session, Set<String> sources, List<Finding> findings, BuildOutcome build) {
        public Report(String session, Set<String> sources, List<Finding> findings) {
            this(session, sources, findings, null);
        }
    }

    /**
     * Adds {@code findings} of {@code source} to the reports in {@code dir} for build {@code session} and rewrites
     * {@code report.json}, {@code report.sarif} and {@code report.html}.
     *
     * @param projectRoot the directory SARIF locations are relative to
     * @return the merged report
     */
    public static Report merge(Path dir, String session, String source, Collection<Finding> findings,
            Path projectRoot) throws IOException {
        return merge(dir, session, source, findings, projectRoot, null);
    }

    /**
     * As {@link #merge(Path, String, String, Collection, Path)}, also recording how Maven ended the build
     * ({@code build}); null keeps what the report of this session already says.
     */
    public static Report merge(Path dir, String session, String source, Collection<Finding> findings,
            Path projectRoot, BuildOutcome build) throws IOException {
        Files.createDirectories(dir);
        Path json = dir.resolve(JSON_NAME);
        try (ProcessLock ignored = ProcessLock.acquire(dir.resolve(JSON_NAME + ".lock"))) {
            Set<String> sources = new LinkedHashSet<>();
            Map<String, Finding> merged = new LinkedHashMap<>();
            BuildOutcome outcome = build;
            if (Files.isRegularFile(json)) {
                Report old;
                try {
                    old = read(json);
                } catch (IOException e) {
                    old = null; // an unreadable report of an unknown build is replaced, not merged
                }
                if (old != null && session.equals(old.session())) {
                    sources.addAll(old.sources());
                    old.findings().forEach(f -> merged.putIfAbsent(f.key(), f));
                    if (outcome == null) {
                        outcome = old.build();
                    }
                }
            }
            sources.add(source);
            findings.forEach(f -> merged.putIfAbsent(f.key(), f));
            List<Finding> all = new ArrayList<>(merged.values());
            all.sort(ORDER);
            Report report = new Report(session, sources, all, outcome);
            writeAtomically(json, out -> writeJson(out, report));
            writeAtomically(dir.resolve(SARIF_NAME), out -> SarifWriter.write(out, report, projectRoot));
            writeAtomically(dir.resolve(HTML_NAME), out -> HtmlReport.write(out, report));
            return report;
        }
    }

    /** The files a report can be written as. */
    public enum Format {
        JSON(JSON_NAME),
        SARIF(SARIF_NAME),
        HTML(HTML_NAME);

        private final String fileName;

        Format(String fileName) {
            this.fileName = fileName;
        }

        public String fileName() {
            return fileName;
        }
    }

    /**
     * Writes a report of its own (never merged: an audit, not a build) as the files of {@code formats}, each from the
     * same findings, sorted as {@link #merge} sorts them; replaces those files atomically.
     *
     * @param projectRoot the directory SARIF locations are relative to
     * @return the report written
     */
    public static Report write(Path dir, String session, String source, Collection<Finding> findings,
            Path projectRoot, Set<Format> formats) throws IOException {
        Files.createDirectories(dir);
        List<Finding> all = new ArrayList<>(findings);
        all.sort(ORDER);
        Report report = new Report(session, new LinkedHashSet<>(List.of(source)), all, null);
        try (ProcessLock ignored = ProcessLock.acquire(dir.resolve(JSON_NAME + ".lock"))) {
            if (formats.contains(Format.JSON)) {
                writeAtomically(dir.resolve(JSON_NAME), out -> writeJson(out, report));
            }
            if (formats.contains(Format.SARIF)) {
                writeAtomically(dir.resolve(SARIF_NAME), out -> SarifWriter.write(out, report, projectRoot));
            }
            if (formats.contains(Format.HTML)) {
                writeAtomically(dir.resolve(HTML_NAME), out -> HtmlReport.write(out, report));
            }
        }
        return report;
    }

    /** Errors first, then by code and coordinates: a stable order for diffs. */
    static final Comparator<Finding> ORDER = Comparator.comparing((Finding f) -> -f.severity().ordinal())
            .thenComparing(f -> f.code().name())
            .thenComparing(f -> String.valueOf(f.subject()))
            .thenComparing(Finding::message);

    /** Reads a report written by {@link #merge}. */
    public static Report read(Path json) throws IOException {
        String session = null;
        Set<String> sources = new LinkedHashSet<>();
        List<Finding> findings = new ArrayList<>();
        BuildOutcome build = null;
        try (JsonParser p = JSON.createParser(json.toFile())) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException(json + ": not a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken t = p.nextToken();
                switch (name) {
                    case "session" -> session = p.getValueAsString();
                    case "build" -> build = readBuild(p, json);
                    case "sources" -> {
                        if (t != JsonToken.START_ARRAY) {
                            throw new IOException(json + ": 'sources' is not an array");
                        }
                        while (p.nextToken() != JsonToken.END_ARRAY) {
                            sources.add(p.getValueAsString());
                        }
                    }
                    case "findings" -> {
                        if (t != JsonToken.START_ARRAY) {
                            throw new IOException(json + ": 'findings' is not an array");
                        }
                        while (p.nextToken() == JsonToken.START_OBJECT) {
                            findings.add(FindingJson.read(p));
                        }
                    }
                    default -> p.skipChildren();
                }
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IOException(json + ": " + e.getOriginalMessage() + " at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr(), e);
        }
        if (session == null) {
            throw new IOException(json + ": no 'session'");
        }
        return new Report(session, sources, findings, build);
    }

    private static BuildOutcome readBuild(JsonParser p, Path json) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw new IOException(json + ": 'build' is not an object");
        }
        String result = null;
        String firstError = null;
        boolean raised = false;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            switch (name) {
                case "result" -> result = p.getValueAsString();
                case "firstError" -> firstError = p.getValueAsString();
                case "raisedByAirlock" -> raised = p.getValueAsBoolean();
                default -> p.skipChildren();
            }
        }
        return "failure".equals(result) ? BuildOutcome.failure(firstError, raised) : BuildOutcome.success();
    }

    static void writeBuild(JsonGenerator g, BuildOutcome b) throws IOException {
        g.writeObjectFieldStart("build");
        g.writeStringField("result", b.result());
        if (b.failed()) {
            if (b.firstError() != null) {
                g.writeStringField("firstError", b.firstError());
            }
            g.writeBooleanField("raisedByAirlock", b.raisedByAirlock());
        }
        g.writeEndObject();
    }

    static void writeJson(OutputStream out, Report r) throws IOException {
        try (JsonGenerator g = JSON.createGenerator(out).useDefaultPrettyPrinter()) {
            g.writeStartObject();
            g.writeStringField("format", FORMAT);
            g.writeObjectFieldStart("tool");
            g.writeStringField("name", "Airlock");
            g.writeStringField("version", ToolVersion.get());
            g.writeEndObject();
            g.writeStringField("session", r.session());
            g.writeStringField("generated", Instant.now().toString());
            if (r.build() != null) {
                writeBuild(g, r.build());
            }
            g.writeArrayFieldStart("sources");
            for (String s : r.sources()) {
                g.writeString(s);
            }
            g.writeEndArray();
            g.writeObjectFieldStart("summary");
            Map<Severity, Integer> bySeverity = new TreeMap<>();
            Map<String, Integer> byCode = new TreeMap<>();
            for (Finding f : r.findings()) {
                bySeverity.merge(f.severity(), 1, Integer::sum);
                byCode.merge(f.code().name(), 1, Integer::sum);
            }
            for (Severity s : Severity.values()) {
                g.writeNumberField(s.id(), bySeverity.getOrDefault(s, 0));
            }
            g.writeObjectFieldStart("byCode");
            for (Map.Entry<String, Integer> e : byCode.entrySet()) {
                g.writeNumberField(e.getKey(), e.getValue());
            }
            g.writeEndObject();
            g.writeEndObject();
            g.writeArrayFieldStart("findings");
            for (Finding f : r.findings()) {
                g.writeStartObject();
                FindingJson.writeFields(g, f);
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
    }

    interface Writer {
        void write(OutputStream out) throws IOException;
    }

    /** Writes next to the target and moves over it, so a reader never sees half a file. */
    static void writeAtomically(Path target, Writer w) throws IOException {
        dev.airlock.verify.io.AtomicFiles.write(target, w::write);
    }
}
