package dev.airlock.verify.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NamespaceRuleTest {

    @Test
    void subtreePatternCoversTheGroupAndEverythingBelow() {
        NamespaceRule r = NamespaceRule.of("com.acme.*", List.of("internal"));
        assertTrue(r.matches("com.acme"));
        assertTrue(r.matches("com.acme.platform.core"));
        assertFalse(r.matches("com.acmecorp"));
        assertFalse(r.matches("com"));
    }

    @Test
    void exactPatternCoversOneGroup() {
        NamespaceRule r = NamespaceRule.of("org.acme", List.of("internal"));
        assertTrue(r.matches("org.acme"));
        assertFalse(r.matches("org.acme.x"));
    }

    @Test
    void otherWildcardsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> NamespaceRule.of("com.*.acme", List.of("x")));
        assertThrows(IllegalArgumentException.class, () -> NamespaceRule.of("com.acme*", List.of("x")));
        assertThrows(IllegalArgumentException.class, () -> NamespaceRule.of("", List.of("x")));
    }

    @Test
    void theMostSpecificRuleGoverns(@TempDir Path root) throws IOException {
        Path f = root.resolve("airlock.properties");
        Files.writeString(f, "airlock.mirrors=proxy=https://repo.corp.example/proxy,internal=https://repo.corp.example/releases\n"
                + "airlock.namespaces=*=proxy|internal,com.acme.*=internal,com.acme.public=proxy\n");
        AirlockConfig c = AirlockConfigLoader.load(root, List.of(f), Map.of());
        assertEquals(List.of("proxy"), c.namespaceOf("com.acme.public").orElseThrow().mirrorIds());
        assertEquals(List.of("internal"), c.namespaceOf("com.acme.public.x").orElseThrow().mirrorIds());
        assertEquals(List.of("internal"), c.namespaceOf("com.acme").orElseThrow().mirrorIds());
        assertEquals("*", c.namespaceOf("org.other").orElseThrow().pattern());
    }
}
