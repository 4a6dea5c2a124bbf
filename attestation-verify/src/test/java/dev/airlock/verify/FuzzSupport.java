package dev.airlock.verify;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.airlock.verify.pgp.PgpKeyring;
import dev.airlock.verify.sigstore.SigstoreBundleVerifier;
import dev.airlock.verify.sigstore.TrustedKey;
import dev.airlock.verify.sigstore.TrustedRoot;
import dev.airlock.verify.slsa.ProvenanceVerifier;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * What the coverage-guided fuzz tests ({@code *FuzzTest} in this package, Jazzer) share: a scratch folder and the
 * real trust material the verifiers need, made once per JVM.
 *
 * <p>One class per target, because Jazzer fuzzes a single {@code @FuzzTest} per JVM (the others are skipped with
 * "Only one fuzz test can be run at a time"); the surefire execution {@code fuzz} forks a JVM per class. The classes
 * are in the library's root package because the JUnit integration instruments, for coverage, the package of the fuzz
 * test and the packages below it.
 *
 * <p>Each target catches only the library's error model for its parser (the parser's own exception, or an outcome for
 * the verifiers that never throw for bad input); anything else escapes and is a finding.
 */
final class FuzzSupport {
    /** The SHA-256 the verifiers are asked about (that of the artifact the real Sigstore bundle seed signs). */
    static final String SHA = "f338c08740cdb2e663737abaf372fc3c442210ab7291c991e180797bd886cd61";

    private static Path tmp;
    private static TrustedRoot root;
    private static SigstoreBundleVerifier bundles;
    private static ProvenanceVerifier provenance;
    private static PgpKeyring keyring;
    private static TrustedKey cosignKey;
    private static String dsseBundle;
    private static Path pgpArtifact;

    private FuzzSupport() {}

    /** A scratch folder, deleted when the JVM exits (files written into it are overwritten, one per target). */
    static synchronized Path tmp() {
        if (tmp == null) {
            try {
                tmp = Files.createTempDirectory("airlock-fuzz");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            tmp.toFile().deleteOnExit();
        }
        return tmp;
    }

    static Path write(String name, byte[] data) throws IOException {
        Path f = tmp().resolve(name);
        f.toFile().deleteOnExit();
        return Files.write(f, data);
    }

    static byte[] resource(String name) throws IOException {
        try (InputStream in = Objects.requireNonNull(FuzzSupport.class.getResourceAsStream(name), name)) {
            return in.readAllBytes();
        }
    }

    private static synchronized TrustedRoot root() throws Exception {
        if (root == null) {
            root = TrustedRoot.publicGood();
        }
        return root;
    }

    static synchronized SigstoreBundleVerifier bundles() throws Exception {
        if (bundles == null) {
            bundles = new SigstoreBundleVerifier(root());
        }
        return bundles;
    }

    static synchronized ProvenanceVerifier provenance() throws Exception {
        if (provenance == null) {
            provenance = new ProvenanceVerifier(root());
        }
        return provenance;
    }

    /** The real keyring of the signer of {@link #pgpArtifact()}. */
    static synchronized PgpKeyring keyring() throws Exception {
        if (keyring == null) {
            keyring = PgpKeyring.parse("jetbrains-java-annotations.KEYS",
                    resource("/pgp/jetbrains-java-annotations.KEYS"));
        }
        return keyring;
    }

    /** A real jar signed by the key of {@link #keyring()}. */
    static synchronized Path pgpArtifact() throws Exception {
        if (pgpArtifact == null) {
            pgpArtifact = write("annotations-23.0.0.jar", resource("/pgp/annotations-23.0.0.jar"));
        }
        return pgpArtifact;
    }

    static synchronized TrustedKey cosignKey() throws Exception {
        if (cosignKey == null) {
            cosignKey = TrustedKey.fromPem("test-cosign.pub",
                    new String(resource("/policy/keys/test-cosign.pub"), StandardCharsets.US_ASCII));
        }
        return cosignKey;
    }

    /** A real bundle holding a DSSE envelope, with the string {@code "@ENVELOPE@"} in place of the envelope. */
    static synchronized String dsseBundle() throws Exception {
        if (dsseBundle == null) {
            JsonObject b = JsonParser.parseString(new String(resource(
                    "/dev/airlock/verify/SlsaProvenanceFuzzTestInputs/slsaProvenance/binary-linux-amd64-push-v14.2.build.slsa"),
                    StandardCharsets.UTF_8)).getAsJsonObject();
            b.addProperty("dsseEnvelope", "@ENVELOPE@");
            dsseBundle = b.toString();
        }
        return dsseBundle;
    }
}
