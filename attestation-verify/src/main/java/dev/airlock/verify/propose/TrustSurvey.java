package dev.airlock.verify.propose;

import dev.airlock.verify.finding.Coordinates;
import dev.airlock.verify.io.Progress;
import dev.airlock.verify.keys.ProposedKeyring;
import dev.airlock.verify.outcome.Outcome;
import dev.airlock.verify.pgp.PgpKeyInfo;
import dev.airlock.verify.pgp.PgpKeyring;
import dev.airlock.verify.pgp.PgpKeyringException;
import dev.airlock.verify.pgp.PgpOutcome;
import dev.airlock.verify.pgp.PgpSignatureVerifier;
import dev.airlock.verify.policy.SourceUri;
import dev.airlock.verify.sigstore.SignatureOutcome;
import dev.airlock.verify.sigstore.SigstoreBundleVerifier;
import dev.airlock.verify.slsa.ProvenanceFacts;
import dev.airlock.verify.slsa.ProvenanceOutcome;
import dev.airlock.verify.slsa.ProvenanceVerifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Establishes, for each artifact of a closure, who signed it and who built it, by verifying every signature and
 * provenance file next to it: what {@link TrustProposal} is made from. OpenPGP issuers are looked up in a
 * {@link KeySource} (each once), and a key counts only when the signature verifies with it, with the key valid when it
 * signed (neither revoked nor expired then).
 */
public final class TrustSurvey {

    /** One artifact of the closure with the files found next to it (null or empty when absent). */
    public record Item(Coordinates coordinates, Path file, String sha256, Path sigstoreBundle, Path cosignSignature,
            Path pgpSignature, List<Path> provenance) {
        public Item {
            Objects.requireNonNull(coordinates, "coordinates");
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(sha256, "sha256");
            provenance = provenance == null ? List.of() : List.copyOf(provenance);
        }

        boolean signaturePresent() {
            return sigstoreBundle != null || cosignSignature != null || pgpSignature != null;
        }
    }

    /** The keysmap's opinions; {@link #NONE} when no map was named. */
    public interface Opinions {
        SecondOpinion signed(Coordinates c, String fingerprint);

        SecondOpinion unsigned(Coordinates c);

        Opinions NONE = new Opinions() {
            @Override
            public SecondOpinion signed(Coordinates c, String fingerprint) {
                return SecondOpinion.NONE;
            }

            @Override
            public SecondOpinion unsigned(Coordinates c) {
                return SecondOpinion.NONE;
            }
        };
    }

    /**
     * The survey: one {@link ArtifactTrust} per item, and the OpenPGP keys that verified at least one signature.
     *
     * @param keys primary fingerprint to the armored certificate, sorted by fingerprint
     * @param keyInfo primary fingerprint to what was verified about the key
     * @param issuerProblems issuer to why no key was used for it
     */
    public record Result(List<ArtifactTrust> artifacts, Map<String, byte[]> keys, Map<String, PgpKeyInfo> keyInfo,
            Map<String, String> issuerProblems) {
        public Result {
            artifacts = List.copyOf(artifacts);
            keys = java.util.Collections.unmodifiableMap(new TreeMap<>(keys));
            keyInfo = java.util.Collections.unmodifiableMap(new TreeMap<>(keyInfo));
            issuerProblems = java.util.Collections.unmodifiableMap(new TreeMap<>(issuerProblems));
        }

        /**
         * The proposed keyring ({@link ProposedKeyring}): every used key's certificate, ordered by fingerprint, each
         * after a comment line naming its fingerprint and user ids; empty when none.
         */
        public byte[] keyring() {
            List<String> armored = new ArrayList<>();
            keys.values().forEach(k -> armored.add(new String(k, StandardCharsets.US_ASCII)));
            try {
                return ProposedKeyring.fromArmored(armored).getBytes(StandardCharsets.US_ASCII);
            } catch (PgpKeyringException e) { // each was loaded alone, and all together, when surveyed
                throw new IllegalStateException("the proposed keys do not load together: " + e.getMessage(), e);
            }
        }
    }

    private final SigstoreBundleVerifier sigstore;
    private final ProvenanceVerifier provenance;
    private final KeySource keySource;
    private final Opinions opinions;
    private final PgpSignatureVerifier pgp;

    /**
     * @param keySource null when no key server was named: OpenPGP signatures are then listed as unresolved
     */
    public TrustSurvey(SigstoreBundleVerifier sigstore, ProvenanceVerifier provenance, KeySource keySource,
            Opinions opinions, PgpSignatureVerifier pgp) {
        this.sigstore = Objects.requireNonNull(sigstore, "sigstore");
        this.provenance = Objects.requireNonNull(provenance, "provenance");
        this.keySource = keySource;
        this.opinions = opinions == null ? Opinions.NONE : opinions;
        this.pgp = pgp == null ? new PgpSignatureVerifier() : pgp;
    }

    /** Surveys every item; {@code progress} advances once per item per pass (two passes). */
    public Result survey(List<Item> items, Progress progress) {
        // pass 1: the issuers the OpenPGP signatures name, each fetched once
        PgpKeyring none = PgpKeyring.empty("no keyring");
        Map<String, List<String>> issuersOf = new LinkedHashMap<>();
        Map<String, String> issuerProblems = new TreeMap<>();
        Map<String, byte[]> fetched = new TreeMap<>(); // primary fingerprint -> armored
        Map<String, PgpKeyInfo> info = new TreeMap<>();
        for (Item item : items) {
            progress.advance();
            if (item.pgpSignature() == null) {
                continue;
            }
            List<String> issuers = new ArrayList<>();
            for (PgpOutcome o : pgp.verifyAll(item.file(), item.pgpSignature(), none)) {
                if (o instanceof PgpOutcome.KeyNotFound k) {
                    issuers.add(k.issuerFingerprint() != null ? k.issuerFingerprint() : k.issuerKeyId());
                }
            }
            issuersOf.put(item.coordinates().toString(), issuers);
        }
        for (String issuer : new TreeSet<>(issuersOf.values().stream().flatMap(List::stream).toList())) {
            if (keySource == null) {
                issuerProblems.put(issuer, "no key server was named (-Dairlock.keyserver=<url>), so its key was not"
                        + " looked up");
                continue;
            }
            KeySource.Answer a = keySource.fetch(issuer);
            if (a instanceof KeySource.Unavailable u) {
                issuerProblems.put(issuer, u.reason());
                continue;
            }
            KeySource.Found f = (KeySource.Found) a;
            try {
                PgpKeyring one = PgpKeyring.parse(f.where(), f.armored());
                for (PgpKeyInfo k : one.keys()) {
                    fetched.putIfAbsent(k.fingerprint(), f.armored());
                    info.putIfAbsent(k.fingerprint(), k);
                }
            } catch (PgpKeyringException e) {
                issuerProblems.put(issuer, "the key served by " + f.where() + " is not usable: " + e.getMessage());
            }
        }
        PgpKeyring keyring = none;
        if (!fetched.isEmpty()) {
            StringBuilder all = new StringBuilder();
            fetched.values().forEach(b -> all.append(new String(b, StandardCharsets.US_ASCII)).append('\n'));
            try {
                keyring = PgpKeyring.parse(keySource.describe(), all.toString().getBytes(StandardCharsets.US_ASCII));
            } catch (PgpKeyringException e) { // each parsed alone above; together they must too
                throw new IllegalStateException("the fetched keys do not load together: " + e.getMessage(), e);
            }
        }

        // pass 2: verify everything
        List<ArtifactTrust> out = new ArrayList<>();
        Map<String, byte[]> used = new TreeMap<>();
        for (Item item : items) {
            progress.advance();
            out.add(judge(item, keyring, issuerProblems, fetched, used));
        }
        Map<String, PgpKeyInfo> usedInfo = new TreeMap<>();
        used.keySet().forEach(k -> usedInfo.put(k, info.get(k)));
        return new Result(out, used, usedInfo, issuerProblems);
    }

    private ArtifactTrust judge(Item item, PgpKeyring keyring, Map<String, String> issuerProblems,
            Map<String, byte[]> fetched, Map<String, byte[]> used) {
        Coordinates c = item.coordinates();
        List<ArtifactTrust.Signed> signers = new ArrayList<>();
        List<String> unresolved = new ArrayList<>();
        List<String> invalid = new ArrayList<>();
        if (item.sigstoreBundle() != null) {
            SignatureOutcome o = sigstore.verify(item.sigstoreBundle(), item.sha256(), List.of());
            sigstore(o, "Sigstore bundle " + item.sigstoreBundle().getFileName(), signers, unresolved, invalid);
        }
        if (item.cosignSignature() != null) {
            unresolved.add("cosign signature " + item.cosignSignature().getFileName() + ": made with a key; obtain the"
                    + " publisher's cosign.pub out of band and write a 'cosign key=' line yourself");
        }
        if (item.pgpSignature() != null) {
            String file = item.pgpSignature().getFileName().toString();
            for (PgpOutcome o : pgp.verifyAll(item.file(), item.pgpSignature(), keyring)) {
                if (o instanceof PgpOutcome.Verified v) {
                    String fpr = v.primaryFingerprint();
                    used.put(fpr, fetched.get(fpr));
                    signers.add(new ArtifactTrust.Signed(new Identity.PgpKey(fpr, v.signer().userIds()),
                            opinions.signed(c, fpr)));
                } else if (o instanceof PgpOutcome.KeyNotFound k) {
                    String issuer = k.issuerFingerprint() != null ? k.issuerFingerprint() : k.issuerKeyId();
                    unresolved.add("OpenPGP signature " + file + " by " + (k.issuerFingerprint() != null ? "key "
                            : "key id ") + issuer + ": " + issuerProblems.getOrDefault(issuer,
                                    "the key served for it does not hold that key"));
                } else if (o.verdict() == Outcome.Verdict.INTEGRITY_FAILURE) {
                    invalid.add("OpenPGP signature " + file + ": " + o.message());
                } else {
                    unresolved.add("OpenPGP signature " + file + ": " + o.message());
                }
            }
        }
        List<Identity.SlsaBuilder> builders = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Path p : item.provenance()) {
            for (ProvenanceOutcome o : provenance.verifyAll(p, item.sha256())) {
                ProvenanceFacts f = o.facts().orElse(null);
                if (o.isVerified() && f != null && f.builderId() != null && f.sourceUri() != null) {
                    builders.add(new Identity.SlsaBuilder(f.builderId(), SourceUri.normalise(f.sourceUri()),
                            f.sourceRef()));
                } else {
                    problems.add(p.getFileName() + ": " + o.status() + (o.reason() == null ? "" : " (" + o.reason()
                            + ")"));
                }
            }
        }
        return new ArtifactTrust(c, signers, item.signaturePresent(), unresolved, invalid,
                item.signaturePresent() ? SecondOpinion.NONE : opinions.unsigned(c), builders,
                !item.provenance().isEmpty(), problems);
    }

    private static void sigstore(SignatureOutcome o, String what, List<ArtifactTrust.Signed> signers,
            List<String> unresolved, List<String> invalid) {
        switch (o.verdict()) {
            case VERIFIED -> {
                if (o.identity().isPresent()) {
                    signers.add(new ArtifactTrust.Signed(new Identity.SigstoreIdentity(o.identity().get().san(),
                            o.identity().get().issuer()), SecondOpinion.NONE));
                } else {
                    unresolved.add(what + ": verified with a key, not a keyless identity");
                }
            }
            case INTEGRITY_FAILURE -> invalid.add(what + ": " + o.reason());
            default -> unresolved.add(what + ": " + o.reason());
        }
    }
}
