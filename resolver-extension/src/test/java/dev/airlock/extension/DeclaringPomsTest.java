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

    @Test
    void parsesOnlyThePomsThatMentionTheRefusedRepositoryAndEachOnce() throws IOException {
        DeclaringPoms index = new DeclaringPoms();
        index.index("g:other:pom:1", Files.writeString(dir.resolve("other.pom"), WITH_REPO.replace("rogue", "other")));
        index.index("g:a:pom:1", Files.writeString(dir.resolve("a.pom"), WITH_REPO));
        index.index("g:b:pom:1", Files.writeString(dir.resolve("b.pom"), WITH_REPO));
        assertEquals(0, index.parsed(), "nothing is parsed before a repository is refused");
        assertNull(index.find("nobody", "http://127.0.0.1:9/"));
        assertEquals(0, index.parsed(), "no POM names the id: none is parsed");
        assertEquals("g:a:pom:1", index.find("rogue", "http://127.0.0.1:9/"));
        assertEquals(1, index.parsed(), "the first POM that declares it ends the search; 'other' is not parsed");
        assertEquals("g:other:pom:1", index.find("other", "http://127.0.0.1:9/"));
        assertEquals("g:a:pom:1", index.find("rogue", "http://127.0.0.1:9/"));
        assertEquals(2, index.parsed(), "each POM is parsed once");
    }

    @Test
    void aPomThatCouldSpellTheIdOtherwiseIsParsed() {
        assertTrue(DeclaringPoms.mayDeclare("<id>rogue</id>", "rogue"));
        assertFalse(DeclaringPoms.mayDeclare("<id>other</id> &amp;", "rogue"));
        assertTrue(DeclaringPoms.mayDeclare("<id>r&#111;gue</id>", "rogue"));
        assertTrue(DeclaringPoms.mayDeclare("<id><![CDATA[rogue]]></id>", "rog"));
        assertTrue(DeclaringPoms.mayDeclare("<id>a&amp;b</id>", "a&b"));
        assertEquals(List.of(new DeclaringPoms.Declaration("rogue", "u")), DeclaringPoms.repositories(
                "<project><repositories><repository><id>r&#111;gue</id><url>u</url></repository></repositories>"
                        + "</project>"));
    }

    @Test
    void aPomIsReadInTheEncodingItDeclares() throws IOException {
        DeclaringPoms index = new DeclaringPoms();
        String latin1 = "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><project><name>Dépôt</name><repositories>"
                + "<repository><id>dépôt</id><url>http://127.0.0.1:9/</url></repository>"
                + "<repository><id>ascii</id><url>http://127.0.0.1:8/</url></repository></repositories></project>";
        index.index("g:latin1:pom:1", Files.write(dir.resolve("latin1.pom"),
                latin1.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)));
        index.index("g:utf8:pom:1", Files.writeString(dir.resolve("utf8.pom"), WITH_REPO.replace("<project>",
                "<project><name>Dépôt ☃</name>")));
        assertEquals("g:latin1:pom:1", index.find("dépôt", "http://127.0.0.1:9/"));
        assertEquals("g:latin1:pom:1", index.find("ascii", "http://127.0.0.1:8/"));
        assertEquals("g:utf8:pom:1", index.find("rogue", "http://127.0.0.1:9/"));
    }
}
