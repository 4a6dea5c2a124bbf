package dev.airlock.verify;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * Fuzz target: DSSE envelopes, put in place of the envelope of a real bundle (SigstoreBundleVerifier.verify). The library's error model is caught; anything else escapes and is a finding. Seeds:
 * {@code src/test/resources/dev/airlock/verify/DsseEnvelopeFuzzTestInputs/dsseEnvelope/}. See {@link FuzzSupport} and docs/testing.md.
 */
class DsseEnvelopeFuzzTest {
    @FuzzTest(maxDuration = "5s")
    void dsseEnvelope(byte[] data) throws Exception {
        String envelope = new String(data, StandardCharsets.UTF_8);
        byte[] bundle = FuzzSupport.dsseBundle().replace("\"@ENVELOPE@\"", envelope).getBytes(StandardCharsets.UTF_8);
        Objects.requireNonNull(FuzzSupport.bundles().verify("bundle", bundle, FuzzSupport.SHA, List.of()).status());
    }
}
