package dev.airlock.verify.sigstore;

/**
 * The Sigstore trusted root cannot be used: unreadable, malformed, incomplete, or not the pinned one. The message
 * names the file (or the bundled default), what is wrong and what to do; the rules report it as
 * {@code TRUST_ROOT_INVALID}.
 */
public final class TrustedRootException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String origin;
    private final String fix;

    TrustedRootException(String origin, String message, String fix, Throwable cause) {
        super(origin + ": " + message, cause);
        this.origin = origin;
        this.fix = fix;
    }

    /** The file the root was read from, or {@code bundled public-good trusted root}. */
    public String origin() {
        return origin;
    }

    /** What the user should do. */
    public String fix() {
        return fix;
    }
}
