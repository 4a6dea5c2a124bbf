package dev.airlock.verify;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.airlock.verify.sbom.SbomException;
import dev.airlock.verify.sbom.SbomParser;
import java.nio.file.Path;

/**
 * Fuzz target: SPDX 2.3 JSON SBOMs (SbomParser.parse; the format is detected from the content). The library's error model is caught; anything else escapes and is a finding. Seeds:
 * {@code src/test/resources/dev/airlock/verify/SbomSpdx23JsonFuzzTestInputs/sbomSpdx23Json/}. See {@link FuzzSupport} and docs/testing.md.
 */
class SbomSpdx23JsonFuzzTest {
    @FuzzTest(maxDuration = "5s")
    void sbomSpdx23Json(byte[] data) {
        try {
            SbomParser.parse(Path.of("fuzz.spdx.json"), data);
        } catch (SbomException expected) {
            // not an SBOM Airlock can read
        }
    }
}
