package dev.airlock.verify.pgp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bouncycastle.bcpg.PublicKeyAlgorithmTags;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPObjectFactory;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureList;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.operator.PGPContentVerifierBuilderProvider;
import org.bouncycastle.openpgp.operator.bc.BcKeyFingerprintCalculator;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentVerifierBuilderProvider;
import org.junit.jupiter.api.Test;

/**
 * The JDK-digest Ed25519 operator gives BouncyCastle's own verdict, on a real Maven Central signature (dd-plist 1.28,
 * Ed25519) and on the same signature over changed bytes, and refuses what it does not do (RSA: JetBrains' key).
 */
class JdkDigestEd25519Test {
    static final Path DATA = PgpSignatureVerifierTest.DATA;

    static PGPSignature signature(String asc) throws Exception {
        try (InputStream in = PGPUtil.getDecoderStream(Files.newInputStream(DATA.resolve(asc)))) {
            return ((PGPSignatureList) new PGPObjectFactory(in, new BcKeyFingerprintCalculator()).nextObject()).get(0);
        }
    }

    static boolean check(PGPContentVerifierBuilderProvider provider, String asc, PgpKeyring ring, byte[] data)
            throws Exception {
        PGPSignature sig = signature(asc);
        PGPPublicKey key = ring.candidates(sig.getKeyID()).get(0).ring.getPublicKey(sig.getKeyID());
        sig.init(provider, key);
        sig.update(data);
        return sig.verify();
    }

    @Test
    void agreesWithBouncyCastleOnARealEd25519SignatureAndOnChangedBytes() throws Exception {
        PgpKeyring ring = PgpSignatureVerifierTest.ddPlist();
        assertEquals(PublicKeyAlgorithmTags.EDDSA_LEGACY, signature("dd-plist-1.28.jar.asc").getKeyAlgorithm());
        byte[] jar = Files.readAllBytes(DATA.resolve("dd-plist-1.28.jar"));
        assertTrue(check(JdkDigestEd25519.INSTANCE, "dd-plist-1.28.jar.asc", ring, jar));
        assertTrue(check(new BcPGPContentVerifierBuilderProvider(), "dd-plist-1.28.jar.asc", ring, jar));

        byte[] changed = jar.clone();
        changed[changed.length / 2] ^= 1;
        assertFalse(check(JdkDigestEd25519.INSTANCE, "dd-plist-1.28.jar.asc", ring, changed));
        assertFalse(check(new BcPGPContentVerifierBuilderProvider(), "dd-plist-1.28.jar.asc", ring, changed));
    }

    @Test
    void anRsaSignatureIsLeftToTheGeneralPath() throws Exception {
        PGPSignature sig = signature("annotations-23.0.0.jar.asc");
        assertThrows(PGPException.class, () -> JdkDigestEd25519.INSTANCE.get(sig.getKeyAlgorithm(), sig.getHashAlgorithm()));
        // and the verifier still verifies it (through the JDK's operators)
        PgpOutcome o = new PgpSignatureVerifier().verify(DATA.resolve("annotations-23.0.0.jar"),
                DATA.resolve("annotations-23.0.0.jar.asc"), PgpSignatureVerifierTest.jetbrains());
        assertEquals(PgpOutcome.Status.VERIFIED, o.status(), o.message());
    }
}
