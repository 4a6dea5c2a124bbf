package dev.airlock.verify.outcome;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.airlock.verify.outcome.Outcome.Verdict;
import dev.airlock.verify.pgp.PgpOutcome;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The three verifiers' outcomes share one shape: each of their statuses means one verdict. */
class OutcomeVerdictTest {
    @Test
    void pgpOutcomesSortIntoTheSharedVerdicts() {
        PgpOutcome.Signer signer = new PgpOutcome.Signer("A".repeat(40), "A".repeat(40), List.of("a <a@corp.example>"),
                "RSA", 4096);
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        assertEquals(Verdict.VERIFIED, new PgpOutcome.Verified(signer, t, "SHA512", List.of()).verdict());
        assertEquals(Verdict.INTEGRITY_FAILURE, new PgpOutcome.Invalid(signer, t, "does not verify").verdict());
        PgpOutcome.Malformed m = new PgpOutcome.Malformed(Path.of("x.jar.asc"), "not armored");
        assertEquals(Verdict.INTEGRITY_FAILURE, m.verdict());
        assertEquals("x.jar.asc", m.source());
        assertEquals(m.message(), m.reason());
        assertEquals(Verdict.SIGNER_NOT_ACCEPTED,
                new PgpOutcome.KeyNotFound("0123456789ABCDEF", null, t, "keys.asc").verdict());
        assertEquals(Verdict.SIGNER_NOT_ACCEPTED, new PgpOutcome.Weak(signer, t, "SHA1").verdict());
        assertNull(new PgpOutcome.Weak(signer, t, "SHA1").expected());
    }
}
