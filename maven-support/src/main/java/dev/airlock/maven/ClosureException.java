package dev.airlock.maven;

/** The build closure could not be resolved: the message says what and why (a rule turns it into a rule error). */
public final class ClosureException extends Exception {
    private static final long serialVersionUID = 1L;

    public ClosureException(String message, Throwable cause) {
        super(message, cause);
    }
}
