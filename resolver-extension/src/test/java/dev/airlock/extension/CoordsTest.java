package dev.airlock.extension;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.airlock.verify.finding.Coordinates;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.junit.jupiter.api.Test;

class CoordsTest {
    @Test
    void typedCoordinatesComeFromTheArtifactsFieldsAndReadAsItsNotation() {
        DefaultArtifact a = new DefaultArtifact("com.acme", "lib", "tests", "jar", "1.0");
        Coordinates c = Coords.typed(a);
        assertEquals(new Coordinates("com.acme", "lib", "jar", "tests", "1.0"), c);
        assertEquals(Coords.of(a), c.toString());
        assertEquals("com.acme:lib:pom:2", Coords.typed(new DefaultArtifact("com.acme:lib:pom:2")).toString());
    }

    @Test
    void fieldsThatAreNotValidCoordinatesAreNotTyped() {
        assertNull(Coords.typed(new DefaultArtifact("com.acme", "lib", "", "jar", "1.0 (with a space)")));
    }
}
