package dev.airlock.extension;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class MavenVersionGuardTest {
    /** Sees the resolver 1.9 API of the test class path, as the extension's realm does on a supported Maven. */
    private static final ClassLoader WITH_HOOKS = MavenVersionGuardTest.class.getClassLoader();
    /** Sees only the JDK: a resolver without the hooks (Maven 3.8's Resolver 1.6 has neither class). */
    private static final ClassLoader WITHOUT_HOOKS = new ClassLoader(null) {};

    @Test
    void theTestedVersionsAreAccepted() {
        for (String v : new String[] {"3.9.16", "3.9.0", "3.10.0", "3.10.1", "4.0.0-rc-4", "4.0.0"}) {
            assertEquals(Optional.empty(), MavenVersionGuard.refusal(v, WITH_HOOKS), v);
        }
    }

    @Test
    void maven38IsRefusedNamingTheVersionTheSupportedOnesAndTheFix() {
        String m = MavenVersionGuard.refusal("3.8.7", WITHOUT_HOOKS).orElseThrow();
        assertTrue(m.startsWith("[airlock] Maven 3.8.7 is not supported: its resolver lacks the repository filter"), m);
        assertTrue(m.contains("Supported: Maven 3.9.x (tested: 3.9.16), 3.10.x (tested: 3.10.0) and 4.0.x"), m);
        assertTrue(m.contains("Fix: run this build with a supported Maven"), m);
        assertTrue(m.contains("remove dev.airlock:airlock-maven-extension from .mvn/extensions.xml"), m);
    }

    @Test
    void maven38IsRefusedEvenIfTheHooksWereThere() {
        assertTrue(MavenVersionGuard.refusal("3.8.8", WITH_HOOKS).isPresent());
        assertTrue(MavenVersionGuard.refusal("3.6.3", WITH_HOOKS).isPresent());
        assertTrue(MavenVersionGuard.refusal("2.2.1", WITH_HOOKS).isPresent());
    }

    @Test
    void aSupportedLineWithoutTheHooksIsRefusedNamingTheMissingHook() {
        String m = MavenVersionGuard.refusal("3.9.16", WITHOUT_HOOKS).orElseThrow();
        assertTrue(m.contains("lacks org.eclipse.aether.spi.connector.filter.RemoteRepositoryFilterSource"), m);
    }

    @Test
    void anUntestedNewerLineOrAnUnreadableVersionIsRefused() {
        assertTrue(MavenVersionGuard.refusal("4.1.0", WITH_HOOKS).orElseThrow().contains("newer than any"));
        assertTrue(MavenVersionGuard.refusal("5.0.0", WITH_HOOKS).isPresent());
        assertTrue(MavenVersionGuard.refusal("", WITH_HOOKS).orElseThrow().contains("(version unknown)"));
        assertTrue(MavenVersionGuard.refusal("nightly", WITH_HOOKS).orElseThrow().contains("cannot be read"));
    }
}
