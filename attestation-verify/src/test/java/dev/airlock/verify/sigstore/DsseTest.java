package dev.airlock.verify.sigstore;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.sigstore.bundle.ImmutableDsseEnvelope;
import dev.sigstore.bundle.ImmutableSignature;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DsseTest {
    static final byte[] JOSE = "{\"author\":\"Jos\u00e9\"}".getBytes(StandardCharsets.UTF_8);

    @Test
    void paeUsesByteLengths() {
        byte[] pae = Dsse.pae("application/vnd.in-toto+json", JOSE);
        assertEquals(18, JOSE.length);
        assertArrayEquals(("DSSEv1 28 application/vnd.in-toto+json 18 {\"author\":\"Jos\u00e9\"}")
                .getBytes(StandardCharsets.UTF_8), pae);
    }

    @Test
    void sigstoreJava200CountsUtf16UnitsInstead() {
        // the gap this class closes: sigstore-java 2.0.0's DsseEnvelope#getPAE says 17 for the 18-byte payload
        var env = ImmutableDsseEnvelope.builder().payload(JOSE).payloadType("application/vnd.in-toto+json")
                .addSignatures(ImmutableSignature.builder().sig(new byte[] {1}).build()).build();
        String theirs = new String(env.getPAE(), StandardCharsets.UTF_8);
        assertEquals("DSSEv1 28 application/vnd.in-toto+json 17 {\"author\":\"Jos\u00e9\"}", theirs);
        assertFalse(java.util.Arrays.equals(env.getPAE(), Dsse.pae("application/vnd.in-toto+json", JOSE)));
    }

    @Test
    void asciiPayloadsAgree() {
        byte[] ascii = "{\"a\":1}".getBytes(StandardCharsets.US_ASCII);
        var env = ImmutableDsseEnvelope.builder().payload(ascii).payloadType("t")
                .addSignatures(ImmutableSignature.builder().sig(new byte[] {1}).build()).build();
        assertArrayEquals(env.getPAE(), Dsse.pae("t", ascii));
    }
}
