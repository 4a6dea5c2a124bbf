package dev.airlock.extension;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class CoreExtensionsTest {
    @Test
    void coordinatesFromTheLocalRepositoryLayout() {
        assertEquals("com.example:core-ext:jar:1.0",
                CoreExtensions.coordinates(Path.of("com/example/core-ext/1.0/core-ext-1.0.jar")));
        assertEquals("org.acme.x:lib:jar:tests:2.1-rc1",
                CoreExtensions.coordinates(Path.of("org/acme/x/lib/2.1-rc1/lib-2.1-rc1-tests.jar")));
        assertNull(CoreExtensions.coordinates(Path.of("lib/1.0/lib-1.0.jar")));
        assertNull(CoreExtensions.coordinates(Path.of("g/lib/1.0/other-1.0.jar")));
        assertNull(CoreExtensions.coordinates(Path.of("g/lib/1.0/lib-1.0x.jar")));
    }
}
