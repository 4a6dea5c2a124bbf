package dev.airlock.verify.sigstore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PolicyValueTest {
    static final String SAN = "https://github.com/sigstore/sigstore-java/.github/workflows/"
            + "release-sigstore-java-from-tag.yaml@refs/tags/v2.0.0";

    @Test
    void exactGlobAndRegex() {
        assertTrue(PolicyValue.of(SAN).matches(SAN));
        assertFalse(PolicyValue.of(SAN).matches(SAN + "x"));
        assertTrue(PolicyValue.of(SAN.replace("v2.0.0", "v*")).matches(SAN), "* spans dots");
        assertTrue(PolicyValue.of("https://github.com/sigstore/*").matches(SAN), "* spans / and @");
        assertFalse(PolicyValue.of("https://github.com/acme/*").matches(SAN));
        assertTrue(PolicyValue.of("a.b*").matches("a.bc"));
        assertFalse(PolicyValue.of("a.b*").matches("axbc"), "glob text outside * is literal");
        assertTrue(PolicyValue.of("regex:https://github\\.com/sigstore/.*@refs/tags/v\\d+\\.\\d+\\.\\d+").matches(SAN));
        assertFalse(PolicyValue.of("regex:github").matches(SAN), "regex is anchored");
        assertFalse(PolicyValue.of("*").matches(null));
        assertTrue(PolicyValue.of("*").matches(""));
    }

    @Test
    void badValues() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PolicyValue.of("regex:a(b"));
        assertTrue(e.getMessage().startsWith("invalid regex 'a(b' at index"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> PolicyValue.of(""));
    }

    @Test
    void sourceUrisAreNormalisedAndSplit() {
        Map<String, String[]> cases = Map.of(
                "git+https://github.com/acme/lib@refs/tags/v1", new String[] {"https://github.com/acme/lib", "refs/tags/v1"},
                "https://github.com/acme/lib.git", new String[] {"https://github.com/acme/lib", null},
                "https://github.com/acme/lib/", new String[] {"https://github.com/acme/lib", null},
                "git+https://github.com/acme/lib.git@refs/heads/main", new String[] {"https://github.com/acme/lib",
                        "refs/heads/main"},
                "git+ssh://git@github.com/acme/lib.git@v1", new String[] {"ssh://git@github.com/acme/lib", "v1"},
                "https://github.com/acme/lib@", new String[] {"https://github.com/acme/lib", null});
        cases.forEach((raw, want) -> {
            SourceUri s = SourceUri.parse(raw);
            assertEquals(want[0], s.uri(), raw);
            if (want[1] == null) {
                assertNull(s.ref(), raw);
            } else {
                assertEquals(want[1], s.ref(), raw);
            }
        });
    }

    @Test
    void identityMatcherOnTheDesignExample() throws Exception {
        SigstoreBundleVerifier v = new SigstoreBundleVerifier(TrustedRoot.publicGood());
        SignerIdentity id = v.verify(dev.airlock.verify.testing.Fixtures.file(
                "maven-central/sigstore-java-2.0.0.jar.sigstore.json"),
                "f338c08740cdb2e663737abaf372fc3c442210ab7291c991e180797bd886cd61").identity().orElseThrow();
        String san = "https://github.com/sigstore/sigstore-java/.github/workflows/"
                + "release-sigstore-java-from-tag.yaml@refs/tags/v*";
        String iss = "https://token.actions.githubusercontent.com";
        assertTrue(IdentityMatcher.matches(san, iss, null, id));
        assertTrue(IdentityMatcher.matches(san, iss, "git+https://github.com/sigstore/sigstore-java.git", id));
        assertFalse(IdentityMatcher.matches(san, iss, "https://github.com/acme/sigstore-java", id));
        assertFalse(IdentityMatcher.matches(san, "https://accounts.google.com", null, id), "wrong issuer");
        assertFalse(IdentityMatcher.matches(san.replace("v*", "v1.*"), iss, null, id), "wrong tag");
        assertTrue(IdentityMatcher.matches(san, iss, "https://github.com/sigstore/*", id));
    }
}
