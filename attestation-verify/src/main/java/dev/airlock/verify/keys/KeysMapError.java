package dev.airlock.verify.keys;

import java.util.Objects;

/**
 * One problem found in a keys-map file: where it is ({@code file:line[:column]}), what is wrong, and the fix.
 *
 * @param file the map's display name
 * @param line 1-based physical line; 0 when the problem concerns the whole file
 * @param column 1-based column on that line; 0 when not known
 * @param problem what is wrong, naming the offending text
 * @param fix what to do about it
 */
public record KeysMapError(String file, int line, int column, String problem, String fix) {
    public KeysMapError {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(problem, "problem");
        Objects.requireNonNull(fix, "fix");
    }

    /** {@code file:line:column}, {@code file:line} or {@code file}. */
    public String where() {
        if (line <= 0) {
            return file;
        }
        return file + ":" + line + (column > 0 ? ":" + column : "");
    }

    @Override
    public String toString() {
        return where() + ": " + problem + ". Fix: " + fix;
    }
}
