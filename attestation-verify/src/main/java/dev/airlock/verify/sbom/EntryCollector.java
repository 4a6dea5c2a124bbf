package dev.airlock.verify.sbom;

import dev.airlock.verify.artifact.ResolvedArtifact;
import dev.airlock.verify.digest.HashAlgorithm;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Builds entries the same way for every format: purl checks, hash normalisation, skip reasons. */
final class EntryCollector {
    private final Path file;
    private final ContentScan scan;
    final List<SbomEntry> entries = new ArrayList<>();
    final List<SbomDocument.Skipped> skipped = new ArrayList<>();

    EntryCollector(Path file, ContentScan scan) {
        this.file = file;
        this.scan = scan;
    }

    /** One hash as the SBOM writes it. */
    record RawHash(String algorithm, String value) {}

    /**
     * Adds a component. Not a Maven purl, no purl, coordinates Airlock refuses: skipped with the reason (the verifier
     * then reports the resolved artifact as not listed, never as verified). A malformed hash value is an error: the
     * SBOM is corrupt and must not be half-trusted.
     */
    void add(String ref, String purl, List<RawHash> rawHashes, Set<ResolvedArtifact.Kind> kinds, String scope)
            throws SbomException {
        String where = ref != null ? ref : purl;
        if (purl == null || purl.isBlank()) {
            skipped.add(new SbomDocument.Skipped(where, null, "no purl"));
            return;
        }
        MavenPurl p;
        try {
            p = MavenPurl.parse(purl);
        } catch (IllegalArgumentException e) {
            skipped.add(new SbomDocument.Skipped(where, purl, e.getMessage()));
            return;
        }
        entries.add(new SbomEntry(where, p, hashes(where, purl, rawHashes), otherNames(rawHashes),
                unknownNames(rawHashes), kinds, scope));
    }

    /** The root component's purl read as an entry, or null when it is not a usable Maven purl. */
    SbomEntry root(String ref, String purl, List<RawHash> rawHashes) throws SbomException {
        if (purl == null) {
            return null;
        }
        try {
            MavenPurl p = MavenPurl.parse(purl);
            return new SbomEntry(ref != null ? ref : purl, p, hashes(ref, purl, rawHashes), List.of(),
                    Set.of(), null);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * Algorithms the SBOM formats define that Airlock does not compare (normalised as {@link HashAlgorithm#fromName}
     * normalises: upper case, without {@code -}, {@code _} and spaces). CycloneDX: MD5, BLAKE2b-256/384/512, BLAKE3;
     * SPDX 2.3: MD2, MD4, MD5, MD6, SHA224, BLAKE2b-*, BLAKE3, ADLER32; SPDX 3: the same plus sha3_224, sha512_224,
     * sha512_256 (sic), crystalsKyber, crystalsDilithium, falcon. Any other name is unknown.
     */
    private static final Set<String> KNOWN_UNCOMPARED = Set.of("MD2", "MD4", "MD5", "MD6", "SHA224", "SHA3224",
            "SHA512224", "SHA512256", "BLAKE2B256", "BLAKE2B384", "BLAKE2B512", "BLAKE3", "ADLER32",
            "CRYSTALSKYBER", "CRYSTALSDILITHIUM", "FALCON");

    private static List<String> unknownNames(List<RawHash> raw) {
        List<String> out = new ArrayList<>();
        for (RawHash h : raw) {
            String a = h.algorithm();
            if (a != null && HashAlgorithm.fromName(a).isEmpty() && !KNOWN_UNCOMPARED.contains(
                    a.strip().toUpperCase(Locale.ROOT).replace("-", "").replace("_", "").replace(" ", ""))
                    && !out.contains(a)) {
                out.add(a);
            }
        }
        return out;
    }

    private static List<String> otherNames(List<RawHash> raw) {
        List<String> out = new ArrayList<>();
        for (RawHash h : raw) {
            if (h.algorithm() != null && HashAlgorithm.fromName(h.algorithm()).isEmpty()
                    && !out.contains(h.algorithm())) {
                out.add(h.algorithm());
            }
        }
        return out;
    }

    private Map<HashAlgorithm, String> hashes(String ref, String purl, List<RawHash> raw) throws SbomException {
        Map<HashAlgorithm, String> out = new EnumMap<>(HashAlgorithm.class);
        for (RawHash h : raw) {
            if (h.algorithm() == null) {
                throw error(ref, purl, "a hash of " + describe(ref, purl) + " names no algorithm.");
            }
            var alg = HashAlgorithm.fromName(h.algorithm());
            if (alg.isEmpty()) {
                continue;
            }
            String v = h.value() == null ? "" : h.value().strip();
            if (!alg.get().isValidHex(v)) {
                throw error(ref, purl, "the " + alg.get().displayName() + " hash of " + describe(ref, purl) + " is '"
                        + (v.length() > 140 ? v.substring(0, 140) + "..." : v) + "', not "
                        + alg.get().hexLength() + " hex digits.");
            }
            String norm = v.toLowerCase(Locale.ROOT);
            String before = out.putIfAbsent(alg.get(), norm);
            if (before != null && !before.equals(norm)) {
                throw error(ref, purl, describe(ref, purl) + " lists two different " + alg.get().displayName()
                        + " hashes (" + before + " and " + norm + ").");
            }
        }
        return out;
    }

    private static String describe(String ref, String purl) {
        return purl != null ? purl : "entry " + ref;
    }

    SbomException error(String ref, String purl, String problem) {
        int[] at = scan.position(ref);
        if (at == null) {
            at = scan.position(purl);
        }
        return new SbomException(file, at == null ? -1 : at[0], at == null ? -1 : at[1], problem,
                "regenerate the SBOM with its tool; an SBOM with corrupt hashes cannot be used to verify anything.",
                null);
    }
}
