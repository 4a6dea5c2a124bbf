package dev.airlock.verify;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.airlock.verify.sigstore.KeyFileException;
import dev.airlock.verify.sigstore.TrustedKey;
import java.nio.charset.StandardCharsets;

/**
 * Fuzz target: cosign PEM public keys (TrustedKey.fromPem). The library's error model is caught; anything else escapes and is a finding. Seeds:
 * {@code src/test/resources/dev/airlock/verify/CosignKeyFuzzTestInputs/cosignKey/}. See {@link FuzzSupport} and docs/testing.md.
 */
class CosignKeyFuzzTest {
    @FuzzTest(maxDuration = "5s")
    void cosignKey(byte[] data) {
        try {
            TrustedKey.fromPem("cosign.pub", new String(data, StandardCharsets.US_ASCII));
        } catch (KeyFileException expected) {
            // not a PEM public key of a supported kind
        }
    }
}
