package dev.airlock.verify.sbom;

import java.nio.file.Path;

/**
 * An SBOM that cannot be read: unreadable, not an SBOM, malformed, truncated, or holding values Airlock cannot
 * accept. The message names the file, the position ({@code line:column}) when the parser can tell, what is wrong and
 * the fix; {@link #getCause()} keeps the library's exception for debugging.
 */
public final class SbomException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final int line;
    private final int column;
    private final String problem;
    private final String fix;

    public SbomException(Path file, int line, int column, String problem, String fix, Throwable cause) {
        super(format(file, line, column, problem, fix), cause);
        this.file = file;
        this.line = line;
        this.column = column;
        this.problem = problem;
        this.fix = fix;
    }

    public SbomException(Path file, String problem, String fix) {
        this(file, -1, -1, problem, fix, null);
    }

    private static String format(Path file, int line, int column, String problem, String fix) {
        StringBuilder sb = new StringBuilder(String.valueOf(file));
        if (line > 0) {
            sb.append(':').append(line);
            if (column > 0) {
                sb.append(':').append(column);
            }
        }
        sb.append(": ").append(problem);
        if (fix != null && !fix.isEmpty()) {
            sb.append(" Fix: ").append(fix);
        }
        return sb.toString();
    }

    public Path file() {
        return file;
    }

    /** 1-based line, or -1 when not known. */
    public int line() {
        return line;
    }

    /** 1-based column, or -1 when not known. */
    public int column() {
        return column;
    }

    /** What is wrong, without file and position. */
    public String problem() {
        return problem;
    }

    public String fix() {
        return fix;
    }
}
