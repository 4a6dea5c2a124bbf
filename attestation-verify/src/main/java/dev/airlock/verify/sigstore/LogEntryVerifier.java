package dev.airlock.verify.sigstore;

import dev.sigstore.encryption.signers.Verifiers;
import dev.sigstore.merkle.InclusionProofVerifier;
import dev.sigstore.rekor.client.Checkpoints;
import dev.sigstore.rekor.client.RekorEntry;
import dev.sigstore.trustroot.TransparencyLog;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * Verifies a transparency-log entry offline: the log is in the trusted root, the signed entry timestamp (when
 * present), the Merkle inclusion proof, and the checkpoint the proof ends in (root hash, tree size, and a signature
 * by the log's key). Built from sigstore-java's primitives ({@code InclusionProofVerifier}, {@code Checkpoints},
 * {@code Verifiers}); the orchestration is here because sigstore-java 2.0.0's {@code RekorVerifier} matches the
 * checkpoint signer against the log URL's host alone, so a log whose origin carries a port (as in the conformance
 * suite's custom-root cases) never verifies, and it does not compare the checkpoint's size with the proof's.
 */
final class LogEntryVerifier {
    private static final int MAX_CHECKPOINT_SIGNATURES = 20;

    private final List<TransparencyLog> logs;

    LogEntryVerifier(List<TransparencyLog> logs) {
        this.logs = List.copyOf(logs);
    }

    /** @throws IllegalArgumentException saying which check failed */
    void verify(RekorEntry entry) throws Exception {
        var proof = entry.getVerification().getInclusionProof();
        if (proof == null) {
            throw new IllegalArgumentException("no inclusion proof");
        }
        byte[] logId = HexFormat.of().parseHex(entry.getLogID());
        List<TransparencyLog> candidates = new ArrayList<>();
        for (TransparencyLog log : logs) {
            if (Arrays.equals(log.getLogId().getKeyId(), logId)) {
                candidates.add(log);
            }
        }
        if (candidates.isEmpty()) {
            throw new IllegalArgumentException("the entry's log (id " + Base64.getEncoder().encodeToString(logId)
                    + ") is not in the trusted root");
        }
        TransparencyLog log = candidates.get(0);
        var key = log.getPublicKey().toJavaPublicKey();

        String set = entry.getVerification().getSignedEntryTimestamp();
        if (set != null && !set.isEmpty()
                && !Verifiers.newVerifier(key).verify(entry.getSignableContent(), Base64.getDecoder().decode(set))) {
            throw new IllegalArgumentException("the signed entry timestamp (SET) does not verify under the log's key");
        }

        byte[] body = Base64.getDecoder().decode(entry.getBody());
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        md.update((byte) 0x00);
        byte[] leafHash = md.digest(body);
        List<byte[]> hashes = new ArrayList<>();
        for (String h : proof.getHashes()) {
            hashes.add(HexFormat.of().parseHex(h));
        }
        byte[] rootHash = HexFormat.of().parseHex(proof.getRootHash());
        try {
            InclusionProofVerifier.verify(leafHash, proof.getLogIndex(), proof.getTreeSize(), hashes, rootHash);
        } catch (Exception e) {
            throw new IllegalArgumentException("the inclusion proof does not verify ("
                    + SigstoreBundleVerifier.message(e) + ")", e);
        }

        var checkpoint = Checkpoints.from(proof.getCheckpoint());
        if (checkpoint.getSignatures().size() > MAX_CHECKPOINT_SIGNATURES) {
            throw new IllegalArgumentException("the checkpoint has more than " + MAX_CHECKPOINT_SIGNATURES
                    + " signatures");
        }
        if (!Arrays.equals(rootHash, Base64.getDecoder().decode(checkpoint.getBase64Hash()))) {
            throw new IllegalArgumentException("the checkpoint's root hash is not the inclusion proof's");
        }
        if (checkpoint.getSize().longValue() != proof.getTreeSize().longValue()) {
            throw new IllegalArgumentException("the checkpoint's tree size " + checkpoint.getSize()
                    + " is not the inclusion proof's " + proof.getTreeSize());
        }
        URI url = log.getBaseUrl();
        String host = url.getHost();
        String authority = url.getPort() < 0 ? host : host + ":" + url.getPort();
        byte[] hint = Arrays.copyOfRange(log.getLogId().getKeyId(), 0, 4);
        byte[] signed = checkpoint.getSignedData().getBytes(StandardCharsets.UTF_8);
        boolean named = false;
        for (var sig : checkpoint.getSignatures()) {
            if (!sig.getIdentity().equals(host) && !sig.getIdentity().equals(authority)) {
                continue;
            }
            named = true;
            if (Arrays.equals(sig.getKeyHint(), hint) && Verifiers.newVerifier(key).verify(signed, sig.getSignature())) {
                return;
            }
        }
        throw new IllegalArgumentException(named ? "the checkpoint's signature by " + authority + " does not"
                + " verify under the log's key" : "the checkpoint has no signature by the log " + authority);
    }
}
