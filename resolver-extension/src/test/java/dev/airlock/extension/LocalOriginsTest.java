package dev.airlock.extension;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalOriginsTest {
    @TempDir
    Path dir;

    private Path jar() throws IOException {
        return Files.writeString(dir.resolve("lib-1.0.jar"), "x");
    }

    @Test
    void noRecordIsUntracked() throws IOException {
        assertEquals(LocalOrigins.Kind.UNTRACKED, LocalOrigins.of(jar()).kind());
    }

    @Test
    void anEmptyRepositoryIdMeansInstalled() throws IOException {
        Path jar = jar();
        Files.writeString(dir.resolve("_remote.repositories"), "#header\nlib-1.0.jar>=\nlib-1.0.pom>central=\n");
        assertEquals(LocalOrigins.Kind.INSTALLED, LocalOrigins.of(jar).kind());
    }

    @Test
    void repositoryIdsAreReadForThisFileOnly() throws IOException {
        Path jar = jar();
        Files.writeString(dir.resolve("_remote.repositories"),
                "lib-1.0.pom>internal=\nlib-1.0.jar>central=\nlib-1.0.jar>other=\nlib-1.0-sources.jar>x=\n");
        LocalOrigins.Origin o = LocalOrigins.of(jar);
        assertEquals(LocalOrigins.Kind.CACHED, o.kind());
        assertEquals(List.of("central", "other"), o.repositoryIds());
        assertEquals("cached:central,other", o.id());
    }

    @Test
    void aRecordThatDoesNotNameTheFileIsUntracked() throws IOException {
        Path jar = jar();
        Files.writeString(dir.resolve("_remote.repositories"), "lib-1.0.pom>internal=\n");
        assertEquals(LocalOrigins.Kind.UNTRACKED, LocalOrigins.of(jar).kind());
    }
}
