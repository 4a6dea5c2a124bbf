package dev.airlock.verify.evidence;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.airlock.verify.finding.Finding;
import dev.airlock.verify.finding.FindingJson;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * {@code resolution.jsonl}: the evidence of one build, one JSON object per line (docs/evidence.md). Every line
 * carries the build's {@code session} id, a {@code time} and a {@code kind}: {@code session} (first line),
 * {@code request} (a real network request), {@code artifact} (a resolved or refused artifact) or
 * {@code finding}. Lines written before the file's location is known (while Maven reads the projects) are kept
 * in memory and written when {@link #open(Path)} is called. Thread-safe; each line is flushed as it is written,
 * so rules running later in the same build can read it.
 */
public final class ResolutionLog implements Closeable {
    private static final JsonFactory JSON = new JsonFactory();

    private final String sessionId;
    private final List<String> pending = new ArrayList<>();
    /** Every line written, to write the file again if something deletes it mid-build ({@code mvn clean ...}). */
    private final List<String> all = new ArrayList<>();
    private BufferedWriter out;
    private Path file;
    private boolean closed;
    private volatile UnaryOperator<String> redactor = UnaryOperator.identity();

    public ResolutionLog(String sessionId) {
        this.sessionId = Objects.requireNonNull(sessionId);
    }

    /** Applied to every line before it is kept or written (secrets never reach the file). */
    public void setRedactor(UnaryOperator<String> redactor) {
        this.redactor = Objects.requireNonNull(redactor);
    }

    public String sessionId() {
        return sessionId;
    }

    /** The file being written, or null before {@link #open(Path)}. */
    public synchronized Path file() {
        return file;
    }

    /**
     * Starts writing to {@code target} (replacing an earlier build's file) and writes what was kept so far.
     * Calling it again with another path is ignored: one build, one file.
     */
    public synchronized void open(Path target) throws IOException {
        if (out != null || closed) {
            return;
        }
        Files.createDirectories(target.toAbsolutePath().getParent());
        out = Files.newBufferedWriter(target, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
        file = target;
        for (String line : pending) {
            out.write(line);
            out.write('\n');
        }
        pending.clear();
        out.flush();
    }

    /** A new line of the given kind; add fields, then {@link Line#write()}. */
    public Line line(String kind) {
        return new Line(kind);
    }

    public void finding(Finding f) {
        StringWriter sw = new StringWriter(256);
        try (JsonGenerator g = JSON.createGenerator(sw)) {
            g.writeStartObject();
            g.writeStringField("session", sessionId);
            g.writeStringField("time", Instant.now().toString());
            g.writeStringField("kind", "finding");
            FindingJson.writeFields(g, f);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        append(sw.toString());
    }

    private synchronized void append(String raw) {
        if (closed) {
            return;
        }
        String json = redactor.apply(raw);
        all.add(json);
        if (out == null) {
            pending.add(json);
            return;
        }
        try {
            out.write(json);
            out.write('\n');
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /**
     * Writes the file again, with every line so far, when it no longer exists: {@code clean} deletes
     * {@code target/} while the build runs, and rules later in the build read the file.
     *
     * @return true when the file had to be written again
     */
    public synchronized boolean restoreIfDeleted() throws IOException {
        if (out == null || closed || Files.exists(file)) {
            return false;
        }
        out.close();
        Files.createDirectories(file.toAbsolutePath().getParent());
        out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
        for (String line : all) {
            out.write(line);
            out.write('\n');
        }
        out.flush();
        return true;
    }

    @Override
    public synchronized void close() throws IOException {
        closed = true;
        if (out != null) {
            out.close();
        }
    }

    /** One line under construction; fields keep their insertion order. Null values are left out. */
    public final class Line {
        private final Map<String, Object> fields = new LinkedHashMap<>();

        private Line(String kind) {
            fields.put("session", sessionId);
            fields.put("time", Instant.now().toString());
            fields.put("kind", kind);
        }

        public Line put(String name, Object value) {
            if (value != null) {
                fields.put(name, value);
            }
            return this;
        }

        public void write() {
            StringWriter sw = new StringWriter(256);
            try (JsonGenerator g = JSON.createGenerator(sw)) {
                writeValue(g, fields);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            append(sw.toString());
        }
    }

    private static void writeValue(JsonGenerator g, Object v) throws IOException {
        if (v == null) {
            g.writeNull();
        } else if (v instanceof Map<?, ?> m) {
            g.writeStartObject();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (e.getValue() != null) {
                    g.writeFieldName(String.valueOf(e.getKey()));
                    writeValue(g, e.getValue());
                }
            }
            g.writeEndObject();
        } else if (v instanceof Iterable<?> it) {
            g.writeStartArray();
            for (Object o : it) {
                writeValue(g, o);
            }
            g.writeEndArray();
        } else if (v instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (v instanceof Integer || v instanceof Long) {
            g.writeNumber(((Number) v).longValue());
        } else {
            g.writeString(String.valueOf(v));
        }
    }
}
