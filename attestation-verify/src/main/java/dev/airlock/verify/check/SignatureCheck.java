package dev.airlock.verify.check;

import static dev.airlock.verify.check.CheckFindings.expectation;
import static dev.airlock.verify.check.CheckFindings.finding;

import dev.airlock.verify.artifact.ResolvedArtifact;
import dev.airlock.verify.finding.Finding;
import dev.airlock.verify.finding.FindingCode;
import dev.airlock.verify.finding.Severity;
import dev.airlock.verify.pgp.PgpKeyring;
import dev.airlock.verify.pgp.PgpOutcome;
import dev.airlock.verify.pgp.PgpSignatureVerifier;
import dev.airlock.verify.policy.PolicyLine;
import dev.airlock.verify.policy.SignatureDecision;
import dev.airlock.verify.policy.TrustPolicy;
import dev.airlock.verify.sigstore.CosignSignatureVerifier;
import dev.airlock.verify.sigstore.SignatureOutcome;
import dev.airlock.verify.sigstore.SignerIdentity;
import dev.airlock.verify.sigstore.SigstoreBundleVerifier;
import dev.airlock.verify.sigstore.TrustedKey;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code verifySignatures}' judgement of one artifact: every signature published next to it (a Sigstore bundle
 * {@code .sigstore.json}, a cosign {@code .sig}, an OpenPGP {@code .asc}) is verified offline, and the trust policy's
 * signature-class lines that decide for the artifact say whether a verified signer is allowed (design.md, "Trust
 * policy file"):
 * <ul>
 *   <li>a signature that does not verify is {@code SIGNATURE_INVALID} — whatever the policy says, {@code unsigned}
 *       included; it carries the artifact's file (so it is quarantined) only when no other signature proved the
 *       bytes intact;</li>
 *   <li>a deciding line satisfied by a verified signature (or an {@code unsigned} waiver) passes;</li>
 *   <li>otherwise a verified signature is {@code IDENTITY_NOT_ALLOWED}, naming the identity found and asking to
 *       confirm it out of band — never a line to paste;</li>
 *   <li>and no signature at all is {@code SIGNATURE_MISSING}.</li>
 * </ul>
 * Revoked, expired and weak OpenPGP signatures are {@code IDENTITY_NOT_ALLOWED}: the bytes are what the key signed,
 * but the key or algorithm is not acceptable (docs/signatures.md).
 */
public final class SignatureCheck {
    public static final String RULE = "verifySignatures";

    /** The signature files found next to an artifact; null where there is none. */
    public record Sidecars(Path sigstoreBundle, Path cosignSignature, Path pgpSignature) {
        public boolean none() {
            return sigstoreBundle == null && cosignSignature == null && pgpSignature == null;
        }
    }

    private final TrustPolicy policy;
    private final SigstoreBundleVerifier sigstore;
    private final CosignSignatureVerifier cosign = new CosignSignatureVerifier();
    private final PgpSignatureVerifier pgp = new PgpSignatureVerifier();
    private final PgpKeyring keyring;

    /** @param keyring the armored public keys of {@code <keyring>}, or null when none was given */
    public SignatureCheck(TrustPolicy policy, SigstoreBundleVerifier sigstore, PgpKeyring keyring) {
        this.policy = policy;
        this.sigstore = sigstore;
        this.keyring = keyring;
    }

    /** One verified signature: who signed (a description for messages) and how it is matched against the policy. */
    private record Verified(String file, String kind, SignerIdentity identity, String keyName, String pgpFingerprint,
            String describe) {}

    /** Judges {@code artifact} (whose file has {@code sha256}) with the signatures found next to it. */
    public List<Finding> check(ResolvedArtifact artifact, String sha256, Sidecars sidecars) {
        return check(artifact, sha256, sidecars, false);
    }

    /**
     * The same; {@code bytesVouched}: the recorded lock lists exactly these bytes, so a signature that does not verify
     * is the signature file's fault, and the artifact is not quarantined for it.
     */
    public List<Finding> check(ResolvedArtifact artifact, String sha256, Sidecars sidecars, boolean bytesVouched) {
        return check(artifact, () -> sha256, sidecars, () -> bytesVouched);
    }

    /**
     * The same, with the artifact's SHA-256 and whether the lock vouches for its bytes asked only when needed: a
     * Sigstore or cosign signature is checked against the digest, a finding names it, an invalid signature asks the
     * lock. A closure signed with OpenPGP and all in order is not hashed here at all (the OpenPGP check reads the
     * file itself): one read of every jar less per build.
     */
    public List<Finding> check(ResolvedArtifact artifact, java.util.function.Supplier<String> sha256Supplier,
            Sidecars sidecars, java.util.function.BooleanSupplier bytesVouchedSupplier) {
        LazyDigest lazy = new LazyDigest(sha256Supplier);
        String coords = artifact.coordinates().toString();
        SignatureDecision decision = policy.signature(artifact.coordinates());
        List<TrustedKey> keys = decision.cosign().stream()
                .map(l -> TrustedKey.of(l.key().path(), l.key().publicKey())).toList();
        List<Verified> verified = new ArrayList<>();
        List<String[]> invalid = new ArrayList<>(); // {file, reason, expected, actual}
        List<String> refusedKeys = new ArrayList<>();

        if (sidecars.sigstoreBundle() != null) {
            SignatureOutcome o = sigstore.verify(sidecars.sigstoreBundle(), lazy.get(), keys);
            judgeSigstore(o, sidecars.sigstoreBundle(), "Sigstore bundle", verified, invalid, refusedKeys);
        }
        if (sidecars.cosignSignature() != null) {
            SignatureOutcome o = cosign.verify(sidecars.cosignSignature(), lazy.get(), keys);
            judgeSigstore(o, sidecars.cosignSignature(), "cosign signature", verified, invalid, refusedKeys);
        }
        if (sidecars.pgpSignature() != null) {
            judgePgp(artifact, sidecars.pgpSignature(), verified, invalid, refusedKeys);
        }

        List<Finding> out = new ArrayList<>();
        boolean bytesVouched = !invalid.isEmpty() && verified.isEmpty() && bytesVouchedSupplier.getAsBoolean();
        boolean intact = !verified.isEmpty() || bytesVouched;
        for (String[] bad : invalid) {
            out.add(finding(RULE, FindingCode.SIGNATURE_INVALID, artifact, lazy.get())
                    .file(intact ? null : artifact.file() == null ? null : artifact.file().toString())
                    .message("the signature " + bad[0] + " does not verify for " + coords + ": " + bad[1]
                            + (!verified.isEmpty() ? " (another signature verified these bytes, so the artifact is"
                                    + " not quarantined; the bad signature file is named)" : bytesVouched
                                            ? " (the recorded lock lists exactly these bytes, so the artifact is not"
                                                    + " quarantined; the bad signature file is named)" : ""))
                    .expected(bad[2] != null ? bad[2] : "a signature over sha256 " + lazy.get())
                    .actual(bad[3] != null ? bad[3] : bad[1])
                    .fix(intact ? "find out who published " + bad[0] + " on the mirror; remove it"
                            : "do not use these bytes: the artifact or its signature was changed after signing."
                                    + " Compare with the publisher's copy; the artifact is quarantined")
                    .detail("signature", bad[0])
                    .build());
        }
        if (!invalid.isEmpty() && verified.isEmpty()) {
            return out; // nothing verified: the integrity failure says it all
        }

        for (Verified v : verified) {
            if (allowedBy(decision, v)) {
                return out;
            }
        }
        if (decision.unsignedWaiver().isPresent()) {
            return out; // the lines are alternatives, and 'unsigned' asks for nothing (only invalid signatures fail)
        }
        if (verified.isEmpty() && refusedKeys.isEmpty()) {
            out.add(finding(RULE, FindingCode.SIGNATURE_MISSING, artifact, lazy.get())
                    .message("no signature next to " + coords + " (looked for .sigstore.json, .sig and .asc on the"
                            + " mirror); " + decision.describe())
                    .expected(expectation(decision, "a signature-class line of the trust policy for these coordinates"))
                    .actual("no signature")
                    .fix("obtain a signed release from the publisher, or, if this artifact is known not to be signed,"
                            + " add an 'unsigned reason=\"...\"' line for it to the trust policy " + policy.source())
                    .build());
            return out;
        }
        List<String> found = new ArrayList<>();
        verified.forEach(v -> found.add(v.describe()));
        found.addAll(refusedKeys);
        out.add(finding(RULE, FindingCode.IDENTITY_NOT_ALLOWED, artifact, lazy.get())
                .message(coords + " is signed, but not by a signer the trust policy allows: found "
                        + String.join("; ", found) + ". " + decision.describe())
                .expected(expectation(decision, "a signature-class line of the trust policy for these coordinates"))
                .actual(String.join("; ", found))
                .fix("confirm this signer with the publisher out of band (their release notes, a second channel);"
                        + " only then allow the identity in " + policy.source())
                .build());
        return out;
    }

    private void judgeSigstore(SignatureOutcome o, Path file, String kind, List<Verified> verified,
            List<String[]> invalid, List<String> refusedKeys) {
        switch (o.verdict()) {
            case VERIFIED -> {
                SignerIdentity id = o.identity().orElse(null);
                String key = o.keyName().orElse(null);
                String describe = id != null ? kind + " by " + describe(id) : kind + " with key " + key;
                verified.add(new Verified(file.toString(), kind, id, key, null, describe));
            }
            case SIGNER_NOT_ACCEPTED -> refusedKeys.add(kind + " " + file.getFileName() + " made with a key the policy"
                    + " does not list for this artifact" + o.keySha256().map(h -> " (key sha256 " + h + ")").orElse(""));
            case NOT_EVALUATED -> invalid.add(new String[] {file.toString(), "could not be evaluated: " + o.reason(),
                    null, null});
            default -> {
                if (o.check() == SignatureOutcome.Check.ARTIFACT_DIGEST && o.actual() != null) {
                    // the verifier compares from the bundle's side; the finding speaks of the artifact
                    invalid.add(new String[] {file.toString(), o.reason(), "sha256 " + o.actual() + " (signed)",
                            "sha256 " + o.expected() + " (this file)"});
                } else {
                    invalid.add(new String[] {file.toString(), o.reason(), o.expected(), o.actual()});
                }
            }
        }
    }

    private void judgePgp(ResolvedArtifact artifact, Path asc, List<Verified> verified, List<String[]> invalid,
            List<String> refusedKeys) {
        if (keyring == null) {
            refusedKeys.add("OpenPGP signature " + asc.getFileName() + " (no <keyring> was given, so it was not"
                    + " checked)");
            return;
        }
        for (PgpOutcome o : pgp.verifyAll(artifact.file(), asc, keyring)) {
            switch (o.verdict()) {
                case VERIFIED -> {
                    PgpOutcome.Verified v = (PgpOutcome.Verified) o;
                    verified.add(new Verified(asc.toString(), "OpenPGP signature", null, null, v.primaryFingerprint(),
                            "OpenPGP signature by " + v.signer()));
                }
                case INTEGRITY_FAILURE -> invalid.add(new String[] {asc.toString(), o.message(), null, null});
                // KeyNotFound, KeyRevoked, KeyExpired, Weak: not an integrity failure, a signer not acceptable
                default -> refusedKeys.add("OpenPGP signature: " + o.message());
            }
        }
    }

    private static boolean allowedBy(SignatureDecision d, Verified v) {
        if (v.identity() != null) {
            SignerIdentity id = v.identity();
            return d.sigstoreMatch(id.san(), id.issuer(), id.sourceRepositoryUri()).isPresent();
        }
        if (v.keyName() != null) {
            return d.cosign().stream().anyMatch(l -> l.key().path().equals(v.keyName()));
        }
        return v.pgpFingerprint() != null && d.pgpMatch(v.pgpFingerprint()).isPresent();
    }

    private static String describe(SignerIdentity id) {
        StringBuilder sb = new StringBuilder("SAN ").append(id.san()).append(", issuer ").append(id.issuer());
        if (id.sourceRepositoryUri() != null) {
            sb.append(", source repository ").append(id.sourceRepositoryUri());
        }
        return sb.toString();
    }



    /** The default severity of each code this check raises (all fail: a release gate's setting). */
    public static Map<FindingCode, Severity> defaults() {
        return Map.of(FindingCode.SIGNATURE_MISSING, Severity.ERROR, FindingCode.SIGNATURE_INVALID, Severity.ERROR,
                FindingCode.IDENTITY_NOT_ALLOWED, Severity.ERROR);
    }
}
