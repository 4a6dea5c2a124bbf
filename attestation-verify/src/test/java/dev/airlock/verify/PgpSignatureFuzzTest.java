package dev.airlock.verify;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.airlock.verify.pgp.PgpSignatureVerifier;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Fuzz target: detached OpenPGP signatures over a real jar, against its signer's real keyring (PgpSignatureVerifier.verifyAll: outcomes, never an exception). The library's error model is caught; anything else escapes and is a finding. Seeds:
 * {@code src/test/resources/dev/airlock/verify/PgpSignatureFuzzTestInputs/pgpSignature/}. See {@link FuzzSupport} and docs/testing.md.
 */
class PgpSignatureFuzzTest {
    @FuzzTest(maxDuration = "5s")
    void pgpSignature(byte[] data) throws Exception {
        Path asc = FuzzSupport.write("annotations-23.0.0.jar.asc", data);
        new PgpSignatureVerifier().verifyAll(FuzzSupport.pgpArtifact(), asc, FuzzSupport.keyring())
                .forEach(o -> Objects.requireNonNull(o.status()));
    }
}
