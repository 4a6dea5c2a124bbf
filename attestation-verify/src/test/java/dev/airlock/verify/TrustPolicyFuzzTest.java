package dev.airlock.verify;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.airlock.verify.policy.KeyResolver;
import dev.airlock.verify.policy.PolicyException;
import dev.airlock.verify.policy.TrustPolicy;
import java.io.ByteArrayInputStream;

/**
 * Fuzz target: the trust policy (TrustPolicy.parse). The library's error model is caught; anything else escapes and is a finding. Seeds:
 * {@code src/test/resources/dev/airlock/verify/TrustPolicyFuzzTestInputs/trustPolicy/}. See {@link FuzzSupport} and docs/testing.md.
 */
class TrustPolicyFuzzTest {
    @FuzzTest(maxDuration = "5s")
    void trustPolicy(byte[] data) {
        try {
            TrustPolicy.parse("policy", new ByteArrayInputStream(data), KeyResolver.NONE);
        } catch (PolicyException expected) {
            // refused with file:line and a fix
        }
    }
}
