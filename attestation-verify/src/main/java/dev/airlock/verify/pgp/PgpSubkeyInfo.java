package dev.airlock.verify.pgp;

import java.time.Instant;

/**
 * What the keyring knows about one subkey.
 *
 * @param fingerprint upper-case hex
 * @param algorithm e.g. {@code RSA}
 * @param bits key size
 * @param created key creation time
 * @param expires when it expires by its latest valid binding signature; null when it does not expire
 * @param bound true when a binding signature by the primary key verifies
 * @param signing true when it may sign data: bound, with the sign-data flag (or, without key flags, a signing
 *     algorithm), and with a valid back-signature (primary-key binding signature) by the subkey
 * @param revocation its verified revocation, or null
 * @param problem why it cannot sign for the primary key (not bound, no back-signature, ...), or null
 */
public record PgpSubkeyInfo(String fingerprint, String algorithm, int bits, Instant created, Instant expires,
        boolean bound, boolean signing, PgpRevocation revocation, String problem) {}
