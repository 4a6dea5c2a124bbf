package dev.airlock.verify.propose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.airlock.verify.finding.Coordinates;
import dev.airlock.verify.policy.KeyResolver;
import dev.airlock.verify.policy.PolicyLine;
import dev.airlock.verify.policy.TrustPolicy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TrustProposalTest {
    static final String A = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
    static final String B = "BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB";
    static final Identity.PgpKey KEY_A = new Identity.PgpKey(A, List.of("Alice <alice@acme.example>"));
    static final Identity.PgpKey KEY_B = new Identity.PgpKey(B, List.of("Bob <bob@other.example>"));

    static ArtifactTrust signed(String coords, Identity... ids) {
        List<ArtifactTrust.Signed> s = new ArrayList<>();
        for (Identity id : ids) {
            s.add(new ArtifactTrust.Signed(id, null));
        }
        return new ArtifactTrust(Coordinates.parse(coords), s, true, List.of(), List.of(), null, List.of(), false,
                List.of());
    }

    static ArtifactTrust unsigned(String coords) {
        return new ArtifactTrust(Coordinates.parse(coords), List.of(), false, List.of(), List.of(), null, List.of(),
                false, List.of());
    }

    static TrustPolicy parse(String text) throws Exception {
        return TrustPolicy.parse("p", text, path -> new KeyResolver.Resolved(path, null));
    }

    static List<String> lines(TrustProposal p) throws Exception {
        List<String> out = new ArrayList<>();
        p.asPolicy("proposal").lines().forEach(l -> out.add(TrustProposal.canonical(l)));
        Collections.sort(out);
        return out;
    }

    @Test
    void aSignerAloneInAGroupGetsTheGroupOtherwiseOneLinePerArtifact() throws Exception {
        TrustProposal p = TrustProposal.of(List.of(
                signed("com.acme:core:jar:1.0", KEY_A),
                signed("com.acme:api:jar:1.0", KEY_A),
                signed("org.shared:one:jar:2.0", KEY_A),
                signed("org.shared:two:jar:2.0", KEY_B),
                unsigned("org.plain:lib:jar:3.0")), null);
        assertEquals(List.of(
                "com.acme:* pgp fingerprint=" + A,
                "com.acme:api noprovenance", "com.acme:core noprovenance",
                "org.plain:lib noprovenance", "org.plain:lib unsigned",
                "org.shared:one noprovenance", "org.shared:one pgp fingerprint=" + A,
                "org.shared:two noprovenance", "org.shared:two pgp fingerprint=" + B), lines(p));
        assertFalse(p.policyText().lines().anyMatch(l -> l.startsWith("*")), "never the default pattern");
        assertEquals(2, p.signers());
    }

    @Test
    void anUnsignedArtifactKeepsItsGroupFromBeingGivenToTheSigner() throws Exception {
        TrustProposal p = TrustProposal.of(List.of(
                signed("com.acme:core:jar:1.0", KEY_A),
                unsigned("com.acme:legacy:jar:0.9")), null);
        List<String> l = lines(p);
        assertTrue(l.contains("com.acme:core pgp fingerprint=" + A), l.toString());
        assertTrue(l.contains("com.acme:legacy unsigned"), l.toString());
        assertFalse(l.contains("com.acme:* pgp fingerprint=" + A), l.toString());
    }

    @Test
    void twoSignersOfOneArtifactAreAlternativesOnTheSamePattern() throws Exception {
        TrustProposal p = TrustProposal.of(List.of(
                signed("com.acme:core:jar:1.0", KEY_A),
                signed("com.acme:core:jar:2.0", KEY_B)), null);
        TrustPolicy policy = p.asPolicy("proposal");
        var d = policy.signature(Coordinates.parse("com.acme:core:jar:2.0"));
        assertTrue(d.pgpMatch(A).isPresent());
        assertTrue(d.pgpMatch(B).isPresent());
        assertTrue(d.unsignedWaiver().isEmpty());
    }

    @Test
    void theAcceptedProposalAllowsEachArtifactItsOwnSignerAndNoOther() throws Exception {
        List<ArtifactTrust> closure = List.of(
                signed("com.acme:core:jar:1.0", KEY_A),
                signed("org.shared:one:jar:2.0", KEY_A),
                signed("org.shared:two:jar:2.0", KEY_B),
                unsigned("org.plain:lib:jar:3.0"));
        TrustPolicy policy = TrustProposal.of(closure, null).asPolicy("accepted");
        assertTrue(policy.signature(Coordinates.parse("com.acme:core:jar:1.0")).pgpMatch(A).isPresent());
        assertTrue(policy.signature(Coordinates.parse("com.acme:core:jar:1.0")).pgpMatch(B).isEmpty());
        assertTrue(policy.signature(Coordinates.parse("org.shared:two:jar:2.0")).pgpMatch(A).isEmpty());
        assertTrue(policy.signature(Coordinates.parse("org.plain:lib:jar:3.0")).unsignedWaiver().isPresent());
        assertTrue(policy.signature(Coordinates.parse("org.shared:one:jar:2.0")).unsignedWaiver().isEmpty(),
                "a signed artifact gets no waiver: stripping its signature must fail");
        // a new dependency nobody reviewed matches no line at all
        var unknown = policy.signature(Coordinates.parse("org.unknown:thing:jar:1.0"));
        assertTrue(unknown.pgp().isEmpty() && unknown.unsignedWaiver().isEmpty());
    }

    @Test
    void theTextIsTheSameWhateverTheOrderOfTheClosure() {
        List<ArtifactTrust> closure = new ArrayList<>(List.of(
                signed("com.acme:core:jar:1.0", KEY_A),
                signed("com.acme:api:jar:1.0", KEY_A),
                signed("org.shared:one:jar:2.0", KEY_A, KEY_B),
                signed("org.shared:two:jar:2.0", KEY_B),
                unsigned("org.plain:lib:jar:3.0"),
                unsigned("org.plain:lib:pom:3.0")));
        String first = TrustProposal.of(closure, "map").policyText();
        for (int seed = 0; seed < 5; seed++) {
            Collections.shuffle(closure, new Random(seed));
            assertEquals(first, TrustProposal.of(closure, "map").policyText());
        }
    }

    @Test
    void theKeysMapsDisagreementIsShownLoudly() throws Exception {
        ArtifactTrust a = new ArtifactTrust(Coordinates.parse("com.acme:core:jar:1.0"),
                List.of(new ArtifactTrust.Signed(KEY_A, new SecondOpinion(SecondOpinion.Verdict.DISAGREES,
                        "keys.map:7 com.acme = 0x" + B))),
                true, List.of(), List.of(), null, List.of(), false, List.of());
        ArtifactTrust b = new ArtifactTrust(Coordinates.parse("org.other:x:jar:1.0"),
                List.of(new ArtifactTrust.Signed(KEY_B, new SecondOpinion(SecondOpinion.Verdict.AGREES,
                        "keys.map:9 org.other = 0x" + B))),
                true, List.of(), List.of(), null, List.of(), false, List.of());
        ArtifactTrust c = new ArtifactTrust(Coordinates.parse("org.silent:y:jar:1.0"),
                List.of(new ArtifactTrust.Signed(KEY_B, new SecondOpinion(SecondOpinion.Verdict.SILENT, ""))),
                true, List.of(), List.of(), null, List.of(), false, List.of());
        TrustProposal p = TrustProposal.of(List.of(a, b, c), "keys.map");
        String text = p.policyText();
        assertTrue(text.contains("!!! KEYSMAP DISAGREES for com.acme:core:jar:1.0"), text);
        assertTrue(text.contains("keysmap agrees for org.other:x:jar:1.0: keys.map:9"), text);
        assertTrue(text.contains("keysmap is silent on org.silent:y:jar:1.0"), text);
        assertEquals(1, p.disagreements().size());
        assertTrue(text.contains("# second opinion: keys.map (1 disagreement(s))"), text);
        // the line is still proposed: the map is a second opinion, the person decides
        assertTrue(lines(p).contains("com.acme:* pgp fingerprint=" + A));
    }

    @Test
    void aTagOfAWorkflowIsProposedForEveryTagOfThatWorkflow() throws Exception {
        Identity.SigstoreIdentity id = new Identity.SigstoreIdentity(
                "https://github.com/acme/lib/.github/workflows/release.yml@refs/tags/v2.0.0",
                "https://token.actions.githubusercontent.com");
        TrustPolicy policy = TrustProposal.of(List.of(signed("com.acme:lib:jar:2.0.0", id)), null).asPolicy("p");
        var d = policy.signature(Coordinates.parse("com.acme:lib:jar:2.1.0"));
        assertTrue(d.sigstoreMatch("https://github.com/acme/lib/.github/workflows/release.yml@refs/tags/v2.1.0",
                "https://token.actions.githubusercontent.com", null).isPresent());
        assertTrue(d.sigstoreMatch("https://github.com/acme/lib/.github/workflows/release.yml@refs/heads/main",
                "https://token.actions.githubusercontent.com", null).isEmpty(), "a branch is not a tag");
        assertTrue(d.sigstoreMatch("https://github.com/evil/lib/.github/workflows/release.yml@refs/tags/v2.1.0",
                "https://token.actions.githubusercontent.com", null).isEmpty());
    }

    @Test
    void aHostileUserIdCannotWriteALine() throws Exception {
        Identity.PgpKey evil = new Identity.PgpKey(A, List.of("Eve\n* unsigned reason=\"x\""));
        TrustProposal p = TrustProposal.of(List.of(signed("com.acme:core:jar:1.0", evil)), null);
        assertFalse(p.policyText().lines().anyMatch(l -> l.startsWith("*")), p.policyText());
        assertTrue(p.policyText().contains("Eve\\u000A* unsigned"), p.policyText());
        assertEquals(List.of("com.acme:* pgp fingerprint=" + A, "com.acme:core noprovenance"), lines(p));
    }

    @Test
    void unresolvedAndInvalidSignaturesGetNoLineAndAreListed() throws Exception {
        ArtifactTrust unresolved = new ArtifactTrust(Coordinates.parse("com.acme:core:jar:1.0"), List.of(), true,
                List.of("OpenPGP signature core-1.0.jar.asc by key " + B + ": not on the key server"), List.of(),
                null, List.of(), false, List.of());
        ArtifactTrust invalid = new ArtifactTrust(Coordinates.parse("com.acme:api:jar:1.0"), List.of(), true,
                List.of(), List.of("OpenPGP signature api-1.0.jar.asc: the signature does not verify"), null,
                List.of(), false, List.of());
        TrustProposal p = TrustProposal.of(List.of(unresolved, invalid), null);
        assertEquals(List.of("com.acme:api noprovenance", "com.acme:core noprovenance"), lines(p),
                "neither a waiver nor a signer line");
        assertTrue(p.policyText().contains("#   com.acme:core:jar:1.0: OpenPGP signature core-1.0.jar.asc by key " + B),
                p.policyText());
        assertTrue(p.policyText().contains("# ==== INVALID"), p.policyText());
        assertEquals(1, p.unresolved().size());
        assertEquals(1, p.invalid().size());
    }

    @Test
    void provenanceBuildersAndWaiversFollowTheSameRules() throws Exception {
        Identity.SlsaBuilder builder = new Identity.SlsaBuilder(
                "https://github.com/slsa-framework/slsa-github-generator/.github/workflows/builder_maven_slsa3.yml"
                        + "@refs/tags/v2.1.0", "https://github.com/acme/lib", "refs/tags/v1.0");
        ArtifactTrust attested = new ArtifactTrust(Coordinates.parse("com.acme:lib:jar:1.0"), List.of(), false,
                List.of(), List.of(), null, List.of(builder), true, List.of());
        ArtifactTrust pom = unsigned("com.acme:lib:pom:1.0");
        List<String> l = lines(TrustProposal.of(List.of(attested, pom), null));
        assertEquals(List.of("com.acme:* slsa builder=" + builder.builderId() + " source=https://github.com/acme/lib"
                + " ref=refs/tags/*", "com.acme:lib unsigned"), l, "a POM needs no provenance");
    }

    @Test
    void theDiffNamesWhatAcceptingWouldAddAndRemove() throws Exception {
        TrustProposal p = TrustProposal.of(List.of(signed("com.acme:core:jar:1.0", KEY_A),
                unsigned("org.plain:lib:jar:3.0")), null);
        TrustPolicy current = parse("com.acme:*  pgp fingerprint=" + A + "\n"
                + "org.plain:lib  unsigned reason=\"another reason\"\n"
                + "org.gone:*  pgp fingerprint=" + B + "\n");
        TrustProposal.Diff d = p.diff(current);
        assertEquals(List.of("com.acme:core noprovenance", "org.plain:lib noprovenance"), d.added());
        assertEquals(List.of("org.gone:* pgp fingerprint=" + B), d.removed());
        assertEquals(2, d.unchanged(), "a waiver's reason is not what it allows");
        TrustProposal.Diff fresh = p.diff(null);
        assertEquals(4, fresh.added().size());
        assertTrue(fresh.removed().isEmpty());
        assertTrue(current.lines().stream().anyMatch(x -> x instanceof PolicyLine.Pgp));
    }
}
