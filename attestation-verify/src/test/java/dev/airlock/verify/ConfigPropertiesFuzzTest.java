package dev.airlock.verify;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.airlock.verify.config.AirlockConfigLoader;
import dev.airlock.verify.config.ConfigException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Fuzz target: airlock.properties (AirlockConfigLoader.load). The library's error model is caught; anything else escapes and is a finding. Seeds:
 * {@code src/test/resources/dev/airlock/verify/ConfigPropertiesFuzzTestInputs/configProperties/}. See {@link FuzzSupport} and docs/testing.md.
 */
class ConfigPropertiesFuzzTest {
    @FuzzTest(maxDuration = "5s")
    void configProperties(byte[] data) throws IOException {
        Path f = FuzzSupport.write("airlock.properties", data);
        try {
            AirlockConfigLoader.load(FuzzSupport.tmp(), List.of(f), Map.of());
        } catch (ConfigException expected) {
            // the library's error for a bad configuration
        }
    }
}
