package dev.airlock.verify.keys;

import java.util.List;
import java.util.Objects;

/**
 * What a {@link KeysMap} says about one artifact and its signer (or its missing signature): a second opinion, shown
 * next to Airlock's own proposal, never a decision.
 *
 * @param verdict whether the map agrees, disagrees, or has no item for the artifact
 * @param lines every map item that matched the artifact, in file order (empty when {@link Verdict#SILENT})
 */
public record Opinion(Verdict verdict, List<MapLine> lines) {
    public Opinion {
        Objects.requireNonNull(verdict, "verdict");
        lines = List.copyOf(lines);
    }

    /** The map's position. */
    public enum Verdict {
        /** Some matching item lists the signer (or {@code *} / {@code any}; for an unsigned artifact: {@code noSig}). */
        AGREES,
        /** Items match the artifact, none of them agrees. */
        DISAGREES,
        /** No item matches the artifact. */
        SILENT
    }

    /**
     * One item of the map, for display.
     *
     * @param where {@code file:line} of its first physical line
     * @param text the item, continuation lines joined, comments removed and spaces collapsed
     */
    public record MapLine(String where, String text) {
        public MapLine {
            Objects.requireNonNull(where, "where");
            Objects.requireNonNull(text, "text");
        }

        @Override
        public String toString() {
            return where + ": " + text;
        }
    }
}
