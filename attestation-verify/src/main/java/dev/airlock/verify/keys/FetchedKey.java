package dev.airlock.verify.keys;

import dev.airlock.verify.pgp.PgpKeyInfo;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * One public key a key server returned, checked: its self-signatures verify (it was loaded with
 * {@link dev.airlock.verify.pgp.PgpKeyring#parse}) and it carries the fingerprint or key id that was asked for, as its
 * primary key or as a bound subkey. A candidate only: whether its owner is who the user ids say is for a person to
 * confirm out of band.
 *
 * @param fingerprint the primary key's fingerprint, 40 upper-case hex digits
 * @param userIds its user ids with a valid self-certification
 * @param info everything {@link dev.airlock.verify.pgp.PgpKeyring} verified about it (subkeys, expiry, revocation)
 * @param armored this certificate alone as an armored public key block (other keys in the server's answer are
 *     dropped); deterministic, {@code \n} line ends
 */
public record FetchedKey(String fingerprint, List<String> userIds, PgpKeyInfo info, String armored) {
    public FetchedKey {
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(info, "info");
        Objects.requireNonNull(armored, "armored");
        userIds = List.copyOf(userIds);
    }

    /** {@link #armored()} as US-ASCII bytes. */
    public byte[] armoredBytes() {
        return armored.getBytes(StandardCharsets.US_ASCII);
    }
}
