package dev.airlock.verify.propose;

import java.util.Objects;

/**
 * What an independent map of artifacts to signers (a keysmap, {@code airlock.keysMap}) says about one proposed
 * identity for one artifact.
 *
 * @param detail the map's lines that matched ({@code file:line text}), or why it is silent
 */
public record SecondOpinion(Verdict verdict, String detail) {
    /** The map's answer. */
    public enum Verdict {
        AGREES, DISAGREES, SILENT
    }

    public SecondOpinion {
        Objects.requireNonNull(verdict, "verdict");
        detail = detail == null ? "" : detail;
    }

    /** No map was named. */
    public static final SecondOpinion NONE = new SecondOpinion(Verdict.SILENT, "no keysmap was named");
}
