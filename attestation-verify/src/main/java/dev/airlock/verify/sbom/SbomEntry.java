package dev.airlock.verify.sbom;

import dev.airlock.verify.artifact.ResolvedArtifact;
import dev.airlock.verify.digest.HashAlgorithm;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One Maven component of an SBOM: where it is in the document, its purl read as coordinates, the hashes Airlock can
 * compare (lowercase hex) and, for an SBOM Airlock recorded, what brought the artifact in.
 *
 * @param ref where the entry is: the CycloneDX {@code bom-ref} (or purl), the SPDX 2 {@code SPDXID}, the SPDX 3
 *     {@code spdxId}
 * @param purl the purl, read
 * @param hashes the comparable hashes (SHA-1, SHA-2, SHA-3), lowercase hex; empty when the SBOM has none
 * @param otherHashes algorithm names the entry carries that Airlock never compares (MD5, BLAKE2b-256, ...), the
 *     unknown ones included; sorted (a store may hand them over in any order: messages must not change with it)
 * @param unknownHashes the algorithm names among {@code otherHashes} that no SBOM format defines (a misspelling such
 *     as {@code SHA-2566}, or an invented name): the verifier reports each, because such a hash is dropped by every
 *     reader
 * @param kinds what brought it in, as Airlock recorded it (dependency, plugin, extension); empty for third-party
 *     SBOMs
 * @param scope the Maven scope Airlock recorded for a dependency, or null
 */
public record SbomEntry(String ref, MavenPurl purl, Map<HashAlgorithm, String> hashes, List<String> otherHashes,
        List<String> unknownHashes, Set<ResolvedArtifact.Kind> kinds, String scope) {

    public SbomEntry {
        Objects.requireNonNull(purl, "purl");
        EnumMap<HashAlgorithm, String> h = new EnumMap<>(HashAlgorithm.class);
        h.putAll(hashes);
        hashes = Collections.unmodifiableMap(h);
        otherHashes = otherHashes.stream().sorted().toList();
        unknownHashes = unknownHashes.stream().sorted().toList();
        kinds = kinds.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(kinds));
    }

    /** An entry without unknown algorithms. */
    public SbomEntry(String ref, MavenPurl purl, Map<HashAlgorithm, String> hashes, List<String> otherHashes,
            Set<ResolvedArtifact.Kind> kinds, String scope) {
        this(ref, purl, hashes, otherHashes, List.of(), kinds, scope);
    }

    public String groupId() {
        return purl.groupId();
    }

    public String artifactId() {
        return purl.artifactId();
    }

    public String version() {
        return purl.version();
    }

    /** True when the purl has qualifiers, so extension and classifier are known. */
    public boolean qualified() {
        return purl.qualified();
    }

    /** The strongest comparable hash, if any. */
    public Optional<HashAlgorithm> strongest() {
        HashAlgorithm best = null;
        for (HashAlgorithm a : hashes.keySet()) {
            if (best == null || a.strength() > best.strength()) {
                best = a;
            }
        }
        return Optional.ofNullable(best);
    }

    /**
     * Coordinates for messages: {@code g:a:ext[:classifier]:v}, or {@code g:a:*:v} when the purl does not say
     * which file it means.
     */
    public String display() {
        return qualified() ? purl.coordinates().toString() : groupId() + ':' + artifactId() + ":*:" + version();
    }
}
