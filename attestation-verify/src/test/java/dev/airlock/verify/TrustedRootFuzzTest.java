package dev.airlock.verify;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.airlock.verify.sigstore.TrustedRoot;
import dev.airlock.verify.sigstore.TrustedRootException;

/**
 * Fuzz target: Sigstore trusted roots (TrustedRoot.parse). The library's error model is caught; anything else escapes and is a finding. Seeds:
 * {@code src/test/resources/dev/airlock/verify/TrustedRootFuzzTestInputs/trustedRoot/}. See {@link FuzzSupport} and docs/testing.md.
 */
class TrustedRootFuzzTest {
    @FuzzTest(maxDuration = "5s")
    void trustedRoot(byte[] data) {
        try {
            TrustedRoot.parse("trusted_root.json", data, null);
        } catch (TrustedRootException expected) {
            // not a usable trusted root
        }
    }
}
