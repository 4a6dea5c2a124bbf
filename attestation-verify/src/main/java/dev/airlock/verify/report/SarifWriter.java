package dev.airlock.verify.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.airlock.verify.finding.Finding;
import dev.airlock.verify.finding.FindingCode;
import dev.airlock.verify.finding.Severity;
import dev.airlock.verify.digest.DigestCache;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SARIF 2.1.0 for code scanning (GitHub and others): one rule per finding code, one result per finding, each with a
 * location a reviewer can open in the repository: the file and line of a configuration error, the reactor POM that
 * declared a refused repository, otherwise the top-level {@code pom.xml} that brought the artifact in. Coordinates,
 * hashes and the fix are in each result's properties.
 */
public final class SarifWriter {
    static final String SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";
    private static final JsonFactory JSON = new JsonFactory();
    private static final Pattern FILE_LINE = Pattern.compile("^(.*):(\\d+)$");

    private SarifWriter() {}

    public static void write(OutputStream out, ReportFile.Report report, Path projectRoot) throws IOException {
        Path root = projectRoot == null ? null : projectRoot.toAbsolutePath().normalize();
        try (JsonGenerator g = JSON.createGenerator(out).useDefaultPrettyPrinter()) {
            g.writeStartObject();
            g.writeStringField("$schema", SCHEMA);
            g.writeStringField("version", "2.1.0");
            g.writeArrayFieldStart("runs");
            g.writeStartObject();

            g.writeObjectFieldStart("tool");
            g.writeObjectFieldStart("driver");
            g.writeStringField("name", "Airlock");
            g.writeStringField("version", ToolVersion.get());
            g.writeArrayFieldStart("rules");
            for (FindingCode c : FindingCode.values()) {
                g.writeStartObject();
                g.writeStringField("id", c.name());
                g.writeStringField("name", camel(c.name()));
                g.writeObjectFieldStart("shortDescription");
                g.writeStringField("text", c.title());
                g.writeEndObject();
                g.writeObjectFieldStart("help");
                g.writeStringField("text", c.title() + ". See docs/findings.md (" + c.name() + ").");
                g.writeEndObject();
                g.writeObjectFieldStart("properties");
                g.writeArrayFieldStart("tags");
                g.writeString("security");
                g.writeString("supply-chain");
                g.writeEndArray();
                g.writeBooleanField("integrity", c.isIntegrityFailure());
                g.writeEndObject();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
            g.writeEndObject();

            if (root != null) {
                g.writeObjectFieldStart("originalUriBaseIds");
                g.writeObjectFieldStart("%SRCROOT%");
                String uri = root.toUri().toString();
                g.writeStringField("uri", uri.endsWith("/") ? uri : uri + "/");
                g.writeEndObject();
                g.writeEndObject();
            }
            g.writeObjectFieldStart("automationDetails");
            g.writeStringField("id", "airlock/" + report.session());
            g.writeEndObject();
            if (report.build() != null) {
                // how Maven ended the build (report.json's "build"): a failure Airlock did not raise has no result
                g.writeObjectFieldStart("properties");
                ReportFile.writeBuild(g, report.build());
                g.writeEndObject();
            }

            g.writeArrayFieldStart("results");
            for (Finding f : report.findings()) {
                writeResult(g, f, root);
            }
            g.writeEndArray();

            g.writeEndObject();
            g.writeEndArray();
            g.writeEndObject();
        }
    }

    private static void writeResult(JsonGenerator g, Finding f, Path root) throws IOException {
        g.writeStartObject();
        g.writeStringField("ruleId", f.code().name());
        g.writeNumberField("ruleIndex", f.code().ordinal());
        g.writeStringField("level", level(f.severity()));
        g.writeObjectFieldStart("message");
        StringBuilder text = new StringBuilder(f.message());
        if (f.expected() != null || f.actual() != null) {
            text.append(" Expected: ").append(f.expected()).append("; actual: ").append(f.actual()).append('.');
        }
        if (f.fix() != null) {
            text.append(" Fix: ").append(f.fix());
        }
        g.writeStringField("text", text.toString());
        g.writeEndObject();

        Location loc = location(f, root);
        g.writeArrayFieldStart("locations");
        g.writeStartObject();
        g.writeObjectFieldStart("physicalLocation");
        g.writeObjectFieldStart("artifactLocation");
        g.writeStringField("uri", loc.uri);
        g.writeStringField("uriBaseId", "%SRCROOT%");
        g.writeEndObject();
        if (loc.line > 0) {
            g.writeObjectFieldStart("region");
            g.writeNumberField("startLine", loc.line);
            g.writeEndObject();
        }
        g.writeEndObject();
        if (f.subject() != null) {
            g.writeArrayFieldStart("logicalLocations");
            g.writeStartObject();
            g.writeStringField("fullyQualifiedName", f.subject());
            g.writeStringField("kind", "package");
            g.writeEndObject();
            g.writeEndArray();
        }
        g.writeEndObject();
        g.writeEndArray();

        g.writeObjectFieldStart("partialFingerprints");
        g.writeStringField("airlockFinding/v1", DigestCache.sha256((f.code() + "|" + f.subject() + "|"
                + f.repositoryId() + "|" + f.source()).getBytes(StandardCharsets.UTF_8)));
        g.writeEndObject();

        g.writeObjectFieldStart("properties");
        g.writeStringField("severity", f.severity().id());
        g.writeStringField("source", f.source());
        prop(g, "coordinates", f.subject());
        prop(g, "sha256", f.sha256());
        prop(g, "file", f.file());
        prop(g, "repositoryId", f.repositoryId());
        prop(g, "repositoryUrl", f.repositoryUrl());
        prop(g, "expected", f.expected());
        prop(g, "actual", f.actual());
        prop(g, "fix", f.fix());
        if (!f.path().isEmpty()) {
            g.writeArrayFieldStart("path");
            for (String p : f.path()) {
                g.writeString(p);
            }
            g.writeEndArray();
        }
        g.writeEndObject();
        g.writeEndObject();
    }

    private record Location(String uri, int line) {}

    /** The file in the repository this finding is best looked at in. */
    static Location location(Finding f, Path root) {
        String where = f.details().get("where");
        if (where != null) {
            Matcher m = FILE_LINE.matcher(where);
            String file = m.matches() ? m.group(1) : where;
            int line = m.matches() ? Integer.parseInt(m.group(2)) : 0;
            String rel = relative(file, root);
            if (rel != null) {
                return new Location(rel, line);
            }
        }
        String declaredIn = f.details().get("declaredIn");
        if (declaredIn != null) {
            String rel = relative(declaredIn, root);
            if (rel != null) {
                return new Location(rel, 0);
            }
        }
        return new Location("pom.xml", 0);
    }

    private static String relative(String file, Path root) {
        if (root == null || file == null || file.isEmpty()) {
            return null;
        }
        try {
            Path p = Path.of(file);
            if (!p.isAbsolute()) {
                return null;
            }
            p = p.normalize();
            if (!p.startsWith(root)) {
                return null;
            }
            return root.relativize(p).toString().replace('\\', '/');
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static void prop(JsonGenerator g, String name, String value) throws IOException {
        if (value != null) {
            g.writeStringField(name, value);
        }
    }

    static String level(Severity s) {
        return switch (s) {
            case ERROR -> "error";
            case WARN -> "warning";
            case INFO -> "note";
        };
    }

    private static String camel(String code) {
        StringBuilder sb = new StringBuilder();
        for (String part : code.toLowerCase(Locale.ROOT).split("_")) {
            sb.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
        }
        return sb.toString();
    }
}
