package dev.airlock.verify.slsa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.airlock.verify.digest.DigestCache;
import dev.airlock.verify.sigstore.SignatureOutcome;
import dev.airlock.verify.sigstore.TrustedRoot;
import dev.airlock.verify.slsa.ProvenanceOutcome.Status;
import dev.airlock.verify.slsa.SlsaParity.ParityCheck;
import dev.airlock.verify.slsa.SlsaParity.ParityResult;
import dev.airlock.verify.testing.Fixtures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The slsa-verifier provenance fixtures (shared fixtures {@code slsa-verifier/}), verified offline. */
class ProvenanceVerifierTest {
    static final String GENERATOR = "https://github.com/slsa-framework/slsa-github-generator/.github/workflows/";
    static final String EXAMPLE = "https://github.com/slsa-framework/example-package";
    static final String BYOB = "https://github.com/slsa-framework/slsa-github-generator/delegator-generic@v0";
    static final String GITHUB_WORKFLOW = "https://actions.github.io/buildtypes/workflow/v1";
    static final String GENERIC_SHA = "376e7e01348585b6e6643bc6663146b9d525d9b41228bf180eaeb4d4a3706caa";

    static ProvenanceVerifier verifier;

    @BeforeAll
    static void setUp() throws Exception {
        verifier = new ProvenanceVerifier(TrustedRoot.publicGood());
    }

    static Path fx(String p) {
        return Fixtures.file("slsa-verifier/" + p);
    }

    static String sha(String p) throws IOException {
        return DigestCache.sha256Uncached(fx(p));
    }

    /** gha_maven and gha_gradle: builder, version, artifact. */
    static Stream<String> byobFixtures() throws IOException {
        try (Stream<Path> s = Stream.concat(Files.walk(fx("gha_maven")), Files.walk(fx("gha_gradle")))) {
            return s.filter(p -> p.toString().endsWith(".build.slsa"))
                    .map(p -> fx("").relativize(p).toString().replace('\\', '/'))
                    .map(p -> p.substring(0, p.length() - ".build.slsa".length())).sorted().toList().stream();
        }
    }

    @Test
    void releaseTagsAreSemverWithoutPreRelease() {
        assertTrue(SlsaParity.isSemverTag("refs/tags/v2.1.0"));
        assertFalse(SlsaParity.isSemverTag("refs/tags/v2.1"));
        assertFalse(SlsaParity.isSemverTag("refs/tags/v2.1.0-rc.1"));
        assertFalse(SlsaParity.isSemverTag("refs/heads/main"));
    }

    @Test
    void allBuilderFixturesAreFound() throws IOException {
        assertEquals(32, byobFixtures().count(), "4 versions x 4 artifacts x (maven, gradle)");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("byobFixtures")
    void byobProvenanceVerifiesWithItsFacts(String artifact) throws Exception {
        String builder = artifact.startsWith("gha_maven") ? "builder_maven_slsa3.yml" : "builder_gradle_slsa3.yml";
        String version = artifact.split("/")[1];
        String name = artifact.substring(artifact.lastIndexOf('/') + 1);
        String ref = name.endsWith("workflow_dispatch") ? "refs/heads/main"
                : "refs/tags/" + name.substring(name.indexOf("push-") + 5);

        ProvenanceOutcome o = verifier.verify(fx(artifact + ".build.slsa"), sha(artifact));
        assertEquals(Status.VERIFIED, o.status(), o.toString());
        ProvenanceFacts f = o.facts().orElseThrow();
        assertEquals("https://in-toto.io/Statement/v0.1", f.statementType());
        assertEquals(ProvenanceVerifier.SLSA_V1, f.predicateType());
        assertEquals(GENERATOR + builder + "@refs/tags/" + version, f.builderId());
        assertEquals(BYOB, f.buildType());
        assertEquals(EXAMPLE, f.sourceUri());
        assertEquals(ref, f.sourceRef());
        assertEquals("intoto:0.0.2", f.entryKind());
        assertEquals(GENERATOR + "delegator_lowperms-generic_slsa3.yml@refs/tags/" + version, f.signer().san());
        assertEquals(List.of(), SlsaParity.failures(f), "every slsa-verifier check passes");
    }

    @Test
    void genericGeneratorV2ProvenanceVerifies() {
        ProvenanceOutcome o = verifier.verify(fx("gha_generic-v2.1.0/binary-linux-amd64-workflow_dispatch.intoto.jsonl"),
                GENERIC_SHA);
        assertEquals(Status.VERIFIED, o.status(), o.toString());
        ProvenanceFacts f = o.facts().orElseThrow();
        assertEquals(ProvenanceVerifier.SLSA_V02, f.predicateType());
        assertEquals(GENERATOR + "generator_generic_slsa3.yml@refs/tags/v2.1.0", f.builderId());
        assertEquals(f.builderId(), f.signer().san());
        assertEquals("https://github.com/slsa-framework/slsa-github-generator/generic@v1", f.buildType());
        assertEquals(EXAMPLE, f.sourceUri());
        assertEquals("refs/heads/main", f.sourceRef());
        assertEquals("4d329c75e7ec1725f7c9ce917a8799d408d06be3", f.sourceDigest());
        assertEquals("dsse:0.0.1", f.entryKind());
        assertEquals(List.of(), SlsaParity.failures(f));
    }

    @Test
    void githubArtifactAttestationsVerify() throws Exception {
        ProvenanceOutcome o = verifier.verify(fx("bcr/MODULE.bazel.intoto.jsonl"), sha("bcr/MODULE.bazel"));
        assertEquals(Status.VERIFIED, o.status(), o.toString());
        ProvenanceFacts f = o.facts().orElseThrow();
        assertEquals("https://in-toto.io/Statement/v1", f.statementType());
        assertEquals(GITHUB_WORKFLOW, f.buildType());
        assertEquals("https://github.com/bazel-contrib/publish-to-bcr/.github/workflows/publish.yaml@refs/tags/v0.0.1",
                f.builderId());
        assertEquals("https://github.com/aspect-build/rules_lint", f.sourceUri());
        assertEquals("refs/heads/publish-to-bcr", f.sourceRef());
        assertEquals(List.of(), SlsaParity.failures(f));

        ProvenanceOutcome t = verifier.verify(fx("bcr/rules_lint-v1.3.1.tar.gz.intoto.jsonl"),
                sha("bcr/rules_lint-v1.3.1.tar.gz"));
        assertEquals(Status.VERIFIED, t.status(), t.toString());
        assertEquals("https://github.com/bazel-contrib/.github/.github/workflows/release_ruleset.yaml@refs/tags/v7.1.0",
                t.facts().orElseThrow().builderId());
    }

    @Test
    void theWrongSignerTwinHasAnotherSignerAndFailsTheBuilderCheck() throws Exception {
        assertEquals(sha("bcr/MODULE.bazel"), sha("bcr/MODULE-wrong-signer.bazel"), "same bytes");
        ProvenanceFacts good = verifier.verify(fx("bcr/MODULE.bazel.intoto.jsonl"), sha("bcr/MODULE.bazel"))
                .facts().orElseThrow();
        ProvenanceOutcome o = verifier.verify(fx("bcr/MODULE-wrong-signer.bazel.intoto.jsonl"),
                sha("bcr/MODULE-wrong-signer.bazel"));
        assertEquals(Status.VERIFIED, o.status(), "its signature is valid: " + o);
        ProvenanceFacts f = o.facts().orElseThrow();
        assertEquals(good.builderId(), f.builderId(), "the payload claims the same builder");
        assertEquals("https://github.com/loosebazooka/aa-test/.github/workflows/malicious_attestation.yaml@refs/heads/main",
                f.signer().san());
        assertNotEquals(good.signer().san(), f.signer().san());
        List<ParityCheck> failed = SlsaParity.failures(f).stream().map(ParityResult::check).toList();
        assertEquals(List.of(ParityCheck.SIGNER_MATCHES_BUILDER, ParityCheck.SOURCE_MATCHES_CERTIFICATE), failed);
        assertEquals(dev.airlock.verify.finding.FindingCode.BUILDER_NOT_TRUSTED, failed.get(0).findingCode());
    }

    @Test
    void theWorkflowDispatchArtifactAgainstThePushProvenanceIsASubjectMismatch() throws Exception {
        String dispatch = sha("gha_maven/v2.1.0/binary-linux-amd64-workflow_dispatch");
        ProvenanceOutcome o = verifier.verify(fx("gha_maven/v2.1.0/binary-linux-amd64-push-v14.build.slsa"), dispatch);
        assertEquals(Status.SUBJECT_MISMATCH, o.status(), o.toString());
        assertEquals(dispatch, o.expected());
        assertTrue(o.actual().contains(sha("gha_maven/v2.1.0/binary-linux-amd64-push-v14")), o.actual());
        assertTrue(o.facts().isPresent(), "the signature verified, so the facts are known");
    }

    @Test
    void oneChangedByteInThePayloadFailsTheSignature(@TempDir Path tmp) throws Exception {
        String artifact = "gha_maven/v2.1.0/binary-linux-amd64-push-v14";
        JsonObject b = JsonParser.parseString(Files.readString(fx(artifact + ".build.slsa"))).getAsJsonObject();
        JsonObject env = b.getAsJsonObject("dsseEnvelope");
        byte[] payload = Base64.getDecoder().decode(env.get("payload").getAsString());
        String text = new String(payload, StandardCharsets.UTF_8);
        int i = text.indexOf("example-package");
        payload[i] = (byte) 'E'; // example-package -> Example-package
        env.addProperty("payload", Base64.getEncoder().encodeToString(payload));
        Path f = tmp.resolve("forged.build.slsa");
        Files.writeString(f, b.toString());
        ProvenanceOutcome o = verifier.verify(f, sha(artifact));
        assertEquals(Status.SIGNATURE_INVALID, o.status(), o.toString());
        assertEquals(SignatureOutcome.Check.SIGNATURE, o.signature().orElseThrow().check());
        assertTrue(o.facts().isEmpty(), "nothing unverified is reported as fact");
    }

    @Test
    void theLegacyEnvelopeIsUnverifiableOffline() {
        ProvenanceOutcome o = verifier.verify(fx("gha_generic-v1.2.1/binary-linux-amd64-workflow_dispatch.intoto.jsonl"),
                "ec8ff1bb40da2a36e3e9113dd7a5dd452c5125f7013e849519c0754b3c9fda89");
        assertEquals(Status.UNVERIFIABLE_OFFLINE, o.status(), o.toString());
        assertTrue(o.reason().contains("bare DSSE envelope"), o.reason());
        assertTrue(o.reason().contains("inclusion proof"), o.reason());
    }

    @Test
    void jsonLinesWithSeveralBundles(@TempDir Path tmp) throws Exception {
        String v13 = "gha_maven/v2.1.0/binary-linux-amd64-push-v13.0.30";
        String v14 = "gha_maven/v2.1.0/binary-linux-amd64-push-v14";
        Path jsonl = tmp.resolve("all.intoto.jsonl");
        Files.writeString(jsonl, compact(v14) + "\n" + compact(v13) + "\n\n");
        ProvenanceOutcome o = verifier.verify(jsonl, sha(v13));
        assertEquals(Status.VERIFIED, o.status(), o.toString());
        assertEquals(jsonl + "#line 2", o.source());
        assertEquals("refs/tags/v13.0.30", o.facts().orElseThrow().sourceRef());
        List<ProvenanceOutcome> all = verifier.verifyAll(jsonl, sha(v13));
        assertEquals(List.of(Status.SUBJECT_MISMATCH, Status.VERIFIED), all.stream().map(ProvenanceOutcome::status)
                .toList());
        assertEquals(Status.SUBJECT_MISMATCH, verifier.verify(jsonl, GENERIC_SHA).status());
    }

    @Test
    void malformedProvenance(@TempDir Path tmp) throws Exception {
        String sha = GENERIC_SHA;
        assertEquals(Status.MALFORMED, verifier.verify("e", new byte[0], sha).status());
        assertEquals(Status.MALFORMED, verifier.verify("g", "not json\n".getBytes(StandardCharsets.UTF_8), sha).status());
        assertEquals(Status.MALFORMED, verifier.verify("a", "[1,2]".getBytes(StandardCharsets.UTF_8), sha).status());
        ProvenanceOutcome hashed = verifier.verify(Fixtures.file("maven-central/sigstore-java-2.0.0.jar.sigstore.json"),
                sha);
        assertEquals(Status.MALFORMED, hashed.status());
        assertTrue(hashed.reason().contains("not an attestation"), hashed.reason());
        String json = compact("gha_maven/v2.1.0/binary-linux-amd64-push-v14");
        ProvenanceOutcome truncated = verifier.verify("t", json.substring(0, json.length() / 3)
                .getBytes(StandardCharsets.UTF_8), sha);
        assertEquals(Status.MALFORMED, truncated.status(), truncated.toString());
        assertEquals(Status.MALFORMED, verifier.verify(tmp.resolve("missing"), sha).status());
        assertEquals(Status.NOT_EVALUATED, verifier.verify("x", json.getBytes(StandardCharsets.UTF_8), "zz").status());
    }

    @Test
    void theAttestationIndexFindsProvenanceByDigest() throws Exception {
        AttestationIndex index = AttestationIndex.scan(fx(""));
        String v14 = "gha_maven/v2.1.0/binary-linux-amd64-push-v14";
        assertTrue(index.find(sha(v14)).contains(fx(v14 + ".build.slsa")), index.find(sha(v14)).toString());
        assertEquals(List.of(fx("gha_generic-v2.1.0/binary-linux-amd64-workflow_dispatch.intoto.jsonl")),
                index.find(GENERIC_SHA));
        assertEquals(List.of(fx("bcr/MODULE-wrong-signer.bazel.intoto.jsonl"), fx("bcr/MODULE.bazel.intoto.jsonl")),
                index.find(sha("bcr/MODULE.bazel")));
        assertFalse(index.find("ec8ff1bb40da2a36e3e9113dd7a5dd452c5125f7013e849519c0754b3c9fda89").isEmpty(),
                "legacy envelopes are found too (and then refused as unverifiable offline)");
        assertEquals(List.of(), index.find("00".repeat(32)));
        for (Path p : index.find(sha(v14))) {
            ProvenanceOutcome o = verifier.verify(p, sha(v14));
            assertEquals(Status.VERIFIED, o.status(), o.toString());
        }
    }

    static String compact(String artifact) throws IOException {
        return JsonParser.parseString(Files.readString(fx(artifact + ".build.slsa"))).toString();
    }
}
