package dev.airlock.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.airlock.verify.finding.Finding;
import dev.airlock.verify.finding.FindingCode;
import dev.airlock.verify.finding.Severity;
import java.util.List;
import java.util.Map;
import dev.airlock.verify.evidence.ResolutionEntry;
import org.junit.jupiter.api.Test;

/** Evidence the extension marked incomplete fails the rule (fail closed), naming the file and the reason. */
class RequireHermeticResolutionIncompleteTest {
    @Test
    void anIncompleteMarkIsAnError() {
        List<Finding> f = RequireHermeticResolution.incomplete(List.of(ResolutionEntry.of(Map.of("kind", "incomplete",
                "reason", "evidence work failed: java.io.UncheckedIOException: No space left on device",
                "time", "2026-12-06T22:00:00Z"))), "target/airlock/resolution.jsonl");
        assertEquals(1, f.size());
        assertEquals(FindingCode.NOT_EVALUATED, f.get(0).code());
        assertEquals(Severity.ERROR, f.get(0).severity());
        assertTrue(f.get(0).message().contains("No space left on device"), f.get(0).message());
        assertTrue(RequireHermeticResolution.incomplete(List.of(), "x").isEmpty());
    }
}
