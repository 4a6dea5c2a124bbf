package dev.airlock.verify.sigstore;

/**
 * A public key file (the trust policy's {@code cosign key=<PEM>}) cannot be used. The message names the file, the
 * line where the parser can tell, and what to do.
 */
public final class KeyFileException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String file;
    private final String problem;
    private final String fix;

    KeyFileException(String file, String message, String fix, Throwable cause) {
        super(file + ": " + message + (fix == null ? "" : ". Fix: " + fix), cause);
        this.file = file;
        this.problem = message;
        this.fix = fix;
    }

    public String file() {
        return file;
    }

    /** What is wrong with the file, without its name or the fix (e.g. "holds a private key, not a public key"). */
    public String problem() {
        return problem;
    }

    public String fix() {
        return fix;
    }
}
