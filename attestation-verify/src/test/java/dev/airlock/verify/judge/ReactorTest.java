package dev.airlock.verify.judge;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ReactorTest {
    @Test
    void aModuleOrAModulesGroupIsBuiltHere() {
        Reactor r = Reactor.of(List.of("com.acme:app"), List.of("com.acme"));
        assertTrue(r.isModule("com.acme", "app"));
        assertFalse(r.isModule("com.acme", "lib"));
        assertTrue(r.builds("com.acme", "app"));
        assertTrue(r.builds("com.acme", "lib"), "the group of a module");
        assertFalse(r.builds("org.other", "app"));
    }

    @Test
    void noReactorBuildsNothing() {
        assertFalse(Reactor.none().builds("com.acme", "app"));
        assertFalse(Reactor.none().isModule("com.acme", "app"));
    }
}
