package dev.airlock.verify.sigstore;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * DSSE (Dead Simple Signing Envelope) pre-authentication encoding. Written here because sigstore-java 2.0.0 computes
 * it with the UTF-16 length of the payload decoded as a string, which differs from the byte length the DSSE
 * specification requires as soon as the payload holds a non-ASCII character (a valid signature is then rejected,
 * and the signed bytes are not the bytes verified).
 */
public final class Dsse {
    private Dsse() {}

    /**
     * {@code "DSSEv1" SP LEN(type) SP type SP LEN(body) SP body}, where LEN is the ASCII decimal number of bytes
     * (type in UTF-8).
     */
    public static byte[] pae(String payloadType, byte[] payload) {
        byte[] type = payloadType.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream(32 + type.length + payload.length);
        out.writeBytes(("DSSEv1 " + type.length + " ").getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(type);
        out.writeBytes((" " + payload.length + " ").getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(payload);
        return out.toByteArray();
    }
}
