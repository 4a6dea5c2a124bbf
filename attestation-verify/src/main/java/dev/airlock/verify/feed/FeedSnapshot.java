package dev.airlock.verify.feed;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.airlock.verify.digest.DigestCache;
import dev.airlock.verify.text.Printable;
import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * A compaction of the feed: the live entries and releases ({@link FeedIndex#live()}) of every file it
 * {@linkplain #covers() covers}, signed and published as a version of its own ({@code snapshot-...},
 * {@link FeedLayout}). A reader starts from the newest snapshot it accepts and fetches only the entry versions the
 * snapshot does not cover ({@link #toFetch}); {@link FeedIndex#of(FeedSnapshot, Collection)} then equals the index of
 * all files.
 *
 * <p>"Covered" is a set of versions, not a time: an entry published late (a slow deploy, a skewed clock) with a time
 * before the snapshot's is still fetched, because the snapshot does not list its version. Entries lifted by a
 * release, and their releases, are dropped from {@link #entries()} but stay covered, so they are not fetched again.
 *
 * <p>Canonical JSON: {@code {"format":1,"kind":"SNAPSHOT","time":"<UTC>","covers":[<versions, sorted>],
 * "entries":[<entry objects, sorted by id>]}}.
 */
public final class FeedSnapshot {
    /** The largest snapshot file read. */
    public static final int MAX_BYTES = 128 * 1024 * 1024;

    private final Instant time;
    private final List<String> covers;
    private final Set<String> coverSet;
    private final List<FeedEntry> entries;

    /**
     * @throws IllegalArgumentException when a version is not an entry version, or an entry is not covered
     */
    public FeedSnapshot(Instant time, Collection<String> covers, Collection<FeedEntry> entries) {
        this.time = Objects.requireNonNull(time, "time").truncatedTo(ChronoUnit.SECONDS);
        TreeSet<String> c = new TreeSet<>(covers);
        for (String v : c) {
            if (!FeedLayout.isEntryVersion(v)) {
                throw new IllegalArgumentException("'" + Printable.of(v) + "' is not a feed entry version");
            }
        }
        this.covers = List.copyOf(c);
        this.coverSet = Set.copyOf(c);
        TreeSet<FeedEntry> sorted = new TreeSet<>(Comparator.comparing(FeedEntry::id));
        sorted.addAll(entries);
        for (FeedEntry e : sorted) {
            if (!coverSet.contains(FeedLayout.version(e))) {
                throw new IllegalArgumentException("the snapshot holds " + e + " (version " + FeedLayout.version(e)
                        + ") but does not cover that version");
            }
        }
        this.entries = List.copyOf(sorted);
    }

    /**
     * Compacts {@code previous} (null: none) and the accepted entries and releases published after it into a new
     * snapshot made at {@code time}.
     */
    public static FeedSnapshot compact(FeedSnapshot previous, Collection<FeedEntry> accepted, Instant time) {
        List<String> covers = new ArrayList<>(FeedLayout.versions(accepted));
        FeedIndex index;
        if (previous == null) {
            index = FeedIndex.of(accepted);
        } else {
            covers.addAll(previous.covers());
            index = FeedIndex.of(previous, accepted);
        }
        return new FeedSnapshot(time, covers, index.live());
    }

    public Instant time() {
        return time;
    }

    /** The entry versions the snapshot stands for, sorted. */
    public List<String> covers() {
        return covers;
    }

    public boolean covers(String version) {
        return coverSet.contains(version);
    }

    /** The live entries and releases, sorted by id. */
    public List<FeedEntry> entries() {
        return entries;
    }

    /** The entry versions of a metadata version list that this snapshot does not cover: what a reader fetches. */
    public List<String> toFetch(Collection<String> metadataVersions) {
        return FeedLayout.entryVersions(metadataVersions).stream().filter(v -> !coverSet.contains(v)).toList();
    }

    public byte[] canonicalBytes() {
        return FeedJson.canonical(this::write);
    }

    /** SHA-256 of {@link #canonicalBytes()}. */
    public String id() {
        return DigestCache.sha256(canonicalBytes());
    }

    private void write(JsonGenerator g) throws IOException {
        g.writeStartObject();
        g.writeNumberField("format", FeedEntry.FORMAT);
        g.writeStringField("kind", "SNAPSHOT");
        g.writeStringField("time", time.toString());
        g.writeArrayFieldStart("covers");
        for (String v : covers) {
            g.writeString(v);
        }
        g.writeEndArray();
        g.writeArrayFieldStart("entries");
        for (FeedEntry e : entries) {
            e.write(g);
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    /**
     * Reads a snapshot file strictly (as {@link FeedEntry#parse} reads an entry, canonical form included).
     *
     * @throws FeedException naming the file, the position and the fix
     */
    public static FeedSnapshot parse(String source, byte[] bytes) throws FeedException {
        FeedSnapshot s;
        try (JsonParser p = FeedJson.open(source, bytes, MAX_BYTES, "feed snapshot")) {
            s = read(source, p);
        } catch (IOException x) {
            throw new FeedException(source, "cannot be read: " + x.getMessage(), FeedJson.REPUBLISH);
        }
        FeedJson.requireCanonical(source, bytes, s.canonicalBytes());
        return s;
    }

    private static FeedSnapshot read(String source, JsonParser p) throws IOException, FeedException {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            throw FeedJson.at(source, p, "a feed snapshot is " + FeedJson.describe(p.currentToken())
                    + ", not a JSON object", FeedJson.REPUBLISH);
        }
        JsonLocation start = p.currentTokenLocation();
        boolean format = false;
        boolean kind = false;
        Instant time = null;
        List<String> covers = null;
        List<FeedEntry> entries = null;
        String keys = "format, kind, time, covers, entries (" + FeedJson.FORMAT_DOC + ")";
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            p.nextToken();
            switch (key) {
                case "format" -> {
                    if (p.currentToken() != JsonToken.VALUE_NUMBER_INT
                            || !p.getText().equals(Integer.toString(FeedEntry.FORMAT))) {
                        throw FeedJson.at(source, p, "'format' is not " + FeedEntry.FORMAT, "this Airlock reads feed"
                                + " format " + FeedEntry.FORMAT + "; a newer format needs a newer Airlock");
                    }
                    format = true;
                }
                case "kind" -> {
                    String v = FeedJson.string(source, p, key);
                    if (!v.equals("SNAPSHOT")) {
                        throw FeedJson.at(source, p, "'kind' is '" + Printable.of(v) + "', not SNAPSHOT", "a"
                                + " snapshot version holds a snapshot; entries have versions of their own");
                    }
                    kind = true;
                }
                case "time" -> {
                    String v = FeedJson.string(source, p, key);
                    try {
                        time = FeedEntry.parseTime(v);
                    } catch (IllegalArgumentException x) {
                        throw FeedJson.at(source, p, "'time': " + x.getMessage(), "write UTC time to the second");
                    }
                }
                case "covers" -> {
                    array(source, p, key);
                    covers = new ArrayList<>();
                    while (p.nextToken() != JsonToken.END_ARRAY) {
                        String v = FeedJson.string(source, p, "covers[" + covers.size() + "]");
                        if (!FeedLayout.isEntryVersion(v)) {
                            throw FeedJson.at(source, p, "'" + Printable.of(v) + "' is not a feed entry version",
                                    FeedJson.REPUBLISH);
                        }
                        covers.add(v);
                    }
                }
                case "entries" -> {
                    array(source, p, key);
                    entries = new ArrayList<>();
                    while (p.nextToken() != JsonToken.END_ARRAY) {
                        entries.add(FeedEntry.read(source, p));
                    }
                }
                default -> throw FeedJson.at(source, p, "unknown key '" + Printable.of(key) + "'", "remove it: a"
                        + " feed snapshot has only " + keys);
            }
        }
        if (!format || !kind || time == null || covers == null || entries == null) {
            throw new FeedException(source, start.getLineNr(), start.getColumnNr(), "the snapshot lacks one of "
                    + keys, FeedJson.REPUBLISH);
        }
        try {
            return new FeedSnapshot(time, covers, entries);
        } catch (IllegalArgumentException x) {
            throw new FeedException(source, start.getLineNr(), start.getColumnNr(), x.getMessage(),
                    FeedJson.REPUBLISH);
        }
    }

    private static void array(String source, JsonParser p, String key) throws FeedException {
        if (p.currentToken() != JsonToken.START_ARRAY) {
            throw FeedJson.at(source, p, "'" + key + "' is " + FeedJson.describe(p.currentToken()) + ", not an"
                    + " array", FeedJson.REPUBLISH);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FeedSnapshot s && s.time.equals(time) && s.covers.equals(covers)
                && s.entries.equals(entries);
    }

    @Override
    public int hashCode() {
        return Objects.hash(time, covers, entries);
    }

    @Override
    public String toString() {
        return "FeedSnapshot[" + time + ", covers " + covers.size() + ", " + entries.size() + " live]";
    }
}
