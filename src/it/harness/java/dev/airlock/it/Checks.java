package dev.airlock.it;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Queries over the evidence of a scenario's builds ({@code resolution.jsonl}), bound as {@code ev} in
 * {@code verify.groovy}. Build numbers start at 1; without one, the last build is meant.
 */
public final class Checks {
    private final List<List<Map<String, Object>>> evidence;

    Checks(List<List<Map<String, Object>>> evidence) {
        this.evidence = evidence;
    }

    public List<Map<String, Object>> lines(int build) {
        return evidence.get(build - 1);
    }

    public List<Map<String, Object>> lines() {
        return evidence.isEmpty() ? List.of() : evidence.get(evidence.size() - 1);
    }

    public List<Map<String, Object>> kind(int build, String kind) {
        return lines(build).stream().filter(l -> kind.equals(l.get("kind"))).toList();
    }

    public List<Map<String, Object>> kind(String kind) {
        return kind(evidence.size(), kind);
    }

    /** Findings with this code in build {@code build}. */
    public List<Map<String, Object>> findings(int build, String code) {
        return kind(build, "finding").stream().filter(f -> code.equals(f.get("code"))).toList();
    }

    public List<Map<String, Object>> findings(String code) {
        return findings(evidence.size(), code);
    }

    /** Findings with this code and severity whose coordinates equal {@code coordinates} (null: any). */
    public List<Map<String, Object>> findings(String code, String severity, String coordinates) {
        return findings(code).stream()
                .filter(f -> severity == null || severity.equals(f.get("severity")))
                .filter(f -> coordinates == null || Objects.equals(coordinates, f.get("coordinates")))
                .toList();
    }

    /** Artifact lines of the last build with these coordinates. */
    public List<Map<String, Object>> artifacts(String coordinates) {
        return kind("artifact").stream().filter(a -> coordinates.equals(a.get("coordinates"))).toList();
    }

    /** Request lines of the last build. */
    public List<Map<String, Object>> requests() {
        return kind("request");
    }

    /** The session line of the last build, or null. */
    public Map<String, Object> session() {
        return kind("session").stream().findFirst().orElse(null);
    }

    public int builds() {
        return evidence.size();
    }
}
