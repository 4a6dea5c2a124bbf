package dev.airlock.verify.pgp;

import java.time.Instant;

/**
 * A verified revocation of a key or subkey by its owner.
 *
 * @param at when the revocation signature was made
 * @param reason the reason code's name ({@code key compromised}, {@code key superseded}, {@code key retired},
 *     {@code no reason}, ...)
 * @param description the free-text description the owner gave, possibly empty
 * @param hard true for a hard revocation (compromised, no reason, or no reason subpacket): every signature by the
 *     key is refused, whatever its date. A soft revocation (superseded, retired) refuses only signatures made at or
 *     after {@code at}.
 */
public record PgpRevocation(Instant at, String reason, String description, boolean hard) {
    @Override
    public String toString() {
        return (hard ? "hard" : "soft") + " revocation of " + at + " (" + reason
                + (description.isEmpty() ? "" : ": " + description) + ")";
    }
}
