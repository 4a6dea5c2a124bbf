package dev.airlock.verify.digest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * SHA-256 values remembered across builds for the <em>evidence</em> of files in the local repository, in the manner
 * of git's index: an entry is used only while the file's device, inode, size, modification time and change time
 * (ctime) are all exactly what they were when it was hashed. A write to the file, a {@code touch}, a replacement
 * (a new inode) or a restore from an archive (a new ctime, which no unprivileged process can set) makes the entry
 * stale, and the file is hashed again.
 *
 * <p>Only evidence uses it: the lock, the quarantine, {@code record} and the rules always hash the bytes, because
 * the index lives in the local repository and a process that can write there can also write an entry. An entry is
 * stored only for a file whose ctime is at least {@link #RACY_MARGIN_MILLIS} older than the moment its hashing
 * started, so a write in the same timestamp tick as the hashing (the racy-git case) cannot leave a matching entry.
 *
 * <p>One small file per directory ({@value #FILE_NAME}, next to the artifacts it describes, like the resolver's
 * {@code _remote.repositories}): a lookup reads one file of the directory the build already reads, and the cost grows
 * with what the build uses, not with the size of the local repository. A malformed file is ignored (the files are
 * hashed), never an error: the index is a cache. Written atomically (a temporary file, then a rename); when two
 * builds write the same directory, the last one wins and the other's entries are hashed again next time.
 *
 * <p>Needs the "unix" file attribute view (inode and ctime); where it is missing (Windows) the index is off and every
 * file is hashed. Hand-written: no library keeps such an index. Thread-safe per directory.
 */
public final class DigestIndex {
    /** The index file in each directory. */
    public static final String FILE_NAME = ".airlock-sha256";
    /** Files changed within this time before their hashing started are not indexed. */
    public static final long RACY_MARGIN_MILLIS = 3_000;

    private static final String HEADER = "# Airlock digest index v1: a cache of SHA-256 for build evidence (docs/evidence.md)";
    private static final String ATTRIBUTES = "unix:dev,ino,size,lastModifiedTime,ctime,isRegularFile";
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    /** The state of a file that an entry must match: all of it. */
    public record Stat(long dev, long ino, long size, long mtimeNanos, long ctimeNanos) {
        /**
         * The state of {@code file} in one stat call, on any file system: without the "unix" view (Windows) device,
         * inode and ctime are 0. With {@code regularOnly}, anything but a regular file (a directory, a FIFO that
         * would block a read) is an IOException.
         */
        static Stat current(Path file, boolean regularOnly) throws IOException {
            Stat state;
            boolean regular;
            if (DigestCache.UNIX) {
                Map<String, Object> a = Files.readAttributes(file, ATTRIBUTES);
                regular = Boolean.TRUE.equals(a.get("isRegularFile"));
                state = new Stat(((Number) a.get("dev")).longValue(), ((Number) a.get("ino")).longValue(),
                        ((Number) a.get("size")).longValue(), nanos((FileTime) a.get("lastModifiedTime")),
                        nanos((FileTime) a.get("ctime")));
            } else {
                BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
                regular = a.isRegularFile();
                state = new Stat(0, 0, a.size(), nanos(a.lastModifiedTime()), 0);
            }
            if (regularOnly && !regular) {
                throw new IOException(file + " is not a regular file");
            }
            return state;
        }

        String line(String name, String sha256) {
            return name + '\t' + dev + '\t' + ino + '\t' + size + '\t' + mtimeNanos + '\t' + ctimeNanos + '\t' + sha256;
        }
    }

    private record Entry(Stat stat, String sha256) {}

    private final boolean supported;
    private final Map<Path, Object> locks = new java.util.concurrent.ConcurrentHashMap<>();
    /** Each directory's index as read in this session (a jar and its POM share one), replaced when written. */
    private final Map<Path, Map<String, Entry>> read = new java.util.concurrent.ConcurrentHashMap<>();

    public DigestIndex() {
        this(DigestCache.UNIX);
    }

    DigestIndex(boolean supported) {
        this.supported = supported;
    }

    /** False where the file system gives no inode and ctime: then nothing is looked up or stored. */
    public boolean supported() {
        return supported;
    }

    /** The state of {@code file} now, or null when it cannot be read (or the index is not supported). */
    public Stat stat(Path file) {
        if (!supported) {
            return null;
        }
        try {
            return Stat.current(file, false);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** The indexed SHA-256 of {@code file} when its entry matches {@code now} (its state), else null. */
    public String lookup(Path file, Stat now) {
        if (now == null || file.getParent() == null) {
            return null;
        }
        Entry e = entries(file.getParent()).get(file.getFileName().toString());
        return e != null && e.stat.equals(now) ? e.sha256 : null;
    }

    /**
     * Remembers {@code sha256} for {@code file}, hashed from state {@code before} starting at {@code hashStartMillis}
     * (wall clock). Nothing is stored when the file changed since, or changed too shortly before the hashing began.
     *
     * @return true when the entry was written
     */
    public boolean store(Path file, Stat before, String sha256, long hashStartMillis) {
        if (before == null || file.getParent() == null || !SHA256.matcher(sha256).matches()) {
            return false;
        }
        if (TimeUnit.NANOSECONDS.toMillis(before.ctimeNanos) > hashStartMillis - RACY_MARGIN_MILLIS
                || TimeUnit.NANOSECONDS.toMillis(before.mtimeNanos) > hashStartMillis - RACY_MARGIN_MILLIS) {
            return false; // racy: a change in the same timestamp tick could go unseen
        }
        if (!before.equals(stat(file))) {
            return false; // changed while it was hashed
        }
        Path dir = file.getParent();
        String name = file.getFileName().toString();
        if (name.indexOf('\t') >= 0 || name.indexOf('\n') >= 0 || name.equals(FILE_NAME)) {
            return false;
        }
        synchronized (lockFor(dir)) {
            Map<String, Entry> entries = new TreeMap<>(read(dir));
            Entry old = entries.put(name, new Entry(before, sha256));
            if (old != null && old.equals(entries.get(name))) {
                return true;
            }
            StringBuilder text = new StringBuilder(HEADER).append('\n');
            entries.forEach((n, e) -> text.append(e.stat.line(n, e.sha256)).append('\n'));
            Path tmp = null;
            try {
                tmp = Files.createTempFile(dir, FILE_NAME, ".tmp");
                Files.writeString(tmp, text, StandardCharsets.UTF_8);
                try {
                    Files.move(tmp, dir.resolve(FILE_NAME), StandardCopyOption.ATOMIC_MOVE,
                            StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, dir.resolve(FILE_NAME), StandardCopyOption.REPLACE_EXISTING);
                }
                read.put(key(dir), Map.copyOf(entries));
                return true;
            } catch (IOException | RuntimeException e) {
                return false; // a read-only local repository: the evidence is hashed every time, nothing else
            } finally {
                if (tmp != null) {
                    try {
                        Files.deleteIfExists(tmp);
                    } catch (IOException ignored) {
                        // a temporary file that was moved already, or cannot be deleted: harmless
                    }
                }
            }
        }
    }

    /** The entries of {@code dir}'s index, read once per session. */
    private Map<String, Entry> entries(Path dir) {
        return read.computeIfAbsent(key(dir), DigestIndex::read);
    }

    private static Path key(Path dir) {
        return dir.toAbsolutePath().normalize();
    }

    /** The entries of {@code dir}'s index; empty when it has none or it is malformed. */
    private static Map<String, Entry> read(Path dir) {
        String text;
        try {
            text = Files.readString(dir.resolve(FILE_NAME), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return Map.of();
        } catch (IOException | RuntimeException e) {
            return Map.of();
        }
        Map<String, Entry> out = new TreeMap<>();
        for (String line : text.split("\n")) {
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t");
            if (f.length != 7 || !SHA256.matcher(f[6]).matches()) {
                return Map.of(); // not written by this code: trust none of it
            }
            try {
                out.put(f[0], new Entry(new Stat(Long.parseLong(f[1]), Long.parseLong(f[2]), Long.parseLong(f[3]),
                        Long.parseLong(f[4]), Long.parseLong(f[5])), f[6]));
            } catch (NumberFormatException e) {
                return Map.of();
            }
        }
        return out;
    }

    private Object lockFor(Path dir) {
        return locks.computeIfAbsent(key(dir), d -> new Object());
    }

    private static long nanos(FileTime t) {
        return t.to(TimeUnit.NANOSECONDS);
    }
}
