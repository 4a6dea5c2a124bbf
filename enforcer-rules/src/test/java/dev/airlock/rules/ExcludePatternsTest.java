package dev.airlock.rules;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.airlock.verify.finding.Coordinates;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExcludePatternsTest {
    private static Coordinates c(String s) {
        return Coordinates.parse(s);
    }

    @Test
    void segmentsAndWildcards() {
        ExcludePatterns p = ExcludePatterns.parse(List.of("org.apache.*:maven-*-plugin", "com.acme:lib:1.*,io.x"));
        assertTrue(p.matches(c("org.apache.maven.plugins:maven-jar-plugin:jar:3.4.2")));
        assertTrue(ExcludePatterns.parse(List.of("*:*-maven-plugin")).matches(c("org.x:y-maven-plugin:jar:1")));
        assertFalse(p.matches(c("org.apache.maven:maven-core:jar:3.9.16")));
        assertTrue(p.matches(c("com.acme:lib:jar:1.2")));
        assertFalse(p.matches(c("com.acme:lib:jar:2.0")));
        assertTrue(p.matches(c("io.x:anything:pom:9")));
        assertFalse(p.matches(c("io.xy:anything:pom:9")), "a pattern without * is exact");
    }

    @Test
    void badPatternsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> ExcludePatterns.parse(List.of("a:b:c:d:e:f")));
        assertThrows(IllegalArgumentException.class, () -> ExcludePatterns.parse(List.of("a::c")));
        assertThrows(IllegalArgumentException.class, () -> ExcludePatterns.parse(List.of("g/../x")));
    }
}
