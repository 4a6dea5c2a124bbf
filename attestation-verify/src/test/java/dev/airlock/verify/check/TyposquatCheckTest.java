package dev.airlock.verify.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TyposquatCheckTest {
    private final TyposquatCheck check = new TyposquatCheck(List.of("com.fasterxml.jackson.*", "com.acme.*",
            "org.apache.*", "dev.sigstore", "*"));

    @Test
    void lookAlikesAreSuspected() {
        assertEquals(Optional.of("com.fasterxml.jackson"), check.resembles("com.fasterxm1.jackson.core"));
        assertEquals(Optional.of("com.fasterxml.jackson"), check.resembles("com.fasterxml.jakcson.core"), "swap");
        assertEquals(Optional.of("com.acme"), check.resembles("com.acrne"), "rn for m");
        assertEquals(Optional.of("org.apache"), check.resembles("org.apahce.commons"));
        assertEquals(Optional.of("dev.sigstore"), check.resembles("dev.sigst0re"));
    }

    @Test
    void trustedNamesAndUnrelatedOnesAreNot() {
        assertTrue(check.resembles("com.fasterxml.jackson.core").isEmpty());
        assertTrue(check.resembles("com.acme.platform").isEmpty());
        assertTrue(check.resembles("org.junit.jupiter").isEmpty());
        assertTrue(check.resembles("io.netty").isEmpty());
        assertTrue(check.resembles("com.google.guava").isEmpty());
        // "*" and too-short names are not references
        assertTrue(new TyposquatCheck(List.of("*", "a.b")).isEmpty());
    }
}
