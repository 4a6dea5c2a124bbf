package dev.airlock.verify.feed;

import dev.airlock.verify.digest.DigestCache;
import dev.airlock.verify.policy.PolicyLine;
import dev.airlock.verify.policy.SignatureDecision;
import dev.airlock.verify.policy.TrustPolicy;
import dev.airlock.verify.sigstore.CosignSignatureVerifier;
import dev.airlock.verify.sigstore.SignatureOutcome;
import dev.airlock.verify.sigstore.TrustedKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Decides whether a feed file (entry, release or snapshot) was signed by a key the trust policy names for the feed:
 * the signature-class decision of the trust policy for the feed's coordinates ({@code groupId:artifactId:json:
 * <version>}) must have {@code cosign key=} lines, and the file's detached {@code .json.sig} must verify under one of
 * their keys ({@link CosignSignatureVerifier}, the verifier of the signature rules). Nothing else is accepted: an
 * {@code unsigned} waiver, a Sigstore identity or an OpenPGP key in the feed's lines does not admit a feed file,
 * because write access to the repository manager alone must neither lift a block nor forge one.
 *
 * <p>A file that is not accepted is ignored by the index and reported with {@link Result#reason()}.
 */
public final class FeedVerifier {
    /** Why a file was accepted or not. */
    public enum Status {
        /** Verified under a key the policy names for the feed. */
        ACCEPTED,
        /** The policy names no cosign key for the feed (no signature-class line for it, or none with a key). */
        NO_POLICY,
        /** The file has no signature. */
        NO_SIGNATURE,
        /** The signature file is not a signature. */
        MALFORMED_SIGNATURE,
        /** Signed with a key the policy names, but for other coordinates, not for the feed. */
        KEY_NOT_NAMED_FOR_FEED,
        /** The signature verifies under no key the policy names for the feed (forged, altered, or another key). */
        BAD_SIGNATURE
    }

    /**
     * @param status the decision
     * @param keyName the policy's name of the key (its {@code key=} path) that verified; null unless ACCEPTED
     * @param reason a sentence for the report
     */
    public record Result(Status status, String keyName, String reason) {
        public Result {
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(reason, "reason");
        }

        public boolean accepted() {
            return status == Status.ACCEPTED;
        }
    }

    /** The largest signature file considered (a base64 P-256 or RSA-4096 signature is far smaller). */
    public static final int MAX_SIGNATURE = 16 * 1024;

    private final TrustPolicy policy;
    private final FeedLayout feed;
    private final CosignSignatureVerifier cosign = new CosignSignatureVerifier();

    public FeedVerifier(TrustPolicy policy, FeedLayout feed) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.feed = Objects.requireNonNull(feed, "feed");
    }

    /**
     * Verifies the file of {@code version} against its signature.
     *
     * @param version the feed version the file was fetched as (names it in messages and selects the policy decision)
     * @param fileBytes the {@code .json} file as fetched
     * @param signatureBytes the {@code .json.sig} file as fetched; null or empty when there is none
     */
    public Result verify(String version, byte[] fileBytes, byte[] signatureBytes) {
        String source;
        SignatureDecision decision;
        try {
            source = feed.files(version).entryPath();
            decision = policy.signature(feed.coordinates(version));
        } catch (IllegalArgumentException e) {
            return new Result(Status.NO_POLICY, null, "version '" + version + "' of the feed " + feed + " is not a"
                    + " version: " + e.getMessage());
        }
        List<TrustedKey> keys = keys(decision.cosign());
        if (keys.isEmpty()) {
            String why = decision.isEmpty()
                    ? "the trust policy " + policy.source() + " has no signature-class line for the feed " + feed
                    : "the trust policy's lines for the feed " + feed + " (" + String.join(", ", decision.where())
                            + ") name no usable cosign key (a feed file is admitted only by a 'cosign key=' line;"
                            + " 'unsigned', Sigstore and OpenPGP lines do not admit it)";
            return new Result(Status.NO_POLICY, null, source + " is ignored: " + why + "; add '" + feed
                    + " cosign key=<the feed's public key, feed.pub>' to the policy");
        }
        if (signatureBytes == null || signatureBytes.length == 0) {
            return new Result(Status.NO_SIGNATURE, null, source + " is ignored: it has no signature ("
                    + feed.files(version).signatureFile() + " is missing or empty); every feed file is signed by the"
                    + " runner that published it");
        }
        if (signatureBytes.length > MAX_SIGNATURE) {
            return new Result(Status.MALFORMED_SIGNATURE, null, source + " is ignored: its signature is "
                    + signatureBytes.length + " bytes long, larger than a cosign signature can be (" + MAX_SIGNATURE
                    + ")");
        }
        String sha256 = DigestCache.sha256(fileBytes);
        SignatureOutcome o = cosign.verify(source + ".sig", signatureBytes, sha256, keys);
        if (o.status() == SignatureOutcome.Status.VERIFIED) {
            String name = o.keyName().orElse("?");
            return new Result(Status.ACCEPTED, name, source + " is signed with key " + name + ", which the policy"
                    + " names for the feed");
        }
        if (o.check() == SignatureOutcome.Check.INTERNAL) {
            return new Result(Status.BAD_SIGNATURE, null, source + " is ignored: its signature could not be checked: "
                    + o.reason());
        }
        if (o.status() == SignatureOutcome.Status.MALFORMED) {
            return new Result(Status.MALFORMED_SIGNATURE, null, source + " is ignored: its signature " + o.reason());
        }
        List<TrustedKey> others = otherKeys(keys);
        if (!others.isEmpty()) {
            SignatureOutcome elsewhere = cosign.verify(source + ".sig", signatureBytes, sha256, others);
            if (elsewhere.status() == SignatureOutcome.Status.VERIFIED) {
                return new Result(Status.KEY_NOT_NAMED_FOR_FEED, null, source + " is ignored: it is signed with key "
                        + elsewhere.keyName().orElse("?") + ", which the policy names for other coordinates but"
                        + " not for the feed " + feed + " (" + String.join(", ", decision.where()) + ")");
            }
        }
        return new Result(Status.BAD_SIGNATURE, null, source + " is ignored: its signature does not verify under"
                + " any key the policy names for the feed (" + String.join(", ", names(keys)) + "): the file was"
                + " altered or forged, or signed with a key the policy does not name");
    }

    private static List<TrustedKey> keys(List<PolicyLine.Cosign> lines) {
        List<TrustedKey> out = new ArrayList<>();
        for (PolicyLine.Cosign l : lines) {
            try {
                out.add(TrustedKey.of(l.key().path(), l.key().publicKey()));
            } catch (IllegalArgumentException e) {
                // an Ed25519 key: cosign signs the whole blob with it, which the digest verifier does not check
            }
        }
        return out;
    }

    private List<TrustedKey> otherKeys(List<TrustedKey> feedKeys) {
        List<PolicyLine.Cosign> all = new ArrayList<>();
        for (PolicyLine l : policy.lines()) {
            if (l instanceof PolicyLine.Cosign c) {
                all.add(c);
            }
        }
        List<TrustedKey> out = new ArrayList<>();
        for (TrustedKey k : keys(all)) {
            if (feedKeys.stream().noneMatch(f -> f.sha256().equals(k.sha256()))
                    && out.stream().noneMatch(o -> o.sha256().equals(k.sha256()))) {
                out.add(k);
            }
        }
        return out;
    }

    private static List<String> names(List<TrustedKey> keys) {
        return keys.stream().map(TrustedKey::name).toList();
    }
}
