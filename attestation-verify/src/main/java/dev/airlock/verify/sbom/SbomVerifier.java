package dev.airlock.verify.sbom;

import dev.airlock.verify.artifact.ArtifactPattern;
import dev.airlock.verify.artifact.ResolvedArtifact;
import dev.airlock.verify.artifact.ResolvedArtifact.Kind;
import dev.airlock.verify.digest.Digests;
import dev.airlock.verify.digest.HashAlgorithm;
import dev.airlock.verify.finding.Coordinates;
import dev.airlock.verify.finding.Finding;
import dev.airlock.verify.finding.FindingCode;
import dev.airlock.verify.finding.Severity;
import dev.airlock.verify.io.Progress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Judges what a build resolved against one or more SBOMs. Immutable and thread-safe; build it with
 * {@link #builder()}.
 *
 * <h2>Matching</h2>
 * A resolved artifact is listed by an entry whose purl has qualifiers and gives the same
 * {@code groupId:artifactId:extension[:classifier]:version} (type mapped to extension, see {@link MavenPurl}), or by an
 * unqualified entry (no qualifiers, as spdx-maven-plugin writes) of the same {@code groupId:artifactId:version}.
 * SNAPSHOT versions compare by base version ({@code 1.0-20250101.120000-3} is {@code 1.0-SNAPSHOT}). When the build
 * resolved several files of the G:A:V of an unqualified entry (two classifiers, a jar and its test-jar), the entry's
 * hash, when it has one, tells which file it means; without a hash the entry is {@code SBOM_AMBIGUOUS} and each of
 * those files is present but unverified. Several SBOMs are one set: an artifact is listed when any of them lists it,
 * and each hash they give must match.
 *
 * <h2>Hashes</h2>
 * Per matching entry, the strongest algorithm it lists is compared (SHA-512 &gt; SHA-384 &gt; SHA-256 &gt; SHA-1, SHA-3
 * below the SHA-2 of the same size; MD5 never), hex case-insensitive. Files are hashed once per build through
 * {@link Digests} (all files of one call in parallel). Reactor artifacts are not hash-checked unless
 * {@link Builder#checkReactorHashes(boolean)}: module outputs change with every build that is not reproducible.
 *
 * <h2>Coverage</h2>
 * Dependencies of the checked scopes ({@link Builder#scopes}, default every scope) that an SBOM covers (CycloneDX's
 * {@code maven.scopes}; other SBOMs cover every scope) must be listed. Build plugins and extensions (with their
 * dependencies) must be listed only in an SBOM that records them (Airlock's {@code airlock.spdx.json}); against
 * third-party SBOMs one {@code NOT_EVALUATED} says they were not checked, instead of a {@code NOT_IN_SBOM} each.
 * Entries nobody resolved are {@code SBOM_ENTRY_NOT_RESOLVED}, except the root component, reactor projects, excluded
 * entries, entries of scopes or kinds not checked, and entries of an aggregate SBOM while the artifacts of not all its
 * modules are given (then one {@code NOT_EVALUATED} at info).
 *
 * <p>Versions are judged per artifact against the SBOM entries of its groupId:artifactId: an aggregate SBOM listing
 * 1.7.36 and 2.0.16 of one G:A accepts either, a per-module SBOM only its own.
 */
public final class SbomVerifier {
    /** The {@code source} of every finding. */
    public static final String SOURCE = "verifySbom";
    /** Where the recorded SBOM is, for the message that says plugins were not evaluated. */
    public static final String DEFAULT_RECORDED_SBOM = "${project.basedir}/airlock.spdx.json";

    private static final Map<FindingCode, Severity> DEFAULTS;

    static {
        EnumMap<FindingCode, Severity> m = new EnumMap<>(FindingCode.class);
        m.put(FindingCode.SBOM_HASH_MISMATCH, Severity.ERROR);
        m.put(FindingCode.NOT_IN_SBOM, Severity.ERROR);
        m.put(FindingCode.SBOM_VERSION_DRIFT, Severity.ERROR);
        m.put(FindingCode.SBOM_NO_HASH, Severity.ERROR);
        m.put(FindingCode.SBOM_AMBIGUOUS, Severity.WARN);
        m.put(FindingCode.WEAK_HASH_ONLY, Severity.WARN);
        m.put(FindingCode.SBOM_ENTRY_NOT_RESOLVED, Severity.WARN);
        m.put(FindingCode.NOT_EVALUATED, Severity.WARN);
        DEFAULTS = Collections.unmodifiableMap(m);
    }

    private static final Pattern TIMESTAMPED = Pattern.compile("^(.*)-([0-9]{8}\\.[0-9]{6})-([0-9]+)$");

    private final Set<String> scopes;
    private final boolean includePlugins;
    private final boolean includeExtensions;
    private final List<ArtifactPattern> excludes;
    private final boolean checkReactorHashes;
    private final Set<String> reactorProjects;
    private final Map<FindingCode, Severity> severities;
    private final Set<FindingCode> configured;
    private final Set<FindingCode> ignored;
    private final Digests digests;
    private final String recordedSbom;
    private final java.util.function.Consumer<String> progress;

    private SbomVerifier(Builder b) {
        this.scopes = b.scopes == null ? null : Set.copyOf(b.scopes);
        this.includePlugins = b.includePlugins;
        this.includeExtensions = b.includeExtensions;
        this.excludes = List.copyOf(b.excludes);
        this.checkReactorHashes = b.checkReactorHashes;
        this.reactorProjects = Set.copyOf(b.reactorProjects);
        EnumMap<FindingCode, Severity> s = new EnumMap<>(DEFAULTS);
        s.putAll(b.severities);
        this.severities = s;
        this.configured = b.severities.isEmpty() ? Set.of() : EnumSet.copyOf(b.severities.keySet());
        this.ignored = b.ignored.isEmpty() ? Set.of() : EnumSet.copyOf(b.ignored);
        this.digests = b.digests;
        this.recordedSbom = b.recordedSbom;
        this.progress = b.progress;
    }

    /**
     * The default severity of every code this verifier raises, release-gate secure (docs/sbom.md explains each):
     * {@code SBOM_HASH_MISMATCH}, {@code NOT_IN_SBOM}, {@code SBOM_VERSION_DRIFT}, {@code SBOM_NO_HASH} error;
     * {@code SBOM_AMBIGUOUS}, {@code WEAK_HASH_ONLY}, {@code SBOM_ENTRY_NOT_RESOLVED}, {@code NOT_EVALUATED} warn.
     */
    public static Map<FindingCode, Severity> defaults() {
        return DEFAULTS;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Options of a verification; every one has a secure default. */
    public static final class Builder {
        private Set<String> scopes;
        private boolean includePlugins = true;
        private boolean includeExtensions = true;
        private final List<ArtifactPattern> excludes = new ArrayList<>();
        private boolean checkReactorHashes;
        private final Set<String> reactorProjects = new HashSet<>();
        private final Map<FindingCode, Severity> severities = new EnumMap<>(FindingCode.class);
        private final Set<FindingCode> ignored = EnumSet.noneOf(FindingCode.class);
        private Digests digests = Digests.shared();
        private String recordedSbom = DEFAULT_RECORDED_SBOM;
        private java.util.function.Consumer<String> progress;

        private Builder() {}

        /** The dependency scopes checked; null or empty: every scope (the default). */
        public Builder scopes(Collection<String> scopes) {
            this.scopes = scopes == null || scopes.isEmpty() ? null
                    : scopes.stream().map(s -> s.strip().toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
            return this;
        }

        /** Whether build plugins of the execution plan and their dependencies are checked (default true). */
        public Builder includePlugins(boolean include) {
            this.includePlugins = include;
            return this;
        }

        /** Whether build extensions and their dependencies are checked (default true). */
        public Builder includeExtensions(boolean include) {
            this.includeExtensions = include;
            return this;
        }

        /**
         * Coordinate patterns left out on both sides (resolved artifacts and SBOM entries), see
         * {@link ArtifactPattern}.
         *
         * @throws IllegalArgumentException for a malformed pattern, naming it
         */
        public Builder excludes(Collection<String> patterns) {
            if (patterns != null) {
                for (String p : patterns) {
                    excludes.add(ArtifactPattern.parse(p));
                }
            }
            return this;
        }

        /** Compare hashes of reactor artifacts too (default false: module outputs change between builds). */
        public Builder checkReactorHashes(boolean check) {
            this.checkReactorHashes = check;
            return this;
        }

        /**
         * {@code groupId:artifactId} of every project of the reactor: their entries are never "not resolved", and
         * an aggregate SBOM's stale entries are judged only when artifacts of all of them are given.
         */
        public Builder reactorProjects(Collection<String> gas) {
            if (gas != null) {
                reactorProjects.addAll(gas);
            }
            return this;
        }

        /** Overrides one default severity ({@code <fail>}: ERROR, {@code <warn>}: WARN). */
        public Builder severity(FindingCode code, Severity severity) {
            severities.put(Objects.requireNonNull(code), Objects.requireNonNull(severity));
            ignored.remove(code);
            return this;
        }

        /** Leaves a code out of the findings ({@code <ignore>}). */
        public Builder ignore(FindingCode code) {
            ignored.add(Objects.requireNonNull(code));
            severities.remove(code);
            return this;
        }

        /** The digest cache (default {@link Digests#shared()}). */
        public Builder digests(Digests digests) {
            this.digests = Objects.requireNonNull(digests);
            return this;
        }

        /**
         * Where the hashing step's progress lines go (docs/progress.md): a line a second once it lasts two seconds,
         * and a final line; null (the default) for none.
         */
        public Builder progress(java.util.function.Consumer<String> sink) {
            this.progress = sink;
            return this;
        }

        /** Where the module's recorded SBOM is, named in the {@code NOT_EVALUATED} message for plugins. */
        public Builder recordedSbom(String pathOrHint) {
            this.recordedSbom = Objects.requireNonNull(pathOrHint);
            return this;
        }

        public SbomVerifier build() {
            return new SbomVerifier(this);
        }
    }

    // ------------------------------------------------------------------------------------------------------------

    /** One distinct coordinate the build resolved, with everything that brought it in. */
    private static final class Group {
        final Coordinates c;
        final String key;
        final String gav;
        final String ga;
        final List<ResolvedArtifact> all = new ArrayList<>();
        final Set<Kind> kinds = EnumSet.noneOf(Kind.class);
        final Set<String> scopes = new TreeSet<>();
        final Set<String> modules = new TreeSet<>();
        Path file;
        boolean reactor;
        boolean excluded;
        Boolean regularFile;

        Group(Coordinates c) {
            this.c = c;
            this.ga = c.groupId() + ':' + c.artifactId();
            this.gav = ga + ':' + baseVersion(c.version());
            this.key = ga + ':' + c.extension() + ':' + c.classifier() + ':' + baseVersion(c.version());
        }

        ResolvedArtifact first() {
            return all.get(0);
        }

        String what() {
            List<String> parts = new ArrayList<>();
            if (kinds.contains(Kind.DEPENDENCY)) {
                parts.add(scopes.isEmpty() ? "dependency" : String.join("/", scopes) + " dependency");
            }
            if (kinds.contains(Kind.PLUGIN)) {
                parts.add("build plugin or plugin dependency");
            }
            if (kinds.contains(Kind.EXTENSION)) {
                parts.add("build extension");
            }
            return String.join(", ", parts);
        }
    }

    /** An entry of one document. */
    private record Listed(SbomDocument doc, SbomEntry e) {
        String where() {
            return doc.describe() + " entry " + e.ref();
        }
    }

    /** A finding before its file's sha256 is known. */
    private record Draft(Finding.Builder b, Path file) {}

    /**
     * Verifies {@code resolved} (the artifacts of one module, or of several modules of a reactor: each keeps its
     * {@link ResolvedArtifact#module()}) against {@code sboms} (one or more documents read as one set).
     */
    public SbomVerification verify(List<ResolvedArtifact> resolved, List<SbomDocument> sboms) {
        Objects.requireNonNull(resolved, "resolved");
        if (sboms == null || sboms.isEmpty()) {
            throw new IllegalArgumentException("no SBOM to verify against");
        }
        Run run = new Run(sboms);
        run.group(resolved);
        run.index();
        run.matchAndHash();
        run.identifyAmbiguousEntries();
        for (Group g : run.groups.values()) {
            run.judge(g);
        }
        run.reportAmbiguousEntries();
        run.reportUnjudgedPlugins();
        run.drafts.addAll(staleEntries(sboms, run.listedOf, run.matched, run.reactorGas, run.rootGas, run.modules));
        run.drafts.addAll(unknownAlgorithms(sboms, run.listedOf));
        return new SbomVerification(finish(run.drafts), run.considered, run.excludedCount, run.outOfScope,
                run.verified, run.reactorNotHashed, run.pluginsNotEvaluated);
    }

    /**
     * One verification, in named steps: group the resolved artifacts by coordinate, index the SBOM entries, match and
     * hash, tell which file an unqualified hashed entry means, judge each group, then the findings about the set.
     */
    private final class Run {
        final List<SbomDocument> sboms;
        final String docs;
        final Map<String, Group> groups = new TreeMap<>();
        final Set<String> modules = new TreeSet<>();
        final Map<String, List<Group>> byGav = new HashMap<>();
        final Set<String> reactorGas = new HashSet<>(reactorProjects);
        final Map<String, List<Listed>> qualified = new HashMap<>();
        final Map<String, List<Listed>> unqualified = new HashMap<>();
        final Map<String, List<Listed>> byGa = new HashMap<>();
        final Map<SbomDocument, List<Listed>> listedOf = new IdentityHashMap<>();
        final Set<String> rootGavs = new HashSet<>();
        final Set<String> rootGas = new HashSet<>();
        boolean anyRecordsPlugins;
        final Set<String> covered = new HashSet<>();
        boolean coversAll;
        final Map<Listed, Boolean> matched = new IdentityHashMap<>();
        final Map<Group, List<Listed>> exactOf = new IdentityHashMap<>();
        final Map<Group, List<Listed>> looseOf = new IdentityHashMap<>();
        final Map<Group, Boolean> ambiguousOf = new IdentityHashMap<>();
        final Map<Listed, Set<Group>> identified = new IdentityHashMap<>();
        final List<Draft> drafts = new ArrayList<>();
        final Map<HashAlgorithm, Integer> verified = new EnumMap<>(HashAlgorithm.class);
        final List<String> reactorNotHashed = new ArrayList<>();
        final List<String> pluginsNotEvaluated = new ArrayList<>();
        final Map<Listed, List<Group>> ambiguousEntries = new LinkedHashMap<>();
        int excludedCount;
        int outOfScope;
        int considered;
        Map<Path, Digests.Result> hashed;

        Run(List<SbomDocument> sboms) {
            this.sboms = sboms;
            this.docs = sboms.stream().map(SbomDocument::describe).collect(Collectors.joining(", "));
        }

        /** One group per distinct coordinate; the reactor's groupId:artifactIds. */
        void group(List<ResolvedArtifact> resolved) {
            for (ResolvedArtifact a : resolved) {
                Group g = groups.computeIfAbsent(a.coordinates().toString(), k -> new Group(a.coordinates()));
                g.all.add(a);
                g.kinds.add(a.kind());
                if (a.kind() == Kind.DEPENDENCY && a.scope() != null) {
                    g.scopes.add(a.scope().toLowerCase(Locale.ROOT));
                }
                if (a.module() != null) {
                    g.modules.add(a.module());
                    modules.add(a.module());
                }
                if (g.file == null && a.file() != null) {
                    g.file = a.file();
                }
                g.reactor |= a.reactor();
            }
            for (Group g : groups.values()) {
                g.excluded = excludes.stream().anyMatch(p -> p.matches(g.c));
            }
            for (Group g : groups.values()) {
                byGav.computeIfAbsent(g.gav, k -> new ArrayList<>()).add(g);
            }
            reactorGas.addAll(modules);
            for (Group g : groups.values()) {
                if (g.reactor) {
                    reactorGas.add(g.ga);
                }
            }
        }

        /** Indexes the entries of every document: by qualified purl, by G:A:V, by G:A; the documents' roots and scopes. */
        void index() {
            for (SbomDocument d : sboms) {
                anyRecordsPlugins |= d.recordsPlugins();
                if (d.coveredScopes().isPresent()) {
                    covered.addAll(d.coveredScopes().get());
                } else {
                    coversAll = true;
                }
                d.root().ifPresent(r -> {
                    rootGavs.add(r.groupId() + ':' + r.artifactId() + ':' + baseVersion(r.version()));
                    rootGas.add(r.groupId() + ':' + r.artifactId());
                });
                List<Listed> ofDoc = listedOf.computeIfAbsent(d, k -> new ArrayList<>());
                for (SbomEntry e : d.entries()) {
                    Listed l = new Listed(d, e);
                    ofDoc.add(l);
                    String ga = e.groupId() + ':' + e.artifactId();
                    byGa.computeIfAbsent(ga, k -> new ArrayList<>()).add(l);
                    if (e.qualified()) {
                        MavenPurl p = e.purl();
                        qualified.computeIfAbsent(ga + ':' + p.extension() + ':' + p.classifier() + ':'
                                + baseVersion(p.version()), k -> new ArrayList<>()).add(l);
                    } else {
                        unqualified.computeIfAbsent(ga + ':' + baseVersion(e.version()), k -> new ArrayList<>()).add(l);
                    }
                }
            }
        }

        /** Which entries each group matches; hashes each file once with the algorithms its entries need. */
        void matchAndHash() {
            Map<Path, Set<HashAlgorithm>> requests = new LinkedHashMap<>();
            for (Group g : groups.values()) {
                List<Listed> exact = qualified.getOrDefault(g.key, List.of());
                List<Listed> loose = unqualified.getOrDefault(g.gav, List.of());
                exactOf.put(g, exact);
                looseOf.put(g, loose);
                ambiguousOf.put(g, !loose.isEmpty() && candidates(byGav.get(g.gav)).size() > 1);
                exact.forEach(l -> matched.put(l, true));
                loose.forEach(l -> matched.put(l, true));
                if (hashable(g) && !g.excluded) {
                    for (Listed l : concat(exact, loose)) {
                        l.e().strongest().ifPresent(a -> requests.computeIfAbsent(g.file, k -> EnumSet.noneOf(
                                HashAlgorithm.class)).add(a));
                    }
                }
            }
            try (Progress p = Progress.of(SOURCE + ": hashing", "files", requests.size(), progress)) {
                hashed = digests.digestAll(requests, p);
            }
        }

        /** Unqualified entries with a hash and several candidate files: which candidates the hash identifies. */
        void identifyAmbiguousEntries() {
            for (Group g : groups.values()) {
                if (!ambiguousOf.get(g)) {
                    continue;
                }
                for (Listed u : looseOf.get(g)) {
                    if (identified.containsKey(u) || u.e().strongest().isEmpty()) {
                        continue;
                    }
                    HashAlgorithm alg = u.e().strongest().get();
                    Set<Group> ids = Collections.newSetFromMap(new IdentityHashMap<>());
                    boolean allComparable = true;
                    for (Group cand : candidates(byGav.get(g.gav))) {
                        String actual = digestOf(hashed, cand, alg);
                        if (actual == null) {
                            allComparable = false;
                        } else if (actual.equals(u.e().hashes().get(alg))) {
                            ids.add(cand);
                        }
                    }
                    identified.put(u, allComparable || !ids.isEmpty() ? ids : null);
                }
            }
        }

        /** Judges one group: listed or not, hash matches, mismatches, no hash, not evaluated. */
        void judge(Group g) {
            if (g.excluded) {
                excludedCount++;
                return;
            }
            boolean depChecked = g.kinds.contains(Kind.DEPENDENCY) && (g.scopes.isEmpty() || scopes == null
                    || g.scopes.stream().anyMatch(scopes::contains));
            boolean depCovered = depChecked && (coversAll || g.scopes.isEmpty()
                    || g.scopes.stream().anyMatch(s -> (scopes == null || scopes.contains(s)) && covered.contains(s)));
            boolean pluginChecked = (g.kinds.contains(Kind.PLUGIN) && includePlugins)
                    || (g.kinds.contains(Kind.EXTENSION) && includeExtensions);
            boolean pluginCovered = pluginChecked && anyRecordsPlugins;
            if (!depChecked && !pluginChecked) {
                outOfScope++;
                return;
            }
            considered++;
            boolean expected = depCovered || pluginCovered;
            boolean pluginUnjudged = pluginChecked && !anyRecordsPlugins && !depCovered;
            boolean ambiguous = ambiguousOf.get(g);
            List<Listed> direct = ambiguous ? exactOf.get(g) : concat(exactOf.get(g), looseOf.get(g));
            boolean canHash = hashable(g);
            List<Listed> noHash = new ArrayList<>();
            List<Object[]> mismatches = new ArrayList<>(); // {Listed, alg, actual}
            List<Object[]> matches = new ArrayList<>(); // {Listed, alg}
            boolean unverifiable = false;
            for (Listed l : direct) {
                var alg = l.e().strongest();
                if (alg.isEmpty()) {
                    noHash.add(l);
                } else if (canHash) {
                    String actual = digestOf(hashed, g, alg.get());
                    if (actual == null) {
                        continue;
                    }
                    if (actual.equals(l.e().hashes().get(alg.get()))) {
                        matches.add(new Object[] {l, alg.get()});
                    } else {
                        mismatches.add(new Object[] {l, alg.get(), actual});
                    }
                }
            }
            boolean listedAmbiguously = false;
            if (ambiguous) {
                for (Listed u : looseOf.get(g)) {
                    Set<Group> ids = identified.get(u);
                    if (u.e().strongest().isEmpty() || ids == null) {
                        unverifiable = true;
                        listedAmbiguously = true;
                        ambiguousEntries.computeIfAbsent(u, k -> candidates(byGav.get(g.gav)));
                    } else if (ids.contains(g)) {
                        matches.add(new Object[] {u, u.e().strongest().get()});
                    } else if (ids.isEmpty() && canHash) {
                        HashAlgorithm alg = u.e().strongest().get();
                        mismatches.add(new Object[] {u, alg, digestOf(hashed, g, alg)});
                    }
                }
            }
            boolean listed = !direct.isEmpty() || !matches.isEmpty() || !mismatches.isEmpty() || listedAmbiguously;
            if (!listed) {
                if (pluginUnjudged) {
                    pluginsNotEvaluated.add(g.c.toString()); // listed ones are checked like any other
                }
                if (rootGavs.contains(g.gav)) {
                    return; // the project an SBOM describes
                }
                if (expected) {
                    drafts.add(notListed(g, byGa.getOrDefault(g.ga, List.of()), sboms, docs));
                }
                return;
            }
            boolean anyHash = concat(direct, ambiguous ? looseOf.get(g) : List.of()).stream()
                    .anyMatch(l -> l.e().strongest().isPresent());
            if (!canHash && (anyHash || g.reactor)) {
                if (g.reactor && !checkReactorHashes) {
                    reactorNotHashed.add(g.c.toString());
                } else {
                    drafts.add(new Draft(base(FindingCode.NOT_EVALUATED, g)
                            .message(g.c + " is listed in " + docs + ", but its file "
                                    + (g.file == null ? "is not known" : g.file + " is not a readable regular file")
                                    + ", so its hash was not compared.")
                            .expected("a resolved file").actual(g.file == null ? "none" : g.file.toString())
                            .fix("Resolve the artifact to a file (not a directory of classes) before the rule runs,"
                                    + " for example by running the build to the package phase."), null));
                }
                return;
            }
            Digests.Result r = canHash ? hashed.get(g.file) : null;
            if (r != null && !r.ok()) {
                drafts.add(new Draft(base(FindingCode.NOT_EVALUATED, g)
                        .message("The file of " + g.c + " could not be hashed (" + r.error().getMessage() + "), so it"
                                + " was not compared with " + docs + '.')
                        .expected("a readable file").actual(String.valueOf(r.error().getMessage()))
                        .fix("Check that " + g.file + " exists and is readable, then build again."), null));
                return;
            }
            if (!mismatches.isEmpty()) {
                drafts.add(mismatch(g, mismatches));
            } else if (!matches.isEmpty()) {
                HashAlgorithm best = matches.stream().map(m -> (HashAlgorithm) m[1])
                        .max(Comparator.comparingInt(HashAlgorithm::strength)).orElseThrow();
                verified.merge(best, 1, Integer::sum);
                if (best.isWeak()) {
                    Listed l = (Listed) matches.get(0)[0];
                    drafts.add(new Draft(base(FindingCode.WEAK_HASH_ONLY, g)
                            .message(g.c + " matches the SHA-1 that " + l.where() + " lists, its only comparable"
                                    + " hash; SHA-1 collisions can be manufactured, so this match proves less than a"
                                    + " SHA-256 or SHA-512 one.")
                            .expected("a SHA-256 or stronger hash in the SBOM").actual("sha1 " + l.e().hashes().get(
                                    HashAlgorithm.SHA1))
                            .detail("sbom", l.doc().file().toString()).detail("entry", l.e().ref())
                            .fix("Regenerate the SBOM with SHA-256 or SHA-512 hashes (cyclonedx-maven-plugin writes"
                                    + " both)."), g.file));
                }
            } else if (!noHash.isEmpty() || unverifiable) {
                Listed l = !noHash.isEmpty() ? noHash.get(0) : looseOf.get(g).get(0);
                List<String> others = l.e().otherHashes();
                drafts.add(new Draft(base(FindingCode.SBOM_NO_HASH, g)
                        .message(g.c + " is listed in " + l.where() + " without a hash Airlock compares"
                                + (others.isEmpty() ? "" : " (it lists only " + String.join(", ", others) + ')')
                                + (unverifiable && noHash.isEmpty() ? " that tells which of the resolved files it"
                                        + " means" : "")
                                + ", so its bytes are not verified: present, but unverifiable.")
                        .expected("a SHA-1, SHA-2 or SHA-3 hash in the SBOM").actual(others.isEmpty() ? "none"
                                : String.join(", ", others) + " only")
                        .detail("sbom", l.doc().file().toString()).detail("entry", l.e().ref())
                        .fix("Verify against an SBOM that records hashes per component (cyclonedx-maven-plugin writes"
                                + " SHA-256 and SHA-512; spdx-maven-plugin 1.0.4 writes none) or Airlock's recorded"
                                + " airlock.spdx.json; to accept a presence-only check, set"
                                + " <warn>SBOM_NO_HASH</warn>."), g.file));
            }
        }

        /** An unqualified entry without a hash that several resolved files could be. */
        void reportAmbiguousEntries() {
            for (Map.Entry<Listed, List<Group>> e : ambiguousEntries.entrySet()) {
                Listed u = e.getKey();
                String files = e.getValue().stream().map(x -> x.c.toString()).collect(Collectors.joining(", "));
                drafts.add(new Draft(about(
                        Finding.builder(FindingCode.SBOM_AMBIGUOUS, Severity.WARN).source(SOURCE), u.e())
                        .message(u.where() + " names " + u.e().purl().purl() + " without type or classifier qualifiers"
                                + " and without a hash, and the build resolved " + e.getValue().size() + " files of it: "
                                + files + ". Which one the SBOM means cannot be told; each is present but unverified.")
                        .expected("one resolved file for " + u.e().display()).actual(files)
                        .detail("sbom", u.doc().file().toString()).detail("entry", u.e().ref())
                        .fix("Use an SBOM whose purls carry type and classifier qualifiers (cyclonedx-maven-plugin"
                                + " writes them) or Airlock's recorded airlock.spdx.json."), null));
            }
        }

        /** Plugins and extensions no document could judge (no SBOM records build plugins). */
        void reportUnjudgedPlugins() {
            if (!pluginsNotEvaluated.isEmpty()) {
                drafts.add(new Draft(Finding.builder(FindingCode.NOT_EVALUATED, Severity.WARN).source(SOURCE)
                        .message(pluginsNotEvaluated.size() + " build plugin and extension artifacts (plugins of the"
                                + " execution plan, build extensions and their dependencies) were not checked against "
                                + docs + ": SBOMs from cyclonedx-maven-plugin and spdx-maven-plugin do not record build"
                                + " plugins.")
                        .expected("an SBOM that records build plugins").actual(docs)
                        .detail("artifacts", String.join(", ", pluginsNotEvaluated.subList(0,
                                Math.min(20, pluginsNotEvaluated.size())))
                                + (pluginsNotEvaluated.size() > 20 ? ", ..." : ""))
                        .fix("Record them with the Airlock record goal, which writes " + recordedSbom + " (SPDX 2.3 with"
                                + " SHA-256 and SHA-512 of every dependency, plugin and extension), review and commit it,"
                                + " and add it to <sbom>; or set <includePlugins>false</includePlugins> and"
                                + " <includeExtensions>false</includeExtensions> to state that this rule does not verify"
                                + " them."), null));
            }
        }
    }

    private List<Draft> staleEntries(List<SbomDocument> sboms, Map<SbomDocument, List<Listed>> listedOf,
            Map<Listed, Boolean> matched, Set<String> reactorGas, Set<String> rootGas, Set<String> modules) {
        List<Draft> out = new ArrayList<>();
        String built = modules.isEmpty() ? "this build" : "the build of " + String.join(", ", modules);
        for (SbomDocument d : sboms) {
            int unjudgedScope = 0;
            boolean aggregatePartial = false;
            if (d.aggregate()) {
                Set<String> listedModules = new TreeSet<>();
                for (SbomEntry e : d.entries()) {
                    String ga = e.groupId() + ':' + e.artifactId();
                    if (reactorProjects.contains(ga)) {
                        listedModules.add(ga);
                    }
                }
                aggregatePartial = reactorProjects.isEmpty() || !modules.containsAll(listedModules);
            }
            if (aggregatePartial) {
                out.add(new Draft(Finding.builder(FindingCode.NOT_EVALUATED, Severity.INFO).source(SOURCE)
                        .message(d.describe() + " is an aggregate of the whole reactor; its entries that " + built
                                + " did not resolve were not judged stale, because the artifacts of not all its"
                                + " modules were given.")
                        .expected("the resolved artifacts of every module of the reactor").actual(built)
                        .fix("Judge stale entries of an aggregate SBOM once, with the artifacts of every module of"
                                + " the reactor (and reactorProjects), or verify each module against its own SBOM."),
                        null));
                continue;
            }
            for (Listed l : listedOf.getOrDefault(d, List.of())) {
                SbomEntry e = l.e();
                if (matched.containsKey(l)) {
                    continue;
                }
                String ga = e.groupId() + ':' + e.artifactId();
                if (reactorGas.contains(ga) || rootGas.contains(ga)) {
                    continue;
                }
                if (excludes.stream().anyMatch(p -> e.qualified() ? p.matches(e.purl().coordinates())
                        : p.matchesWithoutExtension(e.groupId(), e.artifactId(), e.version()))) {
                    continue;
                }
                if (!e.kinds().isEmpty()) {
                    // plugins and extensions are never stale: a build resolves only the plugins of the phases it
                    // runs (a record made for clean..deploy lists deploy plugins that a "verify" build never loads)
                    boolean judged = e.kinds().contains(Kind.DEPENDENCY) && (scopes == null || e.scope() == null
                            || scopes.contains(e.scope()));
                    if (!judged) {
                        continue;
                    }
                } else if (scopes != null && e.scope() == null
                        && !(d.coveredScopes().isPresent() && scopes.containsAll(d.coveredScopes().get()))) {
                    unjudgedScope++;
                    continue;
                }
                out.add(new Draft(about(
                        Finding.builder(FindingCode.SBOM_ENTRY_NOT_RESOLVED, Severity.WARN).source(SOURCE), e)
                        .message(l.where() + " lists " + e.display() + ", but " + built + " did not resolve it: the"
                                + " SBOM is stale or describes another build.")
                        .expected("resolved by the build").actual("not resolved")
                        .detail("sbom", d.file().toString()).detail("entry", e.ref())
                        .fix("Regenerate the SBOM from this build (and review the difference), or remove the entry."),
                        null));
            }
            if (unjudgedScope > 0) {
                out.add(new Draft(Finding.builder(FindingCode.NOT_EVALUATED, Severity.INFO).source(SOURCE)
                        .message(unjudgedScope + " entries of " + d.describe() + " that the build did not resolve"
                                + " were not judged stale: the SBOM does not record their scope, and it covers scopes"
                                + " (" + d.coveredScopes().map(Object::toString).orElse("all") + ") beyond the"
                                + " checked ones (" + new TreeSet<>(scopes) + ").")
                        .expected("entries of known scope").actual(unjudgedScope + " of unknown scope")
                        .fix("Check every scope the SBOM covers, or use an SBOM of exactly the checked scopes."),
                        null));
            }
        }
        return out;
    }

    /**
     * A hash whose algorithm no SBOM format defines (a misspelt {@code SHA-2566}, an invented name) is compared by
     * no reader: reported, one finding per entry, so that it is not dropped without a word. An entry with nothing
     * else is also {@code SBOM_NO_HASH} when the build resolved it.
     */
    private List<Draft> unknownAlgorithms(List<SbomDocument> sboms, Map<SbomDocument, List<Listed>> listedOf) {
        List<Draft> out = new ArrayList<>();
        for (SbomDocument d : sboms) {
            for (Listed l : listedOf.getOrDefault(d, List.of())) {
                SbomEntry e = l.e();
                if (e.unknownHashes().isEmpty() || excludes.stream().anyMatch(p -> e.qualified()
                        ? p.matches(e.purl().coordinates())
                        : p.matchesWithoutExtension(e.groupId(), e.artifactId(), e.version()))) {
                    continue;
                }
                String names = e.unknownHashes().stream().map(a -> "'" + a + "'").collect(Collectors.joining(", "));
                boolean plural = e.unknownHashes().size() > 1;
                out.add(new Draft(about(
                        Finding.builder(FindingCode.NOT_EVALUATED, Severity.WARN).source(SOURCE), e)
                        .message(l.where() + " (" + e.purl().purl() + ") lists a hash with the algorithm"
                                + (plural ? "s " : " ") + names + ", which no SBOM format defines, so "
                                + (plural ? "those hashes were" : "that hash was") + " not compared"
                                + (e.strongest().isEmpty() ? "; the entry has no other hash Airlock compares"
                                        : "; the entry's " + e.strongest().get().displayName() + " was")
                                + '.')
                        .expected("a hash algorithm the format defines (SHA-256, SHA-512, ...)")
                        .actual(String.join(", ", e.unknownHashes()))
                        .detail("sbom", d.file().toString()).detail("entry", e.ref())
                        .detail("algorithm", String.join(", ", e.unknownHashes()))
                        .fix("Regenerate the SBOM with its tool, or correct the algorithm's name (CycloneDX: SHA-256,"
                                + " SHA-384, SHA-512, SHA3-256, ...): a hash under a misspelt name is checked by no"
                                + " verifier."), null));
            }
        }
        return out;
    }

    private Draft notListed(Group g, List<Listed> sameGa, List<SbomDocument> sboms, String docs) {
        Set<String> versions = new TreeSet<>();
        for (Listed l : sameGa) {
            boolean sameFile = !l.e().qualified() || (l.e().purl().extension().equals(g.c.extension())
                    && l.e().purl().classifier().equals(g.c.classifier()));
            if (sameFile && !baseVersion(l.e().version()).equals(baseVersion(g.c.version()))) {
                versions.add(l.e().version());
            }
        }
        if (!versions.isEmpty()) {
            return new Draft(base(FindingCode.SBOM_VERSION_DRIFT, g)
                    .message(g.ga + " was resolved at version " + g.c.version() + " (" + g.what() + "), but " + docs
                            + (versions.size() == 1 ? " lists version " : " list versions ")
                            + String.join(", ", versions) + '.')
                    .expected((versions.size() == 1 ? "version " : "one of versions ") + String.join(", ", versions))
                    .actual("version " + g.c.version())
                    .fix("Pin the version the SBOM lists (dependencyManagement / pluginManagement), or regenerate the"
                            + " SBOM from this build and review the version change."), g.file);
        }
        return new Draft(base(FindingCode.NOT_IN_SBOM, g)
                .message(g.c + " (" + g.what() + ") was resolved, but " + docs + (sboms.size() == 1 ? " does" : " do")
                        + " not list it.")
                .expected("an entry in the SBOM").actual("not listed")
                .fix("If the artifact is intended, regenerate the SBOM from this build and review the change;"
                        + " otherwise remove it from the build (dependency:tree shows what brings it in). To accept"
                        + " it without an entry, add it to <excludes>."), g.file);
    }

    private Draft mismatch(Group g, List<Object[]> mismatches) {
        Object[] m = mismatches.get(0);
        Listed l = (Listed) m[0];
        HashAlgorithm alg = (HashAlgorithm) m[1];
        String actual = (String) m[2];
        String expectedHex = l.e().hashes().get(alg);
        Finding.Builder b = base(FindingCode.SBOM_HASH_MISMATCH, g)
                .message("The " + alg.displayName() + " of " + g.file + " is " + actual + ", but " + l.where()
                        + " lists " + expectedHex + " for " + g.c + ": the resolved bytes are not the ones the SBOM"
                        + " describes.")
                .expected(alg.id() + ' ' + expectedHex).actual(alg.id() + ' ' + actual)
                .detail("algorithm", alg.displayName()).detail("sbom", l.doc().file().toString())
                .detail("entry", l.e().ref())
                .fix("Do not use this file: when this finding fails the build, the file is moved into quarantine at"
                        + " the end of the build. Find out where these bytes came from" + (g.first().repositoryId() == null ? "" : " (repository "
                                + g.first().repositoryId() + ")") + "; if the SBOM is the stale side, regenerate it"
                        + " from a trusted build and review the difference before releasing the file.");
        if (mismatches.size() > 1) {
            b.detail("alsoMismatched", mismatches.subList(1, mismatches.size()).stream()
                    .map(x -> ((Listed) x[0]).where()).collect(Collectors.joining("; ")));
        }
        return new Draft(b, g.file);
    }

    /**
     * {@code b} about SBOM entry {@code e}: its coordinates when its purl says which file it means, else the label
     * {@link SbomEntry#display()} ({@code groupId:artifactId:*:version}).
     */
    private static Finding.Builder about(Finding.Builder b, SbomEntry e) {
        return e.qualified() ? b.coordinates(e.purl().coordinates()) : b.subject(e.display());
    }

    private Finding.Builder base(FindingCode code, Group g) {
        ResolvedArtifact a = g.first();
        Finding.Builder b = Finding.builder(code, Severity.ERROR).source(SOURCE).coordinates(g.c)
                .file(g.file == null ? null : g.file.toString()).repository(a.repositoryId(), null).path(a.path());
        if (!g.modules.isEmpty()) {
            b.detail("modules", String.join(", ", g.modules));
        }
        b.detail("kind", g.what());
        return b;
    }

    /** Applies severities and ignores, adds each file's sha256 (hashed once, in parallel), sorts. */
    private List<Finding> finish(List<Draft> drafts) {
        Map<Path, Set<HashAlgorithm>> need = new LinkedHashMap<>();
        List<Draft> kept = new ArrayList<>();
        for (Draft d : drafts) {
            FindingCode code = d.b().build().code();
            if (ignored.contains(code)) {
                continue;
            }
            kept.add(d);
            if (d.file() != null && Files.isRegularFile(d.file())) {
                need.put(d.file(), EnumSet.of(HashAlgorithm.SHA256));
            }
        }
        Map<Path, Digests.Result> sha = digests.digestAll(need);
        List<Finding> out = new ArrayList<>();
        for (Draft d : kept) {
            Finding draft = d.b().build();
            Severity s = draft.severity() == Severity.INFO && !configured.contains(draft.code()) ? Severity.INFO
                    : severities.getOrDefault(draft.code(), draft.severity());
            Finding.Builder b = d.b().severity(s);
            Digests.Result r = d.file() == null ? null : sha.get(d.file());
            if (r != null && r.ok()) {
                b.sha256(r.digests().get(HashAlgorithm.SHA256));
            }
            out.add(b.build());
        }
        out.sort(Comparator.comparing((Finding f) -> f.code().ordinal())
                .thenComparing(f -> String.valueOf(f.subject()))
                .thenComparing(Finding::message));
        return out;
    }

    private boolean hashable(Group g) {
        if (g.file == null || (g.reactor && !checkReactorHashes)) {
            return false;
        }
        if (g.regularFile == null) {
            g.regularFile = Files.isRegularFile(g.file);
        }
        return g.regularFile;
    }

    private String digestOf(Map<Path, Digests.Result> hashed, Group g, HashAlgorithm alg) {
        if (!hashable(g)) {
            return null;
        }
        Digests.Result r = hashed.get(g.file);
        if (r != null && r.ok() && r.digests().containsKey(alg)) {
            return r.digests().get(alg);
        }
        try {
            return digests.digest(g.file, alg);
        } catch (java.io.IOException | RuntimeException e) {
            return null;
        }
    }

    /** The resolved files one unqualified entry can mean: POM-only candidates drop out when a file exists. */
    private static List<Group> candidates(List<Group> sameGav) {
        if (sameGav == null) {
            return List.of();
        }
        List<Group> nonPom = sameGav.stream().filter(g -> !g.c.extension().equals("pom")).toList();
        return nonPom.isEmpty() ? sameGav : nonPom;
    }

    private static List<Listed> concat(List<Listed> a, List<Listed> b) {
        if (b.isEmpty()) {
            return a;
        }
        if (a.isEmpty()) {
            return b;
        }
        List<Listed> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    /** {@code 1.0-20250101.120000-3} → {@code 1.0-SNAPSHOT}; other versions unchanged. */
    static String baseVersion(String version) {
        int len = version.length();
        if (len < 17 || !Character.isDigit(version.charAt(len - 1)) || version.indexOf('.') < 0) {
            return version; // cannot end in -yyyyMMdd.HHmmss-N
        }
        Matcher m = TIMESTAMPED.matcher(version);
        return m.matches() ? m.group(1) + "-SNAPSHOT" : version;
    }

    @Override
    public String toString() {
        return "SbomVerifier{scopes=" + (scopes == null ? "all" : new TreeSet<>(scopes)) + ", includePlugins="
                + includePlugins + ", includeExtensions=" + includeExtensions + ", excludes=" + excludes
                + ", checkReactorHashes=" + checkReactorHashes + '}';
    }

}
