package dev.airlock.verify;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.airlock.verify.sigstore.CosignSignatureVerifier;
import java.util.List;
import java.util.Objects;

/**
 * Fuzz target: cosign key-based signatures, base64 or DER (CosignSignatureVerifier.verify: an outcome, never an exception). The library's error model is caught; anything else escapes and is a finding. Seeds:
 * {@code src/test/resources/dev/airlock/verify/CosignSignatureFuzzTestInputs/cosignSignature/}. See {@link FuzzSupport} and docs/testing.md.
 */
class CosignSignatureFuzzTest {
    @FuzzTest(maxDuration = "5s")
    void cosignSignature(byte[] data) throws Exception {
        Objects.requireNonNull(new CosignSignatureVerifier().verify("artifact.sig", data, FuzzSupport.SHA,
                List.of(FuzzSupport.cosignKey())).status());
    }
}
