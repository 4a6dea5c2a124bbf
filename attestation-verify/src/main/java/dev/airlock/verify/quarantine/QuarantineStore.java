package dev.airlock.verify.quarantine;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.airlock.verify.digest.DigestCache;
import dev.airlock.verify.finding.Coordinates;
import dev.airlock.verify.finding.Finding;
import dev.airlock.verify.finding.Severity;
import dev.airlock.verify.io.ProcessLock;
import dev.airlock.verify.text.Printable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The quarantine store (docs/quarantine.md): files that failed an integrity check, each kept with its
 * {@code evidence.json}, under {@code entries/<groupId as path>/<artifactId>/<version>/<extension>[@classifier]/}.
 * {@code @} cannot occur in coordinates, so no two coordinates share a folder ({@code ~}, the separator of stores
 * written before, is allowed in an extension: {@code g:b:jar~tests:1} and {@code g:b:jar:tests:1} shared
 * {@code jar~tests/}). Those stores are still read: a coordinate with a classifier is also looked up in its old
 * folder, and every lookup and release goes by the coordinates in each entry's {@code evidence.json}, never by the
 * folder's name.
 *
 * <p>Moving a file in is atomic and crash-safe: the evidence and a hard link (or copy) of the file are staged in
 * {@code .staging/}, the staging folder is renamed into place in one step, and only then is the file removed from the
 * local repository. A failure before the rename leaves the artifact in the local repository (the build has failed
 * on the finding already); a failure after it leaves it fully in quarantine, and a copy left behind in the local
 * repository is refused as {@code QUARANTINED}. All changes happen under a lock that separate processes sharing the
 * store (builds sharing a local repository) respect.
 *
 * <p>Paths are built only from validated coordinates ({@link Coordinates}) and checked to stay inside the store.
 */
public final class QuarantineStore {
    private static final JsonFactory JSON = new JsonFactory();
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    static final String EVIDENCE = "evidence.json";
    static final String RELEASED = "released.json";
    public static final String RELEASE_LOG = "release-log.jsonl";

    /** Steps of a move, for tests that force a failure half-way. */
    interface Hooks {
        void at(String step) throws IOException;
    }

    private final Path root;
    private final Hooks hooks;

    public QuarantineStore(Path root) {
        this(root, step -> { });
    }

    QuarantineStore(Path root, Hooks hooks) {
        this.root = root.toAbsolutePath().normalize();
        this.hooks = hooks;
    }

    /** The default store of a local repository: {@code <local repository>/../airlock-quarantine}. */
    public static Path defaultDir(Path localRepository) {
        Path repo = localRepository.toAbsolutePath().normalize();
        Path parent = repo.getParent() == null ? repo : repo.getParent();
        return parent.resolve("airlock-quarantine");
    }

    public Path root() {
        return root;
    }

    /** A quarantined file and its evidence; {@code released} is null while the block is active. */
    public record Entry(Path dir, Path file, Evidence evidence, Release released) {
        public boolean active() {
            return released == null;
        }

        public Path evidenceFile() {
            return dir.resolve(EVIDENCE);
        }
    }

    /** Who released an entry, when and why. */
    public record Release(String who, String when, String reason) {}

    /** The separator of extension and classifier in a folder name: a character coordinates never contain. */
    static final char CLASSIFIER_SEPARATOR = '@';
    /** The separator stores written before used; it may occur in an extension, so folders were not injective. */
    static final char LEGACY_CLASSIFIER_SEPARATOR = '~';

    private Path versionDir(Coordinates c) {
        Path p = root.resolve("entries");
        for (String g : c.groupId().split("\\.")) {
            p = p.resolve(g);
        }
        return p.resolve(c.artifactId()).resolve(c.version());
    }

    private Path coordinateDir(Coordinates c) {
        return inside(versionDir(c).resolve(c.extension()
                + (c.classifier().isEmpty() ? "" : CLASSIFIER_SEPARATOR + c.classifier())));
    }

    /** Where stores written before kept these coordinates, when that differs from {@link #coordinateDir}. */
    private Optional<Path> legacyDir(Coordinates c) {
        if (c.classifier().isEmpty()) {
            return Optional.empty(); // the same folder name in both layouts
        }
        return Optional.of(inside(versionDir(c).resolve(c.extension() + LEGACY_CLASSIFIER_SEPARATOR
                + c.classifier())));
    }

    /** The folders that may hold entries of these coordinates (new layout first). */
    private List<Path> dirsOf(Coordinates c) {
        List<Path> out = new ArrayList<>();
        out.add(coordinateDir(c));
        legacyDir(c).ifPresent(out::add);
        return out;
    }

    private Path inside(Path p) {
        Path n = p.toAbsolutePath().normalize();
        if (!n.startsWith(root)) {
            throw new IllegalArgumentException("refusing a path outside the quarantine store: " + n);
        }
        return n;
    }

    /**
     * Moves {@code file} into quarantine with {@code evidence} (its {@code sha256} is taken from the file). When the
     * same bytes of the same coordinates are already quarantined, the file is only removed.
     */
    public Entry quarantine(Path file, Evidence evidence) throws IOException {
        String name = file.getFileName().toString();
        Coordinates.check("file name", name);
        Path dir = coordinateDir(evidence.coordinates());
        try (ProcessLock lock = ProcessLock.acquire(lockFile())) {
            cleanStaging();
            String sha = DigestCache.sha256Uncached(file);
            Evidence ev = evidence.withSha256(sha);
            Optional<Entry> existing = find(evidence.coordinates(), sha);
            if (existing.isPresent()) {
                removeIfSame(file, sha);
                return existing.get();
            }
            Path staging = inside(root.resolve(".staging").resolve(UUID.randomUUID().toString()));
            Files.createDirectories(staging);
            try {
                writeJson(staging.resolve(EVIDENCE), ev::write);
                Path staged = staging.resolve(name);
                try {
                    Files.createLink(staged, file);
                } catch (IOException | UnsupportedOperationException e) {
                    Files.copy(file, staged);
                }
                hooks.at("staged");
                Path entry = inside(dir.resolve(STAMP.format(Instant.now()) + "-" + sha.substring(0, 12)));
                Files.createDirectories(dir);
                move(staging, entry);
                hooks.at("published");
                removeIfSame(file, sha);
                hooks.at("removed");
                return new Entry(entry, entry.resolve(name), ev, null);
            } finally {
                if (Files.exists(staging)) {
                    deleteTree(staging);
                }
            }
        }
    }

    /** What {@link #quarantineFailures} did with one finding: the entry it made, or why it could not. */
    public record Outcome(Finding finding, Entry entry, Exception error) {}

    /**
     * Quarantines the file of every integrity failure among {@code findings} that fails the build (severity
     * {@code error}, with coordinates and a file that still exists), once per file: the one place that decides what
     * moves (design: integrity failures only, effective severity fail; the caller checks enforce mode). A file that
     * cannot be moved stays where it is and its outcome carries the error.
     */
    public List<Outcome> quarantineFailures(Collection<Finding> findings, String session) {
        List<Outcome> out = new ArrayList<>();
        Set<String> done = new LinkedHashSet<>();
        for (Finding f : findings) {
            if (!f.code().isIntegrityFailure() || f.severity() != Severity.ERROR || f.file() == null
                    || f.subject() == null || !done.add(f.file())) {
                continue;
            }
            Path file = Path.of(f.file());
            if (!Files.isRegularFile(file)) {
                continue;
            }
            if (f.coordinates() == null) {
                // about a label, not one artifact's coordinates: nothing to file it under
                out.add(new Outcome(f, null, notCoordinates(f.subject())));
                continue;
            }
            try {
                Evidence ev = new Evidence(f.coordinates(), null, f.expected(), f.code().name(),
                        f.source(), f.message(), f.repositoryId(), f.repositoryUrl(), Instant.now().toString(),
                        session, f.file());
                out.add(new Outcome(f, quarantine(file, ev), null));
            } catch (IOException | IllegalArgumentException e) {
                out.add(new Outcome(f, null, e));
            }
        }
        return out;
    }

    /** Why {@code label}, a finding's subject without coordinates, cannot name a quarantine entry. */
    private static IllegalArgumentException notCoordinates(String label) {
        try {
            Coordinates.parse(label); // only for its explanation: what is wrong with the label
        } catch (IllegalArgumentException e) {
            return e;
        }
        return new IllegalArgumentException("'" + Printable.of(label) + "' is not Airlock's notation of coordinates,"
                + " groupId:artifactId:extension[:classifier]:version");
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("the quarantine store's file system cannot rename " + from + " to " + to
                    + " atomically", e);
        } catch (FileAlreadyExistsException e) {
            throw new IOException("quarantine entry " + to + " already exists", e);
        }
    }

    private static void removeIfSame(Path file, String sha) throws IOException {
        if (Files.isRegularFile(file) && DigestCache.sha256Uncached(file).equals(sha)) {
            Files.delete(file);
        }
    }

    /** Staging folders left by a process that died half-way: nothing else stages while the lock is held. */
    private void cleanStaging() throws IOException {
        Path staging = root.resolve(".staging");
        if (Files.isDirectory(staging)) {
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(staging)) {
                for (Path p : ds) {
                    deleteTree(p);
                }
            }
        }
    }

    /**
     * True when anything may have been quarantined for these coordinates (a file-system check or two: the fast path;
     * {@link #findActive} decides).
     */
    public boolean hasEntries(Coordinates c) {
        for (Path d : dirsOf(c)) {
            if (Files.isDirectory(d)) {
                return true;
            }
        }
        return false;
    }

    /** The active entry holding exactly these bytes of these coordinates, if any. */
    public Optional<Entry> findActive(Coordinates c, String sha256) throws IOException {
        return find(c, sha256);
    }

    /** The active entry of exactly these coordinates (as its evidence names them) and bytes. */
    private Optional<Entry> find(Coordinates c, String sha256) throws IOException {
        for (Path dir : dirsOf(c)) {
            if (!Files.isDirectory(dir)) {
                continue;
            }
            for (Entry e : entriesIn(dir)) {
                if (e.evidence().coordinates().equals(c) && e.evidence().sha256().equalsIgnoreCase(sha256)
                        && e.active()) {
                    return Optional.of(e);
                }
            }
        }
        return Optional.empty();
    }

    private List<Entry> entriesIn(Path coordinateDir) throws IOException {
        List<Entry> out = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(coordinateDir, Files::isDirectory)) {
            for (Path d : ds) {
                Entry e = readEntry(d);
                if (e != null) {
                    out.add(e);
                }
            }
        }
        out.sort(Comparator.comparing(e -> e.dir().getFileName().toString()));
        return out;
    }

    private static Entry readEntry(Path dir) throws IOException {
        Path ev = dir.resolve(EVIDENCE);
        if (!Files.isRegularFile(ev)) {
            return null;
        }
        Evidence evidence;
        try (JsonParser p = JSON.createParser(ev.toFile())) {
            evidence = Evidence.read(p);
        } catch (IOException e) {
            throw new IOException(ev + ": " + e.getMessage(), e);
        }
        Path file = null;
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, Files::isRegularFile)) {
            for (Path f : ds) {
                String n = f.getFileName().toString();
                if (!n.equals(EVIDENCE) && !n.equals(RELEASED)) {
                    file = f;
                }
            }
        }
        Release release = null;
        Path rel = dir.resolve(RELEASED);
        if (Files.isRegularFile(rel)) {
            release = readRelease(rel);
        }
        return new Entry(dir, file, evidence, release);
    }

    /** Every entry of the store, active and released, in path order. */
    public List<Entry> list() throws IOException {
        Path entries = root.resolve("entries");
        if (!Files.isDirectory(entries)) {
            return List.of();
        }
        List<Entry> out = new ArrayList<>();
        try (Stream<Path> s = Files.walk(entries)) {
            for (Path ev : s.filter(p -> p.getFileName().toString().equals(EVIDENCE)).sorted().toList()) {
                Entry e = readEntry(ev.getParent());
                if (e != null) {
                    out.add(e);
                }
            }
        }
        return out;
    }

    /**
     * Releases the active entries of {@code spec} ({@code groupId:artifactId[:extension[:classifier]]:version};
     * without an extension, every extension and classifier of that version): the block is lifted, the file and the
     * evidence stay, and who, when and why are appended to {@code release-log.jsonl}. The spec is read as
     * {@link Coordinates#parse} reads coordinates ({@code g:b:jar~tests:1} is the extension {@code jar~tests}, not the
     * classifier {@code tests}), and entries are matched by the coordinates their evidence names.
     *
     * @throws IllegalArgumentException when the reason is blank (checked before anything else) or the spec is
     *     malformed
     * @throws IllegalStateException when nothing active matches
     */
    public List<Entry> release(String spec, String reason, String who, Instant when) throws IOException {
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("a release needs a reason (-Dreason=\"...\"): it is kept in the release"
                    + " log with who released what and when");
        }
        String[] p = spec == null ? new String[0] : spec.strip().split(":", -1);
        if (p.length < 3 || p.length > 5) {
            throw new IllegalArgumentException("'" + spec + "' is not groupId:artifactId[:extension[:classifier]]:version");
        }
        String g = Coordinates.check("groupId", p[0]);
        String a = Coordinates.check("artifactId", p[1]);
        String v = Coordinates.check("version", p[p.length - 1]);
        String ext = p.length >= 4 ? Coordinates.check("extension", p[2]) : null;
        String cls = p.length == 5 ? Coordinates.check("classifier", p[3]) : null;
        String wantCls = cls == null ? "" : cls;
        List<Entry> released = new ArrayList<>();
        try (ProcessLock lock = ProcessLock.acquire(lockFile())) {
            Path versionDir = inside(versionDir(new Coordinates(g, a, "x", null, v)));
            if (Files.isDirectory(versionDir)) {
                List<Path> typeDirs = new ArrayList<>();
                try (DirectoryStream<Path> ds = Files.newDirectoryStream(versionDir, Files::isDirectory)) {
                    ds.forEach(typeDirs::add);
                }
                typeDirs.sort(Comparator.naturalOrder());
                for (Path typeDir : typeDirs) {
                    for (Entry e : entriesIn(typeDir)) {
                        Coordinates ec = e.evidence().coordinates();
                        boolean same = ec.groupId().equals(g) && ec.artifactId().equals(a) && ec.version().equals(v)
                                && (ext == null || (ec.extension().equals(ext) && ec.classifier().equals(wantCls)));
                        if (same && e.active()) {
                            released.add(release(e, new Release(who, when.toString(), reason.trim())));
                        }
                    }
                }
            }
        }
        if (released.isEmpty()) {
            throw new IllegalStateException("nothing in quarantine matches " + spec + " (list the store with the"
                    + " airlock-maven-plugin quarantine goal)");
        }
        return released;
    }

    private Entry release(Entry e, Release r) throws IOException {
        writeJson(e.dir().resolve(RELEASED), g -> writeRelease(g, r));
        StringWriter line = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(line)) {
            g.writeStartObject();
            g.writeStringField("coordinates", e.evidence().coordinates().toString());
            g.writeStringField("sha256", e.evidence().sha256());
            g.writeStringField("code", e.evidence().code());
            g.writeStringField("entry", root.relativize(e.dir()).toString().replace('\\', '/'));
            g.writeStringField("who", r.who());
            g.writeStringField("when", r.when());
            g.writeStringField("reason", r.reason());
            g.writeEndObject();
        }
        Files.writeString(root.resolve(RELEASE_LOG), line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND, StandardOpenOption.WRITE);
        return new Entry(e.dir(), e.file(), e.evidence(), r);
    }

    private static void writeRelease(JsonGenerator g, Release r) throws IOException {
        g.writeStartObject();
        g.writeStringField("who", r.who());
        g.writeStringField("when", r.when());
        g.writeStringField("reason", r.reason());
        g.writeEndObject();
    }

    private static Release readRelease(Path file) throws IOException {
        String who = null, when = null, reason = null;
        try (JsonParser p = JSON.createParser(file.toFile())) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException(file + ": not a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String n = p.currentName();
                p.nextToken();
                switch (n) {
                    case "who" -> who = p.getValueAsString();
                    case "when" -> when = p.getValueAsString();
                    case "reason" -> reason = p.getValueAsString();
                    default -> p.skipChildren();
                }
            }
        }
        return new Release(who, when, reason);
    }

    private Path lockFile() throws IOException {
        Files.createDirectories(root);
        return root.resolve(".lock");
    }

    private interface JsonBody {
        void write(JsonGenerator g) throws IOException;
    }

    private static void writeJson(Path target, JsonBody body) throws IOException {
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        try (OutputStream out = Files.newOutputStream(tmp);
                JsonGenerator g = JSON.createGenerator(out).useDefaultPrettyPrinter()) {
            body.write(g);
        }
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
