package dev.airlock.verify.feed;

import dev.airlock.verify.finding.Coordinates;
import dev.airlock.verify.text.Printable;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the files of feed {@code groupId:artifactId} live in a Maven repository (package comment; docs/fleet.md,
 * "Feed format"): one artifact version per entry, release or snapshot, so that two runners publishing at the same
 * moment write disjoint paths, and only the metadata's version list is shared (merged by {@link MetadataVersions}).
 *
 * <ul>
 *   <li>entry or release {@code E}: version {@code yyyyMMdd'T'HHmmss'Z'-<first 16 hex of E.id()>} (E's time, UTC),
 *       file {@code <artifactId>-<version>.json}, its signature {@code <artifactId>-<version>.json.sig};</li>
 *   <li>snapshot {@code S}: version {@code snapshot-yyyyMMdd'T'HHmmss'Z'-<first 16 hex of S.id()>}, same file
 *       names.</li>
 * </ul>
 *
 * The version is sortable by time (as text) and unique by content; it also commits to the content: a file whose id
 * does not start with its version's id part, or whose time is not its version's time, is refused
 * ({@link #readEntry}), so an entry cannot be replayed under another entry's version.
 */
public final class FeedLayout {
    /** The extension of an entry, release or snapshot file. */
    public static final String EXTENSION = "json";
    /** The extension of its detached signature. */
    public static final String SIGNATURE_EXTENSION = "json.sig";
    public static final String SNAPSHOT_PREFIX = "snapshot-";
    /** How many hex digits of the id a version carries. */
    public static final int ID_PREFIX = 16;

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);
    private static final Pattern ENTRY_VERSION = Pattern.compile("(\\d{8}T\\d{6}Z)-([0-9a-f]{16})");
    private static final Pattern SNAPSHOT_VERSION = Pattern.compile("snapshot-(\\d{8}T\\d{6}Z)-([0-9a-f]{16})");

    private final String groupId;
    private final String artifactId;

    /** @throws IllegalArgumentException for parts that are not Maven coordinate parts */
    public FeedLayout(String groupId, String artifactId) {
        new Coordinates(groupId, artifactId, EXTENSION, null, "1"); // validates both
        this.groupId = groupId;
        this.artifactId = artifactId;
    }

    /**
     * Parses the feed's coordinates as {@code airlock.feed} gives them, {@code groupId:artifactId}.
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    public static FeedLayout parse(String feed) {
        String[] p = feed == null ? new String[0] : feed.strip().split(":", -1);
        if (p.length != 2) {
            throw new IllegalArgumentException("the feed '" + Printable.of(String.valueOf(feed)) + "' is not"
                    + " groupId:artifactId");
        }
        return new FeedLayout(p[0], p[1]);
    }

    public String groupId() {
        return groupId;
    }

    public String artifactId() {
        return artifactId;
    }

    /** The file names of one version, and the directory (relative to the repository root) that holds them. */
    public record Files(String version, String directory, String entryFile, String signatureFile) {
        /** The entry's path relative to the repository root. */
        public String entryPath() {
            return directory + "/" + entryFile;
        }

        public String signaturePath() {
            return directory + "/" + signatureFile;
        }
    }

    /** The version of an entry or release. */
    public static String version(FeedEntry e) {
        return STAMP.format(e.time()) + "-" + e.id().substring(0, ID_PREFIX);
    }

    /** The version of a snapshot. */
    public static String version(FeedSnapshot s) {
        return SNAPSHOT_PREFIX + STAMP.format(s.time()) + "-" + s.id().substring(0, ID_PREFIX);
    }

    public Files files(FeedEntry e) {
        return files(version(e));
    }

    public Files files(FeedSnapshot s) {
        return files(version(s));
    }

    /** The files of {@code version} (an entry, release or snapshot version). */
    public Files files(String version) {
        Coordinates.check("version", version);
        String base = artifactId + "-" + version;
        return new Files(version, artifactDirectory() + "/" + version, base + "." + EXTENSION,
                base + "." + SIGNATURE_EXTENSION);
    }

    /** {@code groupId/as/path/artifactId}: the directory of the versions and of {@code maven-metadata.xml}. */
    public String artifactDirectory() {
        return groupId.replace('.', '/') + "/" + artifactId;
    }

    public String metadataPath() {
        return artifactDirectory() + "/maven-metadata.xml";
    }

    /** The coordinates of a version's file, as the trust policy is asked about it. */
    public Coordinates coordinates(String version) {
        return new Coordinates(groupId, artifactId, EXTENSION, null, version);
    }

    @Override
    public String toString() {
        return groupId + ":" + artifactId;
    }

    public static boolean isEntryVersion(String version) {
        return version != null && ENTRY_VERSION.matcher(version).matches();
    }

    public static boolean isSnapshotVersion(String version) {
        return version != null && SNAPSHOT_VERSION.matcher(version).matches();
    }

    /** The id prefix (16 hex digits) an entry, release or snapshot file under {@code version} must have. */
    public static Optional<String> expectedIdPrefix(String version) {
        Matcher m = match(version);
        return m == null ? Optional.empty() : Optional.of(m.group(2));
    }

    private static Matcher match(String version) {
        if (version == null) {
            return null;
        }
        Matcher m = ENTRY_VERSION.matcher(version);
        if (m.matches()) {
            return m;
        }
        m = SNAPSHOT_VERSION.matcher(version);
        return m.matches() ? m : null;
    }

    /** The entry versions of a metadata version list, in order; other versions (snapshots, strays) are left out. */
    public static List<String> entryVersions(Collection<String> versions) {
        return versions.stream().filter(FeedLayout::isEntryVersion).sorted().toList();
    }

    /** The newest snapshot version of a version list, if any. */
    public static Optional<String> latestSnapshot(Collection<String> versions) {
        return versions.stream().filter(FeedLayout::isSnapshotVersion).max(String::compareTo);
    }

    /**
     * Reads the entry or release file of {@code version}: {@link FeedEntry#parse} and then the check that the
     * content is the one the version names (its time and id prefix).
     *
     * @param source the file's display name
     */
    public static FeedEntry readEntry(String version, String source, byte[] bytes) throws FeedException {
        if (!isEntryVersion(version)) {
            throw new FeedException(source, "its version '" + Printable.of(String.valueOf(version)) + "' is not a"
                    + " feed entry version (yyyyMMdd'T'HHmmss'Z'-<16 hex digits>)", "remove stray versions from the"
                    + " feed's repository; only Airlock publishes to the feed");
        }
        FeedEntry e = FeedEntry.parse(source, bytes);
        requireMatches(source, version, version(e));
        return e;
    }

    /** Reads the snapshot file of {@code version}, checked as {@link #readEntry} checks an entry. */
    public static FeedSnapshot readSnapshot(String version, String source, byte[] bytes) throws FeedException {
        if (!isSnapshotVersion(version)) {
            throw new FeedException(source, "its version '" + Printable.of(String.valueOf(version)) + "' is not a"
                    + " feed snapshot version (snapshot-yyyyMMdd'T'HHmmss'Z'-<16 hex digits>)", "remove stray"
                    + " versions from the feed's repository; only Airlock publishes to the feed");
        }
        FeedSnapshot s = FeedSnapshot.parse(source, bytes);
        requireMatches(source, version, version(s));
        return s;
    }

    private static void requireMatches(String source, String version, String actual) throws FeedException {
        if (!actual.equals(version)) {
            throw new FeedException(source, "its content belongs to version " + actual + ", not to " + version
                    + " (the version's time and id prefix must be the content's): a file copied or replayed under"
                    + " another version", "delete version " + version + " from the feed's repository; only"
                    + " Airlock publishes to the feed");
        }
    }

    /** Parses a version's time; for sorting and diagnostics. */
    static Instant timeOf(String version) {
        Matcher m = match(version);
        if (m == null) {
            throw new IllegalArgumentException("not a feed version: " + version);
        }
        return Instant.from(STAMP.parse(m.group(1)));
    }

    static List<String> versions(Collection<FeedEntry> entries) {
        List<String> out = new ArrayList<>();
        for (FeedEntry e : entries) {
            out.add(version(e));
        }
        return out;
    }
}
