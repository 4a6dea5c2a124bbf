package dev.airlock.verify.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class UrlPrefixTest {

    @Test
    void normalisesSchemeHostPortAndPath() {
        assertEquals("https://repo.corp.example/maven", UrlPrefix.parse("HTTPS://Repo.Corp.Example:443/maven/").toString());
        assertEquals("http://127.0.0.1:8081", UrlPrefix.parse("http://127.0.0.1:8081/").toString());
        assertEquals("https://repo.corp.example/a/c", UrlPrefix.parse("https://repo.corp.example/a/b/../c//").toString());
    }

    @Test
    void containsBySegmentNotByString() {
        UrlPrefix p = UrlPrefix.parse("https://repo.corp.example/releases");
        assertTrue(p.contains("https://repo.corp.example/releases"));
        assertTrue(p.contains("https://repo.corp.example/releases/"));
        assertTrue(p.contains("https://repo.corp.example/releases/com/acme"));
        assertFalse(p.contains("https://repo.corp.example/releases-evil"));
        assertFalse(p.contains("https://repo.corp.example/"));
        assertFalse(p.contains("http://repo.corp.example/releases"));
        assertFalse(p.contains("https://repo.corp.example:8443/releases"));
        assertFalse(p.contains("https://other.example/releases"));
        assertFalse(p.contains("https://repo.corp.example/releases/../other"));
        assertFalse(p.contains("${repo.url}"));
        assertFalse(p.contains((String) null));
    }

    @Test
    void refusesWhatIsNotARepositoryUrl() {
        assertThrows(IllegalArgumentException.class, () -> UrlPrefix.parse("file:///tmp/repo"));
        assertThrows(IllegalArgumentException.class, () -> UrlPrefix.parse("repo.corp.example/maven"));
        assertThrows(IllegalArgumentException.class, () -> UrlPrefix.parse("https://u:p@repo.corp.example/"));
        assertThrows(IllegalArgumentException.class, () -> UrlPrefix.parse("https://repo.corp.example/?x=1"));
        assertThrows(IllegalArgumentException.class, () -> UrlPrefix.parse("https://repo.corp.example/../x"));
        assertThrows(IllegalArgumentException.class, () -> UrlPrefix.parse("https:// bad"));
    }
}
