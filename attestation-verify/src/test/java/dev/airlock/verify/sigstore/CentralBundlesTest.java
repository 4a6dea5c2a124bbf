package dev.airlock.verify.sigstore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.airlock.verify.digest.DigestCache;
import dev.airlock.verify.sigstore.SignatureOutcome.Check;
import dev.airlock.verify.sigstore.SignatureOutcome.Status;
import dev.airlock.verify.testing.Fixtures;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real Sigstore bundles published next to sigstore-java's artifacts in {@code central}, verified offline. */
class CentralBundlesTest {
    static final String SAN_200 = "https://github.com/sigstore/sigstore-java/.github/workflows/"
            + "release-sigstore-java-from-tag.yaml@refs/tags/v2.0.0";
    static final String SAN_130 = SAN_200.replace("v2.0.0", "v1.3.0");
    static final String GITHUB = "https://token.actions.githubusercontent.com";

    static SigstoreBundleVerifier verifier;
    static Map<String, String> sums = new HashMap<>();

    @BeforeAll
    static void setUp() throws Exception {
        verifier = new SigstoreBundleVerifier(TrustedRoot.publicGood());
        for (String line : Files.readAllLines(Fixtures.file("maven-central/SHA256SUMS"))) {
            String[] p = line.trim().split("\\s+");
            sums.put(p[1], p[0]);
        }
    }

    static Path bundle(String artifact) {
        return Fixtures.file("maven-central/" + artifact + ".sigstore.json");
    }

    @Test
    void sigstoreJava200JarVerifiesByDigest() {
        SignatureOutcome o = verifier.verify(bundle("sigstore-java-2.0.0.jar"), sums.get("sigstore-java-2.0.0.jar"));
        assertEquals(Status.VERIFIED, o.status(), o.toString());
        SignerIdentity id = o.identity().orElseThrow();
        assertEquals(SAN_200, id.san());
        assertEquals("uri", id.sanType());
        assertEquals(GITHUB, id.issuer());
        assertEquals("https://github.com/sigstore/sigstore-java", id.sourceRepositoryUri());
        assertEquals("refs/tags/v2.0.0", id.sourceRepositoryRef());
        assertEquals(SAN_200, id.buildSignerUri());
        assertEquals("hashedrekord:0.0.1", o.entryKind().orElseThrow());
        assertEquals(1763671523L, o.integratedTime().orElseThrow().getEpochSecond());
        assertTrue(o.keyName().isEmpty());
    }

    @Test
    void pomAndPluginJarVerifyFromTheirFiles() throws Exception {
        for (String f : List.of("sigstore-java-2.0.0.pom", "sigstore-maven-plugin-2.0.0.jar")) {
            String sha = DigestCache.sha256Uncached(Fixtures.file("maven-central/" + f));
            assertEquals(sums.get(f), sha, "fixture " + f + " matches SHA256SUMS");
            SignatureOutcome o = verifier.verify(bundle(f), sha);
            assertEquals(Status.VERIFIED, o.status(), o.toString());
            assertEquals(SAN_200, o.identity().orElseThrow().san());
        }
    }

    @Test
    void sigstoreJava130VerifiesWithItsOwnIdentity() {
        SignatureOutcome o = verifier.verify(bundle("sigstore-java-1.3.0.jar"), sums.get("sigstore-java-1.3.0.jar"));
        assertEquals(Status.VERIFIED, o.status(), o.toString());
        assertEquals(SAN_130, o.identity().orElseThrow().san());
        assertEquals("refs/tags/v1.3.0", o.identity().orElseThrow().sourceRepositoryRef());
    }

    @Test
    void anotherArtifactAgainstTheBundleIsAnInvalidSignature() {
        String other = sums.get("sigstore-java-1.3.0.jar");
        SignatureOutcome o = verifier.verify(bundle("sigstore-java-2.0.0.jar"), other);
        assertEquals(Status.INVALID, o.status());
        assertEquals(Check.ARTIFACT_DIGEST, o.check());
        assertEquals(other, o.expected());
        assertEquals(sums.get("sigstore-java-2.0.0.jar"), o.actual());
        assertTrue(o.identity().isEmpty(), "no identity is reported for a signature that did not verify");
    }

    @Test
    void oneChangedByteIsAnInvalidSignature(@TempDir Path tmp) throws Exception {
        Path jar = tmp.resolve("sigstore-maven-plugin-2.0.0.jar");
        byte[] bytes = Files.readAllBytes(Fixtures.file("maven-central/sigstore-maven-plugin-2.0.0.jar"));
        bytes[bytes.length / 2] ^= 0x01;
        Files.write(jar, bytes);
        String tampered = DigestCache.sha256Uncached(jar);
        assertNotEquals(sums.get("sigstore-maven-plugin-2.0.0.jar"), tampered);
        SignatureOutcome o = verifier.verify(bundle("sigstore-maven-plugin-2.0.0.jar"), tampered);
        assertEquals(Status.INVALID, o.status(), o.toString());
        assertEquals(Check.ARTIFACT_DIGEST, o.check());
        assertEquals(tampered, o.expected());
    }

    @Test
    void withoutTheDigestHintTheSignatureCheckCatchesTheChange(@TempDir Path tmp) throws Exception {
        // the bundle's messageDigest is an unauthenticated hint: drop it so the ECDSA check must catch the change
        String json = Files.readString(bundle("sigstore-maven-plugin-2.0.0.jar"));
        String stripped = json.replaceAll("\"messageDigest\"\\s*:\\s*\\{[^}]*\\}\\s*,?", "");
        assertNotEquals(json, stripped);
        byte[] bytes = Files.readAllBytes(Fixtures.file("maven-central/sigstore-maven-plugin-2.0.0.jar"));
        bytes[100] ^= 0x01;
        String tampered = DigestCache.sha256(bytes);
        SignatureOutcome o = verifier.verify("stripped", stripped.getBytes(StandardCharsets.UTF_8), tampered, List.of());
        assertEquals(Status.INVALID, o.status(), o.toString());
        assertEquals(Check.SIGNATURE, o.check());
        SignatureOutcome good = verifier.verify("stripped", stripped.getBytes(StandardCharsets.UTF_8),
                sums.get("sigstore-maven-plugin-2.0.0.jar"), List.of());
        assertEquals(Status.VERIFIED, good.status(), good.toString());
    }

    @Test
    void theIdentityReportedIsWhatTheCertificateSays() throws Exception {
        // read the leaf certificate of the bundle with the JDK alone and compare with what the verifier reports
        String json = Files.readString(bundle("sigstore-java-2.0.0.jar"));
        Matcher m = Pattern.compile("\"rawBytes\"\\s*:\\s*\"([^\"]+)\"").matcher(json);
        assertTrue(m.find());
        byte[] der = Base64.getDecoder().decode(m.group(1));
        X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(der));
        SignerIdentity id = verifier.verify(bundle("sigstore-java-2.0.0.jar"), sums.get("sigstore-java-2.0.0.jar"))
                .identity().orElseThrow();
        assertEquals(cert.getSubjectAlternativeNames().iterator().next().get(1), id.san());
        assertEquals(DigestCache.sha256(der), id.certificateSha256());
        assertEquals(cert.getNotBefore().toInstant(), id.notBefore());
        assertEquals(cert.getNotAfter().toInstant(), id.notAfter());
        // the issuer extension (1.3.6.1.4.1.57264.1.8) holds a DER UTF8String: tag 0x0c, length, text
        byte[] ext = cert.getExtensionValue("1.3.6.1.4.1.57264.1.8");
        String issuer = new String(ext, ext.length - GITHUB.length(), GITHUB.length(), StandardCharsets.UTF_8);
        assertEquals(issuer, id.issuer());
        // a policy naming another tag or issuer does not match what was found: the judge refuses it
        assertNotEquals(SAN_130, id.san());
        assertNotEquals("https://accounts.google.com", id.issuer());
    }
}
