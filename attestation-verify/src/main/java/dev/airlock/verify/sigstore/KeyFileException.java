package dev.airlock.verify.sigstore;

/**
 * A public key file (the trust policy's {@code cosign key=<PEM>}) cannot be used. The message names the file, the
 * line where the parser can tell, and what to do.
 */
public final class KeyFileException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String file;
    private final String fix;

    KeyFileException(String file, String message, String fix, Throwable cause) {
        super(file + ": " + message + (fix == null ? "" : ". Fix: " + fix), cause);
        this.file = file;
        this.fix = fix;
    }

    public String file() {
        return file;
    }

    public String fix() {
        return fix;
    }
}
