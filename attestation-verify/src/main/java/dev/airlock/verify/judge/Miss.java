package dev.airlock.verify.judge;

import dev.airlock.verify.finding.Coordinates;
import java.util.List;

/**
 * An artifact nothing resolved: its coordinates (as text, and typed from the resolver's fields: null when they are
 * not valid coordinates, which then are the findings' subject), what requested it ({@code requestedBy}, null when
 * unknown, and the dependency path, root first), the configured mirrors that were asked (in order), whether the
 * build is offline, whether the artifact is a module of the reactor, and the repositories outside the mirrors that
 * were refused.
 */
public record Miss(String coordinates, Coordinates parsed, String requestedBy, List<String> path,
        List<Repository> mirrorsAsked, boolean offline, boolean reactorModule, List<RefusedRepository> refused) {

    public Miss {
        if (parsed != null && !parsed.toString().equals(coordinates)) {
            throw new IllegalArgumentException("typed coordinates " + parsed + " are not " + coordinates);
        }
        path = List.copyOf(path);
        mirrorsAsked = List.copyOf(mirrorsAsked);
        refused = List.copyOf(refused);
    }

    /** A repository by id and URL. */
    public record Repository(String id, String url) {}

    /**
     * A refused repository outside the mirrors: {@code description} names it (with what it mirrors, if it is a
     * mirror), {@code declaredIn} the POM that declared it (null when unknown).
     */
    public record RefusedRepository(String id, String url, String description, String declaredIn) {}
}
