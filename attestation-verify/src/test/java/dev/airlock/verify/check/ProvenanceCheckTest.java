package dev.airlock.verify.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.airlock.verify.artifact.ResolvedArtifact;
import dev.airlock.verify.digest.DigestCache;
import dev.airlock.verify.finding.Coordinates;
import dev.airlock.verify.finding.Finding;
import dev.airlock.verify.finding.FindingCode;
import dev.airlock.verify.policy.KeyResolver;
import dev.airlock.verify.policy.TrustPolicy;
import dev.airlock.verify.sigstore.TrustedRoot;
import dev.airlock.verify.slsa.ProvenanceVerifier;
import dev.airlock.verify.testing.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** verifyProvenance's judgement on the slsa-verifier fixtures, with trust policies as users write them. */
class ProvenanceCheckTest {
    static final String MAVEN_BUILDER = "https://github.com/slsa-framework/slsa-github-generator/.github/workflows/"
            + "builder_maven_slsa3.yml@refs/tags/v2.*";
    static final String SOURCE = "https://github.com/slsa-framework/example-package";
    static final String PUSH = "gha_maven/v2.1.0/binary-linux-amd64-push-v14";
    static final String DISPATCH = "gha_maven/v2.1.0/binary-linux-amd64-workflow_dispatch";
    static ProvenanceVerifier verifier;

    @TempDir
    Path tmp;

    @BeforeAll
    static void setUp() throws Exception {
        verifier = new ProvenanceVerifier(TrustedRoot.publicGood());
    }

    private static Path fx(String p) {
        return Fixtures.file("slsa-verifier/" + p);
    }

    private static List<Finding> check(String policy, Path artifactFile, List<ProvenanceCheck.Source> sources)
            throws Exception {
        ResolvedArtifact a = new ResolvedArtifact(Coordinates.parse("io.example:example-package:jar:14"), artifactFile,
                ResolvedArtifact.Kind.DEPENDENCY, "compile", false, List.of(), "com.example:app", "internal");
        return new ProvenanceCheck(TrustPolicy.parse("test-policy", policy, KeyResolver.NONE), verifier)
                .check(a, DigestCache.sha256Uncached(artifactFile), sources);
    }

    private static List<ProvenanceCheck.Source> sidecar(String p) {
        return List.of(new ProvenanceCheck.Source(fx(p + ".build.slsa"), true));
    }

    private static List<FindingCode> codes(List<Finding> f) {
        return f.stream().map(Finding::code).toList();
    }

    @Test
    void theMavenBuildersProvenanceWithTheRightPolicyPasses() throws Exception {
        List<Finding> f = check("io.example:*  slsa builder=" + MAVEN_BUILDER + " source=" + SOURCE + ".git",
                fx(PUSH), sidecar(PUSH));
        assertTrue(f.isEmpty(), f.toString());
    }

    @Test
    void wrongSourceAndWrongBuilderAreRefusedWithTheirCodes() throws Exception {
        List<Finding> source = check("io.example:*  slsa builder=" + MAVEN_BUILDER
                + " source=https://github.com/acme/example-package", fx(PUSH), sidecar(PUSH));
        assertEquals(List.of(FindingCode.SOURCE_NOT_TRUSTED), codes(source));
        assertTrue(source.get(0).message().contains(SOURCE), source.get(0).message());
        assertNull(source.get(0).file(), "a policy outcome never quarantines");

        List<Finding> builder = check("io.example:*  slsa builder=" + MAVEN_BUILDER.replace("maven", "gradle")
                + " source=" + SOURCE, fx(PUSH), sidecar(PUSH));
        assertEquals(List.of(FindingCode.BUILDER_NOT_TRUSTED), codes(builder));
    }

    @Test
    void refsDefaultToTags() throws Exception {
        // built from refs/heads/main: refused by default, allowed when the policy says so
        String line = "io.example:*  slsa builder=" + MAVEN_BUILDER + " source=" + SOURCE;
        assertEquals(List.of(FindingCode.SOURCE_NOT_TRUSTED), codes(check(line, fx(DISPATCH), sidecar(DISPATCH))));
        assertTrue(check(line + " ref=refs/heads/main", fx(DISPATCH), sidecar(DISPATCH)).isEmpty());
    }

    @Test
    void anotherArtifactsProvenanceIsASubjectMismatchThatQuarantines() throws Exception {
        List<Finding> f = check("io.example:*  slsa builder=" + MAVEN_BUILDER + " source=" + SOURCE,
                fx(DISPATCH), sidecar(PUSH));
        assertEquals(List.of(FindingCode.PROVENANCE_SUBJECT_MISMATCH), codes(f));
        assertEquals(fx(DISPATCH).toString(), f.get(0).file());
    }

    @Test
    void aChangedPayloadByteFailsTheSignature() throws Exception {
        String text = Files.readString(fx(PUSH + ".build.slsa"));
        int at = text.indexOf("\"payload\"");
        int start = text.indexOf('"', at + 10) + 20; // inside the base64 payload
        char c = text.charAt(start);
        Path forged = tmp.resolve("forged.build.slsa");
        Files.writeString(forged, text.substring(0, start) + (c == 'A' ? 'B' : 'A') + text.substring(start + 1));
        List<Finding> f = check("io.example:*  slsa builder=" + MAVEN_BUILDER + " source=" + SOURCE, fx(PUSH),
                List.of(new ProvenanceCheck.Source(forged, true)));
        assertEquals(List.of(FindingCode.PROVENANCE_SIGNATURE_INVALID), codes(f));
        assertEquals(fx(PUSH).toString(), f.get(0).file());
    }

    @Test
    void theLegacyEnvelopeCannotBeVerifiedOffline() throws Exception {
        Path artifact = tmp.resolve("artifact");
        Files.writeString(artifact, "x");
        List<Finding> f = check("*  noprovenance reason=\"waives absence only\"", artifact, List.of(
                new ProvenanceCheck.Source(fx("gha_generic-v1.2.1/binary-linux-amd64-workflow_dispatch.intoto.jsonl"),
                        true)));
        assertTrue(codes(f).contains(FindingCode.PROVENANCE_UNVERIFIABLE_OFFLINE), f.toString());
    }

    @Test
    void missingProvenanceUnlessWaived() throws Exception {
        assertEquals(List.of(FindingCode.PROVENANCE_MISSING),
                codes(check("io.example:*  slsa builder=" + MAVEN_BUILDER + " source=" + SOURCE, fx(PUSH), List.of())));
        assertTrue(check("*  noprovenance reason=\"not yet attested upstream\"", fx(PUSH), List.of()).isEmpty());
    }

    @Test
    void aWaivedArtifactWithoutProvenanceIsNotHashedAndAMissingOneNamesItsDigest() throws Exception {
        ResolvedArtifact a = new ResolvedArtifact(Coordinates.parse("io.example:example-package:jar:14"), fx(PUSH),
                ResolvedArtifact.Kind.DEPENDENCY, "compile", false, List.of(), "com.example:app", "internal");
        java.util.concurrent.atomic.AtomicInteger hashed = new java.util.concurrent.atomic.AtomicInteger();
        java.util.function.Supplier<String> sha = () -> {
            hashed.incrementAndGet();
            return sha256(fx(PUSH));
        };
        assertTrue(new ProvenanceCheck(TrustPolicy.parse("p", "*  noprovenance reason=\"none upstream\"",
                KeyResolver.NONE), verifier).check(a, sha, List.of(), () -> false).isEmpty());
        assertEquals(0, hashed.get(), "nothing to verify, nothing to report: no digest asked");

        List<Finding> missing = new ProvenanceCheck(TrustPolicy.parse("p", "io.example:*  slsa builder="
                + MAVEN_BUILDER + " source=" + SOURCE, KeyResolver.NONE), verifier)
                .check(a, sha, List.of(), () -> false);
        assertEquals(List.of(FindingCode.PROVENANCE_MISSING), codes(missing));
        assertEquals(DigestCache.sha256Uncached(fx(PUSH)), missing.get(0).sha256());
    }

    @Test
    void theWrongSignerTwinIsRefused() throws Exception {
        List<Finding> f = check("io.example:*  slsa builder=https://github.com/bazel-contrib/* source=regex:.*",
                fx("bcr/MODULE-wrong-signer.bazel"),
                List.of(new ProvenanceCheck.Source(fx("bcr/MODULE-wrong-signer.bazel.intoto.jsonl"), true)));
        assertTrue(!f.isEmpty() && f.stream().allMatch(x -> x.code() == FindingCode.BUILDER_NOT_TRUSTED
                || x.code() == FindingCode.SOURCE_NOT_TRUSTED), f.toString());
    }

    private static String sha256(Path file) {
        try {
            return DigestCache.sha256Uncached(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
