package dev.airlock.verify;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.airlock.verify.config.ConfigException;
import dev.airlock.verify.lock.LockFile;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Fuzz target: the lock (LockFile.read). The library's error model is caught; anything else escapes and is a finding. Seeds:
 * {@code src/test/resources/dev/airlock/verify/LockFileFuzzTestInputs/lockFile/}. See {@link FuzzSupport} and docs/testing.md.
 */
class LockFileFuzzTest {
    @FuzzTest(maxDuration = "5s")
    void lockFile(byte[] data) throws IOException {
        Path f = FuzzSupport.write("airlock.lock", data);
        try {
            LockFile.read(f);
        } catch (ConfigException expected) {
            // a malformed, duplicated or empty lock
        }
    }
}
