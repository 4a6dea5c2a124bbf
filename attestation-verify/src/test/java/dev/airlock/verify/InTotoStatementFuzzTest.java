package dev.airlock.verify;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.airlock.verify.sigstore.InTotoStatement;

/**
 * Fuzz target: in-toto statements (InTotoStatement.parse). The library's error model is caught; anything else escapes and is a finding. Seeds:
 * {@code src/test/resources/dev/airlock/verify/InTotoStatementFuzzTestInputs/inTotoStatement/}. See {@link FuzzSupport} and docs/testing.md.
 */
class InTotoStatementFuzzTest {
    @FuzzTest(maxDuration = "5s")
    void inTotoStatement(byte[] data) {
        try {
            InTotoStatement.parse(data);
        } catch (IllegalArgumentException expected) {
            // says what is wrong with the statement
        }
    }
}
