package dev.airlock.rules;

import dev.airlock.verify.finding.FindingCode;

/**
 * A rule cannot run (missing or unreadable input, bad parameter): the build fails with this message. With a code
 * ({@code TRUST_ROOT_INVALID}, {@code CONFIG_ERROR}), the reason is also filed in the report as a finding.
 */
public class RuleSetupException extends Exception {
    private static final long serialVersionUID = 1L;

    private final FindingCode code;

    public RuleSetupException(String message) {
        this(null, message);
    }

    public RuleSetupException(FindingCode code, String message) {
        super(message);
        this.code = code;
    }

    public RuleSetupException(String message, Throwable cause) {
        super(message, cause);
        this.code = null;
    }

    /** The finding code the failure is reported under, or null. */
    public FindingCode code() {
        return code;
    }
}
