package dev.airlock.rules;

/** A rule cannot run (missing or unreadable input, bad parameter): the build fails with this message. */
public class RuleSetupException extends Exception {
    private static final long serialVersionUID = 1L;

    public RuleSetupException(String message) {
        super(message);
    }

    public RuleSetupException(String message, Throwable cause) {
        super(message, cause);
    }
}
