package dev.airlock.verify.propose;

import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Who signed or built an artifact, as verified: what a proposed trust line allows. Each kind renders the directive of
 * the trust policy ({@code pgp fingerprint=...}, {@code sigstore san=... issuer=...}, {@code slsa builder=...
 * source=...}) and the comment lines naming the identity for the reviewer.
 */
public sealed interface Identity extends Comparable<Identity> {

    /** True for the signature class of the policy, false for the provenance class. */
    boolean signature();

    /** The directive and its values, as a policy line writes them after the pattern. */
    String directive();

    /** Comment lines (without {@code #}) naming the identity for the reviewer. */
    List<String> describe();

    /** Orders identities for output: kind first, then the directive text. */
    @Override
    default int compareTo(Identity o) {
        int k = Integer.compare(rank(), o.rank());
        return k != 0 ? k : directive().compareTo(o.directive());
    }

    private int rank() {
        return this instanceof PgpKey ? 0 : this instanceof SigstoreIdentity ? 1 : 2;
    }

    /**
     * An OpenPGP key, by its primary key's fingerprint.
     *
     * @param fingerprint 40 upper-case hex digits
     * @param userIds the key's valid user ids, as the key server's copy states them (unverified claims)
     */
    record PgpKey(String fingerprint, List<String> userIds) implements Identity {
        public PgpKey {
            Objects.requireNonNull(fingerprint, "fingerprint");
            userIds = List.copyOf(userIds);
        }

        @Override
        public boolean signature() {
            return true;
        }

        @Override
        public String directive() {
            return "pgp fingerprint=" + fingerprint;
        }

        @Override
        public List<String> describe() {
            return List.of("OpenPGP key " + fingerprint,
                    "user ids (claims of the key, not verified): " + (userIds.isEmpty() ? "none"
                            : String.join(", ", userIds)));
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof PgpKey k && k.fingerprint.equals(fingerprint);
        }

        @Override
        public int hashCode() {
            return fingerprint.hashCode();
        }
    }

    /**
     * A keyless Sigstore signer: the Fulcio certificate's subject alternative name and OIDC issuer. A SAN naming a
     * workflow at a release tag ({@code ...@refs/tags/v2.0.0}) is proposed for every tag of that workflow
     * ({@code ...@refs/tags/*}), so that the next release verifies; any other SAN is proposed exactly.
     */
    record SigstoreIdentity(String san, String issuer) implements Identity {
        private static final Pattern TAG = Pattern.compile("(.+@refs/tags/)[^*]+");

        public SigstoreIdentity {
            Objects.requireNonNull(san, "san");
            Objects.requireNonNull(issuer, "issuer");
        }

        /** The SAN value the proposed line allows. */
        public String allowedSan() {
            Matcher m = TAG.matcher(san);
            return m.matches() ? m.group(1) + "*" : san;
        }

        @Override
        public boolean signature() {
            return true;
        }

        @Override
        public String directive() {
            return "sigstore san=" + PolicyText.value(allowedSan()) + " issuer=" + PolicyText.value(issuer);
        }

        @Override
        public List<String> describe() {
            return List.of("Sigstore keyless signer " + allowedSan(), "OIDC issuer " + issuer);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof SigstoreIdentity s && s.allowedSan().equals(allowedSan()) && s.issuer.equals(issuer);
        }

        @Override
        public int hashCode() {
            return Objects.hash(allowedSan(), issuer);
        }
    }

    /**
     * A SLSA builder and the source repository it built from. A tag ref is covered by the policy's default
     * ({@code refs/tags/*}); any other ref is proposed exactly.
     */
    record SlsaBuilder(String builderId, String source, String ref) implements Identity {
        public SlsaBuilder {
            Objects.requireNonNull(builderId, "builderId");
            Objects.requireNonNull(source, "source");
        }

        @Override
        public boolean signature() {
            return false;
        }

        @Override
        public String directive() {
            String line = "slsa builder=" + PolicyText.value(builderId) + " source=" + PolicyText.value(source);
            return ref == null || ref.startsWith("refs/tags/") ? line : line + " ref=" + PolicyText.value(ref);
        }

        @Override
        public List<String> describe() {
            return List.of("SLSA builder " + builderId, "source " + source + (ref == null ? "" : " at " + ref));
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof SlsaBuilder b && b.directive().equals(directive());
        }

        @Override
        public int hashCode() {
            return directive().hashCode();
        }
    }
}
