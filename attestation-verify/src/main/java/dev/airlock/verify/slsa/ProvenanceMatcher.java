package dev.airlock.verify.slsa;

import dev.airlock.verify.sigstore.PolicyValue;
import dev.airlock.verify.sigstore.SourceUri;

/**
 * Whether verified provenance satisfies one policy line {@code slsa builder=<v> source=<v> [ref=<v>]
 * [buildType=<v>]}. Values match as {@link PolicyValue} says (exact, glob, {@code regex:}). {@code source} is
 * compared with the normalised repository URI without ref ({@link SourceUri}; an exact policy value is normalised
 * the same way); {@code ref} defaults to {@code refs/tags/*}; without {@code buildType} any build type passes here
 * ({@link SlsaParity} still checks the known builders' build types).
 */
public final class ProvenanceMatcher {
    /** The policy's default for {@code ref}: tags only. */
    public static final String DEFAULT_REF = "refs/tags/*";

    private ProvenanceMatcher() {}

    public static boolean builderMatches(String builder, ProvenanceFacts f) {
        return PolicyValue.of(builder).matches(f.builderId());
    }

    public static boolean sourceMatches(String source, ProvenanceFacts f) {
        PolicyValue v = PolicyValue.of(source);
        return v.isExact() ? SourceUri.normalise(source).equals(f.sourceUri()) : v.matches(f.sourceUri());
    }

    /** @param ref the policy's {@code ref=}, or null for the default {@link #DEFAULT_REF} */
    public static boolean refMatches(String ref, ProvenanceFacts f) {
        return PolicyValue.of(ref == null ? DEFAULT_REF : ref).matches(f.sourceRef());
    }

    /** @param buildType the policy's {@code buildType=}, or null (any) */
    public static boolean buildTypeMatches(String buildType, ProvenanceFacts f) {
        return buildType == null || PolicyValue.of(buildType).matches(f.buildType());
    }

    /** All four. */
    public static boolean matches(String builder, String source, String ref, String buildType, ProvenanceFacts f) {
        return builderMatches(builder, f) && sourceMatches(source, f) && refMatches(ref, f)
                && buildTypeMatches(buildType, f);
    }
}
