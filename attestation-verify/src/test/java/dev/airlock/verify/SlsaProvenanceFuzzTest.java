package dev.airlock.verify;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Objects;

/**
 * Fuzz target: SLSA provenance files, a bundle or JSON Lines of them (ProvenanceVerifier.verifyAll: outcomes, never an exception). The library's error model is caught; anything else escapes and is a finding. Seeds:
 * {@code src/test/resources/dev/airlock/verify/SlsaProvenanceFuzzTestInputs/slsaProvenance/}. See {@link FuzzSupport} and docs/testing.md.
 */
class SlsaProvenanceFuzzTest {
    @FuzzTest(maxDuration = "5s")
    void slsaProvenance(byte[] data) throws Exception {
        FuzzSupport.provenance().verifyAll("provenance", data, FuzzSupport.SHA)
                .forEach(o -> Objects.requireNonNull(o.status()));
    }
}
