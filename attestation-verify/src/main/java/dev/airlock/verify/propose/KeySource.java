package dev.airlock.verify.propose;

/**
 * Where the proposal gets the public key of an OpenPGP signature's issuer: a key server ({@code airlock.keyserver}),
 * asked by full fingerprint (or by key id, for old signatures that carry only that). What it returns is checked again
 * by verifying the signature with it: a key that does not verify the signature proposes nothing.
 */
public interface KeySource {

    /** What the source answered for one issuer. */
    sealed interface Answer permits Found, Unavailable {}

    /**
     * The certificate holding the issuer key, armored (only that certificate), and where it came from.
     *
     * @param armored an ASCII-armored public key block
     */
    record Found(byte[] armored, String where) implements Answer {}

    /** No usable key: not on the server, a different key served, a damaged self-signature, a failed request. */
    record Unavailable(String reason) implements Answer {}

    /**
     * @param issuer 40 upper-case hex digits (a fingerprint, of a primary key or a subkey) or 16 (a key id)
     */
    Answer fetch(String issuer);

    /** Where keys come from, for messages. */
    String describe();
}
