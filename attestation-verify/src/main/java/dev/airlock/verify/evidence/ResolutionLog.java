package dev.airlock.verify.evidence;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.airlock.verify.finding.Finding;
import dev.airlock.verify.finding.FindingJson;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.util.HashMap;
import java.util.concurrent.ConcurrentHashMap;
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
 * in memory and written when {@link #open(Path)} is called. Thread-safe; each line is on disk when
 * {@link Line#write()} returns, so rules running later in the same build can read it. Builds sharing the file (two
 * builds of one project at once) write under a lock shared across processes and keep each other's lines.
 */
public final class ResolutionLog implements Closeable {
    private static final JsonFactory JSON = new JsonFactory();

    private final String sessionId;
    private final List<String> pending = new ArrayList<>();
    /** Every line written, to write the file again if something deletes it mid-build ({@code mvn clean ...}). */
    private final List<String> all = new ArrayList<>();
    private boolean opened;
    private Path file;
    private boolean closed;
    /** Held while this session writes: tells another build sharing the directory that these lines are live. */
    private FileChannel liveChannel;
    private volatile UnaryOperator<String> redactor = UnaryOperator.identity();

    /** One monitor per lock file: file locks are held per JVM, so writers in one JVM queue here first. */
    private static final ConcurrentHashMap<Path, Object> MONITORS = new ConcurrentHashMap<>();

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
     * Starts writing to {@code target} and writes what was kept so far. The file is replaced atomically (a temporary
     * file in the same directory, moved over it) under a lock shared with other processes
     * ({@code .resolution.jsonl.lock}): an earlier build's lines are dropped, the lines of another build that is still
     * writing to the same file (a concurrent build sharing {@code target/}) are kept. Calling it again with another
     * path is ignored: one build, one file.
     */
    public synchronized void open(Path target) throws IOException {
        if (opened || closed) {
            return;
        }
        Path abs = target.toAbsolutePath().normalize();
        Files.createDirectories(abs.getParent());
        file = abs;
        liveChannel = FileChannel.open(marker(sessionId), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        liveChannel.lock();
        locked(() -> {
            List<String> lines = liveLinesOfOthers();
            lines.addAll(pending);
            replace(lines);
        });
        pending.clear();
        opened = true;
    }

    private Path marker(String session) {
        return file.resolveSibling("." + file.getFileName() + "." + session.replaceAll("[^A-Za-z0-9-]", "_") + ".live");
    }

    private interface IoAction {
        void run() throws IOException;
    }

    /** Runs {@code action} holding the directory's lock: one writer at a time, in this JVM and across processes. */
    private void locked(IoAction action) throws IOException {
        locked(action, true);
    }

    /**
     * As {@link #locked(IoAction)}; with {@code create} false, a lock file that is gone is not created again and
     * {@link java.nio.file.NoSuchFileException} is thrown instead: a line appended while {@code clean} deletes the
     * directory must not put a file back into it (the clean would fail with "Failed to delete").
     */
    private void locked(IoAction action, boolean create) throws IOException {
        Path lockFile = file.resolveSibling("." + file.getFileName() + ".lock");
        synchronized (MONITORS.computeIfAbsent(lockFile, k -> new Object())) {
            if (lockChannel == null || !lockChannel.isOpen() || !Files.exists(lockFile)) {
                if (lockChannel != null) {
                    lockChannel.close();
                    lockChannel = null;
                }
                lockChannel = create
                        ? FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE)
                        : FileChannel.open(lockFile, StandardOpenOption.WRITE);
            }
            try (FileLock lock = lockChannel.lock()) {
                action.run();
            }
        }
    }

    /** The open lock file (kept for the session: one lock and unlock per line, not an open and close). */
    private FileChannel lockChannel;
    /** The file opened for appending, and its identity then: reopened when another build replaced the file. */
    private FileChannel appendChannel;
    private Object appendKey;

    /** Appends to the file as it is; never creates it (see {@link #append}): gone, it throws NoSuchFileException. */
    private void appendLocked(String json) throws IOException {
        Object key = Files.readAttributes(file, java.nio.file.attribute.BasicFileAttributes.class).fileKey();
        if (appendChannel == null || !appendChannel.isOpen() || key == null || !key.equals(appendKey)) {
            if (appendChannel != null) {
                appendChannel.close();
                appendChannel = null;
            }
            appendChannel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
            appendKey = key;
        }
        java.nio.ByteBuffer buf = java.nio.ByteBuffer.wrap((json + '\n').getBytes(StandardCharsets.UTF_8));
        while (buf.hasRemaining()) {
            appendChannel.write(buf);
        }
    }

    /** The lines in the file now that belong to another session still writing (its marker is locked). */
    private List<String> liveLinesOfOthers() throws IOException {
        List<String> kept = new ArrayList<>();
        if (!Files.exists(file)) {
            return kept;
        }
        Map<String, Boolean> live = new HashMap<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String session = sessionOf(line);
            if (session != null && !session.equals(sessionId) && live.computeIfAbsent(session, this::isLive)) {
                kept.add(line);
            }
        }
        return kept;
    }

    static String sessionOf(String line) {
        String prefix = "{\"session\":\"";
        if (!line.startsWith(prefix)) {
            return null;
        }
        int end = line.indexOf('"', prefix.length());
        return end < 0 ? null : line.substring(prefix.length(), end);
    }

    private boolean isLive(String session) {
        Path m = marker(session);
        if (!Files.exists(m)) {
            return false;
        }
        try (FileChannel ch = FileChannel.open(m, StandardOpenOption.WRITE)) {
            FileLock l = ch.tryLock();
            if (l == null) {
                return true; // held by another process
            }
            l.release();
            Files.deleteIfExists(m); // a build that ended without closing (killed): its lines are stale
            return false;
        } catch (OverlappingFileLockException e) {
            return true; // held by another writer in this JVM
        } catch (IOException e) {
            return true; // when in doubt, keep the lines: losing evidence is worse than keeping a stale line
        }
    }

    /** Writes {@code lines} to a temporary file next to {@link #file} and moves it over the file. */
    private void replace(List<String> lines) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (String line : lines) {
            sb.append(line).append('\n');
        }
        dev.airlock.verify.io.AtomicFiles.write(file, sb.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** A new line of the given kind; add fields, then {@link Line#write()}. */
    public Line line(String kind) {
        return new Line(kind);
    }

    /**
     * Writes {@code entry} as a line of its kind, with this log's {@code session} and the entry's {@code time} (now
     * when it has none: {@link ResolutionEntry#stamped()} fixes the time of a line written later).
     */
    public void write(ResolutionEntry entry) {
        Line line = new Line(entry.kind(), entry.time());
        entry.fields().forEach(line::put);
        line.write();
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
        if (!opened) {
            pending.add(json);
            return;
        }
        if (!Files.exists(file)) {
            // deleted (mvn clean deletes target/ while the build runs): the line is kept and written with every other
            // one by restoreIfDeleted() when the mojo that deleted it has finished. Writing it now would create the
            // file (and the lock file) again in a directory being deleted, and fail the clean ("Failed to delete")
            return;
        }
        try {
            // appended under the lock, to the file as it is now (another build may have replaced it since); nothing
            // is created here: the clean may have deleted the lock file or the file since the check above
            locked(() -> appendLocked(json), false);
        } catch (java.nio.file.NoSuchFileException e) {
            // being deleted: kept in memory, written again by restoreIfDeleted()
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
        if (!opened || closed || Files.exists(file)) {
            return false;
        }
        Files.createDirectories(file.getParent());
        if (liveChannel == null || !liveChannel.isOpen() || !Files.exists(marker(sessionId))) {
            if (liveChannel != null) {
                liveChannel.close();
            }
            liveChannel = FileChannel.open(marker(sessionId), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            liveChannel.lock();
        }
        locked(() -> {
            if (!Files.exists(file)) {
                replace(all);
            }
        });
        return true;
    }

    @Override
    public synchronized void close() throws IOException {
        closed = true;
        for (FileChannel ch : new FileChannel[] {appendChannel, lockChannel}) {
            if (ch != null) {
                ch.close();
            }
        }
        appendChannel = null;
        lockChannel = null;
        if (liveChannel != null) {
            liveChannel.close();
            liveChannel = null;
            Files.deleteIfExists(marker(sessionId));
        }
    }

    /** One line under construction; fields keep their insertion order. Null values are left out. */
    public final class Line {
        private final Map<String, Object> fields = new LinkedHashMap<>();

        private Line(String kind) {
            this(kind, null);
        }

        private Line(String kind, String time) {
            fields.put("session", sessionId);
            fields.put("time", time != null ? time : Instant.now().toString());
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
