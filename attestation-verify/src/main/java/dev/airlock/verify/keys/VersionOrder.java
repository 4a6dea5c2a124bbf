package dev.airlock.verify.keys;

/**
 * The order of Maven versions, for the version ranges of a {@link KeysMap}. The library does not depend on Maven: the
 * Maven plugin passes one backed by maven-resolver's {@code GenericVersionScheme}.
 */
@FunctionalInterface
public interface VersionOrder {
    /** Negative, zero or positive as version {@code a} is lower than, equal to or higher than {@code b}. */
    int compare(String a, String b);
}
