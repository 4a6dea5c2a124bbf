package dev.airlock.extension;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Set;
import org.junit.jupiter.api.Test;

class FloatingVersionsTest {
    private static BuildSession session(Set<String> reactor) {
        BuildSession s = new BuildSession(0, null, null, null);
        s.reactor(reactor, Set.of());
        return s;
    }

    @Test
    void recognisesWhatWasNotWrittenDown() {
        BuildSession s = session(Set.of("com.example:app"));
        assertEquals("version range", FloatingVersions.kind("[1.0,2.0)", s, "g", "a"));
        assertEquals("version range", FloatingVersions.kind("(,2.0]", s, "g", "a"));
        assertEquals("version range", FloatingVersions.kind("[1.0,1.1),[1.2,)", s, "g", "a"));
        assertEquals("LATEST version", FloatingVersions.kind("LATEST", s, "g", "a"));
        assertEquals("RELEASE version", FloatingVersions.kind("RELEASE", s, "g", "a"));
        assertEquals("SNAPSHOT not built by this reactor", FloatingVersions.kind("1.0-SNAPSHOT", s, "g", "a"));
    }

    @Test
    void pinnedVersionsAndReactorSnapshotsAreNotFloating() {
        BuildSession s = session(Set.of("com.example:app"));
        assertNull(FloatingVersions.kind("1.0", s, "g", "a"));
        assertNull(FloatingVersions.kind("[1.0]", s, "g", "a"));
        assertNull(FloatingVersions.kind("1.0-SNAPSHOT", s, "com.example", "app"));
        assertNull(FloatingVersions.kind(null, s, "g", "a"));
    }
}
