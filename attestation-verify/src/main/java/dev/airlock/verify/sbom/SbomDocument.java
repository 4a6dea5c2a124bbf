package dev.airlock.verify.sbom;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * An SBOM as Airlock reads it, immutable: where it came from, its format and specification version, the tools that
 * wrote it, its root component, its Maven entries, what was skipped and why, and what it claims to cover.
 */
public final class SbomDocument {
    /** An SBOM component that is not a Maven artifact Airlock can check, with the reason. */
    public record Skipped(String ref, String purl, String reason) {}

    private final Path file;
    private final SbomFormat format;
    private final String specVersion;
    private final List<String> tools;
    private final SbomEntry root;
    private final String rootName;
    private final List<SbomEntry> entries;
    private final List<Skipped> skipped;
    private final Set<String> coveredScopes;
    private final boolean airlockRecord;
    private final boolean aggregate;

    SbomDocument(Path file, SbomFormat format, String specVersion, List<String> tools, SbomEntry root, String rootName,
            List<SbomEntry> entries, List<Skipped> skipped, Set<String> coveredScopes, boolean airlockRecord,
            boolean aggregate) {
        this.file = Objects.requireNonNull(file);
        this.format = Objects.requireNonNull(format);
        this.specVersion = specVersion;
        this.tools = List.copyOf(tools);
        this.root = root;
        this.rootName = rootName;
        this.entries = List.copyOf(entries);
        this.skipped = List.copyOf(skipped);
        this.coveredScopes = coveredScopes == null ? null : Set.copyOf(coveredScopes);
        this.airlockRecord = airlockRecord;
        this.aggregate = aggregate;
    }

    public Path file() {
        return file;
    }

    public SbomFormat format() {
        return format;
    }

    /** {@code 1.6}, {@code SPDX-2.3}, {@code 3.0.1}, ... as the document says. */
    public String specVersion() {
        return specVersion;
    }

    /** The tools that wrote it ({@code cyclonedx-maven-plugin 2.9.3}, {@code Tool: spdx-maven-plugin}, ...). */
    public List<String> tools() {
        return tools;
    }

    /** The component the SBOM describes (the project), when it has a Maven purl. */
    public Optional<SbomEntry> root() {
        return Optional.ofNullable(root);
    }

    /** The root's name as written, even when it has no purl; null when the SBOM names no root. */
    public String rootName() {
        return rootName;
    }

    /** The Maven components, the root excluded, in document order. */
    public List<SbomEntry> entries() {
        return entries;
    }

    /** Components that are not checkable Maven artifacts (no purl, another purl type, invalid coordinates). */
    public List<Skipped> skipped() {
        return skipped;
    }

    /**
     * The Maven scopes the SBOM says it covers (CycloneDX's {@code maven.scopes} metadata property), or empty when it
     * does not say: then it is taken to cover every scope.
     */
    public Optional<Set<String>> coveredScopes() {
        return Optional.ofNullable(coveredScopes);
    }

    /** True for the SBOM Airlock's {@code record} goal writes ({@code airlock.spdx.json}). */
    public boolean airlockRecord() {
        return airlockRecord;
    }

    /**
     * True when the SBOM lists build plugins and extensions (with their dependencies): only Airlock's record does;
     * neither cyclonedx-maven-plugin nor spdx-maven-plugin records them.
     */
    public boolean recordsPlugins() {
        return airlockRecord;
    }

    /** True for an aggregate of a whole reactor (cyclonedx-maven-plugin {@code makeAggregateBom}). */
    public boolean aggregate() {
        return aggregate;
    }

    /** {@code path (CycloneDX 1.6 JSON)} for messages. */
    public String describe() {
        String v = specVersion == null ? "" : ' ' + specVersion.replaceFirst("^SPDX-", "");
        return file + " (" + format.family() + v + ' ' + format.syntax() + ')';
    }

    @Override
    public String toString() {
        return describe() + ", " + entries.size() + " entries";
    }
}
