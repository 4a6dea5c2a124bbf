package dev.airlock.extension;

import dev.airlock.verify.config.AirlockConfig;
import dev.airlock.verify.config.ConfigException;
import dev.airlock.verify.config.Levels.Mode;
import dev.airlock.verify.config.MirrorSpec;
import dev.airlock.verify.digest.DigestCache;
import dev.airlock.verify.evidence.ResolutionEntry;
import dev.airlock.verify.evidence.ResolutionLog;
import dev.airlock.verify.finding.Finding;
import dev.airlock.verify.finding.FindingCode;
import dev.airlock.verify.finding.Severity;
import dev.airlock.verify.judge.ExfiltrationJudgement;
import dev.airlock.verify.judge.JudgeMode;
import dev.airlock.verify.judge.Reactor;
import dev.airlock.verify.judge.RepositoryRequest;
import dev.airlock.verify.judge.Verdict;
import dev.airlock.verify.lock.LockFile;
import dev.airlock.verify.quarantine.QuarantineStore;
import dev.airlock.verify.secrets.SecretScanner;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.aether.repository.RemoteRepository;

/**
 * Everything Airlock knows about one build: its configuration, evidence log, findings, and the counters of the
 * console summary. One per Maven invocation (a daemon starts a new one per build). Thread-safe: parallel builds
 * ({@code -T}) resolve from several threads.
 */
final class BuildSession {
    static final String SOURCE = "extension";

    private final String id = UUID.randomUUID().toString();
    private final long startMillis;
    private final AirlockConfig config;
    private final ConfigException configError;
    private final Path projectRoot;
    private final ResolutionLog log;
    private final EvidenceWork evidence;
    private final DigestCache digests = new DigestCache();

    private final ConcurrentLinkedDeque<Finding> findings = new ConcurrentLinkedDeque<>();
    private final Set<String> findingKeys = ConcurrentHashMap.newKeySet();
    private final Map<String, Optional<MirrorSpec>> mirrorByRepo = new ConcurrentHashMap<>();
    private final Map<String, BlockedRepository> blocked = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> artifactsPerMirror = new ConcurrentHashMap<>();
    private final AtomicInteger refused = new AtomicInteger();
    private final AtomicInteger fromReactor = new AtomicInteger();
    private final AtomicInteger fromLocal = new AtomicInteger();
    private final AtomicInteger requestsToMirrors = new AtomicInteger();
    private final AtomicInteger requestsElsewhere = new AtomicInteger();
    private final Set<String> floatingPlugins = ConcurrentHashMap.newKeySet();
    private final Set<String> floatingRanges = ConcurrentHashMap.newKeySet();
    private final Set<Path> verifiedCachedCopies = ConcurrentHashMap.newKeySet();
    private final DeclaringPoms declaringPoms = new DeclaringPoms();
    private volatile Reactor reactor = Reactor.none();
    private volatile boolean finished;
    private volatile boolean fromRequest;
    private volatile boolean sessionStarted;
    private final java.util.concurrent.atomic.AtomicBoolean startMissingReported =
            new java.util.concurrent.atomic.AtomicBoolean();
    private volatile QuarantineStore quarantine;
    private final List<String> quarantined = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final List<String> feedLines = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile FleetFeed fleetFeed;

    private volatile SecretScanner secrets = SecretScanner.none();
    private final Set<String> exfiltrationReported = ConcurrentHashMap.newKeySet();

    private final LockFile lock;
    private final boolean recording;

    BuildSession(long startMillis, AirlockConfig config, ConfigException configError, Path projectRoot) {
        this(startMillis, config, configError, projectRoot, null, false);
    }

    BuildSession(long startMillis, AirlockConfig config, ConfigException configError, Path projectRoot, LockFile lock,
            boolean recording) {
        this.lock = lock;
        this.recording = recording;
        this.startMillis = startMillis;
        this.config = config;
        this.configError = configError;
        this.projectRoot = projectRoot;
        this.log = new ResolutionLog(id);
        this.evidence = new EvidenceWork(log, digests, config != null && config.digestIndex());
    }

    String id() {
        return id;
    }

    long startMillis() {
        return startMillis;
    }

    /** Null when the configuration could not be loaded; see {@link #configError()}. */
    AirlockConfig config() {
        return config;
    }

    ConfigException configError() {
        return configError;
    }

    /** The lock every resolved artifact is checked against, or null. */
    LockFile lock() {
        return lock;
    }

    /** True while the record goal runs: nothing is checked against the lock, and every artifact is hashed. */
    boolean recording() {
        return recording;
    }

    Path projectRoot() {
        return projectRoot;
    }

    ResolutionLog log() {
        return log;
    }

    DigestCache digests() {
        return digests;
    }

    /** The event spy started this session from Maven's request: the lifecycle participant must start it next. */
    void fromRequest() {
        fromRequest = true;
    }

    /** The lifecycle participant's session start ran. */
    void sessionStarted() {
        sessionStarted = true;
    }

    /**
     * Why nothing may be resolved although Airlock is active, or null: Maven handed the extension its request (so
     * the extension is loaded into this build) but the lifecycle participant's session start never ran. That
     * happens when the participant could not be loaded (a jar of the extension missing beside it in lib/ext), and
     * then the fleet feed, the core extensions' check against the lock and the evidence header are missing without
     * a word: this makes it fail closed instead.
     */
    String startMissing() {
        if (!fromRequest || sessionStarted || !active()) {
            return null;
        }
        return START_MISSING;
    }

    /** True only for the first caller that finds the session start missing: it reports it. */
    boolean firstToReportStartMissing() {
        return startMissing() != null && startMissingReported.compareAndSet(false, true);
    }

    /** What to do about an extension that Maven loaded only in part. */
    static final String INSTALL_ALL_JARS = "Install all of the extension's jars: at installation level (lib/ext)"
            + " airlock-maven-extension, airlock-maven-support, airlock-attestation-verify and jackson-core"
            + " (docs/ci.md)";

    static final String START_MISSING = "the extension's session start did not run (its lifecycle participant was not"
            + " loaded), so the fleet feed, the check of the core extensions against the lock and the evidence"
            + " header are missing; nothing is resolved. " + INSTALL_ALL_JARS + "; run with -X to see why Maven did"
            + " not load it";

    /**
     * True when Airlock guards this build. A configuration error also counts as active: nothing may be resolved
     * then (fail closed), and the build stops at session start.
     */
    boolean active() {
        return configError != null || config.mode() != Mode.OFF;
    }

    boolean enforce() {
        return configError != null || config.mode() == Mode.ENFORCE;
    }

    /** The severity of a failing finding in this mode: error when enforcing, warn in warn mode. */
    Severity failing() {
        return enforce() ? Severity.ERROR : Severity.WARN;
    }

    /** How the judgements of dev.airlock.verify.judge report in this build. */
    JudgeMode judgeMode() {
        return new JudgeMode(enforce(), SOURCE);
    }

    /** The configured mirror a repository belongs to (by URL prefix), if any. */
    Optional<MirrorSpec> mirrorOf(RemoteRepository repo) {
        if (config == null) {
            return Optional.empty();
        }
        return mirrorByRepo.computeIfAbsent(repo.getId() + '\u0000' + repo.getUrl(),
                k -> config.mirrorContaining(repo.getUrl()));
    }

    // ---------------------------------------------------------------- findings

    // ---------------------------------------------------------------- secrets

    /** The credentials of this build (environment, settings.xml) that must never leave in a request path. */
    SecretScanner secrets() {
        return secrets;
    }

    void secrets(SecretScanner scanner) {
        this.secrets = scanner;
        log.setRedactor(scanner::redact);
    }

    /** {@code text} with every secret of this build blanked out. */
    String redact(String text) {
        return secrets.redact(text);
    }

    /** Records a finding once (same code, coordinates, repository and message), logging it as it happens. */
    void report(Finding finding) {
        Finding f = secrets.isEmpty() ? finding : finding.mapText(secrets::redact);
        if (findingKeys.add(f.key())) {
            findings.add(f);
            log.finding(f);
        }
    }

    List<Finding> findings() {
        return new ArrayList<>(findings);
    }

    // ---------------------------------------------------------------- artifacts nothing resolved

    private final ConcurrentLinkedDeque<Finding> misses = new ConcurrentLinkedDeque<>();
    private final Set<String> missKeys = ConcurrentHashMap.newKeySet();
    private final Set<String> sideFilesMissing = ConcurrentHashMap.newKeySet();
    private final Set<String> sideFileMirrors = java.util.Collections.synchronizedSet(new java.util.LinkedHashSet<>());
    private volatile String sideFileExample;

    /**
     * An artifact nothing resolved ({@code NOT_ON_MIRROR}, {@code REPOSITORY_BLOCKED}): held until the build's end,
     * where its severity follows what the build did without it ({@link #misses()}).
     */
    void miss(Finding finding) {
        Finding f = secrets.isEmpty() ? finding : finding.mapText(secrets::redact);
        if (missKeys.add(f.key())) {
            misses.add(f);
        }
    }

    List<Finding> misses() {
        return new ArrayList<>(misses);
    }

    /** An optional side file (signature, bundle, provenance, checksum) that no mirror asked had. */
    void sideFileMissing(String coordinates, List<String> mirrorsAsked) {
        if (sideFilesMissing.add(coordinates) && sideFileExample == null) {
            sideFileExample = coordinates;
        }
        sideFileMirrors.addAll(mirrorsAsked);
    }

    int sideFilesMissing() {
        return sideFilesMissing.size();
    }

    String sideFileExample() {
        return sideFileExample;
    }

    List<String> sideFileMirrors() {
        synchronized (sideFileMirrors) {
            return new ArrayList<>(sideFileMirrors);
        }
    }

    // ---------------------------------------------------------------- how Maven ended the build

    private volatile List<Throwable> mavenExceptions;

    /** Maven's result: the exceptions it holds (empty for a build that succeeded). */
    void mavenResult(List<Throwable> exceptions) {
        this.mavenExceptions = exceptions == null ? List.of() : List.copyOf(exceptions);
    }

    /** Maven's exceptions, or null when the build's result is not known. */
    List<Throwable> mavenExceptions() {
        return mavenExceptions;
    }

    Finding.Builder finding(FindingCode code, Severity severity) {
        return Finding.builder(code, severity).source(SOURCE);
    }

    /**
     * The secret a request would carry, if any ({@link ExfiltrationJudgement}); reported once per repository and
     * coordinates as {@code EXFILTRATION_SUSPECTED} (named by the secret's name and encoding, never its value).
     *
     * @return the verdict: its refusal is the filter's reasoning
     */
    Verdict exfiltration(RepositoryRequest request) {
        Verdict v = new ExfiltrationJudgement(secrets, judgeMode()).judge(request);
        if (v.refused() && exfiltrationReported.add(request.repositoryId() + '\u0000' + request.coordinates())) {
            v.findings().forEach(this::report);
        }
        return v;
    }

    // ---------------------------------------------------------------- repositories outside the mirrors

    /** A repository outside the mirrors that was (or, in warn mode, would have been) refused a request. */
    void blocked(RemoteRepository repo, String coordinates) {
        blockedRepository(repo).asked(coordinates);
    }

    Collection<BlockedRepository> blockedRepositories() {
        return blocked.values();
    }

    /**
     * The record of a refused repository, made on its first refusal. Which POM declared it is looked up then, on the
     * background thread after the POMs read so far are indexed (the declaring POM was read before its repository was
     * asked): the session's end, which names it, need not parse POMs then.
     */
    BlockedRepository blockedRepository(RemoteRepository repo) {
        String key = repo.getId() + '\u0000' + repo.getUrl();
        BlockedRepository known = blocked.get(key);
        if (known != null) {
            return known;
        }
        BlockedRepository fresh = new BlockedRepository(repo);
        known = blocked.putIfAbsent(key, fresh);
        if (known != null) {
            return known;
        }
        evidence.later(() -> fresh.attribute(declaringPoms));
        return fresh;
    }

    /**
     * Indexes the repositories a POM declares, on the background thread (in the order the POMs were resolved, so the
     * first declaring POM is still the one named): reading and parsing every POM again is work the resolving thread
     * need not wait for. {@link #declaringPoms()} first runs whatever is still pending.
     */
    void pomResolved(String label, Path file) {
        evidence.later(() -> declaringPoms.index(label, file));
    }

    DeclaringPoms declaringPoms() {
        evidence.runPending();
        return declaringPoms;
    }

    // ---------------------------------------------------------------- background evidence work

    /** How many pieces of evidence work failed in this build (their lines are missing or lack fields). */
    int evidenceFailures() {
        return evidence.failures();
    }

    /** Marks the evidence incomplete: a {@code kind: incomplete} line, read by {@code requireHermeticResolution}. */
    void evidenceIncomplete(Throwable e) {
        evidence.incomplete(e);
    }

    // ---------------------------------------------------------------- quarantine

    /**
     * The quarantine store: {@code airlock.quarantine.dir}, or next to the local repository. Known once the
     * resolver's session is (the first resolution, or session start).
     */
    QuarantineStore quarantine(Path localRepository) {
        QuarantineStore q = quarantine;
        if (q == null && (localRepository != null || (config != null && config.quarantineDir() != null))) {
            synchronized (this) {
                if (quarantine == null) {
                    quarantine = new QuarantineStore(config != null && config.quarantineDir() != null
                            ? config.quarantineDir() : QuarantineStore.defaultDir(localRepository));
                }
                q = quarantine;
            }
        }
        return q;
    }

    private volatile Boolean storeHasEntries;
    private final Set<String> notInQuarantine = ConcurrentHashMap.newKeySet();

    /**
     * Whether {@code coordinates} need a look in the store: never when the store held nothing when this build began
     * (files only move in at its end), nor once the store was found to hold nothing for them.
     */
    boolean quarantineMayHold(QuarantineStore store, String coordinates) {
        Boolean any = storeHasEntries;
        if (any == null) {
            any = java.nio.file.Files.isDirectory(store.root().resolve("entries"));
            storeHasEntries = any;
        }
        return any && !notInQuarantine.contains(coordinates);
    }

    void notInQuarantine(String coordinates) {
        notInQuarantine.add(coordinates);
    }

    QuarantineStore quarantine() {
        return quarantine;
    }

    void quarantined(String line) {
        quarantined.add(line);
    }

    List<String> quarantinedLines() {
        return quarantined;
    }

    // ---------------------------------------------------------------- the fleet-wide quarantine feed

    /** The feed read at session start, or null (none configured, or not readable and not required). */
    FleetFeed fleetFeed() {
        return fleetFeed;
    }

    void fleetFeed(FleetFeed feed) {
        this.fleetFeed = feed;
    }

    /** A line about the feed for the summary. */
    void feedLine(String line) {
        feedLines.add(line);
    }

    List<String> feedLines() {
        return feedLines;
    }

    // ---------------------------------------------------------------- reactor

    void reactor(Collection<String> groupArtifacts, Collection<String> groupIds) {
        reactor = Reactor.of(groupArtifacts, groupIds);
    }

    /** True when {@code groupId:artifactId} is a module of this reactor. */
    boolean isReactor(String groupId, String artifactId) {
        return reactor.isModule(groupId, artifactId);
    }

    /** True when this reactor builds it (a module, or in a module's groupId): exempt from the lock ({@link Reactor}). */
    boolean isReactorBuilt(String groupId, String artifactId) {
        return reactor.builds(groupId, artifactId);
    }

    // ---------------------------------------------------------------- floating versions seen in metadata requests

    void floatingPlugin(String groupId, String artifactId) {
        floatingPlugins.add(Coords.ga(groupId, artifactId));
    }

    boolean isFloatingPlugin(String groupId, String artifactId) {
        return floatingPlugins.contains(Coords.ga(groupId, artifactId));
    }

    void floatingRange(String groupId, String artifactId) {
        floatingRanges.add(Coords.ga(groupId, artifactId));
    }

    boolean isFloatingRange(String groupId, String artifactId) {
        return floatingRanges.contains(Coords.ga(groupId, artifactId));
    }

    /** A cached copy whose bytes Airlock compared with the mirror's and found equal. */
    void verifiedCachedCopy(Path file) {
        verifiedCachedCopies.add(file.toAbsolutePath().normalize());
    }

    boolean isVerifiedCachedCopy(Path file) {
        return !verifiedCachedCopies.isEmpty() && verifiedCachedCopies.contains(file.toAbsolutePath().normalize());
    }

    /** Hashes {@code file} off the resolving thread, then writes {@code entry} with it: {@link EvidenceWork}. */
    void hashThenWrite(Path file, ResolutionEntry entry) {
        evidence.hashThenWrite(file, entry);
    }

    /** Number of evidence digests taken from the digest index in this build. */
    int indexedDigests() {
        return evidence.indexedDigests();
    }

    /** Hashes the files of one resolution batch in parallel before they are checked: {@link EvidenceWork}. */
    void prehash(List<Path> files) {
        evidence.prehash(files);
    }

    /** Waits until the evidence hashed in the background is written. */
    void awaitHashes() {
        evidence.awaitHashes();
    }

    // ---------------------------------------------------------------- counters

    void resolvedFromMirror(String mirrorId, String coordinates) {
        artifactsPerMirror.computeIfAbsent(mirrorId, k -> ConcurrentHashMap.newKeySet()).add(coordinates);
    }

    void resolvedFromReactor() {
        fromReactor.incrementAndGet();
    }

    void resolvedFromLocal() {
        fromLocal.incrementAndGet();
    }

    void refusedOne() {
        refused.incrementAndGet();
    }

    void request(boolean toMirror) {
        (toMirror ? requestsToMirrors : requestsElsewhere).incrementAndGet();
    }

    Map<String, Integer> artifactsPerMirror() {
        Map<String, Integer> out = new LinkedHashMap<>();
        if (config != null) {
            for (MirrorSpec m : config.mirrors()) {
                Set<String> n = artifactsPerMirror.get(m.id());
                out.put(m.id(), n == null ? 0 : n.size());
            }
        }
        return out;
    }

    int refused() {
        return refused.get();
    }

    int fromReactor() {
        return fromReactor.get();
    }

    int fromLocal() {
        return fromLocal.get();
    }

    int requestsToMirrors() {
        return requestsToMirrors.get();
    }

    int requestsElsewhere() {
        return requestsElsewhere.get();
    }

    /** Marks the session finished; returns false when it already was (the summary is written once). */
    boolean finish() {
        synchronized (this) {
            if (finished) {
                return false;
            }
            finished = true;
        }
        evidence.finish();
        return true;
    }
}
