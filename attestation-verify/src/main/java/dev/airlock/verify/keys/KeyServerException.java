package dev.airlock.verify.keys;

/**
 * A key server address ({@code airlock.keyserver}) that cannot be used: not a URL, an unsupported scheme, user info
 * in the URL. The message names the value, the problem and the fix, for the user (never a stack trace).
 */
public final class KeyServerException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String value;
    private final String problem;
    private final String fix;

    public KeyServerException(String value, String problem, String fix) {
        super("Key server '" + value + "': " + problem + ". Fix: " + fix);
        this.value = value;
        this.problem = problem;
        this.fix = fix;
    }

    /** The address as the user gave it. */
    public String value() {
        return value;
    }

    public String problem() {
        return problem;
    }

    public String fix() {
        return fix;
    }
}
