package dev.airlock.extension;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    @Test
    void entriesThatCannotBeMappedSayWhy(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path repo = dir.resolve("repo");
        Path jar = repo.resolve("com/example/core-ext/1.0/core-ext-1.0.jar");
        java.nio.file.Files.createDirectories(jar.getParent());
        java.nio.file.Files.writeString(jar, "jar");
        assertNull(CoreExtensions.unmappable(jar, repo));
        Path outside = dir.resolve("elsewhere/core-ext-1.0.jar");
        assertTrue(CoreExtensions.unmappable(outside, repo).startsWith("outside the local repository"));
        assertEquals("no such file", CoreExtensions.unmappable(repo.resolve("com/example/x/1.0/x-1.0.jar"), repo));
        assertEquals("not a regular file", CoreExtensions.unmappable(jar.getParent(), repo));
        Path odd = repo.resolve("com/example/core-ext/1.0/renamed.jar");
        java.nio.file.Files.writeString(odd, "jar");
        assertTrue(CoreExtensions.unmappable(odd, repo).contains("repository layout"));
        // not a class realm: nothing to scan, nothing skipped
        assertTrue(CoreExtensions.scan(getClass().getClassLoader(), repo).unmapped().isEmpty());
    }
}
