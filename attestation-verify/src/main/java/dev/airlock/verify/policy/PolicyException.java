package dev.airlock.verify.policy;

import java.util.List;

/**
 * A trust-policy file that cannot be used: missing, unreadable, or with one or more errors. Every error of the file
 * is listed at once (the user fixes them in one go), each naming {@code file:line[:column]}, the problem and the fix.
 * The enforcer rules turn this into a rule error: a policy that cannot be read never turns identity checks off.
 */
public final class PolicyException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient List<PolicyError> errors;

    public PolicyException(List<PolicyError> errors) {
        super(format(errors));
        this.errors = List.copyOf(errors);
        if (this.errors.isEmpty()) {
            throw new IllegalArgumentException("a PolicyException needs at least one error");
        }
    }

    public PolicyException(PolicyError error) {
        this(List.of(error));
    }

    /** Every error of the file, in file order. */
    public List<PolicyError> errors() {
        return errors;
    }

    private static String format(List<PolicyError> errors) {
        if (errors.size() == 1) {
            return "Trust policy error: " + errors.get(0);
        }
        StringBuilder sb = new StringBuilder("Trust policy has ").append(errors.size()).append(" errors:");
        for (PolicyError e : errors) {
            sb.append("\n  ").append(e);
        }
        return sb.toString();
    }
}
