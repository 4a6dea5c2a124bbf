package dev.airlock.verify;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.airlock.verify.keys.KeysMap;
import dev.airlock.verify.keys.KeysMapException;
import dev.airlock.verify.keys.VersionOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.eclipse.aether.util.version.GenericVersionScheme;
import org.eclipse.aether.version.InvalidVersionSpecificationException;
import org.eclipse.aether.version.Version;

/**
 * Fuzz target: pgpverify keys maps (KeysMap.parse), then one opinion on a fixed artifact. The library's error model is
 * caught; anything else escapes and is a finding. Seeds:
 * {@code src/test/resources/dev/airlock/verify/KeysMapFuzzTestInputs/keysMap/}. See {@link FuzzSupport} and
 * docs/testing.md.
 */
class KeysMapFuzzTest {
    private static final GenericVersionScheme SCHEME = new GenericVersionScheme();
    private static final VersionOrder MAVEN = (a, b) -> {
        try {
            Version va = SCHEME.parseVersion(a);
            Version vb = SCHEME.parseVersion(b);
            return va.compareTo(vb);
        } catch (InvalidVersionSpecificationException e) {
            throw new IllegalStateException(e);
        }
    };

    @FuzzTest(maxDuration = "5s")
    void keysMap(byte[] data) {
        try {
            KeysMap m = KeysMap.parse("keys.map", new String(data, StandardCharsets.UTF_8), MAVEN);
            m.opinion("org.example", "lib", "jar", "1.2.3", List.of("B46DC71E03FEEB7F89D1F2491F7A8F87B9D8F501"));
            m.opinionUnsigned("org.example", "lib", "jar", "sources", "1.2.3");
        } catch (KeysMapException expected) {
            // not a keys map
        }
    }
}
