package dev.airlock.verify.audit;

import dev.airlock.verify.artifact.ResolvedArtifact;
import dev.airlock.verify.check.ProvenanceCheck;
import dev.airlock.verify.check.SignatureCheck;
import dev.airlock.verify.digest.Digests;
import dev.airlock.verify.digest.HashAlgorithm;
import dev.airlock.verify.finding.Coordinates;
import dev.airlock.verify.finding.Finding;
import dev.airlock.verify.finding.FindingCode;
import dev.airlock.verify.finding.Severity;
import dev.airlock.verify.io.Progress;
import dev.airlock.verify.lock.LockFile;
import dev.airlock.verify.pgp.PgpKeyring;
import dev.airlock.verify.policy.ProvenanceDecision;
import dev.airlock.verify.policy.SignatureDecision;
import dev.airlock.verify.policy.TrustPolicy;
import dev.airlock.verify.quarantine.QuarantineStore;
import dev.airlock.verify.sbom.SbomDocument;
import dev.airlock.verify.sbom.SbomVerifier;
import dev.airlock.verify.sigstore.SigstoreBundleVerifier;
import dev.airlock.verify.slsa.ProvenanceVerifier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * An audit of a directory in the Maven repository layout (a local repository, or a directory of a mirror) without a
 * project (docs/audit.md): every artifact in it is checked against what is given, each check only when its input is:
 * <ul>
 *   <li>always: files outside the layout ({@code UNKNOWN_FILE});</li>
 *   <li>a lock: artifacts it does not list ({@code NOT_IN_LOCK}) and bytes that differ from it
 *       ({@code LOCK_HASH_MISMATCH});</li>
 *   <li>SBOMs: the SBOM verification of the build rules over the directory's artifacts ({@code SBOM_HASH_MISMATCH},
 *       {@code NOT_IN_SBOM}, ...);</li>
 *   <li>a quarantine store: quarantined bytes still present ({@code QUARANTINED});</li>
 *   <li>a trust policy: an artifact without a signature file ({@code .sigstore.json}, {@code .sig}, {@code .asc})
 *       next to it where no {@code unsigned} line waives one ({@code SIGNATURE_MISSING}), or without a provenance
 *       file ({@code -<extension>.build.slsa}, {@code .intoto.jsonl}) where no {@code noprovenance} line waives it
 *       ({@code PROVENANCE_MISSING}). Only presence: the files are not verified.</li>
 * </ul>
 * Bytes that differ from what was recorded (lock, SBOM) and quarantined bytes are {@code error}; everything else is
 * {@code warn} (a local repository shared by many projects holds much that one lock does not list).
 */
public final class Audit {
    /** The {@code source} of the findings. */
    public static final String SOURCE = "audit";

    private final Path dir;
    private final LockFile lock;
    private final List<SbomDocument> sboms;
    private final QuarantineStore quarantine;
    private final TrustPolicy policy;
    private final Consumer<String> progress;
    private final Digests digests;
    private final SignatureCheck signatureCheck;
    private final ProvenanceCheck provenanceCheck;

    private Audit(Builder b) {
        this.dir = b.dir.toAbsolutePath().normalize();
        this.lock = b.lock;
        this.sboms = List.copyOf(b.sboms);
        this.quarantine = b.quarantine;
        this.policy = b.policy;
        this.progress = b.progress;
        this.digests = b.digests;
        boolean verify = b.sigstore != null && b.policy != null;
        this.signatureCheck = verify ? new SignatureCheck(b.policy, b.sigstore, b.keyring) : null;
        this.provenanceCheck = verify ? new ProvenanceCheck(b.policy, new ProvenanceVerifier(b.sigstore, List.of()))
                : null;
    }

    public static Builder builder(Path dir) {
        return new Builder(dir);
    }

    /** The inputs of an audit; only the directory is required. */
    public static final class Builder {
        private final Path dir;
        private LockFile lock;
        private final List<SbomDocument> sboms = new ArrayList<>();
        private QuarantineStore quarantine;
        private TrustPolicy policy;
        private Consumer<String> progress;
        private Digests digests = new Digests(Digests.SHARED_MAX_ENTRIES);
        private SigstoreBundleVerifier sigstore;
        private PgpKeyring keyring;

        private Builder(Path dir) {
            this.dir = Objects.requireNonNull(dir, "dir");
        }

        public Builder lock(LockFile lock) {
            this.lock = lock;
            return this;
        }

        public Builder sbom(SbomDocument sbom) {
            sboms.add(Objects.requireNonNull(sbom));
            return this;
        }

        public Builder quarantine(QuarantineStore store) {
            this.quarantine = store;
            return this;
        }

        public Builder policy(TrustPolicy policy) {
            this.policy = policy;
            return this;
        }

        /** Where progress lines go (the command: stderr); null for none. */
        public Builder progress(Consumer<String> sink) {
            this.progress = sink;
            return this;
        }

        public Builder digests(Digests digests) {
            this.digests = Objects.requireNonNull(digests);
            return this;
        }

        /**
         * Verify the signature and provenance files the policy asks for, offline, as {@code verifySignatures} and
         * {@code verifyProvenance} do, instead of checking only that they are there (needs a {@link #policy}).
         *
         * @param sigstore the verifier over the Sigstore trusted root (signature bundles and provenance)
         * @param keyring the OpenPGP public keys; null: an {@code .asc} cannot be checked
         *     ({@code IDENTITY_NOT_ALLOWED})
         */
        public Builder verify(SigstoreBundleVerifier sigstore, PgpKeyring keyring) {
            this.sigstore = Objects.requireNonNull(sigstore);
            this.keyring = keyring;
            return this;
        }

        public Audit build() {
            return new Audit(this);
        }
    }

    /**
     * Runs the audit.
     *
     * @throws IOException when the directory cannot be read (not a directory, unreadable)
     */
    public AuditResult run() throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IOException(dir + " is not a directory");
        }
        Path dir = this.dir.toRealPath(); // the files found are under the real path
        List<Coordinates> known = new ArrayList<>();
        if (lock != null) {
            lock.entries().keySet().forEach(c -> known.add(Coordinates.parse(c)));
        }
        List<RepositoryLayout.Entry> entries = RepositoryLayout.scan(dir, known);
        List<RepositoryLayout.Entry> artifacts = new ArrayList<>();
        int side = 0;
        int metadata = 0;
        List<Finding> findings = new ArrayList<>();
        for (RepositoryLayout.Entry e : entries) {
            switch (e.kind()) {
                case ARTIFACT -> artifacts.add(e);
                case SIDE_FILE -> side++;
                case METADATA -> metadata++;
                case UNKNOWN -> findings.add(base(FindingCode.UNKNOWN_FILE, Severity.WARN, e)
                        .message(e.relative() + " is not an artifact of the Maven repository layout: " + e.reason())
                        .expected("<groupId as path>/<artifactId>/<version>/<artifactId>-<version>[-<classifier>]"
                                + ".<extension>")
                        .fix("find out what put it there; remove it if nothing should have")
                        .build());
            }
        }
        say(String.format(java.util.Locale.ROOT, "[airlock] audit: %d files under %s: %d artifacts, %d side files,"
                + " %d repository metadata, %d outside the layout", entries.size(), dir, artifacts.size(), side,
                metadata, entries.size() - artifacts.size() - side - metadata));

        Map<Path, String> sha256 = hash(artifacts);
        try (Progress p = Progress.of("audit: checks", "artifacts", artifacts.size(), progress)) {
            for (RepositoryLayout.Entry a : artifacts) {
                findings.addAll(check(a, sha256.get(a.file())));
                p.advance();
            }
        }
        if (!sboms.isEmpty()) {
            findings.addAll(sbom(artifacts));
        }
        return new AuditResult(dir, findings, entries.size(), artifacts.size(), side, metadata);
    }

    /** SHA-256 of every artifact when a lock or a quarantine store needs it (null values: unreadable files). */
    private Map<Path, String> hash(List<RepositoryLayout.Entry> artifacts) {
        Map<Path, String> out = new LinkedHashMap<>();
        if (lock == null && quarantine == null && signatureCheck == null) {
            return out;
        }
        Map<Path, Set<HashAlgorithm>> requests = new LinkedHashMap<>();
        artifacts.forEach(a -> requests.put(a.file(), EnumSet.of(HashAlgorithm.SHA256)));
        try (Progress p = Progress.of("audit: hashing", "files", requests.size(), progress)) {
            digests.digestAll(requests, p).forEach((file, r) -> out.put(file,
                    r.ok() ? r.digests().get(HashAlgorithm.SHA256) : null));
        }
        return out;
    }

    private List<Finding> check(RepositoryLayout.Entry a, String sha256) throws IOException {
        List<Finding> out = new ArrayList<>();
        Coordinates c = a.coordinates();
        String coords = c.toString();
        if ((lock != null || quarantine != null || signatureCheck != null) && sha256 == null) {
            out.add(base(FindingCode.NOT_EVALUATED, Severity.WARN, a).sha256(null)
                    .message(a.relative() + " could not be read, so it was not compared")
                    .fix("make the file readable and audit again").build());
            return out;
        }
        if (lock != null) {
            String recorded = lock.sha256(coords);
            if (recorded == null) {
                out.add(base(FindingCode.NOT_IN_LOCK, Severity.WARN, a).sha256(sha256)
                        .message(coords + " is in the audited directory, but the lock does not list it (a file of"
                                + " unknown origin)")
                        .expected("a line of the lock for " + coords).actual("sha256 " + sha256)
                        .fix("find out what fetched it; if a build of this project needs it, record the lock again"
                                + " and review the new line, otherwise remove it")
                        .build());
            } else if (!recorded.equals(sha256)) {
                out.add(base(FindingCode.LOCK_HASH_MISMATCH, Severity.ERROR, a).sha256(sha256)
                        .message("the bytes of " + coords + " differ from the lock")
                        .expected("sha256 " + recorded).actual("sha256 " + sha256)
                        .fix("do not use these bytes: compare them with the publisher's copy, then delete the file"
                                + " so the next build fetches it again (and quarantines it if it still differs)")
                        .build());
            }
        }
        if (quarantine != null && quarantine.hasEntries(c)) {
            Optional<QuarantineStore.Entry> q = quarantine.findActive(c, sha256);
            if (q.isPresent()) {
                out.add(base(FindingCode.QUARANTINED, Severity.ERROR, a).sha256(sha256)
                        .message(coords + " is quarantined, yet these bytes are still in the audited directory")
                        .expected("no copy of quarantined bytes").actual(a.relative())
                        .fix("delete the file; the evidence is " + q.get().evidenceFile() + " (release it there"
                                + " only if the finding was wrong)")
                        .detail("evidence", q.get().evidenceFile().toString())
                        .build());
            }
        }
        if (signatureCheck != null) {
            out.addAll(verified(a, sha256));
        } else if (policy != null) {
            SignatureDecision s = policy.signature(c);
            if (s.unsignedWaiver().isEmpty() && signatureFiles(a.file()).isEmpty()) {
                out.add(base(FindingCode.SIGNATURE_MISSING, Severity.WARN, a).sha256(sha256)
                        .message("no signature next to " + coords + " (looked for .sigstore.json, .sig and .asc); "
                                + s.describe())
                        .expected("a signature file, as " + policy.source() + " asks").actual("no signature file")
                        .fix("fetch the signature from the publisher's repository, or, if this artifact is known not"
                                + " to be signed, add an 'unsigned reason=\"...\"' line for it to " + policy.source())
                        .build());
            }
            ProvenanceDecision p = policy.provenance(c);
            if (p.noProvenanceWaiver().isEmpty() && provenanceFiles(a.file(), c).isEmpty()) {
                out.add(base(FindingCode.PROVENANCE_MISSING, Severity.WARN, a).sha256(sha256)
                        .message("no provenance next to " + coords + " (looked for " + provenanceNames(c) + "); "
                                + p.describe())
                        .expected("a provenance file, as " + policy.source() + " asks").actual("no provenance file")
                        .fix("fetch the provenance from the publisher's repository, or waive it with a"
                                + " 'noprovenance reason=\"...\"' line in " + policy.source())
                        .build());
            }
        }
        return out;
    }

    /**
     * The judgement of {@code verifySignatures} and {@code verifyProvenance} over the files next to the artifact:
     * integrity failures stay errors, policy outcomes are warnings (as the presence checks are).
     */
    private List<Finding> verified(RepositoryLayout.Entry a, String sha256) {
        Path file = a.file();
        ResolvedArtifact artifact = new ResolvedArtifact(a.coordinates(), file, ResolvedArtifact.Kind.DEPENDENCY, null,
                false, List.of(), null, null);
        boolean vouched = lock != null && sha256.equals(lock.sha256(a.coordinates().toString()));
        List<Finding> raw = new ArrayList<>(signatureCheck.check(artifact, sha256, new SignatureCheck.Sidecars(
                existing(file, ".sigstore.json"), existing(file, ".sig"), existing(file, ".asc")), vouched));
        List<ProvenanceCheck.Source> sources = new ArrayList<>();
        provenanceFiles(file, a.coordinates()).forEach(p -> sources.add(new ProvenanceCheck.Source(p, true)));
        raw.addAll(provenanceCheck.check(artifact, sha256, sources, vouched));
        List<Finding> out = new ArrayList<>();
        for (Finding f : raw) {
            out.add(f.toBuilder().source(SOURCE).detail("check", f.source())
                    .severity(f.code().isIntegrityFailure() ? Severity.ERROR : Severity.WARN)
                    .file(file.toString()).detail("where", file.toString()).build());
        }
        return out;
    }

    private static Path existing(Path file, String suffix) {
        Path p = file.resolveSibling(file.getFileName() + suffix);
        return Files.isRegularFile(p) ? p : null;
    }

    /** The signature files next to {@code file} that exist. */
    static List<Path> signatureFiles(Path file) {
        List<Path> out = new ArrayList<>();
        for (String suffix : List.of(".sigstore.json", ".sig", ".asc")) {
            Path p = file.resolveSibling(file.getFileName() + suffix);
            if (Files.isRegularFile(p)) {
                out.add(p);
            }
        }
        return out;
    }

    /** The provenance files next to {@code file} that exist (the default sidecars of {@code verifyProvenance}). */
    static List<Path> provenanceFiles(Path file, Coordinates c) {
        List<Path> out = new ArrayList<>();
        for (String name : provenanceNames(c)) {
            Path p = file.resolveSibling(name);
            if (Files.isRegularFile(p)) {
                out.add(p);
            }
        }
        return out;
    }

    private static List<String> provenanceNames(Coordinates c) {
        return List.of(c.artifactId() + '-' + c.version() + '-' + c.extension() + ".build.slsa",
                RepositoryLayout.fileName(c) + ".intoto.jsonl");
    }

    private List<Finding> sbom(List<RepositoryLayout.Entry> artifacts) {
        List<ResolvedArtifact> resolved = new ArrayList<>();
        Map<Coordinates, RepositoryLayout.Entry> byCoords = new LinkedHashMap<>();
        for (RepositoryLayout.Entry a : artifacts) {
            resolved.add(new ResolvedArtifact(a.coordinates(), a.file(), ResolvedArtifact.Kind.DEPENDENCY, null,
                    false, List.of(), null, null));
            byCoords.put(a.coordinates(), a);
        }
        // a directory holds much an SBOM of one product does not list: only different bytes are an error
        SbomVerifier verifier = SbomVerifier.builder().digests(digests).progress(progress)
                .severity(FindingCode.NOT_IN_SBOM, Severity.WARN)
                .severity(FindingCode.SBOM_VERSION_DRIFT, Severity.WARN)
                .severity(FindingCode.SBOM_NO_HASH, Severity.WARN)
                .build();
        List<Finding> out = new ArrayList<>();
        for (Finding f : verifier.verify(resolved, sboms).findings()) {
            Finding.Builder b = f.toBuilder().source(SOURCE).detail("check", SbomVerifier.SOURCE);
            RepositoryLayout.Entry a = f.coordinates() == null ? null : byCoords.get(f.coordinates());
            if (a != null) {
                b.file(a.file().toString()).detail("where", a.file().toString());
            }
            out.add(b.build());
        }
        return out;
    }

    private Finding.Builder base(FindingCode code, Severity severity, RepositoryLayout.Entry e) {
        Finding.Builder b = Finding.builder(code, severity).source(SOURCE).file(e.file().toString())
                .detail("where", e.file().toString());
        if (e.coordinates() != null) {
            b.coordinates(e.coordinates());
        }
        return b;
    }

    private void say(String line) {
        if (progress != null) {
            progress.accept(line);
        }
    }
}
