package dev.airlock.extension;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeclaringPomsTest {
    @TempDir
    Path dir;

    private static final String WITH_REPO = "<project><repositories><repository><id>rogue</id>"
            + "<url>http://127.0.0.1:9/</url></repository></repositories></project>";

    @Test
    void readsRepositoryElementsOnly() {
        assertEquals(List.of(new DeclaringPoms.Declaration("rogue", "http://127.0.0.1:9/")),
                DeclaringPoms.repositories(WITH_REPO));
        assertEquals(List.of(new DeclaringPoms.Declaration("p", "${repo.url}")), DeclaringPoms.repositories(
                "<project><pluginRepositories><pluginRepository><id>p</id><url>${repo.url}</url></pluginRepository>"
                        + "</pluginRepositories></project>"));
        // an <id> elsewhere (an execution, a mirror) is not a repository
        assertTrue(DeclaringPoms.repositories("<project><build><plugins><plugin><executions><execution><id>rogue</id>"
                + "</execution></executions></plugin></plugins></build></project>").isEmpty());
        // malformed XML declares nothing, and does not throw
        assertTrue(DeclaringPoms.repositories("<project><repositories><repository><id>rogue").isEmpty());
    }

    @Test
    void namesTheFirstPomThatDeclaredTheRepository() throws IOException {
        DeclaringPoms index = new DeclaringPoms();
        index.index("g:none:pom:1", Files.writeString(dir.resolve("none.pom"), "<project/>"));
        index.index("g:a:pom:1", Files.writeString(dir.resolve("a.pom"), WITH_REPO));
        index.index("g:b:pom:1", Files.writeString(dir.resolve("b.pom"), WITH_REPO));
        index.index("g:missing:pom:1", dir.resolve("missing.pom"));
        index.index("g:i:pom:1", Files.writeString(dir.resolve("i.pom"), "<project><repositories><repository>"
                + "<id>interp</id><url>${x}</url></repository></repositories></project>"));
        assertEquals("g:a:pom:1", index.find("rogue", "HTTP://127.0.0.1:9"));
        assertNull(index.find("rogue", "http://127.0.0.1:10/"));
        assertNull(index.find("nobody", "http://127.0.0.1:9/"));
        assertEquals("g:i:pom:1", index.find("interp", "http://wherever.example/"));
    }
}
