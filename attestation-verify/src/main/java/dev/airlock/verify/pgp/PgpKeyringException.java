package dev.airlock.verify.pgp;

/**
 * A keyring file that cannot be used: missing, not armored, damaged, or holding a key without a valid
 * self-signature. The message names the file (and line of the armored block, where known), the problem and the fix.
 * The enforcer rule turns it into a rule error: a broken keyring never turns signature checks off.
 */
public final class PgpKeyringException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String where;
    private final String problem;
    private final String fix;

    public PgpKeyringException(String where, String problem, String fix) {
        super(where + ": " + problem + ". Fix: " + fix);
        this.where = where;
        this.problem = problem;
        this.fix = fix;
    }

    /** {@code file} or {@code file:line}. */
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
