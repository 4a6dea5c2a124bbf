package dev.airlock.verify.slsa;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.airlock.verify.digest.DigestCache;
import dev.airlock.verify.sigstore.TrustedRoot;
import dev.airlock.verify.testing.Fixtures;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The policy's slsa line against the facts of real provenance (design.md's example line). */
class ProvenanceMatcherTest {
    static final String BUILDER = "https://github.com/slsa-framework/slsa-github-generator/.github/workflows/"
            + "builder_maven_slsa3.yml@refs/tags/v2.*";
    static ProvenanceFacts push;
    static ProvenanceFacts dispatch;

    @BeforeAll
    static void setUp() throws Exception {
        ProvenanceVerifier v = new ProvenanceVerifier(TrustedRoot.publicGood());
        push = facts(v, "gha_maven/v2.1.0/binary-linux-amd64-push-v14");
        dispatch = facts(v, "gha_maven/v2.1.0/binary-linux-amd64-workflow_dispatch");
    }

    static ProvenanceFacts facts(ProvenanceVerifier v, String artifact) throws Exception {
        return v.verify(Fixtures.file("slsa-verifier/" + artifact + ".build.slsa"),
                DigestCache.sha256Uncached(Fixtures.file("slsa-verifier/" + artifact))).facts().orElseThrow();
    }

    @Test
    void theDesignExampleRefusesAnotherSource() {
        assertTrue(ProvenanceMatcher.builderMatches(BUILDER, push));
        assertFalse(ProvenanceMatcher.sourceMatches("https://github.com/acme/*", push));
        assertFalse(ProvenanceMatcher.matches(BUILDER, "https://github.com/acme/*", null, null, push));
    }

    @Test
    void sourceIsNormalisedAndRefDefaultsToTags() {
        String src = "git+https://github.com/slsa-framework/example-package.git/";
        assertTrue(ProvenanceMatcher.sourceMatches(src, push));
        assertTrue(ProvenanceMatcher.matches(BUILDER, src, null, null, push));
        assertFalse(ProvenanceMatcher.refMatches(null, dispatch), "refs/heads/main is no tag");
        assertTrue(ProvenanceMatcher.refMatches("refs/heads/main", dispatch));
        assertTrue(ProvenanceMatcher.refMatches("regex:refs/tags/v\\d+", push));
    }

    @Test
    void builderAndBuildType() {
        assertFalse(ProvenanceMatcher.builderMatches(BUILDER.replace("v2.*", "v1.*"), push));
        assertFalse(ProvenanceMatcher.builderMatches(BUILDER.replace("maven", "gradle"), push));
        assertTrue(ProvenanceMatcher.buildTypeMatches(null, push));
        assertTrue(ProvenanceMatcher.buildTypeMatches(
                "https://github.com/slsa-framework/slsa-github-generator/delegator-generic@v0", push));
        assertFalse(ProvenanceMatcher.buildTypeMatches("https://actions.github.io/buildtypes/workflow/v1", push));
        assertTrue(SlsaParity.isSemverTag("refs/tags/v2.1.0"));
        assertFalse(SlsaParity.isSemverTag("refs/tags/v2.1"));
        assertFalse(SlsaParity.isSemverTag("refs/tags/v2.1.0-rc.1"));
        assertFalse(SlsaParity.isSemverTag("refs/heads/main"));
    }
}
