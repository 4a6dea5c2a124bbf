package dev.airlock.verify.config;

/**
 * Invalid configuration, or a command-line value that would weaken a pinned setting. The message names where
 * the problem is (file and line, or the command line), what is wrong, and the fix.
 */
public final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String where;
    private final String problem;
    private final String fix;

    public ConfigException(String where, String problem, String fix) {
        super(where + ": " + problem + (fix == null ? "" : ". Fix: " + fix));
        this.where = where;
        this.problem = problem;
        this.fix = fix;
    }

    /** {@code path:line}, {@code -Dkey} or similar. */
    public String where() {
        return where;
    }

    public String problem() {
        return problem;
    }

    public String fix() {
        return fix;
    }
}
