package dev.airlock.verify.finding;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class FindingTest {
    @Test
    void theConsoleLineCarriesWhatWasExpectedAndFound() {
        Finding f = Finding.builder(FindingCode.LOCK_HASH_MISMATCH, Severity.ERROR).source("extension")
                .coordinates(Coordinates.parse("com.example:lib:jar:1.0"))
                .message("com.example:lib:jar:1.0 is not what the lock records")
                .expected("sha256 " + "a".repeat(64)).actual("sha256 " + "b".repeat(64))
                .fix("do not use it").build();
        assertEquals("LOCK_HASH_MISMATCH com.example:lib:jar:1.0: com.example:lib:jar:1.0 is not what the lock records"
                + " (expected sha256 " + "a".repeat(64) + ", actual sha256 " + "b".repeat(64) + ") Fix: do not use it",
                f.oneLine());
    }

    @Test
    void aLineWithoutExpectationsIsUnchanged() {
        Finding f = Finding.builder(FindingCode.NOT_ON_MIRROR, Severity.ERROR).source("extension")
                .coordinates(Coordinates.parse("g:a:jar:1")).message("m").build();
        assertEquals("NOT_ON_MIRROR g:a:jar:1: m", f.oneLine());
        assertEquals("NOT_ON_MIRROR g:a:jar:1: m (actual x)", f.toBuilder().actual("x").build().oneLine());
    }
}
