package dev.airlock.verify.sbom;

/** The SBOM formats {@link SbomParser} reads, told apart by content (never by file name). */
public enum SbomFormat {
    /** CycloneDX JSON: a top-level {@code "bomFormat": "CycloneDX"}. */
    CYCLONEDX_JSON("CycloneDX", "JSON"),
    /** CycloneDX XML: root element {@code bom} in namespace {@code http://cyclonedx.org/schema/bom/<version>}. */
    CYCLONEDX_XML("CycloneDX", "XML"),
    /** SPDX 2.x JSON: a top-level {@code "spdxVersion": "SPDX-2.x"}. */
    SPDX_JSON("SPDX", "JSON"),
    /** SPDX 3 JSON-LD: a top-level {@code "@context"} naming the SPDX 3 context. */
    SPDX_JSONLD("SPDX", "JSON-LD");

    private final String family;
    private final String syntax;

    SbomFormat(String family, String syntax) {
        this.family = family;
        this.syntax = syntax;
    }

    /** {@code CycloneDX} or {@code SPDX}. */
    public String family() {
        return family;
    }

    /** {@code JSON}, {@code XML} or {@code JSON-LD}. */
    public String syntax() {
        return syntax;
    }
}
