package dev.airlock.verify.finding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SeverityOverridesTest {
    private static Finding f(FindingCode code, Severity s) {
        return Finding.builder(code, s).source("verifySbom").message("m").build();
    }

    @Test
    void listsReplaceTheDefaults() {
        SeverityOverrides o = SeverityOverrides.parse("not_in_sbom", " WEAK_HASH_ONLY , SBOM_NO_HASH", "SBOM_AMBIGUOUS");
        assertEquals(Severity.ERROR, o.apply(f(FindingCode.NOT_IN_SBOM, Severity.WARN)).orElseThrow().severity());
        assertEquals(Severity.WARN, o.apply(f(FindingCode.SBOM_NO_HASH, Severity.ERROR)).orElseThrow().severity());
        assertTrue(o.apply(f(FindingCode.SBOM_AMBIGUOUS, Severity.ERROR)).isEmpty());
        assertTrue(o.ignores(FindingCode.SBOM_AMBIGUOUS));
        assertEquals(Severity.ERROR,
                o.apply(f(FindingCode.SBOM_HASH_MISMATCH, Severity.ERROR)).orElseThrow().severity(), "untouched");
    }

    @Test
    void unknownCodesAndContradictionsAreErrors() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SeverityOverrides.parse(null, "NOT_IN_SBMO", null));
        assertTrue(e.getMessage().contains("<warn> names 'NOT_IN_SBMO'"), e.getMessage());
        assertTrue(e.getMessage().contains("NOT_IN_SBOM"), "lists the valid codes");
        e = assertThrows(IllegalArgumentException.class,
                () -> SeverityOverrides.parse("NOT_IN_SBOM", null, "NOT_IN_SBOM"));
        assertTrue(e.getMessage().contains("both <fail> and <ignore>"), e.getMessage());
    }
}
