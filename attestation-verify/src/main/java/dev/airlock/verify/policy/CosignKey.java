package dev.airlock.verify.policy;

import java.security.PublicKey;
import java.util.Objects;

/**
 * The public key of a {@code cosign key=} line, read and checked when the policy is parsed (a missing or
 * malformed key file is a policy error, not a verification outcome).
 *
 * @param path the path as written in the policy, relative to the policy file
 * @param resolved where it was read from (an absolute path, or {@code classpath:...}), for messages
 * @param pem the PEM text of the key file
 * @param publicKey the parsed key (EC, RSA or Ed25519, from its X.509 SubjectPublicKeyInfo)
 */
public record CosignKey(String path, String resolved, String pem, PublicKey publicKey) {
    public CosignKey {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(resolved, "resolved");
        Objects.requireNonNull(pem, "pem");
        Objects.requireNonNull(publicKey, "publicKey");
    }

    /** The key's algorithm as the JDK names it ({@code EC}, {@code RSA}, {@code Ed25519}). */
    public String algorithm() {
        return publicKey.getAlgorithm();
    }
}
