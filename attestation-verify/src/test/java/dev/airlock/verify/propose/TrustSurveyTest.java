package dev.airlock.verify.propose;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.airlock.verify.digest.DigestCache;
import dev.airlock.verify.finding.Coordinates;
import dev.airlock.verify.io.Progress;
import dev.airlock.verify.pgp.PgpKeyring;
import dev.airlock.verify.sigstore.SigstoreBundleVerifier;
import dev.airlock.verify.sigstore.TrustedRoot;
import dev.airlock.verify.slsa.ProvenanceVerifier;
import dev.airlock.verify.testing.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The survey on real signatures and provenance (src/test/resources/pgp/README.md, fixtures/README.md). */
class TrustSurveyTest {
    static final Path PGP = Path.of("src/test/resources/pgp");
    static final String JETBRAINS = "B46DC71E03FEEB7F89D1F2491F7A8F87B9D8F501";
    static final String JETBRAINS_SUBKEY = "33FD4BFD33554634053D73C0C2148900BCD3C2AF";
    static final String DD_PLIST = "1CEED21A8E77F056ED2341A84410603103CE3AF4";
    static SigstoreBundleVerifier sigstore;
    static ProvenanceVerifier provenance;

    @BeforeAll
    static void root() throws Exception {
        sigstore = new SigstoreBundleVerifier(TrustedRoot.publicGood());
        provenance = new ProvenanceVerifier(sigstore, List.of());
    }

    /** A key server held in memory: the real KEYS files, indexed by every fingerprint they hold; counts requests. */
    static final class Server implements KeySource {
        final Map<String, byte[]> byIssuer = new HashMap<>();
        final List<String> asked = new ArrayList<>();

        Server serve(Path keysFile, String... issuers) throws Exception {
            for (String i : issuers) {
                byIssuer.put(i, Files.readAllBytes(keysFile));
            }
            return this;
        }

        @Override
        public Answer fetch(String issuer) {
            asked.add(issuer);
            byte[] b = byIssuer.get(issuer);
            return b == null ? new Unavailable("not on the key server") : new Found(b, "test server " + issuer);
        }

        @Override
        public String describe() {
            return "test server";
        }
    }

    static TrustSurvey.Item jar(String coords, Path file, Path asc, Path bundle, List<Path> provenance)
            throws Exception {
        return new TrustSurvey.Item(Coordinates.parse(coords), file, DigestCache.sha256Uncached(file), bundle, null, asc,
                provenance);
    }

    static Progress quiet() {
        return Progress.of("t", "artifacts", 0, null);
    }

    @Test
    void realOpenPgpSignaturesNameTheirPrimaryKeysAndTheKeyringHoldsThem() throws Exception {
        Server server = new Server().serve(PGP.resolve("jetbrains-java-annotations.KEYS"), JETBRAINS_SUBKEY)
                .serve(PGP.resolve("dd-plist.KEYS"), DD_PLIST);
        List<TrustSurvey.Item> items = List.of(
                jar("org.jetbrains:annotations:jar:23.0.0", PGP.resolve("annotations-23.0.0.jar"),
                        PGP.resolve("annotations-23.0.0.jar.asc"), null, List.of()),
                jar("com.googlecode.plist:dd-plist:jar:1.28", PGP.resolve("dd-plist-1.28.jar"),
                        PGP.resolve("dd-plist-1.28.jar.asc"), null, List.of()));
        TrustSurvey.Result r = new TrustSurvey(sigstore, provenance, server, null, null).survey(items, quiet());
        assertEquals(List.of(DD_PLIST, JETBRAINS_SUBKEY), server.asked.stream().sorted().toList(),
                "asked by the issuer fingerprint each signature names, once each");
        assertEquals(new Identity.PgpKey(JETBRAINS, List.of()), r.artifacts().get(0).signers().get(0).identity(),
                "the subkey's signature names the primary key");
        assertEquals(new Identity.PgpKey(DD_PLIST, List.of()), r.artifacts().get(1).signers().get(0).identity());
        assertEquals(List.of(DD_PLIST, JETBRAINS), List.copyOf(r.keys().keySet()));
        PgpKeyring ring = PgpKeyring.parse("proposed", r.keyring());
        assertTrue(ring.key(JETBRAINS).isPresent());
        assertTrue(ring.key(DD_PLIST).isPresent());
        TrustSurvey.Result again = new TrustSurvey(sigstore, provenance, server, null, null).survey(items, quiet());
        assertArrayEquals(r.keyring(), again.keyring(), "the same closure gives the same keyring bytes");

        TrustProposal p = TrustProposal.of(r.artifacts(), null);
        var policy = p.asPolicy("proposed");
        assertTrue(policy.signature(Coordinates.parse("org.jetbrains:annotations:jar:23.0.0")).pgpMatch(JETBRAINS)
                .isPresent());
        assertTrue(p.policyText().contains("Download <download@jetbrains.com>"), p.policyText());
    }

    @Test
    void aKeyTheServerLacksLeavesTheArtifactUnresolvedWithItsIssuer() throws Exception {
        Server empty = new Server();
        TrustSurvey.Result r = new TrustSurvey(sigstore, provenance, empty, null, null).survey(List.of(
                jar("com.googlecode.plist:dd-plist:jar:1.28", PGP.resolve("dd-plist-1.28.jar"),
                        PGP.resolve("dd-plist-1.28.jar.asc"), null, List.of())), quiet());
        ArtifactTrust a = r.artifacts().get(0);
        assertTrue(a.signers().isEmpty());
        assertEquals(1, a.unresolved().size());
        assertTrue(a.unresolved().get(0).contains(DD_PLIST) && a.unresolved().get(0).contains("not on the key server"),
                a.unresolved().toString());
        assertTrue(r.keys().isEmpty());
        assertEquals(0, r.keyring().length);
    }

    @Test
    void aKeyServedForAnotherIssuerDoesNotVerifyAndProposesNothing() throws Exception {
        // the server answers dd-plist's issuer with JetBrains' key: the signature does not verify with it
        Server liar = new Server().serve(PGP.resolve("jetbrains-java-annotations.KEYS"), DD_PLIST);
        TrustSurvey.Result r = new TrustSurvey(sigstore, provenance, liar, null, null).survey(List.of(
                jar("com.googlecode.plist:dd-plist:jar:1.28", PGP.resolve("dd-plist-1.28.jar"),
                        PGP.resolve("dd-plist-1.28.jar.asc"), null, List.of())), quiet());
        assertTrue(r.artifacts().get(0).signers().isEmpty());
        assertEquals(1, r.artifacts().get(0).unresolved().size());
        assertTrue(r.keys().isEmpty(), "a key that verified nothing is not proposed");
    }

    @Test
    void aChangedArtifactIsAnInvalidSignatureNotASigner(@TempDir Path tmp) throws Exception {
        Path jar = tmp.resolve("annotations-23.0.0.jar");
        byte[] b = Files.readAllBytes(PGP.resolve("annotations-23.0.0.jar"));
        b[100] ^= 1;
        Files.write(jar, b);
        Server server = new Server().serve(PGP.resolve("jetbrains-java-annotations.KEYS"), JETBRAINS_SUBKEY);
        TrustSurvey.Result r = new TrustSurvey(sigstore, provenance, server, null, null).survey(List.of(
                jar("org.jetbrains:annotations:jar:23.0.0", jar, PGP.resolve("annotations-23.0.0.jar.asc"), null,
                        List.of())), quiet());
        ArtifactTrust a = r.artifacts().get(0);
        assertTrue(a.signers().isEmpty());
        assertEquals(1, a.invalid().size(), a.toString());
        TrustProposal p = TrustProposal.of(r.artifacts(), null);
        assertTrue(p.asPolicy("p").lines().stream().noneMatch(l -> l.kind()
                == dev.airlock.verify.policy.PolicyLine.Kind.SIGNATURE), p.policyText());
    }

    @Test
    void withoutAKeyServerOpenPgpSignaturesAreUnresolvedAndSaySo() throws Exception {
        TrustSurvey.Result r = new TrustSurvey(sigstore, provenance, null, null, null).survey(List.of(
                jar("org.jetbrains:annotations:jar:23.0.0", PGP.resolve("annotations-23.0.0.jar"),
                        PGP.resolve("annotations-23.0.0.jar.asc"), null, List.of())), quiet());
        assertTrue(r.artifacts().get(0).unresolved().get(0).contains("-Dairlock.keyserver"),
                r.artifacts().get(0).unresolved().toString());
    }

    @Test
    void aRealSigstoreBundleProposesItsWorkflowForEveryTag() throws Exception {
        Path jar = Fixtures.file("maven-central/sigstore-maven-plugin-2.0.0.jar");
        TrustSurvey.Result r = new TrustSurvey(sigstore, provenance, null, null, null).survey(List.of(
                jar("dev.sigstore:sigstore-maven-plugin:jar:2.0.0", jar, null,
                        Fixtures.file("maven-central/sigstore-maven-plugin-2.0.0.jar.sigstore.json"), List.of())),
                quiet());
        Identity id = r.artifacts().get(0).signers().get(0).identity();
        assertEquals("sigstore san=https://github.com/sigstore/sigstore-java/.github/workflows/"
                + "release-sigstore-java-from-tag.yaml@refs/tags/* issuer=https://token.actions.githubusercontent.com",
                id.directive());
    }

    @Test
    void realSlsaProvenanceProposesItsBuilderAndSource() throws Exception {
        Path bin = Fixtures.file("slsa-verifier/gha_maven/v2.1.0/binary-linux-amd64-push-v14.2");
        Path slsa = Fixtures.file("slsa-verifier/gha_maven/v2.1.0/binary-linux-amd64-push-v14.2.build.slsa");
        TrustSurvey.Result r = new TrustSurvey(sigstore, provenance, null, null, null).survey(List.of(
                jar("com.example:binary:jar:14.2", bin, null, null, List.of(slsa))), quiet());
        ArtifactTrust a = r.artifacts().get(0);
        assertEquals(1, a.builders().size(), a.toString());
        Identity.SlsaBuilder b = a.builders().get(0);
        assertTrue(b.builderId().endsWith("builder_maven_slsa3.yml@refs/tags/v2.1.0"), b.toString());
        assertEquals("https://github.com/slsa-framework/example-package", b.source());
        TrustProposal p = TrustProposal.of(r.artifacts(), null);
        var d = p.asPolicy("p").provenance(Coordinates.parse("com.example:binary:jar:14.2"));
        assertTrue(p.policyText().contains("com.example:*  slsa builder="), p.policyText());
        assertTrue(d.slsaMatch(b.builderId(), b.source(), "refs/tags/v14.2", null).isPresent(),
                "the accepted line allows this builder, source and tag: " + p.policyText());
        assertTrue(d.slsaMatch(b.builderId(), "https://github.com/evil/example-package", "refs/tags/v14.2", null)
                .isEmpty(), "and no other source");
        assertTrue(d.noProvenanceWaiver().isEmpty(), "an attested artifact gets no waiver");
    }

    @Test
    void aKeyRevokedOrExpiredWhenItSignedIsUnresolvedAndNotProposed(@TempDir Path tmp) throws Exception {
        Path jar = Files.write(tmp.resolve("lib-1.0.jar"), "the artifact's bytes".getBytes());
        byte[] bytes = Files.readAllBytes(jar);
        var revoked = dev.airlock.verify.pgp.GeneratedKeys.revokedAfterSigning("Revoked <r@acme.example>", bytes);
        var expired = dev.airlock.verify.pgp.GeneratedKeys.expiredWhenSigning("Expired <e@acme.example>", bytes);
        Path revokedAsc = Files.writeString(tmp.resolve("revoked.asc"), revoked.asc());
        Path expiredAsc = Files.writeString(tmp.resolve("expired.asc"), expired.asc());
        Server server = new Server();
        server.byIssuer.put(revoked.key().fingerprint(), revoked.key().armored().getBytes());
        server.byIssuer.put(expired.key().fingerprint(), expired.key().armored().getBytes());
        TrustSurvey.Result r = new TrustSurvey(sigstore, provenance, server, null, null).survey(List.of(
                jar("com.acme:revoked:jar:1.0", jar, revokedAsc, null, List.of()),
                jar("com.acme:expired:jar:1.0", jar, expiredAsc, null, List.of())), quiet());
        ArtifactTrust a = r.artifacts().get(0);
        ArtifactTrust b = r.artifacts().get(1);
        assertTrue(a.signers().isEmpty() && b.signers().isEmpty(), r.artifacts().toString());
        assertTrue(a.unresolved().get(0).contains("revo"), a.unresolved().toString());
        assertTrue(b.unresolved().get(0).contains("expired"), b.unresolved().toString());
        assertTrue(r.keys().isEmpty(), "neither key is proposed");
        TrustProposal p = TrustProposal.of(r.artifacts(), null);
        assertTrue(p.asPolicy("p").lines().stream().noneMatch(l -> l.kind()
                == dev.airlock.verify.policy.PolicyLine.Kind.SIGNATURE), p.policyText());
        assertEquals(2, p.unresolved().size(), p.policyText());
    }
}
