package dev.airlock.verify;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.airlock.verify.sbom.SbomException;
import dev.airlock.verify.sbom.SbomParser;
import java.nio.file.Path;

/**
 * Fuzz target: CycloneDX XML SBOMs (SbomParser.parse; the format is detected from the content). The library's error model is caught; anything else escapes and is a finding. Seeds:
 * {@code src/test/resources/dev/airlock/verify/SbomCycloneDxXmlFuzzTestInputs/sbomCycloneDxXml/}. See {@link FuzzSupport} and docs/testing.md.
 */
class SbomCycloneDxXmlFuzzTest {
    @FuzzTest(maxDuration = "5s")
    void sbomCycloneDxXml(byte[] data) {
        try {
            SbomParser.parse(Path.of("fuzz.cdx.xml"), data);
        } catch (SbomException expected) {
            // not an SBOM Airlock can read
        }
    }
}
