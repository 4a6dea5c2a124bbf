package dev.airlock.verify.policy;

import java.util.Objects;
import java.util.Optional;

/**
 * One line of a trust policy, after parsing: its pattern, where it was written, and the directive with its values.
 * Two classes of directives exist and are resolved independently: the signature class ({@link Sigstore},
 * {@link Cosign}, {@link Pgp}, {@link Unsigned}) and the provenance class ({@link Slsa}, {@link NoProvenance}).
 *
 * <p>{@link #where()} ({@code file:line}) is for messages such as "allowed by .mvn/airlock-policy:12". A line's
 * {@code toString()} repeats what the user wrote; nothing here composes a line for a signer the policy does not name.
 */
public sealed interface PolicyLine {

    /** The two independent classes of directives. */
    enum Kind {
        SIGNATURE, PROVENANCE
    }

    /** The pattern the line applies to. */
    PolicyPattern pattern();

    /** The policy's display name (path or {@code classpath:...}). */
    String file();

    /** The physical line the (possibly continued) line starts on, 1-based. */
    int line();

    /** The directive as written: {@code sigstore}, {@code cosign}, {@code pgp}, {@code unsigned}, ... */
    String directive();

    Kind kind();

    /** {@code file:line}. */
    default String where() {
        return file() + ":" + line();
    }

    /** Where a line was written (shared by every directive record). */
    record Origin(String file, int line) {
        public Origin {
            Objects.requireNonNull(file, "file");
        }
    }

    /**
     * {@code sigstore san=<v> issuer=<v> [repository=<v>]}: a keyless Sigstore signature whose certificate has this
     * SAN and OIDC issuer (and, when given, this source repository extension).
     *
     * @param repository null when the line does not constrain it
     */
    record Sigstore(PolicyPattern pattern, Origin origin, ValueMatcher san, ValueMatcher issuer,
            ValueMatcher repository) implements PolicyLine {
        /** True when a certificate's identity satisfies this line. A null repository fact fails a constraint. */
        public boolean matches(String sanFact, String issuerFact, String repositoryFact) {
            return san.matches(sanFact) && issuer.matches(issuerFact)
                    && (repository == null || repository.matches(repositoryFact));
        }

        public Optional<ValueMatcher> repositoryConstraint() {
            return Optional.ofNullable(repository);
        }

        @Override public String file() { return origin.file(); }
        @Override public int line() { return origin.line(); }
        @Override public String directive() { return "sigstore"; }
        @Override public Kind kind() { return Kind.SIGNATURE; }

        @Override
        public String toString() {
            return pattern + " sigstore san=" + san + " issuer=" + issuer
                    + (repository == null ? "" : " repository=" + repository);
        }
    }

    /** {@code cosign key=<PEM path>}: a signature that verifies with this public key (loaded when parsing). */
    record Cosign(PolicyPattern pattern, Origin origin, CosignKey key) implements PolicyLine {
        @Override public String file() { return origin.file(); }
        @Override public int line() { return origin.line(); }
        @Override public String directive() { return "cosign"; }
        @Override public Kind kind() { return Kind.SIGNATURE; }

        @Override
        public String toString() {
            return pattern + " cosign key=" + key.path();
        }
    }

    /**
     * {@code pgp fingerprint=<40 hex>}: an OpenPGP signature by this primary key (or a signing subkey properly bound
     * to it).
     *
     * @param fingerprint 40 upper-case hex digits, no spaces
     */
    record Pgp(PolicyPattern pattern, Origin origin, String fingerprint) implements PolicyLine {
        /** True for this fingerprint, compared after removing spaces and ignoring case. */
        public boolean matches(String primaryFingerprint) {
            return primaryFingerprint != null
                    && fingerprint.equals(primaryFingerprint.replace(" ", "").toUpperCase(java.util.Locale.ROOT));
        }

        @Override public String file() { return origin.file(); }
        @Override public int line() { return origin.line(); }
        @Override public String directive() { return "pgp"; }
        @Override public Kind kind() { return Kind.SIGNATURE; }

        @Override
        public String toString() {
            return pattern + " pgp fingerprint=" + fingerprint;
        }
    }

    /**
     * {@code unsigned reason="<text>"}: waives the absence of a signature (never an invalid one: design.md).
     */
    record Unsigned(PolicyPattern pattern, Origin origin, String reason) implements PolicyLine {
        @Override public String file() { return origin.file(); }
        @Override public int line() { return origin.line(); }
        @Override public String directive() { return "unsigned"; }
        @Override public Kind kind() { return Kind.SIGNATURE; }

        @Override
        public String toString() {
            return pattern + " unsigned reason=\"" + reason + "\"";
        }
    }

    /**
     * {@code slsa builder=<v> source=<v> [ref=<v>] [buildType=<v>]}: provenance by this builder from this source
     * repository (normalised: {@link SourceUri}), at this ref (default {@code refs/tags/*}), optionally of this
     * build type.
     *
     * @param ref the written ref, or the default {@code refs/tags/*} matcher when the line has none
     * @param buildType null when the line does not constrain it
     */
    record Slsa(PolicyPattern pattern, Origin origin, ValueMatcher builder, ValueMatcher source, ValueMatcher ref,
            ValueMatcher buildType) implements PolicyLine {
        /** The ref a {@code slsa} line allows when it names none: tags only. */
        public static final String DEFAULT_REF = "refs/tags/*";

        /**
         * The first key whose value the facts do not satisfy ({@code builder}, {@code source}, {@code ref},
         * {@code buildType}), or empty when the provenance satisfies the whole line. The source fact is
         * normalised here; pass the ref separately ({@link SourceUri#split(String)} separates them).
         */
        public Optional<String> firstMismatch(String builderFact, String sourceFact, String refFact,
                String buildTypeFact) {
            if (!builder.matches(builderFact)) {
                return Optional.of("builder");
            }
            if (!source.matches(sourceFact)) {
                return Optional.of("source");
            }
            if (!ref.matches(refFact)) {
                return Optional.of("ref");
            }
            if (buildType != null && !buildType.matches(buildTypeFact)) {
                return Optional.of("buildType");
            }
            return Optional.empty();
        }

        public boolean matches(String builderFact, String sourceFact, String refFact, String buildTypeFact) {
            return firstMismatch(builderFact, sourceFact, refFact, buildTypeFact).isEmpty();
        }

        public Optional<ValueMatcher> buildTypeConstraint() {
            return Optional.ofNullable(buildType);
        }

        @Override public String file() { return origin.file(); }
        @Override public int line() { return origin.line(); }
        @Override public String directive() { return "slsa"; }
        @Override public Kind kind() { return Kind.PROVENANCE; }

        @Override
        public String toString() {
            return pattern + " slsa builder=" + builder + " source=" + source + " ref=" + ref
                    + (buildType == null ? "" : " buildType=" + buildType);
        }
    }

    /** {@code noprovenance reason="<text>"}: waives the absence of provenance (never an invalid one). */
    record NoProvenance(PolicyPattern pattern, Origin origin, String reason) implements PolicyLine {
        @Override public String file() { return origin.file(); }
        @Override public int line() { return origin.line(); }
        @Override public String directive() { return "noprovenance"; }
        @Override public Kind kind() { return Kind.PROVENANCE; }

        @Override
        public String toString() {
            return pattern + " noprovenance reason=\"" + reason + "\"";
        }
    }
}
