package dev.airlock.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A page's command is split into the words a shell would pass to mvn, so the page can be written as users type. */
class DocPageTest {
    @Test
    void wordsAreSplitAsAShellSplitsThem() {
        assertEquals(List.of("mvn", "-Dreason=upstream re-released 1.0, confirmed", "-Dx=a'b", "-Dy=c d", "e\"f"),
                DocPage.words("mvn -Dreason=\"upstream re-released 1.0, confirmed\"  -Dx=\"a'b\" '-Dy=c d' e\\\"f"));
        assertThrows(IllegalStateException.class, () -> DocPage.words("mvn -Dreason=\"never closed"));
    }

    @Test
    void aCommandMayGoOnOverLinesEndingInABackslash(@TempDir Path dir) throws Exception {
        Path page = dir.resolve("page.md");
        Files.writeString(page, "Text\n\n<!-- it:run release -->\n```\nmvn a:b:release -Dreason=\"why not\" \\\n"
                + "    -Dairlock.feed.publish=id::https://repo.corp.example/feed\n```\n");
        DocPage p = new DocPage(page, Map.of("https://repo.corp.example/feed", "http://127.0.0.1:1"));
        assertEquals(List.of("a:b:release", "-Dreason=why not", "-Dairlock.feed.publish=id::http://127.0.0.1:1"),
                p.command("release"));
    }
}
