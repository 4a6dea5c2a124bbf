package dev.airlock.extension;

import dev.airlock.verify.config.ConfigKeys;
import dev.airlock.verify.config.Levels;
import dev.airlock.verify.config.MirrorSpec;
import dev.airlock.verify.evidence.ResolutionEntry;
import dev.airlock.verify.finding.Coordinates;
import dev.airlock.verify.judge.FloatingVersion;
import dev.airlock.verify.judge.FloatingVersionJudgement;
import dev.airlock.verify.judge.LocalOriginJudgement;
import dev.airlock.verify.judge.LockJudgement;
import dev.airlock.verify.judge.Miss;
import dev.airlock.verify.judge.MissJudgement;
import dev.airlock.verify.judge.QuarantineJudgement;
import dev.airlock.verify.judge.Resolution;
import dev.airlock.verify.judge.Verdict;
import dev.airlock.verify.quarantine.QuarantineStore;
import dev.airlock.verify.finding.FindingCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.inject.Inject;
import javax.inject.Named;
import javax.inject.Provider;
import javax.inject.Singleton;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.Artifact;
import org.eclipse.aether.repository.ArtifactRepository;
import org.eclipse.aether.repository.LocalRepository;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.repository.WorkspaceRepository;
import org.eclipse.aether.resolution.ArtifactResult;
import org.eclipse.aether.spi.connector.RepositoryConnectorFactory;
import org.eclipse.aether.spi.resolution.ArtifactResolverPostProcessor;
import org.eclipse.aether.transfer.ArtifactFilteredOutException;
import org.eclipse.aether.transfer.ArtifactTransferException;

/**
 * Looks at every artifact the resolver resolved, cache hits included, before anything uses it: where it came
 * from, whether its version was written down, and its SHA-256 for the evidence. What Airlock refuses is left
 * unresolved with an exception naming the finding (the pattern of the resolver's trusted-checksums
 * post-processor), so Maven fails where the artifact was needed.
 */
@Named(AirlockPostProcessor.NAME)
@Singleton
public class AirlockPostProcessor implements ArtifactResolverPostProcessor {
    public static final String NAME = "airlock";

    private final AirlockState state;
    private final MirrorFetcher fetcher;
    private final Map<String, LocalVerdict> localVerdicts = new ConcurrentHashMap<>();
    private final Set<String> floatingReported = ConcurrentHashMap.newKeySet();

    @Inject
    public AirlockPostProcessor(AirlockState state, Map<String, Provider<RepositoryConnectorFactory>> factories) {
        this.state = state;
        this.fetcher = new MirrorFetcher(factories);
    }

    @Override
    public void postProcess(RepositorySystemSession session, List<ArtifactResult> results) {
        BuildSession s = state.forSession(session);
        if (s == null || !s.active() || s.config() == null) {
            return;
        }
        if (s.startMissing() != null) {
            // cache hits included: nothing is handed to the build while the session start is missing
            AirlockEventSpy.report(s);
            for (ArtifactResult r : results) {
                Artifact a = r.getArtifact() != null ? r.getArtifact() : r.getRequest().getArtifact();
                refuse(s, r, a, null, s.startMissing());
            }
            return;
        }
        if ((s.lock() != null || s.recording()) && results.size() > 1) {
            List<Path> files = new ArrayList<>();
            for (ArtifactResult r : results) {
                Artifact a = r.getArtifact();
                if (a != null && a.getFile() != null && !(r.getRepository() instanceof WorkspaceRepository)) {
                    files.add(a.getFile().toPath());
                }
            }
            s.prehash(files);
        }
        for (ArtifactResult r : results) {
            inspect(s, session, r);
        }
    }

    private void inspect(BuildSession s, RepositorySystemSession session, ArtifactResult r) {
        Artifact requested = r.getRequest().getArtifact();
        Artifact artifact = r.getArtifact() != null ? r.getArtifact() : requested;
        String coords = Coords.of(artifact);

        if (artifact.getFile() == null) {
            missing(s, r, requested, coords, Coords.typed(artifact));
            s.log().write(ResolutionEntry.artifact(coords, null, null, null, "missing"));
            return;
        }

        ArtifactRepository origin = r.getRepository();
        if (origin instanceof WorkspaceRepository) {
            s.resolvedFromReactor();
            s.log().write(ResolutionEntry.artifact(coords, null, null, "reactor", "resolved"));
            return;
        }

        Path file = artifact.getFile().toPath();
        // the hash decides nothing for an artifact a mirror served: it is computed off the resolving thread then
        boolean fromMirror = origin instanceof RemoteRepository rr0 && s.mirrorOf(rr0).isPresent();
        boolean hashNow = !fromMirror || s.lock() != null || s.recording();
        String sha256 = null;
        if (hashNow) {
            try {
                sha256 = s.digests().sha256(file);
            } catch (IOException e) {
                refuse(s, r, artifact, null, "cannot read " + file + " to hash it: " + e.getMessage());
                return;
            }
        }
        if ("pom".equals(artifact.getExtension())) {
            s.pomResolved(coords, file);
        }

        List<String> refusals = new ArrayList<>();
        Resolution resolution = resolution(artifact, file, sha256, origin);
        QuarantineStore store = s.quarantine(session.getLocalRepository() == null ? null
                : session.getLocalRepository().getBasedir().toPath());
        Coordinates parsed = store != null && s.quarantineMayHold(store, coords) ? resolution.parsed() : null;
        if (parsed != null && !store.hasEntries(parsed)) {
            s.notInQuarantine(coords);
        } else if (parsed != null) {
            QuarantineJudgement quarantine = new QuarantineJudgement(store, s.judgeMode());
            try {
                resolution = hashed(s, resolution, file);
                apply(s, quarantine.judge(resolution), refusals);
            } catch (IOException e) {
                refusals.add(quarantine.unreadable(e));
            }
        }
        FleetFeed feed = s.fleetFeed();
        if (feed != null && feed.mayBlock(resolution.parsed())) {
            try {
                resolution = hashed(s, resolution, file);
                apply(s, feed.judge(resolution), refusals);
            } catch (IOException e) {
                refusals.add("cannot read " + file + " to compare it with the fleet-wide quarantine: "
                        + e.getMessage());
            }
        }
        sha256 = resolution.sha256();
        String originId;
        String repoId = null;
        String repoUrl = null;
        if (origin instanceof RemoteRepository rr) {
            repoId = rr.getId();
            repoUrl = rr.getUrl();
            Optional<MirrorSpec> mirror = s.mirrorOf(rr);
            boolean downloaded = r.getLocalArtifactResult() == null || !r.getLocalArtifactResult().isAvailable();
            originId = s.isVerifiedCachedCopy(file) ? "verified:" + rr.getId() : downloaded ? "remote" : "cache";
            if (mirror.isPresent()) {
                s.resolvedFromMirror(mirror.get().id(), coords);
            } else {
                // only possible when the filter accepted it: warn mode
                BlockedRepository b = s.blockedRepository(rr);
                s.report(s.finding(FindingCode.REPOSITORY_BLOCKED, s.failing())
                        .coordinatesOrSubject(coords)
                        .repository(rr.getId(), rr.getUrl())
                        .sha256(sha256)
                        .message(coords + " was resolved from repository " + rr.getId() + " (" + rr.getUrl()
                                + ")" + declared(b.declaredIn(s)) + ", which is not a configured mirror"
                                + (s.enforce() ? "" : " (warn mode: it was contacted)"))
                        .fix("publish " + coords + " to a configured mirror, or remove what needs it")
                        .detail("declaredIn", b.declaredIn(s))
                        .build());
                if (s.enforce()) {
                    refusals.add("repository " + rr.getId() + " is not a configured mirror");
                }
            }
        } else {
            LocalVerdict v = checkLocalOrigin(s, session, r, artifact, file, sha256);
            originId = v.origin;
            if (v.refusal != null) {
                refusals.add(v.refusal);
            }
        }

        FloatingVersion floating = FloatingVersions.inspect(s, r.getRequest(), artifact);
        if (floating != null) {
            Verdict v = new FloatingVersionJudgement(s.config().floatingVersions(),
                    s.config().originOf(ConfigKeys.FLOATING_VERSIONS), s.judgeMode())
                    .judge(resolution.withFloating(floating));
            if (!v.findings().isEmpty()
                    && floatingReported.add(s.id() + floating.key(artifact.getGroupId(), artifact.getArtifactId()))) {
                v.findings().forEach(s::report);
            }
            refusals.addAll(v.refusals());
        }

        if (s.lock() != null && !(origin instanceof LocalRepository && s.isReactorBuilt(artifact.getGroupId(),
                artifact.getArtifactId()))) {
            Verdict v = new LockJudgement(s.lock(), s.config().lock().toString(), s.judgeMode())
                    .judge(resolution.withSha256(sha256));
            apply(s, v, refusals);
        }

        ResolutionEntry entry = ResolutionEntry.artifact(coords, repoId, repoUrl, originId,
                refusals.isEmpty() ? "resolved" : "refused");
        if (sha256 != null) {
            s.log().write(entry.withSha256(sha256, null).withFile(file.toString()));
        } else {
            s.hashThenWrite(file, entry);
        }

        if (!refusals.isEmpty()) {
            refuse(s, r, artifact, origin instanceof RemoteRepository rr ? rr : null, String.join("; ", refusals));
        }
    }

    /** {@code r} with the SHA-256 of {@code file}, hashed now if it has none yet. */
    private static Resolution hashed(BuildSession s, Resolution r, Path file) throws IOException {
        return r.sha256() != null ? r : r.withSha256(s.digests().sha256(file));
    }

    /** The resolution as the judgements see it (dev.airlock.verify.judge). */
    private static Resolution resolution(Artifact a, Path file, String sha256, ArtifactRepository origin) {
        return new Resolution(a.getGroupId(), a.getArtifactId(), a.getExtension(), a.getClassifier(), a.getVersion(),
                a.getBaseVersion(), file, sha256, origin instanceof RemoteRepository r ? r.getId() : null,
                origin instanceof RemoteRepository r ? r.getUrl() : null, null);
    }

    /** Reports a verdict's findings and keeps its refusals. */
    private static void apply(BuildSession s, Verdict v, List<String> refusals) {
        v.findings().forEach(s::report);
        refusals.addAll(v.refusals());
    }

    private static String declared(String declaredIn) {
        return declaredIn == null ? "" : " declared in " + declaredIn;
    }

    /**
     * An artifact nothing resolved. A side file (signature, bundle, provenance, checksum) is counted for one
     * {@code info} line at the end: whoever looked it up judges whether it was needed. Otherwise a refused repository
     * outside the mirrors whose policy allows the version is named ({@code REPOSITORY_BLOCKED}); without one, the
     * mirrors asked did not have it ({@code NOT_ON_MIRROR}). Both are held until the build's end, where a build that
     * went on without the artifact turns them into warnings.
     */
    private static void missing(BuildSession s, ArtifactResult r, Artifact requested, String coords,
            Coordinates typed) {
        Misses.Verdict v = Misses.classify(requested, r.getRequest().getRepositories(), r.getExceptions(),
                repo -> s.mirrorOf(repo).isPresent());
        MissJudgement judge = new MissJudgement(s.config().mirrors().stream().map(MirrorSpec::id).toList(),
                s.judgeMode());
        switch (v.kind()) {
            case SIDE_FILE -> s.sideFileMissing(coords, v.mirrorsAsked().stream().map(RemoteRepository::getId).toList());
            case REPOSITORY_BLOCKED -> {
                List<Miss.RefusedRepository> refused = new ArrayList<>();
                for (RemoteRepository repo : v.refused()) {
                    BlockedRepository b = s.blockedRepository(repo);
                    b.unresolved(coords);
                    refused.add(new Miss.RefusedRepository(repo.getId(), repo.getUrl(), b.describe(),
                            b.declaredIn(s)));
                }
                judge.repositoryBlocked(miss(s, r, requested, coords, typed, v, refused)).findings().forEach(s::miss);
            }
            case NOT_ON_MIRROR -> judge.notOnMirror(miss(s, r, requested, coords, typed, v, List.of())).findings()
                    .forEach(s::miss);
            default -> {
                // a mirror failed otherwise: MIRROR_UNAVAILABLE (or Maven's own error) says what happened
            }
        }
    }

    /** The unresolved artifact as {@link MissJudgement} sees it. */
    private static Miss miss(BuildSession s, ArtifactResult r, Artifact requested, String coords, Coordinates typed,
            Misses.Verdict v, List<Miss.RefusedRepository> refused) {
        Requesters.Requester by = Requesters.of(r.getRequest());
        return new Miss(coords, typed, by.label(), by.path(),
                v.mirrorsAsked().stream().map(m -> new Miss.Repository(m.getId(), m.getUrl())).toList(), v.offline(),
                s.isReactor(requested.getGroupId(), requested.getArtifactId()), refused);
    }

    private static void refuse(BuildSession s, ArtifactResult r, Artifact artifact, RemoteRepository repo,
            String reason) {
        s.refusedOne();
        r.setArtifact(artifact.setFile(null));
        r.addException(new ArtifactTransferException(artifact, repo, "airlock: " + reason));
    }

    // ---------------------------------------------------------------- local origin

    private record LocalVerdict(String origin, String refusal) {}

    private LocalVerdict checkLocalOrigin(BuildSession s, RepositorySystemSession session, ArtifactResult r,
            Artifact artifact, Path file, String sha256) {
        LocalOrigins.Origin origin = LocalOrigins.of(file);
        String coords = Coords.of(artifact);
        if (origin.kind() == LocalOrigins.Kind.CACHED && allRepositoriesRefused(s, r)) {
            // Resolver GH-1703: the resolver served a cached copy although every repository was refused
            List<RemoteRepository> repos = r.getRequest().getRepositories();
            List<Miss.RefusedRepository> refused = new ArrayList<>();
            for (RemoteRepository repo : repos) {
                BlockedRepository blocked = s.blockedRepository(repo);
                blocked.unresolved(coords);
                refused.add(new Miss.RefusedRepository(repo.getId(), repo.getUrl(), repo.getId(),
                        blocked.declaredIn(s)));
            }
            Verdict v = new MissJudgement(s.config().mirrors().stream().map(MirrorSpec::id).toList(),
                    s.judgeMode()).cachedCopyOfRefused(coords,
                    file.toString(), sha256, origin.describe(), refused);
            return new LocalVerdict(origin.id(), apply(s, v));
        }
        if (origin.kind() != LocalOrigins.Kind.CACHED
                && s.isReactorBuilt(artifact.getGroupId(), artifact.getArtifactId())) {
            s.resolvedFromLocal();
            return new LocalVerdict(origin.id(), null);
        }
        String key = s.id() + "|" + file + "|" + sha256;
        LocalVerdict known = localVerdicts.get(key);
        if (known != null) {
            return known;
        }
        Resolution res = resolution(artifact, file, sha256, null).withLocalOrigin(origin.describe());
        LocalOriginJudgement judge = new LocalOriginJudgement(s.config().localOrigin(),
                s.config().originOf(ConfigKeys.LOCAL_ORIGIN), s.judgeMode());
        if (!judge.verifies()) {
            String refusal = apply(s, judge.byPolicy(res));
            if (s.config().localOrigin() == Levels.LocalOrigin.WARN) {
                s.resolvedFromLocal(); // used without checking
                return new LocalVerdict(origin.id(), null);
            }
            return remember(key, s, new LocalVerdict(origin.id(), refusal));
        }
        if (s.lock() != null && sha256 != null && sha256.equals(s.lock().sha256(coords))) {
            // the reviewed lock records exactly these bytes: a stronger check than the mirror's copy, and the one
            // that works offline (the second phase of a sealed build)
            s.resolvedFromLocal();
            return remember(key, s, new LocalVerdict("locked", null));
        }
        // verify: fetch it again from the mirrors that may serve it, and compare
        for (MirrorSpec mirror : s.config().mirrors()) {
            if (!s.config().mayServe(mirror.id(), artifact.getGroupId())) {
                continue;
            }
            MirrorFetcher.Fetched fetched;
            try {
                fetched = fetcher.fetch(session, mirror, artifact);
            } catch (IOException e) {
                fetched = new MirrorFetcher.Fetched(null, false, e.toString());
            }
            s.log().write(ResolutionEntry.request(mirror.id(), mirror.url(), null, coords,
                    fetched.file() != null ? "ok" : fetched.notFound() ? "not-found" : "failed", true)
                    .withPurpose("verify local origin"));
            s.request(true);
            if (fetched.failure() != null) {
                return remember(key, s, new LocalVerdict(origin.id(), apply(s,
                        judge.mirrorFailed(res, mirror.id(), mirror.url(), fetched.failure()))));
            }
            if (fetched.notFound()) {
                continue;
            }
            String mirrorSha;
            try {
                mirrorSha = dev.airlock.verify.digest.DigestCache.sha256Uncached(fetched.file());
            } catch (IOException e) {
                return remember(key, s, new LocalVerdict(origin.id(), apply(s, judge.unhashable(mirror.id()))));
            } finally {
                try {
                    Files.deleteIfExists(fetched.file());
                } catch (IOException ignored) {
                    // a temporary file
                }
            }
            if (mirrorSha.equals(sha256)) {
                s.resolvedFromMirror(mirror.id(), coords);
                LocalVerdict ok = new LocalVerdict("verified:" + mirror.id(), null);
                localVerdicts.put(key, ok);
                return ok;
            }
            return remember(key, s, new LocalVerdict(origin.id(), apply(s,
                    judge.differsFromMirror(res, mirror.id(), mirror.url(), mirrorSha))));
        }
        return remember(key, s, new LocalVerdict(origin.id(), apply(s, judge.notOnAnyMirror(res))));
    }

    /** Reports a verdict's findings; returns its refusal, or null. */
    private static String apply(BuildSession s, Verdict v) {
        v.findings().forEach(s::report);
        return refusal(v);
    }

    private static String refusal(Verdict v) {
        return v.refusals().isEmpty() ? null : String.join("; ", v.refusals());
    }

    /** True when the request named remote repositories and the filter refused each of them. */
    private static boolean allRepositoriesRefused(BuildSession s, ArtifactResult r) {
        List<RemoteRepository> repos = r.getRequest().getRepositories();
        if (repos == null || repos.isEmpty()) {
            return false;
        }
        Set<String> refused = new java.util.HashSet<>();
        for (Exception e : r.getExceptions()) {
            if (e instanceof ArtifactFilteredOutException fe && fe.getRepository() != null) {
                refused.add(fe.getRepository().getId() + '\u0000' + fe.getRepository().getUrl());
            }
        }
        return repos.stream().allMatch(x -> refused.contains(x.getId() + '\u0000' + x.getUrl()));
    }

    private LocalVerdict remember(String key, BuildSession s, LocalVerdict v) {
        if (!s.enforce()) {
            v = new LocalVerdict(v.origin, null);
        }
        localVerdicts.put(key, v);
        return v;
    }
}
