package dev.airlock.verify.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.airlock.verify.finding.Coordinates;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Resolution of the trust policy: design.md's example, specificity, the two classes, the empty policy. */
class TrustPolicyTest {
    /** design.md's example block, verbatim. */
    static final String DESIGN_EXAMPLE = """
            dev.sigstore:*   sigstore san=https://github.com/sigstore/sigstore-java/.github/workflows/release-sigstore-java-from-tag.yaml@refs/tags/v* issuer=https://token.actions.githubusercontent.com
            com.acme:*       cosign key=keys/acme-release.pub
            com.acme:*       slsa builder=https://github.com/slsa-framework/slsa-github-generator/.github/workflows/builder_maven_slsa3.yml@refs/tags/v2.* source=https://github.com/acme/*
            org.apache.*     pgp fingerprint=0123456789ABCDEF0123456789ABCDEF01234567
            *                unsigned reason="not yet signed upstream"
            *                noprovenance reason="not yet attested upstream"
            """;

    static final String GH_ISSUER = "https://token.actions.githubusercontent.com";

    @TempDir
    Path dir;

    static Coordinates c(String s) {
        return Coordinates.parse(s);
    }

    static TrustPolicy text(String content) throws PolicyException {
        return TrustPolicy.parse("test-policy", content, KeyResolver.NONE);
    }

    private Path writePolicy(String content) throws IOException {
        Path keys = Files.createDirectories(dir.resolve(".mvn/keys"));
        Files.copy(Path.of("src/test/resources/policy/keys/test-cosign.pub"), keys.resolve("acme-release.pub"));
        Path policy = dir.resolve(".mvn/airlock-policy");
        Files.writeString(policy, content);
        return policy;
    }

    @Test
    void designExampleParsesAndResolvesAsIntended() throws Exception {
        TrustPolicy policy = TrustPolicy.parse(writePolicy(DESIGN_EXAMPLE));
        assertEquals(6, policy.lines().size());

        // dev.sigstore:* -> the sigstore line; a release tag SAN matches, a branch SAN or another issuer does not
        SignatureDecision sig = policy.signature(c("dev.sigstore:sigstore-java:jar:2.0.0"));
        assertEquals(List.of("dev.sigstore:*"), sig.patterns().stream().map(PolicyPattern::text).toList());
        assertEquals(1, sig.lines().size());
        assertTrue(sig.lines().get(0).where().endsWith("airlock-policy:1"));
        String san = "https://github.com/sigstore/sigstore-java/.github/workflows/"
                + "release-sigstore-java-from-tag.yaml@refs/tags/v2.0.0";
        assertTrue(sig.sigstoreMatch(san, GH_ISSUER, null).isPresent());
        assertFalse(sig.sigstoreMatch(san.replace("refs/tags/v2.0.0", "refs/heads/main"), GH_ISSUER, null)
                .isPresent());
        assertFalse(sig.sigstoreMatch(san, "https://accounts.google.com", null).isPresent());
        assertTrue(sig.unsignedWaiver().isEmpty(), "the default's unsigned line is not an alternative here");
        // provenance class: nothing more specific than * -> noprovenance
        ProvenanceDecision prov = policy.provenance(c("dev.sigstore:sigstore-java:jar:2.0.0"));
        assertTrue(prov.noProvenanceWaiver().isPresent());
        assertTrue(prov.lines().get(0).where().endsWith(":6"));

        // com.acme:* -> cosign for signatures, slsa for provenance (the same pattern decides both classes)
        SignatureDecision acme = policy.signature(c("com.acme:lib:jar:1.0"));
        assertEquals(1, acme.cosign().size());
        assertEquals("keys/acme-release.pub", acme.cosign().get(0).key().path());
        assertEquals("EC", acme.cosign().get(0).key().algorithm());
        ProvenanceDecision acmeProv = policy.provenance(c("com.acme:lib:jar:1.0"));
        assertEquals(1, acmeProv.slsa().size());
        assertTrue(acmeProv.noProvenanceWaiver().isEmpty());
        String builder = "https://github.com/slsa-framework/slsa-github-generator/.github/workflows/"
                + "builder_maven_slsa3.yml@refs/tags/v2.1.0";
        SourceUri.Split src = SourceUri.split("git+https://github.com/acme/lib.git@refs/tags/v1.0");
        assertTrue(acmeProv.slsaMatch(builder, src.repository(), src.ref(), null).isPresent());
        PolicyLine.Slsa slsa = acmeProv.slsa().get(0);
        assertEquals("ref", slsa.firstMismatch(builder, src.repository(), "refs/heads/main", null).orElseThrow(),
                "ref defaults to tags only");
        assertEquals("builder", slsa.firstMismatch(builder.replace("v2.1.0", "v1.9.0"), src.repository(),
                src.ref(), null).orElseThrow());
        assertEquals("source", slsa.firstMismatch(builder, "https://github.com/evil/lib", src.ref(), null)
                .orElseThrow());
        assertTrue(acmeProv.anyBuilderMatches(builder));

        // org.apache.* -> pgp; fingerprints compare without spaces and case
        SignatureDecision apache = policy.signature(c("org.apache.maven:maven-core:jar:3.9.6"));
        assertTrue(apache.pgpMatch("0123 4567 89ab cdef 0123  4567 89AB CDEF 0123 4567").isPresent());
        assertFalse(apache.pgpMatch("B46DC71E03FEEB7F89D1F2491F7A8F87B9D8F501").isPresent());
        assertTrue(apache.unsignedWaiver().isEmpty());

        // org.apache.* is a pure glob: org.apache itself falls to the default
        SignatureDecision parent = policy.signature(c("org.apache:apache:pom:33"));
        assertEquals(List.of("*"), parent.patterns().stream().map(PolicyPattern::text).toList());
        assertEquals("not yet signed upstream", parent.unsignedWaiver().orElseThrow().reason());

        // anything else: the default waivers
        assertTrue(policy.signature(c("junit:junit:jar:4.13.2")).unsignedWaiver().isPresent());
        assertTrue(policy.provenance(c("junit:junit:jar:4.13.2")).noProvenanceWaiver().isPresent());
    }

    @Test
    void moreSegmentsBeatFewer() throws Exception {
        TrustPolicy policy = text("""
                com.acme             pgp fingerprint=1111111111111111111111111111111111111111
                com.acme:lib         pgp fingerprint=2222222222222222222222222222222222222222
                com.acme:lib:1.0     pgp fingerprint=3333333333333333333333333333333333333333
                com.acme:lib:2.*     pgp fingerprint=4444444444444444444444444444444444444444
                """);
        assertEquals("3333333333333333333333333333333333333333",
                policy.signature(c("com.acme:lib:jar:1.0")).pgp().get(0).fingerprint());
        assertEquals("4444444444444444444444444444444444444444",
                policy.signature(c("com.acme:lib:jar:2.5")).pgp().get(0).fingerprint());
        assertEquals("2222222222222222222222222222222222222222",
                policy.signature(c("com.acme:lib:jar:3.0")).pgp().get(0).fingerprint());
        assertEquals("1111111111111111111111111111111111111111",
                policy.signature(c("com.acme:other:jar:1.0")).pgp().get(0).fingerprint());
        assertTrue(policy.signature(c("com.acme.sub:lib:jar:1.0")).isEmpty(), "com.acme is that groupId exactly");
    }

    @Test
    void withinEqualSegmentsFewerWildcardsBeatMore() throws Exception {
        TrustPolicy policy = text("""
                com.*:*          unsigned reason="a"
                com.acme:*       unsigned reason="b"
                com.acme:lib-*   unsigned reason="c"
                *                unsigned reason="d"
                com.*            unsigned reason="e"
                """);
        assertEquals("c", policy.signature(c("com.acme:lib-core:jar:1")).unsignedWaiver().orElseThrow().reason());
        assertEquals("b", policy.signature(c("com.acme:app:jar:1")).unsignedWaiver().orElseThrow().reason());
        assertEquals("a", policy.signature(c("com.other:app:jar:1")).unsignedWaiver().orElseThrow().reason());
        assertEquals("d", policy.signature(c("org.x:app:jar:1")).unsignedWaiver().orElseThrow().reason());
    }

    @Test
    void tiesAreBrokenByLiteralCharactersThenPerSegment() throws Exception {
        TrustPolicy policy = text("""
                org.*.maven      unsigned reason="shorter literal"
                org.apache.*     unsigned reason="longer literal"
                """);
        // both: one segment, one '*'; org.apache.* has 11 literal characters, org.*.maven 10
        assertEquals("longer literal",
                policy.signature(c("org.apache.maven:maven-core:jar:3.9.6")).unsignedWaiver().orElseThrow()
                        .reason());

        TrustPolicy perSegment = text("""
                com.acme*:lib     unsigned reason="artifactId more literal"
                com.acmeco:*b     unsigned reason="groupId more literal"
                """);
        // two segments, one '*', 11 literal characters each; the groupId with more literal characters wins
        assertEquals("groupId more literal",
                perSegment.signature(c("com.acmeco:lib:jar:1")).unsignedWaiver().orElseThrow().reason());
    }

    @Test
    void fullyTiedPatternsAreAlternativesTogether() throws Exception {
        TrustPolicy policy = text("""
                com.acme.*    pgp fingerprint=1111111111111111111111111111111111111111
                com.*.acme    pgp fingerprint=2222222222222222222222222222222222222222
                com.acme.acme pgp fingerprint=3333333333333333333333333333333333333333
                """);
        // com.acme.acme (exact) beats both
        assertEquals(1, policy.signature(c("com.acme.acme:x:jar:1")).lines().size());
        TrustPolicy tied = text("""
                com.acme.*    pgp fingerprint=1111111111111111111111111111111111111111
                com.*.acme    pgp fingerprint=2222222222222222222222222222222222222222
                """);
        SignatureDecision d = tied.signature(c("com.acme.acme:x:jar:1"));
        assertEquals(2, d.lines().size(), "equal specificity: both patterns' lines are alternatives");
        assertTrue(d.pgpMatch("1111111111111111111111111111111111111111").isPresent());
        assertTrue(d.pgpMatch("2222222222222222222222222222222222222222").isPresent());
    }

    @Test
    void resolutionDoesNotDependOnLineOrder() throws Exception {
        List<String> lines = new ArrayList<>(List.of(
                "com.acme:lib:1.*  pgp fingerprint=1111111111111111111111111111111111111111",
                "com.acme:lib      pgp fingerprint=2222222222222222222222222222222222222222",
                "com.acme:*        pgp fingerprint=3333333333333333333333333333333333333333",
                "com.*             pgp fingerprint=4444444444444444444444444444444444444444",
                "*                 unsigned reason=\"x\""));
        for (int round = 0; round < 2; round++) {
            TrustPolicy p = text(String.join("\n", lines));
            assertEquals("1111111111111111111111111111111111111111",
                    p.signature(c("com.acme:lib:jar:1.2")).pgp().get(0).fingerprint());
            assertEquals("2222222222222222222222222222222222222222",
                    p.signature(c("com.acme:lib:jar:2.0")).pgp().get(0).fingerprint());
            assertEquals("3333333333333333333333333333333333333333",
                    p.signature(c("com.acme:app:jar:2.0")).pgp().get(0).fingerprint());
            assertEquals("4444444444444444444444444444444444444444",
                    p.signature(c("com.other:app:jar:2.0")).pgp().get(0).fingerprint());
            Collections.reverse(lines);
        }
    }

    @Test
    void theTwoClassesAreResolvedIndependently() throws Exception {
        TrustPolicy policy = text("""
                com.acme:lib   slsa builder=https://builder.example/b source=https://github.com/acme/lib
                com.acme:*     pgp fingerprint=1111111111111111111111111111111111111111
                *              noprovenance reason="legacy"
                """);
        Coordinates lib = c("com.acme:lib:jar:1.0");
        // signature: com.acme:lib has no signature-class line, so com.acme:* decides
        assertEquals(List.of("com.acme:*"), policy.signature(lib).patterns().stream().map(PolicyPattern::text)
                .toList());
        // provenance: com.acme:lib decides; the default's waiver is not an alternative
        ProvenanceDecision prov = policy.provenance(lib);
        assertEquals(List.of("com.acme:lib"), prov.patterns().stream().map(PolicyPattern::text).toList());
        assertTrue(prov.noProvenanceWaiver().isEmpty());
        assertTrue(policy.provenance(c("com.acme:app:jar:1.0")).noProvenanceWaiver().isPresent());
        // com.other has no signature line at all: empty decision
        assertTrue(policy.signature(c("com.other:x:jar:1")).isEmpty());
    }

    @Test
    void alternativesOfOnePatternAreAllReturnedInFileOrder() throws Exception {
        TrustPolicy policy = text("""
                com.acme:*  pgp fingerprint=1111111111111111111111111111111111111111
                com.acme:*  sigstore san=https://github.com/acme/* issuer=https://token.actions.githubusercontent.com
                com.acme:*  unsigned reason="older releases"
                """);
        SignatureDecision d = policy.signature(c("com.acme:lib:jar:1"));
        assertEquals(3, d.lines().size());
        assertEquals(List.of("test-policy:1", "test-policy:2", "test-policy:3"), d.where());
        assertInstanceOf(PolicyLine.Pgp.class, d.lines().get(0));
        assertTrue(d.sigstoreMatch("https://github.com/acme/lib/.github/workflows/release.yml@refs/tags/v1",
                GH_ISSUER, null).isPresent());
        assertTrue(d.unsignedWaiver().isPresent());
    }

    /** Hardening item 7: an empty policy (a truncated or unfinished file) is an error, not an empty trust set. */
    @Test
    void anEmptyPolicyIsAnErrorNotAnEmptyTrustSet() throws Exception {
        for (String content : List.of("", "\n\n", "# only comments\n   # and more\n", "\uFEFF")) {
            PolicyException e = assertThrows(PolicyException.class, () -> text(content), content);
            assertEquals(1, e.errors().size(), e.errors().toString());
            assertEquals("test-policy", e.errors().get(0).where());
            assertTrue(e.errors().get(0).problem().contains("the trust policy is empty"), e.getMessage());
            assertTrue(e.errors().get(0).fix().contains("unsigned reason="), e.getMessage());
        }
        Path empty = writePolicy("# to be written\n");
        PolicyException file = assertThrows(PolicyException.class, () -> TrustPolicy.parse(empty));
        assertTrue(file.getMessage().contains(empty.toString()), file.getMessage());
        // a policy whose lines decide nothing for an artifact still allows nothing for it
        TrustPolicy p = text("com.other:*  unsigned reason=\"elsewhere\"\n");
        Coordinates any = c("com.acme:lib:jar:1.0");
        SignatureDecision s = p.signature(any);
        ProvenanceDecision v = p.provenance(any);
        assertTrue(s.isEmpty() && v.isEmpty());
        assertTrue(s.unsignedWaiver().isEmpty(), "an empty decision waives nothing");
        assertTrue(v.noProvenanceWaiver().isEmpty());
        assertTrue(s.pgpMatch("1111111111111111111111111111111111111111").isEmpty());
        assertTrue(s.sigstoreMatch("x", "y", "z").isEmpty());
        assertTrue(v.slsaMatch("b", "s", "refs/tags/v1", null).isEmpty());
        assertEquals("no signature-class line of the trust policy matches com.acme:lib:jar:1.0", s.describe());
    }

    @Test
    void aMissingPolicyFileIsAnErrorNeverAnEmptyPolicy() {
        Path missing = dir.resolve(".mvn/airlock-policy");
        PolicyException e = assertThrows(PolicyException.class, () -> TrustPolicy.parse(missing));
        assertEquals(1, e.errors().size());
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("never turns the checks off"), e.getMessage());
        PolicyException d = assertThrows(PolicyException.class, () -> TrustPolicy.parse(dir));
        assertTrue(d.getMessage().contains("is a directory"), d.getMessage());
        PolicyException cp = assertThrows(PolicyException.class,
                () -> TrustPolicy.load("classpath:no/such/policy", dir, getClass().getClassLoader()));
        assertTrue(cp.getMessage().startsWith("Trust policy error: classpath:no/such/policy: "), cp.getMessage());
    }

    @Test
    void classpathPolicyResolvesItsKeysNextToTheResource() throws Exception {
        TrustPolicy p = TrustPolicy.load("classpath:policy/classpath-policy", dir, getClass().getClassLoader());
        assertEquals("classpath:policy/classpath-policy", p.source());
        PolicyLine.Cosign cosign = p.signature(c("com.example:a:jar:1")).cosign().get(0);
        assertEquals("classpath:policy/keys/test-cosign.pub", cosign.key().resolved());
        assertEquals("classpath:policy/classpath-policy:2", cosign.where());
        assertTrue(p.signature(c("org.other:a:jar:1")).unsignedWaiver().isPresent());
    }

    @Test
    void loadResolvesRelativePathsAgainstTheBaseDirectory() throws Exception {
        writePolicy(DESIGN_EXAMPLE);
        TrustPolicy p = TrustPolicy.load(".mvn/airlock-policy", dir, getClass().getClassLoader());
        assertEquals(6, p.lines().size());
        assertTrue(p.lines().get(1) instanceof PolicyLine.Cosign k && k.key().resolved()
                .equals(dir.resolve(".mvn/keys/acme-release.pub").toAbsolutePath().normalize().toString()));
    }

    @Test
    void policyFileIsReadAsUtf8WithCrlfAndBom() throws Exception {
        Path p = dir.resolve("policy");
        byte[] body = ("\uFEFF# comment\r\ncom.acme:* unsigned reason=\"caf\u00e9 \u2013 ok\"\r\n")
                .getBytes(StandardCharsets.UTF_8);
        Files.write(p, body);
        TrustPolicy policy = TrustPolicy.parse(p);
        assertEquals("caf\u00e9 \u2013 ok", ((PolicyLine.Unsigned) policy.lines().get(0)).reason());
        assertEquals(2, policy.lines().get(0).line());
    }
}
