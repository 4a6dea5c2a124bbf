package dev.airlock.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.bouncycastle.bcpg.ArmoredInputStream;
import org.bouncycastle.openpgp.PGPObjectFactory;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRingCollection;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureList;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.operator.bc.BcKeyFingerprintCalculator;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentVerifierBuilderProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code it.keyserver}, {@code it.pgp.sign} and {@code it.pgp.sign.N} as a scenario uses them, without Maven: the
 * work folder is laid out as {@link ScenarioRun#run()} lays it out, the tokens are replaced, the key server serves the
 * run's keys and the real keys a scenario copies in, and before build 2 the attacker's signature replaces the
 * publisher's.
 */
class ScenarioRunKeysTest {
    private static final Path BASE = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().normalize();
    private static final Path ROOT = BASE.resolve("target/harness-test");

    @BeforeAll
    static void environment() throws Exception {
        ScenarioRun.deleteTree(ROOT);
        for (String d : new String[] {"scenarios", "work", "dists", "extension-repo", "rules-repo", "mirror-repo"}) {
            Files.createDirectories(ROOT.resolve(d));
        }
        // what failsafe sets for the ITs (ItEnvironment); read once per JVM
        System.setProperty("it.scenarioDir", ROOT.resolve("scenarios").toString());
        System.setProperty("it.workDir", ROOT.resolve("work").toString());
        System.setProperty("it.distDir", ROOT.resolve("dists").toString());
        System.setProperty("it.extensionRepo", ROOT.resolve("extension-repo").toString());
        System.setProperty("it.rulesRepo", ROOT.resolve("rules-repo").toString());
        System.setProperty("it.mirrorRepo", ROOT.resolve("mirror-repo").toString());
        System.setProperty("it.fixturesDir", BASE.resolve("../../fixtures").normalize().toString());
        System.setProperty("it.projectRoot", BASE.resolve("../..").normalize().toString());
        System.setProperty("it.mavenVersions", "3.9.16");
    }

    private final HttpClient http = HttpClient.newHttpClient();

    private Path scenario() throws Exception {
        Path dir = Files.createDirectories(ROOT.resolve("scenarios/keys-scenario"));
        Files.writeString(dir.resolve("invoker.properties"), String.join("\n",
                "invoker.goals.1 = validate",
                "invoker.goals.2 = validate -Dairlock.keyserver=@keyserver.hkp@",
                "it.keyserver = .mvn/keys, keys-extra",
                "it.copy = project:attestation-verify/src/test/resources/pgp/jetbrains-java-annotations.KEYS->"
                        + "keys-extra/jetbrains.KEYS",
                "it.pgp.sign = mirror/com/example/lib/1.0/lib-1.0.jar, mirror/com/example/lib/1.0/lib-1.0.pom->sigs/pom.asc",
                "it.pgp.sign.2 = mirror/com/example/lib/1.0/lib-1.0.jar->mirror/com/example/lib/1.0/lib-1.0.jar.asc",
                ""));
        Files.writeString(dir.resolve("pom.xml"), "<project><!-- @keyserver.base@ @keyserver.url@ @keyserver.hkp@ "
                + "@pgp.publisher.fingerprint@ @pgp.publisher.keyid@ @pgp.attacker.fingerprint@ --></project>\n");
        Path lib = Files.createDirectories(dir.resolve("mirror/com/example/lib/1.0"));
        Files.writeString(lib.resolve("lib-1.0.jar.txt"), "lib 1.0\n");
        Files.writeString(lib.resolve("lib-1.0.pom"), "<project/>\n");
        Files.writeString(dir.resolve("verify.groovy"), "true\n");
        return dir;
    }

    @Test
    void keyServerAndSignaturesAsAScenarioSeesThem() throws Exception {
        ScenarioRun run = new ScenarioRun(ItEnvironment.get(), new Scenario(scenario()), "3.9.16");
        run.prepareForTest();
        Path project = run.work().resolve("project");
        try {
            KeyServer ks = run.keyServer();
            assertNotNull(ks);
            String fpr = Files.readString(project.resolve("it-pgp-publisher.fpr")).trim();
            String attackerFpr = Files.readString(project.resolve("it-pgp-attacker.fpr")).trim();
            assertTrue(fpr.matches("[0-9A-F]{40}"), fpr);
            assertFalse(fpr.equals(attackerFpr));

            String pom = Files.readString(project.resolve("pom.xml"));
            assertTrue(pom.contains(ks.url() + " " + ks.url() + "/ " + ks.hkpUrl() + " " + fpr + " " + fpr.substring(24)
                    + " " + attackerFpr + " -->"), pom);

            assertEquals(List.of("validate", "-Dairlock.keyserver=" + ks.url()), run.withKeyServer(List.of("validate")));
            List<String> own = List.of("validate", "-Dairlock.keyserver=" + ks.hkpUrl());
            assertEquals(own, run.withKeyServer(own));

            // served: the publisher's key, the attacker's (written before build 1 into the same folder), JetBrains'
            PGPPublicKey publisher = fetch(ks, "/vks/v1/by-fingerprint/" + fpr);
            assertEquals(PgpSigner.PUBLISHER, publisher.getUserIDs().next());
            assertTrue(Files.readString(project.resolve(".mvn/keys/it-publisher.asc"))
                    .startsWith("-----BEGIN PGP PUBLIC KEY BLOCK-----"));
            PGPPublicKey attacker = fetch(ks, "/pks/lookup?op=get&options=mr&search=0x" + attackerFpr);
            assertEquals(PgpSigner.ATTACKER, attacker.getUserIDs().next());
            assertNotNull(fetch(ks, "/vks/v1/by-fingerprint/33FD4BFD33554634053D73C0C2148900BCD3C2AF"));

            Path jar = project.resolve("mirror/com/example/lib/1.0/lib-1.0.jar");
            Path asc = project.resolve("mirror/com/example/lib/1.0/lib-1.0.jar.asc");
            assertTrue(verifies(jar, asc, publisher));
            assertTrue(verifies(project.resolve("mirror/com/example/lib/1.0/lib-1.0.pom"), project.resolve("sigs/pom.asc"),
                    publisher));

            // Airlock's own verifier accepts the run's key and signature (v4 Ed25519, SHA-512)
            dev.airlock.verify.pgp.PgpKeyring publisherRing =
                    dev.airlock.verify.pgp.PgpKeyring.load(project.resolve(".mvn/keys/it-publisher.asc"));
            dev.airlock.verify.pgp.PgpOutcome outcome =
                    new dev.airlock.verify.pgp.PgpSignatureVerifier().verify(jar, asc, publisherRing);
            assertEquals(dev.airlock.verify.pgp.PgpOutcome.Status.VERIFIED, outcome.status(), outcome.message());
            assertEquals(fpr, ((dev.airlock.verify.pgp.PgpOutcome.Verified) outcome).primaryFingerprint());

            run.beforeBuildForTest(1); // nothing for build 1
            assertTrue(verifies(jar, asc, publisher));
            run.beforeBuildForTest(2); // the attacker re-signs the jar
            assertFalse(verifies(jar, asc, publisher));
            assertTrue(verifies(jar, asc, attacker));
            assertEquals(dev.airlock.verify.pgp.PgpOutcome.Status.KEY_NOT_FOUND,
                    new dev.airlock.verify.pgp.PgpSignatureVerifier().verify(jar, asc, publisherRing).status());
        } finally {
            run.stopForTest();
        }
        String log = Files.readString(run.work().resolve("logs/keyserver-requests.log"));
        assertTrue(log.contains("GET /vks/v1/by-fingerprint/33FD4BFD33554634053D73C0C2148900BCD3C2AF 200\n"), log);
        assertEquals(3, log.lines().count(), log);
    }

    private PGPPublicKey fetch(KeyServer ks, String pathAndQuery) throws Exception {
        HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(ks.url() + pathAndQuery)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, r.statusCode(), pathAndQuery);
        try (InputStream in = new ArmoredInputStream(new ByteArrayInputStream(r.body()))) {
            return new PGPPublicKeyRingCollection(in, new BcKeyFingerprintCalculator()).getKeyRings().next()
                    .getPublicKey();
        }
    }

    private static boolean verifies(Path file, Path asc, PGPPublicKey key) throws Exception {
        try (InputStream in = PGPUtil.getDecoderStream(Files.newInputStream(asc))) {
            PGPSignature sig = ((PGPSignatureList) new PGPObjectFactory(in, new BcKeyFingerprintCalculator())
                    .nextObject()).get(0);
            if (sig.getKeyID() != key.getKeyID()) {
                return false;
            }
            sig.init(new BcPGPContentVerifierBuilderProvider(), key);
            sig.update(Files.readAllBytes(file));
            return sig.verify();
        }
    }
}
