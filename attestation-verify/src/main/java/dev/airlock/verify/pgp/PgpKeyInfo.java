package dev.airlock.verify.pgp;

import java.time.Instant;
import java.util.List;

/**
 * What the keyring knows about one key (certificate): what {@link PgpKeyring#load} reports per key.
 *
 * @param fingerprint the primary key's fingerprint, upper-case hex (40 digits for v4 keys); what a
 *     {@code pgp fingerprint=} policy line names
 * @param keyId the low 64 bits, 16 upper-case hex digits
 * @param algorithm e.g. {@code RSA}
 * @param bits key size
 * @param created key creation time
 * @param expires when it expires by its latest valid self-signature; null when it does not expire
 * @param userIds the user ids with a valid, unrevoked self-certification
 * @param revocation its verified revocation, or null
 * @param subkeys every subkey, bound or not
 * @param line the line of the keyring file where its armored block starts
 */
public record PgpKeyInfo(String fingerprint, String keyId, String algorithm, int bits, Instant created,
        Instant expires, List<String> userIds, PgpRevocation revocation, List<PgpSubkeyInfo> subkeys, int line) {
    public PgpKeyInfo {
        userIds = List.copyOf(userIds);
        subkeys = List.copyOf(subkeys);
    }

    /** One line per key and subkey, for logs and the keyring report. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        sb.append(fingerprint).append(' ').append(algorithm).append(' ').append(bits).append("-bit, created ")
                .append(created).append(expires == null ? ", no expiry" : ", expires " + expires);
        if (revocation != null) {
            sb.append(", ").append(revocation);
        }
        sb.append(", user ids ").append(userIds);
        for (PgpSubkeyInfo s : subkeys) {
            sb.append("\n  subkey ").append(s.fingerprint()).append(' ').append(s.algorithm()).append(' ')
                    .append(s.bits()).append("-bit").append(s.signing() ? ", signing" : "")
                    .append(s.expires() == null ? ", no expiry" : ", expires " + s.expires());
            if (s.revocation() != null) {
                sb.append(", ").append(s.revocation());
            }
            if (s.problem() != null) {
                sb.append(", ").append(s.problem());
            }
        }
        return sb.toString();
    }
}
