package dev.airlock.verify.feed;

import java.util.Objects;

/**
 * A feed file (entry, release, snapshot, signature, private key or {@code maven-metadata.xml}) that cannot be used:
 * which file (its display name), where in it (1-based line and column; 0 when the problem concerns the whole file),
 * what is wrong and the fix. The message is meant for the user as it is; it never needs a stack trace.
 */
public final class FeedException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String file;
    private final int line;
    private final int column;
    private final String problem;
    private final String fix;

    public FeedException(String file, int line, int column, String problem, String fix) {
        super(format(file, line, column, problem, fix));
        this.file = Objects.requireNonNull(file, "file");
        this.line = line;
        this.column = column;
        this.problem = Objects.requireNonNull(problem, "problem");
        this.fix = Objects.requireNonNull(fix, "fix");
    }

    /** A problem of the whole file. */
    public FeedException(String file, String problem, String fix) {
        this(file, 0, 0, problem, fix);
    }

    private static String format(String file, int line, int column, String problem, String fix) {
        return where(file, line, column) + ": " + problem + ". Fix: " + fix;
    }

    private static String where(String file, int line, int column) {
        if (line <= 0) {
            return file;
        }
        return file + ":" + line + (column > 0 ? ":" + column : "");
    }

    /** The display name of the file. */
    public String file() {
        return file;
    }

    /** 1-based line; 0 when the problem concerns the whole file. */
    public int line() {
        return line;
    }

    /** 1-based column; 0 when not known. */
    public int column() {
        return column;
    }

    /** {@code file:line:column}, {@code file:line} or {@code file}. */
    public String where() {
        return where(file, line, column);
    }

    public String problem() {
        return problem;
    }

    public String fix() {
        return fix;
    }
}
