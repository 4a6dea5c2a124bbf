package dev.airlock.verify.feed;

import dev.airlock.verify.digest.DigestCache;
import dev.airlock.verify.finding.Coordinates;
import dev.airlock.verify.finding.FindingCode;
import dev.airlock.verify.policy.TrustPolicy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Base64;

/** Entries, keys and policies for the feed tests. */
final class FeedTestSupport {
    static final String FEED = "com.acme.fleet:quarantine";
    static final FeedLayout LAYOUT = FeedLayout.parse(FEED);
    static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");

    private FeedTestSupport() {}

    static String sha(String seed) {
        return DigestCache.sha256(seed.getBytes(StandardCharsets.UTF_8));
    }

    /** A quarantine entry of {@code com.acme:lib<n>:jar:1.0} for bytes {@code seed}, {@code minutes} after T0. */
    static FeedEntry quarantine(int n, String seed, int minutes) {
        return FeedEntry.quarantine(Coordinates.parse("com.acme:lib" + n + ":jar:1.0"), sha(seed),
                FindingCode.LOCK_HASH_MISMATCH, "extension", T0.plusSeconds(60L * minutes), "ci-" + n + ".example",
                sha("evidence " + seed));
    }

    static FeedEntry release(FeedEntry entry, int minutes) {
        return FeedEntry.release(entry, "confirmed with the maintainers", T0.plusSeconds(60L * minutes),
                "ci-admin.example");
    }

    static KeyPair p256() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static String publicPem(KeyPair k) {
        return "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'})
                .encodeToString(k.getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----\n";
    }

    static String privatePem(KeyPair k) {
        return "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'})
                .encodeToString(k.getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n";
    }

    /** Writes {@code name} with {@code k}'s public key into {@code dir}. */
    static void writePublic(Path dir, String name, KeyPair k) throws IOException {
        Files.writeString(dir.resolve(name), publicPem(k), StandardCharsets.US_ASCII);
    }

    /** Writes {@code text} as the policy in {@code dir} (whose cosign key files are already there) and parses it. */
    static TrustPolicy policy(Path dir, String text) throws Exception {
        Path file = dir.resolve("airlock-policy");
        Files.writeString(file, text);
        return TrustPolicy.parse(file);
    }
}
