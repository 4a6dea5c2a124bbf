package dev.airlock.verify.keys;

import java.util.Locale;
import java.util.regex.Pattern;

/** Normalising OpenPGP v4 fingerprints (40 hex digits) and key ids (16 hex digits, the fingerprint's low 64 bits). */
final class Fingerprints {
    private static final Pattern HEX = Pattern.compile("[0-9A-F]+");

    private Fingerprints() {}

    /** Upper case, without spaces, tabs or a leading {@code 0x}; not validated. */
    static String normalize(String value) {
        String v = value.replace(" ", "").replace("\t", "").toUpperCase(Locale.ROOT);
        return v.startsWith("0X") ? v.substring(2) : v;
    }

    static boolean isHex(String v, int digits) {
        return v.length() == digits && HEX.matcher(v).matches();
    }

    /** A 40-hex fingerprint, normalised, or an {@link IllegalArgumentException} naming the value. */
    static String fingerprint(String value) {
        String v = normalize(value);
        if (!isHex(v, 40)) {
            throw new IllegalArgumentException("not an OpenPGP v4 fingerprint (40 hex digits): '" + value + "'");
        }
        return v;
    }

    /** A 16-hex key id, normalised, or an {@link IllegalArgumentException} naming the value. */
    static String keyId(String value) {
        String v = normalize(value);
        if (!isHex(v, 16)) {
            throw new IllegalArgumentException("not an OpenPGP key id (16 hex digits): '" + value + "'");
        }
        return v;
    }
}
