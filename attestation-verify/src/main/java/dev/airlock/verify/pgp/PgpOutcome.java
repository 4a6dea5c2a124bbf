package dev.airlock.verify.pgp;

import dev.airlock.verify.outcome.Outcome;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The result of checking one OpenPGP detached signature ({@code .asc}) of an artifact against the offline keyring
 * ({@link PgpSignatureVerifier}). Exactly one {@link Status}; only {@link Verified} means the signature is good.
 * Whether its signer is <em>allowed</em> is the trust policy's question ({@code pgp fingerprint=}), asked with
 * {@link Verified#primaryFingerprint()}.
 */
public sealed interface PgpOutcome extends Outcome {

    /** The outcome codes (docs/signatures-pgp.md). */
    enum Status {
        /** The signature verifies with a valid key; see {@link Verified}. */
        VERIFIED,
        /** The keyring has no key with the signature's issuer id/fingerprint. */
        KEY_NOT_FOUND,
        /** The signature does not verify (artifact changed, signature forged), or its key cannot vouch for it. */
        INVALID,
        /** The signing key (or its primary) was revoked by its owner, hard, or soft before the signature. */
        KEY_REVOKED,
        /** The signing key (or its primary) had expired when the signature was made, or the signature expired. */
        KEY_EXPIRED,
        /** A weak hash algorithm or a weak key. */
        WEAK,
        /** Not an OpenPGP detached signature, damaged armor, or a file that cannot be read. */
        MALFORMED
    }

    Status status();

    @Override
    default Verdict verdict() {
        return switch (status()) {
            case VERIFIED -> Verdict.VERIFIED;
            case INVALID, MALFORMED -> Verdict.INTEGRITY_FAILURE;
            case KEY_NOT_FOUND, KEY_REVOKED, KEY_EXPIRED, WEAK -> Verdict.SIGNER_NOT_ACCEPTED;
        };
    }

    /** The signature file where the outcome knows it ({@link Malformed}); else null. */
    @Override
    default String source() {
        return null;
    }

    /** {@link #message()}, unless the outcome has a reason of its own ({@link Invalid}). */
    @Override
    default String reason() {
        return message();
    }

    @Override
    default String expected() {
        return null;
    }

    @Override
    default String actual() {
        return null;
    }

    /** One sentence for a finding: what was found, naming the key (fingerprint and user ids) where known. */
    String message();

    /**
     * The key that made the signature, as far as the keyring knows it.
     *
     * @param primaryFingerprint the primary key's fingerprint, upper-case hex (what a policy names)
     * @param signingKeyFingerprint the (sub)key that made the signature; equal to the primary's when it signed
     * @param userIds the primary key's valid user ids
     * @param keyAlgorithm e.g. {@code RSA}
     * @param keyBits the signing key's size
     */
    record Signer(String primaryFingerprint, String signingKeyFingerprint, List<String> userIds, String keyAlgorithm,
            int keyBits) {
        public Signer {
            Objects.requireNonNull(primaryFingerprint, "primaryFingerprint");
            userIds = List.copyOf(userIds);
        }

        /** True when a subkey, not the primary key, made the signature. */
        public boolean bySubkey() {
            return !primaryFingerprint.equals(signingKeyFingerprint);
        }

        @Override
        public String toString() {
            return "key " + primaryFingerprint + (bySubkey() ? " (subkey " + signingKeyFingerprint + ")" : "")
                    + (userIds.isEmpty() ? "" : " " + userIds);
        }
    }

    /**
     * A good signature.
     *
     * @param created the signature's creation time (as the signer's clock said)
     * @param hashAlgorithm e.g. {@code SHA-512}
     * @param notes facts worth reporting that do not fail it (e.g. a soft revocation after the signature, a key
     *     that has expired since)
     */
    record Verified(Signer signer, Instant created, String hashAlgorithm, List<String> notes) implements PgpOutcome {
        public Verified {
            notes = List.copyOf(notes);
        }

        public String primaryFingerprint() {
            return signer.primaryFingerprint();
        }

        @Override
        public Status status() {
            return Status.VERIFIED;
        }

        @Override
        public String message() {
            return "good " + hashAlgorithm + " signature made " + created + " by " + signer
                    + (notes.isEmpty() ? "" : "; " + String.join("; ", notes));
        }
    }

    /**
     * The keyring lacks the issuer. Obtain the key out of band (never from a key server at build time), confirm its
     * fingerprint with its owner, and add it to the keyring.
     *
     * @param issuerKeyId the 16-hex-digit key id the signature names
     * @param issuerFingerprint the full fingerprint the signature names, or null (old signatures carry only the id)
     */
    record KeyNotFound(String issuerKeyId, String issuerFingerprint, Instant created, String keyring)
            implements PgpOutcome {
        @Override
        public Status status() {
            return Status.KEY_NOT_FOUND;
        }

        @Override
        public String message() {
            return "signed " + created + " by key " + (issuerFingerprint != null ? issuerFingerprint
                    : "id " + issuerKeyId) + ", which the keyring " + keyring + " does not hold; obtain that key out"
                    + " of band and confirm its fingerprint with its owner before adding it";
        }
    }

    /**
     * The signature does not hold: it does not verify over the artifact's bytes, or the key that made it cannot vouch
     * for the primary key (unbound subkey, no back-signature, no signing capability, signature older than the key).
     *
     * @param signer the key as the keyring knows it
     * @param reason what exactly failed
     */
    record Invalid(Signer signer, Instant created, String reason) implements PgpOutcome {
        @Override
        public Status status() {
            return Status.INVALID;
        }

        @Override
        public String message() {
            return "invalid signature by " + signer + ": " + reason;
        }
    }

    /**
     * @param revokedKeyFingerprint the primary or subkey that was revoked
     */
    record KeyRevoked(Signer signer, Instant created, String revokedKeyFingerprint, PgpRevocation revocation)
            implements PgpOutcome {
        @Override
        public Status status() {
            return Status.KEY_REVOKED;
        }

        @Override
        public String message() {
            return "signature made " + created + " by " + signer + ", whose "
                    + (revokedKeyFingerprint.equals(signer.primaryFingerprint()) ? "primary key" : "subkey "
                    + revokedKeyFingerprint) + " has a " + revocation;
        }
    }

    /** What had expired. */
    enum Expired {
        PRIMARY_KEY, SUBKEY, SIGNATURE
    }

    /**
     * @param what the primary key or subkey (expired at signature creation time), or the signature itself
     *     (its own expiration time has passed)
     * @param expiredAt when it expired
     */
    record KeyExpired(Signer signer, Instant created, Expired what, Instant expiredAt) implements PgpOutcome {
        @Override
        public Status status() {
            return Status.KEY_EXPIRED;
        }

        @Override
        public String message() {
            return switch (what) {
                case SIGNATURE -> "signature made " + created + " by " + signer + " expired at " + expiredAt;
                case PRIMARY_KEY -> "signature made " + created + " by " + signer + ", whose primary key had expired"
                        + " at " + expiredAt;
                case SUBKEY -> "signature made " + created + " by " + signer + ", whose signing subkey had expired"
                        + " at " + expiredAt;
            };
        }
    }

    /**
     * A signature that verifies but with an algorithm Airlock does not accept.
     *
     * @param weakness e.g. {@code hash algorithm SHA-1} or {@code RSA 1024-bit key (at least 2048 bits are required)}
     */
    record Weak(Signer signer, Instant created, String weakness) implements PgpOutcome {
        @Override
        public Status status() {
            return Status.WEAK;
        }

        @Override
        public String message() {
            return "signature made " + created + " by " + signer + " uses a weak " + weakness;
        }
    }

    /**
     * @param file the file at fault (the {@code .asc}, or the artifact when it cannot be read)
     * @param problem what is wrong with it
     */
    record Malformed(Path file, String problem) implements PgpOutcome {
        @Override
        public String source() {
            return file == null ? null : file.toString();
        }

        @Override
        public Status status() {
            return Status.MALFORMED;
        }

        @Override
        public String message() {
            return file + ": " + problem;
        }
    }
}
