package dev.airlock.extension;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.airlock.verify.finding.Finding;
import dev.airlock.verify.finding.FindingCode;
import dev.airlock.verify.finding.Severity;
import dev.airlock.verify.report.BuildOutcome;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class MavenOutcomeTest {
    static final UnaryOperator<String> NONE = UnaryOperator.identity();

    static Finding notOnMirror(String coords, Severity severity) {
        return Finding.builder(FindingCode.NOT_ON_MIRROR, severity).source("extension").coordinatesOrSubject(coords)
                .message(coords + " is not on the configured mirrors").build();
    }

    @Test
    void aBuildWithoutExceptionsSucceeded() {
        assertEquals(BuildOutcome.success(), MavenOutcome.of(List.of(), List.of(), NONE));
    }

    @Test
    void aCompileErrorIsNotAirlocks() {
        Exception cause = new Exception("Compilation failure\n/p/src/main/java/demo/Main.java:[3,9] cannot find symbol\n"
                + "  symbol:   class Nope");
        Exception e = new Exception("Failed to execute goal org.apache.maven.plugins:maven-compiler-plugin:3.13.0:compile"
                + " (default-compile) on project compile-fail: " + cause.getMessage(), cause);
        BuildOutcome o = MavenOutcome.of(List.of(e, new Exception("second")),
                List.of(notOnMirror("g:a:jar:1", Severity.INFO)), NONE);
        assertTrue(o.failed());
        assertFalse(o.raisedByAirlock());
        assertEquals("Failed to execute goal org.apache.maven.plugins:maven-compiler-plugin:3.13.0:compile"
                + " (default-compile) on project compile-fail: Compilation failure /p/src/main/java/demo/Main.java:[3,9]"
                + " cannot find symbol symbol:   class Nope", o.firstError());
    }

    @Test
    void aRefusalARuleOrAFindingsCoordinatesAreAirlocks() {
        Exception refused = new Exception("Could not resolve dependencies for project com.example:app:jar:1.0",
                new Exception("airlock: repository rogue (http://rogue.example/) is not one of the configured mirrors"));
        assertTrue(MavenOutcome.of(List.of(refused), List.of(), NONE).raisedByAirlock());
        Exception rule = new Exception("Rule 0: dev.airlock.rules.VerifySignatures failed with message:\nverifySignatures:"
                + " 2 findings fail this build (SIGNATURE_MISSING)");
        assertTrue(MavenOutcome.of(List.of(rule), List.of(), NONE).raisedByAirlock());
        Exception missing = new Exception("Could not resolve dependencies for project com.example:app:jar:1.0: The"
                + " following artifacts could not be resolved: com.example:missing-lib:jar:1.0 (absent): Could not find"
                + " artifact com.example:missing-lib:jar:1.0 in internal (http://127.0.0.1:1/)");
        assertTrue(MavenOutcome.of(List.of(missing), List.of(notOnMirror("com.example:missing-lib:jar:1.0",
                Severity.ERROR)), NONE).raisedByAirlock());
        // an info finding about the same coordinates does not make it Airlock's
        assertFalse(MavenOutcome.of(List.of(missing), List.of(notOnMirror("com.example:missing-lib:jar:1.0",
                Severity.INFO)), NONE).raisedByAirlock());
    }

    @Test
    void theFirstErrorIsOneRedactedBoundedLine() {
        Exception e = new RuntimeException("\u001B[1mboom\u001B[m with s3cr3t-value\n  and more", new Exception("why"));
        BuildOutcome o = MavenOutcome.of(List.of(e), List.of(), t -> t.replace("s3cr3t-value", "<redacted>"));
        assertEquals("boom with <redacted> and more: why", o.firstError());
        String longMessage = "x".repeat(5000);
        assertEquals(MavenOutcome.MAX_LENGTH, MavenOutcome.firstError(new Exception(longMessage)).length());
        assertEquals(NullPointerException.class.getName(), MavenOutcome.firstError(new NullPointerException()));
    }
}
