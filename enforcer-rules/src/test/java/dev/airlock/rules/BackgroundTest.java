package dev.airlock.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class BackgroundTest {
    @Test
    void theResultIsJoinedWhereTheRuleNeedsIt() throws Exception {
        Background<String> b = Background.start("test-work", "input-a", () -> Thread.currentThread().getName());
        assertTrue(b.isFor("input-a"));
        assertFalse(b.isFor("input-b"), "started for another input: the rule does the work itself");
        assertEquals("test-work", b.join(IOException.class), "the work ran on its own named thread");
    }

    @Test
    void aFailureIsThrownAsTheWorkThrewIt() {
        IOException io = new IOException("unreadable");
        assertSame(io, assertThrows(IOException.class,
                () -> Background.start("t", "x", () -> { throw io; }).join(IOException.class)));
        IllegalArgumentException bad = new IllegalArgumentException("bad");
        assertSame(bad, assertThrows(IllegalArgumentException.class,
                () -> Background.start("t", "x", () -> { throw bad; }).join(IOException.class)));
        OutOfMemoryError oom = new OutOfMemoryError("test");
        assertSame(oom, assertThrows(OutOfMemoryError.class,
                () -> Background.start("t", "x", () -> { throw oom; }).join(IOException.class)));
        // a checked exception of another type than the rule expects: the check does not complete (fail closed)
        IllegalStateException other = assertThrows(IllegalStateException.class,
                () -> Background.start("t", "x", () -> { throw new java.security.GeneralSecurityException("g"); })
                        .join(IOException.class));
        assertTrue(other.getCause() instanceof java.security.GeneralSecurityException);
    }
}
