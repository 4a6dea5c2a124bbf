package dev.airlock.verify.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.airlock.verify.digest.DigestCache;
import dev.airlock.verify.finding.Coordinates;
import dev.airlock.verify.sigstore.SignatureOutcome;
import dev.airlock.verify.sigstore.SignerIdentity;
import dev.airlock.verify.sigstore.SigstoreBundleVerifier;
import dev.airlock.verify.sigstore.TrustedRoot;
import dev.airlock.verify.slsa.ProvenanceFacts;
import dev.airlock.verify.slsa.ProvenanceOutcome;
import dev.airlock.verify.slsa.ProvenanceVerifier;
import dev.airlock.verify.testing.Fixtures;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The trust policy's {@code sigstore} and {@code slsa} lines judged against facts from real, offline-verified data:
 * the certificate identities of the Sigstore bundles published in {@code central} next to sigstore-java, and the
 * provenance of slsa-verifier's {@code gha_maven} fixtures. Every policy is parsed from text, as a user writes it.
 */
class PolicyOnRealFactsTest {
    static final String SAN = "https://github.com/sigstore/sigstore-java/.github/workflows/"
            + "release-sigstore-java-from-tag.yaml@refs/tags/v2.0.0";
    /** design.md's example {@code san=} value. */
    static final String SAN_GLOB = "https://github.com/sigstore/sigstore-java/.github/workflows/"
            + "release-sigstore-java-from-tag.yaml@refs/tags/v*";
    static final String GITHUB = "https://token.actions.githubusercontent.com";
    /** design.md's example {@code builder=} value. */
    static final String BUILDER = "https://github.com/slsa-framework/slsa-github-generator/.github/workflows/"
            + "builder_maven_slsa3.yml@refs/tags/v2.*";
    static final String EXAMPLE = "https://github.com/slsa-framework/example-package";
    static final Coordinates SIGSTORE_JAVA = Coordinates.parse("dev.sigstore:sigstore-java:jar:2.0.0");
    static final Coordinates EXAMPLE_PACKAGE = Coordinates.parse("org.example:example-package:jar:14");

    /** sigstore-java 2.0.0's jar bundle, verified: SAN {@link #SAN}, repository sigstore/sigstore-java. */
    static SignerIdentity id200;
    /** sigstore-java 1.3.0's jar bundle, verified. */
    static SignerIdentity id130;
    /** gha_maven v2.1.0, pushed tag v14. */
    static ProvenanceFacts push;
    /** gha_maven v2.1.0, workflow_dispatch on refs/heads/main. */
    static ProvenanceFacts dispatch;

    @BeforeAll
    static void setUp() throws Exception {
        Map<String, String> sums = new HashMap<>();
        for (String line : Files.readAllLines(Fixtures.file("maven-central/SHA256SUMS"))) {
            String[] p = line.trim().split("\\s+");
            sums.put(p[1], p[0]);
        }
        SigstoreBundleVerifier bundles = new SigstoreBundleVerifier(TrustedRoot.publicGood());
        id200 = identity(bundles, "sigstore-java-2.0.0.jar", sums);
        id130 = identity(bundles, "sigstore-java-1.3.0.jar", sums);
        ProvenanceVerifier provenance = new ProvenanceVerifier(bundles, List.of());
        push = facts(provenance, "gha_maven/v2.1.0/binary-linux-amd64-push-v14");
        dispatch = facts(provenance, "gha_maven/v2.1.0/binary-linux-amd64-workflow_dispatch");
    }

    static SignerIdentity identity(SigstoreBundleVerifier v, String artifact, Map<String, String> sums) {
        SignatureOutcome o = v.verify(Fixtures.file("maven-central/" + artifact + ".sigstore.json"),
                sums.get(artifact));
        assertTrue(o.isVerified(), o.toString());
        return o.identity().orElseThrow();
    }

    static ProvenanceFacts facts(ProvenanceVerifier v, String artifact) throws Exception {
        ProvenanceOutcome o = v.verify(Fixtures.file("slsa-verifier/" + artifact + ".build.slsa"),
                DigestCache.sha256Uncached(Fixtures.file("slsa-verifier/" + artifact)));
        assertTrue(o.isVerified(), o.toString());
        return o.facts().orElseThrow();
    }

    static TrustPolicy policy(String text) throws PolicyException {
        return TrustPolicy.parse("real-facts-policy", text, KeyResolver.NONE);
    }

    /** The line {@code dev.sigstore:* sigstore <values>} matched against a certificate identity's facts. */
    static Optional<PolicyLine.Sigstore> sigstore(String values, String san, String issuer, String repository)
            throws PolicyException {
        return policy("dev.sigstore:* sigstore " + values + "\n").signature(SIGSTORE_JAVA)
                .sigstoreMatch(san, issuer, repository);
    }

    static boolean allows(String values, SignerIdentity id) throws PolicyException {
        return sigstore(values, id.san(), id.issuer(), id.sourceRepositoryUri()).isPresent();
    }

    static ProvenanceDecision slsaDecision(String values) throws PolicyException {
        return policy("org.example:* slsa " + values + "\n").provenance(EXAMPLE_PACKAGE);
    }

    /** The only line of {@code org.example:* slsa <values>}. */
    static PolicyLine.Slsa slsaLine(String values) throws PolicyException {
        List<PolicyLine.Slsa> lines = slsaDecision(values).slsa();
        assertEquals(1, lines.size(), lines.toString());
        return lines.get(0);
    }

    static boolean allows(String values, ProvenanceFacts f) throws PolicyException {
        return slsaDecision(values).slsaMatch(f.builderId(), f.sourceUri(), f.sourceRef(), f.buildType()).isPresent();
    }

    static Optional<String> firstMismatch(String values, ProvenanceFacts f) throws PolicyException {
        return slsaLine(values).firstMismatch(f.builderId(), f.sourceUri(), f.sourceRef(), f.buildType());
    }

    // ------------------------------------------------------------------ sigstore lines on Central's bundles

    @Test
    void theFactsAreTheRealBundles() {
        assertEquals(SAN, id200.san());
        assertEquals(GITHUB, id200.issuer());
        assertEquals("https://github.com/sigstore/sigstore-java", id200.sourceRepositoryUri());
        assertEquals(SAN.replace("v2.0.0", "v1.3.0"), id130.san());
    }

    @Test
    void exactGlobAndRegexSanValues() throws Exception {
        String iss = " issuer=" + GITHUB;
        assertTrue(allows("san=" + SAN + iss, id200), "exact");
        assertFalse(sigstore("san=" + SAN + iss, SAN + "x", GITHUB, null).isPresent(), "exact means the whole value");
        assertTrue(allows("san=" + SAN.replace("v2.0.0", "v*") + iss, id200), "* spans dots");
        assertTrue(allows("san=https://github.com/sigstore/*" + iss, id200), "* spans / and @");
        assertFalse(allows("san=https://github.com/acme/*" + iss, id200));
        assertTrue(allows("san=regex:https://github\\.com/sigstore/.*@refs/tags/v\\d+\\.\\d+\\.\\d+" + iss, id200));
        assertFalse(allows("san=regex:github" + iss, id200), "regex is anchored");
        assertTrue(sigstore("san=a.b*" + iss, "a.bc", GITHUB, null).isPresent());
        assertFalse(sigstore("san=a.b*" + iss, "axbc", GITHUB, null).isPresent(), "glob text outside * is literal");
        assertFalse(sigstore("san=*" + iss, null, GITHUB, null).isPresent(), "a missing fact never matches");
        assertTrue(sigstore("san=*" + iss, "", GITHUB, null).isPresent(), "* matches the empty fact");
        assertFalse(sigstore("san=* issuer=* repository=*", SAN, GITHUB, null).isPresent(),
                "a repository constraint fails a certificate without the repository extension");
    }

    @Test
    void badValuesAreParseErrorsWithLineAndColumn() {
        PolicyException bad = assertThrows(PolicyException.class,
                () -> policy("dev.sigstore:* sigstore san=regex:a(b issuer=" + GITHUB + "\n"));
        assertEquals(1, bad.errors().size(), bad.errors().toString());
        PolicyError e = bad.errors().get(0);
        assertEquals("real-facts-policy", e.file());
        assertEquals(1, e.line());
        assertEquals(29 + "regex:".length() + 3, e.column(), e.toString());
        assertTrue(e.problem().startsWith("bad regular expression in san=: Unclosed group"), e.problem());
        assertTrue(e.fix().contains("regex:"), e.fix());

        PolicyException empty = assertThrows(PolicyException.class,
                () -> policy("dev.sigstore:* sigstore san= issuer=" + GITHUB + "\n"));
        assertEquals(1, empty.errors().size(), empty.errors().toString());
        assertEquals(1, empty.errors().get(0).line());
        assertEquals(25, empty.errors().get(0).column(), "at the key");
        assertTrue(empty.errors().get(0).problem().contains("key 'san' has an empty value"),
                empty.errors().get(0).problem());
    }

    @Test
    void theDesignExampleLineOnTheRealIdentity() throws Exception {
        String line = "san=" + SAN_GLOB + " issuer=" + GITHUB;
        assertTrue(allows(line, id200));
        assertTrue(allows(line, id130), "v* covers every release tag");
        assertTrue(allows(line + " repository=git+https://github.com/sigstore/sigstore-java.git", id200),
                "an exact repository is normalised");
        assertFalse(allows(line + " repository=https://github.com/acme/sigstore-java", id200));
        assertFalse(allows("san=" + SAN_GLOB + " issuer=https://accounts.google.com", id200), "wrong issuer");
        assertFalse(allows("san=" + SAN_GLOB.replace("v*", "v1.*") + " issuer=" + GITHUB, id200), "wrong tag");
        assertTrue(allows("san=" + SAN_GLOB.replace("v*", "v1.*") + " issuer=" + GITHUB, id130));
        assertTrue(allows(line + " repository=https://github.com/sigstore/*", id200));
    }

    // ------------------------------------------------------------------ slsa lines on slsa-verifier's provenance

    @Test
    void theFactsAreTheRealProvenance() {
        assertEquals(BUILDER.replace("v2.*", "v2.1.0"), push.builderId());
        assertEquals(EXAMPLE, push.sourceUri());
        assertEquals("refs/tags/v14", push.sourceRef());
        assertEquals("https://github.com/slsa-framework/slsa-github-generator/delegator-generic@v0", push.buildType());
        assertEquals(EXAMPLE, dispatch.sourceUri());
        assertEquals("refs/heads/main", dispatch.sourceRef());
    }

    @Test
    void theDesignExampleRefusesAnotherSource() throws Exception {
        String design = "builder=" + BUILDER + " source=https://github.com/acme/*";
        assertTrue(slsaLine(design).builder().matches(push.builderId()));
        assertTrue(slsaDecision(design).anyBuilderMatches(push.builderId()));
        assertEquals(Optional.of("source"), firstMismatch(design, push));
        assertFalse(allows(design, push));
    }

    @Test
    void sourceIsNormalisedAndRefDefaultsToTags() throws Exception {
        String line = "builder=" + BUILDER + " source=git+https://github.com/slsa-framework/example-package.git/";
        assertTrue(slsaLine(line).source().matches(push.sourceUri()));
        assertTrue(allows(line, push));
        assertEquals(Optional.of("ref"), firstMismatch(line, dispatch), "refs/heads/main is no tag");
        assertTrue(allows(line + " ref=refs/heads/main", dispatch));
        assertTrue(allows(line + " ref=regex:refs/tags/v\\d+", push));
    }

    @Test
    void builderAndBuildType() throws Exception {
        String source = " source=" + EXAMPLE;
        assertEquals(Optional.of("builder"), firstMismatch("builder=" + BUILDER.replace("v2.*", "v1.*") + source, push));
        assertEquals(Optional.of("builder"), firstMismatch("builder=" + BUILDER.replace("maven", "gradle") + source,
                push));
        PolicyLine.Slsa any = slsaLine("builder=" + BUILDER + source);
        assertTrue(any.buildTypeConstraint().isEmpty());
        assertTrue(allows("builder=" + BUILDER + source, push), "without buildType= any build type passes");
        assertTrue(allows("builder=" + BUILDER + source
                + " buildType=https://github.com/slsa-framework/slsa-github-generator/delegator-generic@v0", push));
        assertEquals(Optional.of("buildType"), firstMismatch("builder=" + BUILDER + source
                + " buildType=https://actions.github.io/buildtypes/workflow/v1", push));
    }

    @Test
    void theProvenanceSourceUriSplitsAsThePolicyNormalises() {
        SourceUri.Split s = SourceUri.split("git+https://github.com/slsa-framework/example-package@refs/tags/v14");
        assertEquals(push.sourceUri(), s.repository());
        assertEquals(push.sourceRef(), s.ref());
        assertNull(SourceUri.split(push.sourceUri()).ref());
    }
}
