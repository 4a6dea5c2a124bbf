package dev.airlock.verify.sbom;

import dev.airlock.verify.digest.HashAlgorithm;
import dev.airlock.verify.finding.Finding;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What {@link SbomVerifier#verify} found: the findings (severities already applied, ignored codes left out) and the
 * counts a rule prints as its summary, so that what was not checked is visible rather than silently passed.
 *
 * @param findings every finding, sorted by code, then coordinates
 * @param artifacts distinct resolved artifacts (coordinates) considered, excludes applied
 * @param excluded distinct resolved artifacts left out by {@code excludes}
 * @param outOfScope distinct resolved artifacts whose scope is not checked (neither in {@code scopes} nor covered
 *     by any SBOM, or plugins/extensions with {@code includePlugins}/{@code includeExtensions} false)
 * @param hashesVerified artifacts whose bytes matched an SBOM hash, by the algorithm compared
 * @param reactorNotHashed reactor artifacts whose hashes were not compared ({@code checkReactorHashes} false)
 * @param pluginsNotEvaluated plugins/extensions (and their dependencies) no SBOM could judge (no SBOM records them)
 */
public record SbomVerification(List<Finding> findings, int artifacts, int excluded, int outOfScope,
        Map<HashAlgorithm, Integer> hashesVerified, List<String> reactorNotHashed, List<String> pluginsNotEvaluated) {

    public SbomVerification {
        findings = List.copyOf(findings);
        EnumMap<HashAlgorithm, Integer> h = new EnumMap<>(HashAlgorithm.class);
        h.putAll(hashesVerified);
        hashesVerified = Collections.unmodifiableMap(h);
        reactorNotHashed = List.copyOf(reactorNotHashed);
        pluginsNotEvaluated = List.copyOf(pluginsNotEvaluated);
    }

    /** Number of artifacts whose bytes were verified against an SBOM hash. */
    public int verifiedCount() {
        return hashesVerified.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** One line: {@code 25 artifacts: 23 verified (SHA-512), 2 reactor not hashed, 0 excluded; 1 finding}. */
    public String summary() {
        StringBuilder sb = new StringBuilder().append(artifacts).append(" artifacts: ").append(verifiedCount())
                .append(" hash-verified");
        if (!hashesVerified.isEmpty()) {
            StringBuilder algs = new StringBuilder();
            hashesVerified.forEach((a, n) -> algs.append(algs.length() == 0 ? "" : ", ").append(n).append(' ')
                    .append(a.displayName()));
            sb.append(" (").append(algs).append(')');
        }
        sb.append(", ").append(reactorNotHashed.size()).append(" reactor not hashed, ").append(outOfScope)
                .append(" out of scope, ").append(excluded).append(" excluded");
        if (!pluginsNotEvaluated.isEmpty()) {
            sb.append(", ").append(pluginsNotEvaluated.size()).append(" plugin artifacts not evaluated");
        }
        sb.append("; ").append(findings.size()).append(findings.size() == 1 ? " finding" : " findings");
        return sb.toString();
    }
}
