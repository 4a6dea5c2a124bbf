package dev.airlock.verify;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.airlock.verify.pgp.PgpKeyring;
import dev.airlock.verify.pgp.PgpKeyringException;

/**
 * Fuzz target: armored OpenPGP keyrings (PgpKeyring.parse). The library's error model is caught; anything else escapes and is a finding. Seeds:
 * {@code src/test/resources/dev/airlock/verify/PgpKeyringFuzzTestInputs/pgpKeyring/}. See {@link FuzzSupport} and docs/testing.md.
 */
class PgpKeyringFuzzTest {
    @FuzzTest(maxDuration = "5s")
    void pgpKeyring(byte[] data) {
        try {
            PgpKeyring.parse("keyring", data);
        } catch (PgpKeyringException expected) {
            // not an armored keyring with valid self-signatures
        }
    }
}
