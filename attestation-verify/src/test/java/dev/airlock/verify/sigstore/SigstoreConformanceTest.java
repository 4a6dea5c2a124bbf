package dev.airlock.verify.sigstore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.airlock.verify.digest.DigestCache;
import dev.airlock.verify.testing.Fixtures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Sigstore client conformance suite's {@code bundle-verify} cases (shared fixtures
 * {@code sigstore-conformance/bundle-verify}, one folder per case, {@code _fail} = must not verify), judged the way
 * the suite's CLI protocol does: a keyless bundle passes when it verifies and its certificate's SAN and issuer
 * equal the case's {@code identity} and {@code issuer} exactly; a case with {@code key.pub} passes when it verifies
 * with that key. A case's own {@code trusted_root.json} replaces the public-good root; one that cannot be loaded is
 * a failure (TRUST_ROOT_INVALID). Cases Airlock still judges wrong are listed in {@link #KNOWN_WRONG} and skipped
 * with their reason, never reported as passing.
 */
class SigstoreConformanceTest {
    static final String DEFAULT_IDENTITY = "https://github.com/sigstore-conformance/extremely-dangerous-public-oidc-beacon"
            + "/.github/workflows/extremely-dangerous-oidc-beacon.yml@refs/heads/main";
    static final String DEFAULT_ISSUER = "https://token.actions.githubusercontent.com";

    /** Case folder -> why Airlock does not judge it right yet. */
    static final Map<String, String> KNOWN_WRONG = Map.of();

    private static TrustedRoot publicGood;

    @BeforeAll
    static void root() throws TrustedRootException {
        publicGood = TrustedRoot.publicGood(TrustedRoot.PUBLIC_GOOD_SHA256);
    }

    static Stream<String> cases() throws IOException {
        try (Stream<Path> s = Files.list(Fixtures.file("sigstore-conformance/bundle-verify"))) {
            return s.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList().stream();
        }
    }

    @Test
    void theSuiteIsComplete() throws IOException {
        assertEquals(70, cases().count(), "the pinned suite has 70 cases");
        assertTrue(KNOWN_WRONG.size() <= 2, "at least 68 of 70 must be judged right");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void conformance(String name) throws Exception {
        if (KNOWN_WRONG.containsKey(name)) {
            Assumptions.abort("known wrong: " + KNOWN_WRONG.get(name));
        }
        Judgement j = judge(name);
        boolean mustPass = !name.endsWith("_fail");
        assertEquals(mustPass, j.passed(), name + ": " + j.detail());
    }

    record Judgement(boolean passed, String detail) {}

    static Judgement judge(String name) throws Exception {
        Path dir = Fixtures.file("sigstore-conformance/bundle-verify/" + name);
        Path artifact = Files.exists(dir.resolve("artifact")) ? dir.resolve("artifact") : dir.resolveSibling("a.txt");
        String sha256 = DigestCache.sha256Uncached(artifact);
        TrustedRoot root = publicGood;
        if (Files.exists(dir.resolve("trusted_root.json"))) {
            try {
                root = TrustedRoot.load(dir.resolve("trusted_root.json"), null);
            } catch (TrustedRootException e) {
                return new Judgement(false, "TRUST_ROOT_INVALID " + e.getMessage());
            }
        }
        SigstoreBundleVerifier verifier = new SigstoreBundleVerifier(root);
        Path bundle = dir.resolve("bundle.sigstore.json");
        if (Files.exists(dir.resolve("key.pub"))) {
            TrustedKey key = TrustedKey.fromPem(dir.resolve("key.pub"));
            SignatureOutcome o = verifier.verify(bundle, sha256, List.of(key));
            return new Judgement(o.isVerified() && o.keyName().orElse("").equals(key.name()), o.toString());
        }
        String identity = read(dir.resolve("identity"), DEFAULT_IDENTITY);
        String issuer = read(dir.resolve("issuer"), DEFAULT_ISSUER);
        SignatureOutcome o = verifier.verify(bundle, sha256);
        boolean ok = o.isVerified() && o.identity().isPresent() && identity.equals(o.identity().get().san())
                && issuer.equals(o.identity().get().issuer());
        return new Judgement(ok, o.toString());
    }

    private static String read(Path f, String dflt) throws IOException {
        return Files.exists(f) ? Files.readString(f, StandardCharsets.UTF_8).trim() : dflt;
    }
}
