package dev.airlock.extension;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A failure of the background evidence work is written into the evidence, not only logged. */
class IncompleteEvidenceTest {
    @Test
    void aFailedEvidenceTaskMarksTheEvidenceIncomplete(@TempDir Path dir) throws Exception {
        BuildSession s = new BuildSession(0, null, null, null);
        Path file = dir.resolve("resolution.jsonl");
        s.log().open(file);
        s.evidenceIncomplete(new java.io.UncheckedIOException(new java.io.IOException("No space left on device")));
        assertEquals(1, s.evidenceFailures());
        List<String> lines = Files.readAllLines(file);
        assertTrue(lines.stream().anyMatch(l -> l.contains("\"kind\":\"incomplete\"")
                && l.contains("No space left on device")), lines.toString());
        s.log().close();
    }
}
