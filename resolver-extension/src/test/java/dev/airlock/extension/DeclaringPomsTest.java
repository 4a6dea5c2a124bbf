package dev.airlock.extension;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
    void findsTheRepositoryElement() {
        assertTrue(DeclaringPoms.declares(WITH_REPO, "rogue", "http://127.0.0.1:9"));
        assertFalse(DeclaringPoms.declares(WITH_REPO, "rogue", "http://127.0.0.1:10/"));
        assertFalse(DeclaringPoms.declares(WITH_REPO, "other", "http://127.0.0.1:9/"));
        // an <id> elsewhere (a dependency's exclusion, a mirror) does not count
        assertFalse(DeclaringPoms.declares("<project><build><plugins><plugin><executions><execution><id>rogue</id>"
                + "</execution></executions></plugin></plugins></build></project>", "rogue", "http://127.0.0.1:9/"));
        // an interpolated URL: the id decides
        assertTrue(DeclaringPoms.declares("<project><pluginRepositories><pluginRepository><id>rogue</id>"
                + "<url>${repo.url}</url></pluginRepository></pluginRepositories></project>", "rogue", "http://x/"));
        // malformed XML is not a declaration, and does not throw
        assertFalse(DeclaringPoms.declares("<project><repositories><repository><id>rogue", "rogue", "x"));
    }

    @Test
    void searchesMostRecentFirstAndSkipsUnreadableFiles() throws IOException {
        Path a = Files.writeString(dir.resolve("a.pom"), WITH_REPO);
        Path b = Files.writeString(dir.resolve("b.pom"), "<project/>");
        List<DeclaringPoms.Pom> poms = List.of(new DeclaringPoms.Pom("g:b:pom:1", b),
                new DeclaringPoms.Pom("g:missing:pom:1", dir.resolve("missing.pom")),
                new DeclaringPoms.Pom("g:a:pom:1", a));
        assertEquals("g:a:pom:1", DeclaringPoms.find("rogue", "http://127.0.0.1:9/", poms));
        assertNull(DeclaringPoms.find("nobody", "http://127.0.0.1:9/", poms));
    }
}
