package dev.airlock.verify.digest;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The hash algorithms Airlock compares, strongest last in {@link #strength()} order: SHA-512 &gt; SHA3-512 &gt; SHA-384
 * &gt; SHA3-384 &gt; SHA-256 &gt; SHA3-256 &gt; SHA-1. MD5 (and anything else) is never compared.
 *
 * <p>SBOM formats spell the names differently ({@code SHA-256} in CycloneDX, {@code SHA256} in SPDX 2,
 * {@code sha256} / {@code sha3_256} in SPDX 3); {@link #fromName(String)} accepts all of them.
 */
public enum HashAlgorithm {
    SHA1("SHA-1", 40, 1),
    SHA3_256("SHA3-256", 64, 2),
    SHA256("SHA-256", 64, 3),
    SHA3_384("SHA3-384", 96, 4),
    SHA384("SHA-384", 96, 5),
    SHA3_512("SHA3-512", 128, 6),
    SHA512("SHA-512", 128, 7);

    private static final Pattern HEX = Pattern.compile("[0-9a-fA-F]+");

    private final String jcaName;
    private final int hexLength;
    private final int strength;

    HashAlgorithm(String jcaName, int hexLength, int strength) {
        this.jcaName = jcaName;
        this.hexLength = hexLength;
        this.strength = strength;
    }

    /** The name in reports and messages, also the JCA name: {@code SHA-256}. */
    public String displayName() {
        return jcaName;
    }

    /** The short lowercase name used in finding values: {@code sha256}, {@code sha512}, {@code sha3-256}. */
    public String id() {
        return jcaName.toLowerCase(Locale.ROOT).replace("sha-", "sha");
    }

    /** Number of hex digits of a digest. */
    public int hexLength() {
        return hexLength;
    }

    /** Higher is stronger. */
    public int strength() {
        return strength;
    }

    /** SHA-1: collisions can be manufactured; a match proves less than a SHA-2 match. */
    public boolean isWeak() {
        return this == SHA1;
    }

    public MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance(jcaName);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(jcaName + " is not available in this JVM", e);
        }
    }

    /** True when {@code value} is a hex string of this algorithm's length (any case). */
    public boolean isValidHex(String value) {
        return value != null && value.length() == hexLength && HEX.matcher(value).matches();
    }

    /**
     * The algorithm a name denotes, whatever the spelling: {@code SHA-256}, {@code SHA256}, {@code sha256},
     * {@code sha3_256}, {@code SHA3-256}. Empty for algorithms Airlock does not compare (MD5, BLAKE2, ...).
     */
    public static Optional<HashAlgorithm> fromName(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String n = name.strip().toUpperCase(Locale.ROOT).replace("-", "").replace("_", "").replace(" ", "");
        return Optional.ofNullable(switch (n) {
            case "SHA1" -> SHA1;
            case "SHA256" -> SHA256;
            case "SHA384" -> SHA384;
            case "SHA512" -> SHA512;
            case "SHA3256" -> SHA3_256;
            case "SHA3384" -> SHA3_384;
            case "SHA3512" -> SHA3_512;
            default -> null;
        });
    }
}
