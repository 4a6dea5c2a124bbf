package dev.airlock.verify.lock;

import dev.airlock.verify.config.ConfigException;
import dev.airlock.verify.finding.Coordinates;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The recorded lock, {@code .mvn/airlock.lock} (docs/lock.md): one line per artifact,
 * {@code <sha256>  <groupId>:<artifactId>:<extension>[:<classifier>]:<version>}, sorted by coordinates, in the
 * shape of GNU {@code sha256sum} output so it diffs and reviews cleanly. Immutable.
 */
public final class LockFile {
    private static final Pattern LINE = Pattern.compile("^([0-9a-f]{64})  (\\S+)$");

    private final Map<String, String> byCoordinates;

    private LockFile(Map<String, String> byCoordinates) {
        this.byCoordinates = Collections.unmodifiableMap(new TreeMap<>(byCoordinates));
    }

    public static LockFile of(Map<String, String> coordinatesToSha256) {
        Map<String, String> m = new TreeMap<>();
        coordinatesToSha256.forEach((c, h) -> m.put(Coordinates.parse(c).toString(), h.toLowerCase()));
        return new LockFile(m);
    }

    /**
     * Reads a lock.
     *
     * @throws ConfigException naming the file and line of a malformed or duplicated line, or the file when it lists
     *     no artifact
     */
    public static LockFile read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException(file.toString(), "the lock cannot be read (" + e + ")",
                    "make it readable, or record it again");
        }
        Map<String, String> m = new TreeMap<>();
        Map<String, Integer> lineOf = new java.util.HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            String where = file + ":" + (i + 1);
            Matcher matcher = LINE.matcher(line);
            if (!matcher.matches()) {
                throw new ConfigException(where, "'" + abbreviate(line) + "' is not a lock line",
                        "each line is '<64 lowercase hex sha256>  <groupId:artifactId:extension[:classifier]:version>'"
                                + " (two spaces); record the lock again with the airlock-maven-plugin record goal");
            }
            String coords;
            try {
                coords = Coordinates.parse(matcher.group(2)).toString();
            } catch (IllegalArgumentException e) {
                throw new ConfigException(where, e.getMessage(), "correct the coordinates or record the lock again");
            }
            Integer first = lineOf.putIfAbsent(coords, i + 1);
            if (first != null) {
                // one line per artifact: which of two lines is meant cannot be told, even when they agree
                boolean differ = !m.get(coords).equals(matcher.group(1));
                throw new ConfigException(where, coords + " is listed twice (line " + first + " and line " + (i + 1)
                        + ")" + (differ ? " with different hashes" : ""),
                        "keep one line per artifact; record the lock again");
            }
            m.put(coords, matcher.group(1));
        }
        if (m.isEmpty()) {
            // an empty lock is a truncated or unfinished file, not a decision: say so instead of failing every
            // artifact as NOT_IN_LOCK (or, to a reader that takes it as an empty trust set, checking nothing)
            throw new ConfigException(file.toString(), "the lock is empty: it lists no artifact",
                    "record it (mvn dev.airlock:airlock-maven-plugin:<version>:record) and review it, or delete the"
                            + " file (and airlock.lock, if set) to build without a lock");
        }
        return new LockFile(m);
    }

    private static String abbreviate(String s) {
        return s.length() > 120 ? s.substring(0, 120) + "..." : s;
    }

    /** The recorded SHA-256 of {@code coordinates}, or null when the lock does not list them. */
    public String sha256(String coordinates) {
        return byCoordinates.get(coordinates);
    }

    public Map<String, String> entries() {
        return byCoordinates;
    }

    public int size() {
        return byCoordinates.size();
    }

    /** The file's text: sorted lines, LF line ends, a final LF. */
    public String text() {
        StringBuilder sb = new StringBuilder(byCoordinates.size() * 120);
        byCoordinates.forEach((c, h) -> sb.append(h).append("  ").append(c).append('\n'));
        return sb.toString();
    }

    /** Writes the lock (atomically: next to it, then moved over it). */
    public void write(Path file) throws IOException {
        dev.airlock.verify.io.AtomicFiles.write(file, text().getBytes(StandardCharsets.UTF_8));
    }

    /** What changed from {@code before} to this lock. */
    public Diff diffFrom(LockFile before) {
        List<String> added = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        List<String> changed = new ArrayList<>();
        Map<String, String> old = before == null ? Map.of() : before.byCoordinates;
        for (Map.Entry<String, String> e : byCoordinates.entrySet()) {
            String was = old.get(e.getKey());
            if (was == null) {
                added.add(e.getValue() + "  " + e.getKey());
            } else if (!was.equals(e.getValue())) {
                changed.add(e.getKey() + ": " + was + " -> " + e.getValue());
            }
        }
        for (Map.Entry<String, String> e : old.entrySet()) {
            if (!byCoordinates.containsKey(e.getKey())) {
                removed.add(e.getValue() + "  " + e.getKey());
            }
        }
        return new Diff(added, removed, changed);
    }

    /** Lines added and removed, and coordinates whose hash changed ({@code coords: old -> new}). */
    public record Diff(List<String> added, List<String> removed, List<String> changed) {
        public boolean isEmpty() {
            return added.isEmpty() && removed.isEmpty() && changed.isEmpty();
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LockFile l && l.byCoordinates.equals(byCoordinates);
    }

    @Override
    public int hashCode() {
        return Objects.hash(byCoordinates);
    }
}
