package dev.airlock.verify.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.airlock.verify.artifact.ResolvedArtifact;
import dev.airlock.verify.digest.DigestCache;
import dev.airlock.verify.finding.Coordinates;
import dev.airlock.verify.finding.Finding;
import dev.airlock.verify.finding.FindingCode;
import dev.airlock.verify.pgp.PgpKeyring;
import dev.airlock.verify.policy.KeyResolver;
import dev.airlock.verify.policy.TrustPolicy;
import dev.airlock.verify.sigstore.SigstoreBundleVerifier;
import dev.airlock.verify.sigstore.TrustedRoot;
import dev.airlock.verify.testing.Fixtures;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** verifySignatures' judgement on real signatures: Maven Central's Sigstore bundles and OpenPGP signatures. */
class SignatureCheckTest {
    static final String SAN = "https://github.com/sigstore/sigstore-java/.github/workflows/"
            + "release-sigstore-java-from-tag.yaml@refs/tags/v*";
    static final String ISSUER = "https://token.actions.githubusercontent.com";
    static final String JETBRAINS = "B46DC71E03FEEB7F89D1F2491F7A8F87B9D8F501";
    static SigstoreBundleVerifier sigstore;

    @TempDir
    Path tmp;

    @BeforeAll
    static void root() throws Exception {
        sigstore = new SigstoreBundleVerifier(TrustedRoot.publicGood());
    }

    private static TrustPolicy policy(String text) throws Exception {
        return TrustPolicy.parse("test-policy", text, KeyResolver.NONE);
    }

    private static ResolvedArtifact artifact(String coords, Path file) {
        return new ResolvedArtifact(Coordinates.parse(coords), file, ResolvedArtifact.Kind.PLUGIN, null, false,
                List.of(), "com.example:app", "internal");
    }

    private static List<Finding> check(TrustPolicy p, PgpKeyring keyring, ResolvedArtifact a,
            SignatureCheck.Sidecars s) throws Exception {
        return new SignatureCheck(p, sigstore, keyring).check(a, DigestCache.sha256Uncached(a.file()), s);
    }

    private Path plugin() {
        return Fixtures.file("maven-central/sigstore-maven-plugin-2.0.0.jar");
    }

    private Path pluginBundle() {
        return Fixtures.file("maven-central/sigstore-maven-plugin-2.0.0.jar.sigstore.json");
    }

    @Test
    void aRealBundleByTheAllowedIdentityPasses() throws Exception {
        List<Finding> f = check(policy("dev.sigstore:*  sigstore san=" + SAN + " issuer=" + ISSUER), null,
                artifact("dev.sigstore:sigstore-maven-plugin:jar:2.0.0", plugin()),
                new SignatureCheck.Sidecars(pluginBundle(), null, null));
        assertTrue(f.isEmpty(), f.toString());
    }

    @Test
    void anotherIdentityIsNotAllowedAndTheMessageNamesTheOneFound() throws Exception {
        List<Finding> f = check(policy("dev.sigstore:*  sigstore san=https://github.com/acme/* issuer=" + ISSUER
                        + "\n*  unsigned reason=\"not yet\""), null,
                artifact("dev.sigstore:sigstore-maven-plugin:jar:2.0.0", plugin()),
                new SignatureCheck.Sidecars(pluginBundle(), null, null));
        assertEquals(1, f.size(), f.toString());
        Finding x = f.get(0);
        assertEquals(FindingCode.IDENTITY_NOT_ALLOWED, x.code());
        assertTrue(x.message().contains("SAN https://github.com/sigstore/sigstore-java/.github/workflows/"
                + "release-sigstore-java-from-tag.yaml@refs/tags/v2.0.0"), x.message());
        assertTrue(x.message().contains("issuer " + ISSUER), x.message());
        assertTrue(x.fix().contains("out of band"), x.fix());
        assertNull(x.file(), "a policy outcome never quarantines");
        assertTrue(!x.message().contains("sigstore san=") && !x.fix().contains("sigstore san="),
                "no ready-made line to paste");
    }

    @Test
    void oneChangedByteIsAnInvalidSignatureThatQuarantinesTheFile() throws Exception {
        byte[] bytes = Files.readAllBytes(plugin());
        bytes[bytes.length / 2] ^= 1;
        Path tampered = tmp.resolve("sigstore-maven-plugin-2.0.0.jar");
        Files.write(tampered, bytes);
        List<Finding> f = check(policy("*  unsigned reason=\"waives absence only\""), null,
                artifact("dev.sigstore:sigstore-maven-plugin:jar:2.0.0", tampered),
                new SignatureCheck.Sidecars(pluginBundle(), null, null));
        assertEquals(1, f.size(), f.toString());
        assertEquals(FindingCode.SIGNATURE_INVALID, f.get(0).code());
        assertEquals(tampered.toString(), f.get(0).file());
        assertTrue(f.get(0).expected().contains("f5578d8c6784707366c0c7704d22395a43f1f59439d3a5beea3e5fbfba3046d8"),
                f.get(0).expected());

        // another artifact's bundle next to genuine bytes the lock vouches for: the signature file is bad, not the jar
        List<Finding> vouched = new SignatureCheck(policy("*  unsigned reason=\"x\""), sigstore, null).check(
                artifact("dev.sigstore:sigstore-maven-plugin:jar:2.0.0", plugin()),
                DigestCache.sha256Uncached(plugin()),
                new SignatureCheck.Sidecars(Fixtures.file("maven-central/sigstore-java-1.3.0.jar.sigstore.json"), null,
                        null), true);
        assertEquals(List.of(FindingCode.SIGNATURE_INVALID), vouched.stream().map(Finding::code).toList());
        assertNull(vouched.get(0).file(), "bytes the lock lists are not quarantined for a bad signature file");
        assertTrue(vouched.get(0).message().contains("the recorded lock lists exactly these bytes"));
    }

    @Test
    void noSignatureIsMissingUnlessWaived() throws Exception {
        ResolvedArtifact a = artifact("dev.sigstore:sigstore-maven-plugin:jar:2.0.0", plugin());
        SignatureCheck.Sidecars none = new SignatureCheck.Sidecars(null, null, null);
        List<Finding> f = check(policy("dev.sigstore:*  sigstore san=" + SAN + " issuer=" + ISSUER), null, a, none);
        assertEquals(List.of(FindingCode.SIGNATURE_MISSING), f.stream().map(Finding::code).toList());
        assertTrue(check(policy("*  unsigned reason=\"not signed upstream\""), null, a, none).isEmpty());
        // a policy that decides nothing for the artifact: missing, never allowed
        assertEquals(FindingCode.SIGNATURE_MISSING, check(policy("org.other:*  unsigned reason=\"x\""), null, a,
                none).get(0).code());
    }

    @Test
    void realPgpSignatureAgainstThePolicyFingerprint() throws Exception {
        Path jar = resource("pgp/annotations-23.0.0.jar");
        Path asc = resource("pgp/annotations-23.0.0.jar.asc");
        PgpKeyring keyring = PgpKeyring.load(resource("pgp/jetbrains-java-annotations.KEYS"));
        ResolvedArtifact a = artifact("org.jetbrains:annotations:jar:23.0.0", jar);
        SignatureCheck.Sidecars s = new SignatureCheck.Sidecars(null, null, asc);

        assertTrue(check(policy("org.jetbrains:*  pgp fingerprint=" + JETBRAINS), keyring, a, s).isEmpty());

        List<Finding> other = check(policy("org.jetbrains:*  pgp fingerprint=" + "0".repeat(40)), keyring, a, s);
        assertEquals(FindingCode.IDENTITY_NOT_ALLOWED, other.get(0).code());
        assertTrue(other.get(0).message().contains(JETBRAINS), other.get(0).message());

        List<Finding> noKeyring = check(policy("org.jetbrains:*  pgp fingerprint=" + JETBRAINS), null, a, s);
        assertEquals(FindingCode.IDENTITY_NOT_ALLOWED, noKeyring.get(0).code());
        assertTrue(noKeyring.get(0).message().contains("no <keyring>"), noKeyring.get(0).message());

        Path tampered = tmp.resolve("annotations-23.0.0.jar");
        byte[] bytes = Files.readAllBytes(jar);
        bytes[100] ^= 1;
        Files.write(tampered, bytes);
        List<Finding> bad = check(policy("org.jetbrains:*  pgp fingerprint=" + JETBRAINS), keyring,
                artifact("org.jetbrains:annotations:jar:23.0.0", tampered), s);
        assertEquals(FindingCode.SIGNATURE_INVALID, bad.get(0).code());
        assertEquals(tampered.toString(), bad.get(0).file());
    }

    @Test
    void aGoodOpenPgpSignatureIsJudgedWithoutHashingTheArtifactAndAFindingNamesItsDigest() throws Exception {
        Path jar = resource("pgp/annotations-23.0.0.jar");
        PgpKeyring keyring = PgpKeyring.load(resource("pgp/jetbrains-java-annotations.KEYS"));
        ResolvedArtifact a = artifact("org.jetbrains:annotations:jar:23.0.0", jar);
        SignatureCheck.Sidecars s = new SignatureCheck.Sidecars(null, null, resource("pgp/annotations-23.0.0.jar.asc"));
        java.util.concurrent.atomic.AtomicInteger hashed = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger asked = new java.util.concurrent.atomic.AtomicInteger();
        java.util.function.Supplier<String> sha = () -> {
            hashed.incrementAndGet();
            return sha256(jar);
        };
        java.util.function.BooleanSupplier vouched = () -> {
            asked.incrementAndGet();
            return false;
        };

        SignatureCheck check = new SignatureCheck(policy("org.jetbrains:*  pgp fingerprint=" + JETBRAINS), sigstore,
                keyring);
        assertTrue(check.check(a, sha, s, vouched).isEmpty());
        assertEquals(0, hashed.get(), "the OpenPGP check reads the file itself: no digest asked");
        assertEquals(0, asked.get(), "nothing invalid: the lock is not asked");

        List<Finding> other = new SignatureCheck(policy("org.jetbrains:*  pgp fingerprint=" + "0".repeat(40)),
                sigstore, keyring).check(a, sha, s, vouched);
        assertEquals(FindingCode.IDENTITY_NOT_ALLOWED, other.get(0).code());
        assertEquals(DigestCache.sha256Uncached(jar), other.get(0).sha256(), "a finding names the digest");
        assertEquals(1, hashed.get(), "asked once");
    }

    @Test
    void cosignKeyBasedSignature() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair kp = g.generateKeyPair();
        Path keyFile = tmp.resolve("acme-release.pub");
        Files.writeString(keyFile, "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(kp.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n");
        Path jar = tmp.resolve("lib-1.0.jar");
        Files.writeString(jar, "acme lib 1.0");
        Signature sig = Signature.getInstance("SHA256withECDSA");
        sig.initSign(kp.getPrivate());
        sig.update(Files.readAllBytes(jar));
        Path sigFile = tmp.resolve("lib-1.0.jar.sig");
        Files.writeString(sigFile, Base64.getEncoder().encodeToString(sig.sign()));
        Path policyFile = tmp.resolve("airlock-policy");
        Files.writeString(policyFile, "com.acme:*  cosign key=acme-release.pub\n");
        TrustPolicy p = TrustPolicy.parse(policyFile);
        SignatureCheck.Sidecars s = new SignatureCheck.Sidecars(null, sigFile, null);

        assertTrue(check(p, null, artifact("com.acme:lib:jar:1.0", jar), s).isEmpty());

        Files.writeString(jar, "acme lib 1.0 with a backdoor");
        List<Finding> f = check(p, null, artifact("com.acme:lib:jar:1.0", jar), s);
        assertEquals(FindingCode.SIGNATURE_INVALID, f.get(0).code());
        assertNotNull(f.get(0).file());

        // a .sig for coordinates no cosign line decides: present, not checkable: not allowed, not invalid
        List<Finding> other = check(p, null, artifact("org.other:lib:jar:1.0", jar), s);
        assertEquals(FindingCode.IDENTITY_NOT_ALLOWED, other.get(0).code());
    }

    private static Path resource(String name) throws Exception {
        return Path.of(SignatureCheckTest.class.getClassLoader().getResource(name).toURI());
    }

    private static String sha256(Path file) {
        try {
            return DigestCache.sha256Uncached(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
