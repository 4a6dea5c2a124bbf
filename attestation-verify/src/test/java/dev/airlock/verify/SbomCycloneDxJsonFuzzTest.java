package dev.airlock.verify;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.airlock.verify.sbom.SbomException;
import dev.airlock.verify.sbom.SbomParser;
import java.nio.file.Path;

/**
 * Fuzz target: CycloneDX JSON SBOMs (SbomParser.parse; the format is detected from the content). The library's error model is caught; anything else escapes and is a finding. Seeds:
 * {@code src/test/resources/dev/airlock/verify/SbomCycloneDxJsonFuzzTestInputs/sbomCycloneDxJson/}. See {@link FuzzSupport} and docs/testing.md.
 */
class SbomCycloneDxJsonFuzzTest {
    @FuzzTest(maxDuration = "5s")
    void sbomCycloneDxJson(byte[] data) {
        try {
            SbomParser.parse(Path.of("fuzz.cdx.json"), data);
        } catch (SbomException expected) {
            // not an SBOM Airlock can read
        }
    }
}
