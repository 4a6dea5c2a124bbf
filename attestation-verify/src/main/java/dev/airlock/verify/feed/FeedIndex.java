package dev.airlock.verify.feed;

import dev.airlock.verify.finding.Coordinates;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What the feed blocks: built from the accepted (signature-verified) entries and releases, in any order and with
 * duplicates, it answers which (coordinates, SHA-256) are blocked and by which entry.
 *
 * <p>The index is a function of the <em>set</em> of files, never of their order: entries and releases are collected
 * by id first, and only then is each quarantine entry checked for a release that lifts it. A release lifts exactly
 * the entry whose id it names ({@code lifts}), and only if it names that entry's coordinates and SHA-256 too (a
 * release that does not is reported in {@link #problems()} and lifts nothing). A release naming an entry the index
 * does not have lifts nothing but is kept ({@link #pendingReleases()}), so that it applies once the entry arrives.
 *
 * <p>When several unlifted entries block the same bytes (two runners saw the same tampering), each must be released;
 * {@link #blocked(Coordinates, String)} names the earliest (then the smallest id).
 */
public final class FeedIndex {
    private static final Comparator<FeedEntry> EARLIEST = Comparator.comparing(FeedEntry::time)
            .thenComparing(FeedEntry::id);

    /** Unlifted quarantine entries by id. */
    private final Map<String, FeedEntry> blocking;
    /** Releases naming no known entry, by id. */
    private final Map<String, FeedEntry> pending;
    private final List<String> problems;
    /** (coordinates, sha256) to the entry that {@link #blocked(Coordinates, String)} names. */
    private final Map<String, FeedEntry> byArtifact = new TreeMap<>();
    private final Map<Coordinates, List<FeedEntry>> byCoordinates = new java.util.HashMap<>();

    private FeedIndex(Map<String, FeedEntry> blocking, Map<String, FeedEntry> pending, List<String> problems) {
        this.blocking = blocking;
        this.pending = pending;
        this.problems = List.copyOf(problems);
        for (FeedEntry e : blocking.values()) {
            byArtifact.merge(key(e.coordinates(), e.sha256()), e, (a, b) -> EARLIEST.compare(a, b) <= 0 ? a : b);
            byCoordinates.computeIfAbsent(e.coordinates(), c -> new ArrayList<>()).add(e);
        }
        byCoordinates.replaceAll((c, l) -> l.stream().sorted(EARLIEST).toList());
    }

    /** The index of these accepted entries and releases (any order, duplicates allowed). */
    public static FeedIndex of(Collection<FeedEntry> accepted) {
        Map<String, FeedEntry> quarantines = new TreeMap<>();
        Map<String, FeedEntry> releases = new TreeMap<>();
        for (FeedEntry e : accepted) {
            (e.isRelease() ? releases : quarantines).put(e.id(), e);
        }
        Map<String, FeedEntry> blocking = new TreeMap<>(quarantines);
        Map<String, FeedEntry> pending = new TreeMap<>();
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, FeedEntry> r : releases.entrySet()) {
            FeedEntry release = r.getValue();
            FeedEntry target = quarantines.get(release.lifts());
            if (target == null) {
                pending.put(r.getKey(), release);
            } else if (!target.coordinates().equals(release.coordinates()) || !target.sha256().equals(
                    release.sha256())) {
                problems.add("release " + r.getKey() + " names entry " + release.lifts() + " but other bytes ("
                        + release.coordinates() + " sha256 " + release.sha256() + ", the entry is about "
                        + target.coordinates() + " sha256 " + target.sha256() + "): it lifts nothing");
            } else {
                blocking.remove(target.id());
            }
        }
        return new FeedIndex(blocking, pending, problems);
    }

    /**
     * The index of a snapshot plus the entries and releases published after it: the snapshot's live entries, and of
     * {@code later} those whose version the snapshot does not cover. Equal to the index of every file of the feed.
     */
    public static FeedIndex of(FeedSnapshot snapshot, Collection<FeedEntry> later) {
        List<FeedEntry> all = new ArrayList<>(snapshot.entries());
        for (FeedEntry e : later) {
            if (!snapshot.covers(FeedLayout.version(e))) {
                all.add(e);
            }
        }
        return of(all);
    }

    private static String key(Coordinates c, String sha256) {
        return c + "|" + sha256;
    }

    /** The entry that blocks these bytes of these coordinates, if any. */
    public Optional<FeedEntry> blocked(Coordinates coordinates, String sha256) {
        return Optional.ofNullable(byArtifact.get(key(coordinates, sha256)));
    }

    /**
     * Every unlifted entry about these coordinates (any SHA-256), earliest first: the extension refuses before the
     * download when the lock's SHA-256 is among theirs, and otherwise judges the downloaded bytes.
     */
    public List<FeedEntry> blocked(Coordinates coordinates) {
        return byCoordinates.getOrDefault(coordinates, List.of());
    }

    /** Every unlifted quarantine entry, by id. */
    public List<FeedEntry> blocking() {
        return List.copyOf(blocking.values());
    }

    /** Releases naming an entry the index does not have, by id. */
    public List<FeedEntry> pendingReleases() {
        return List.copyOf(pending.values());
    }

    /** What a compacting snapshot keeps: the unlifted entries and the pending releases, by id. */
    public List<FeedEntry> live() {
        List<FeedEntry> out = new ArrayList<>(blocking.values());
        out.addAll(pending.values());
        out.sort(Comparator.comparing(FeedEntry::id));
        return List.copyOf(out);
    }

    /** Releases that were accepted but lift nothing because they contradict their entry. */
    public List<String> problems() {
        return problems;
    }

    public boolean isEmpty() {
        return blocking.isEmpty() && pending.isEmpty();
    }

    /** Equal when the same entries block and the same releases are pending. */
    @Override
    public boolean equals(Object o) {
        return o instanceof FeedIndex i && i.blocking.equals(blocking) && i.pending.equals(pending);
    }

    @Override
    public int hashCode() {
        return blocking.hashCode() * 31 + pending.hashCode();
    }

    @Override
    public String toString() {
        return "FeedIndex[" + blocking.size() + " blocking, " + pending.size() + " pending releases]";
    }
}
