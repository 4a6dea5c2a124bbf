package dev.airlock.verify.keys;

import dev.airlock.verify.pgp.PgpKeyInfo;
import dev.airlock.verify.pgp.PgpKeyring;
import dev.airlock.verify.pgp.PgpKeyringException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * Merges fetched keys into one armored keyring text (what the {@code propose} goal writes as
 * {@code .mvn/keys/proposed.asc}): one block per key, ordered by primary fingerprint, each preceded by a {@code #}
 * line naming its fingerprint and user ids (text outside the blocks, which {@link PgpKeyring} ignores). Copies of the
 * same key are merged. Deterministic: the same keys, in any order, give the same bytes.
 */
public final class ProposedKeyring {
    private ProposedKeyring() {}

    /**
     * The keyring text of these keys.
     *
     * @throws PgpKeyringException when two copies of one key cannot be merged (damaged data)
     */
    public static String text(Collection<FetchedKey> keys) throws PgpKeyringException {
        return fromArmored(keys.stream().map(FetchedKey::armored).toList());
    }

    /**
     * The keyring text of these armored key blocks (each a certificate checked before, e.g. by a key server lookup).
     *
     * @throws PgpKeyringException when they do not load together (damaged data)
     */
    public static String fromArmored(Collection<String> armored) throws PgpKeyringException {
        if (armored.isEmpty()) {
            return "";
        }
        List<String> sorted = new ArrayList<>(armored);
        sorted.sort(Comparator.naturalOrder());
        StringBuilder all = new StringBuilder();
        for (String k : sorted) {
            all.append(k).append('\n');
        }
        PgpKeyring merged = PgpKeyring.parse("proposed keyring", all.toString().getBytes(StandardCharsets.US_ASCII));
        List<PgpKeyInfo> infos = new ArrayList<>(merged.keys());
        infos.sort(Comparator.comparing(PgpKeyInfo::fingerprint));
        StringBuilder out = new StringBuilder();
        for (PgpKeyInfo k : infos) {
            if (out.length() > 0) {
                out.append('\n');
            }
            out.append("# ").append(k.fingerprint());
            for (String id : k.userIds()) {
                out.append(' ').append(printable(id));
            }
            out.append('\n').append(merged.armored(k.fingerprint()).orElseThrow());
        }
        return out.toString();
    }

    /** Printable ASCII only, so a user id cannot break the line or pose as an armor header. */
    private static String printable(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            b.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return b.toString();
    }
}
