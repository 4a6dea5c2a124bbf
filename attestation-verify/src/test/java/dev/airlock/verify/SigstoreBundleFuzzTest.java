package dev.airlock.verify;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.List;
import java.util.Objects;

/**
 * Fuzz target: Sigstore bundles (SigstoreBundleVerifier.verify: an outcome, never an exception). The library's error model is caught; anything else escapes and is a finding. Seeds:
 * {@code src/test/resources/dev/airlock/verify/SigstoreBundleFuzzTestInputs/sigstoreBundle/}. See {@link FuzzSupport} and docs/testing.md.
 */
class SigstoreBundleFuzzTest {
    @FuzzTest(maxDuration = "5s")
    void sigstoreBundle(byte[] data) throws Exception {
        Objects.requireNonNull(FuzzSupport.bundles().verify("bundle", data, FuzzSupport.SHA, List.of()).status());
    }
}
