package dev.airlock.verify.keys;

import java.util.List;

/**
 * A keys-map file that cannot be used. Every error of the file is listed at once, each naming
 * {@code file:line[:column]}, the problem and the fix.
 */
public final class KeysMapException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient List<KeysMapError> errors;

    public KeysMapException(List<KeysMapError> errors) {
        super(format(errors));
        this.errors = List.copyOf(errors);
    }

    /** Every error of the file, in file order. */
    public List<KeysMapError> errors() {
        return errors;
    }

    private static String format(List<KeysMapError> errors) {
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("a KeysMapException needs at least one error");
        }
        if (errors.size() == 1) {
            return "Keys map error: " + errors.get(0);
        }
        StringBuilder sb = new StringBuilder("Keys map has ").append(errors.size()).append(" errors:");
        for (KeysMapError e : errors) {
            sb.append("\n  ").append(e);
        }
        return sb.toString();
    }
}
