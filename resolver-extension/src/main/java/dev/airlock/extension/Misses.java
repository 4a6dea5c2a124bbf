package dev.airlock.extension;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.eclipse.aether.artifact.Artifact;
import org.eclipse.aether.metadata.Metadata;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.transfer.ArtifactFilteredOutException;
import org.eclipse.aether.transfer.ArtifactNotFoundException;
import org.eclipse.aether.transfer.RepositoryOfflineException;

/**
 * Why an artifact was not resolved, from the request's repositories and the resolver's exceptions. The resolver asks
 * the remote-repository filter about every repository of a request before it looks at their release/snapshot
 * policies, so a snapshots-only repository is "refused" a release artifact it could never have served: only a
 * refused repository whose policy allows the version counts. Then:
 * <ul>
 *   <li>an optional side file (a signature, a bundle, provenance, a checksum) is never a failure: whoever looks it up
 *       decides whether it was needed ({@link Kind#SIDE_FILE});</li>
 *   <li>a repository outside the mirrors that could have served it was refused: {@link Kind#REPOSITORY_BLOCKED};</li>
 *   <li>otherwise, when every mirror asked answered "not found" (or none could be asked):
 *       {@link Kind#NOT_ON_MIRROR};</li>
 *   <li>a mirror that failed otherwise (5xx, a checksum) is no miss: {@code MIRROR_UNAVAILABLE} or Maven's own error
 *       says what happened ({@link Kind#OTHER}).</li>
 * </ul>
 */
final class Misses {
    private Misses() {}

    enum Kind { SIDE_FILE, REPOSITORY_BLOCKED, NOT_ON_MIRROR, OTHER }

    /**
     * @param refused the repositories outside the mirrors that were refused and whose policy allows the version
     * @param mirrorsAsked the mirrors of the request that the filter accepted and whose policy allows the version
     * @param offline whether the mirrors were not asked because the build is offline
     */
    record Verdict(Kind kind, List<RemoteRepository> refused, List<RemoteRepository> mirrorsAsked, boolean offline) {}


    /** True for a signature, bundle, provenance or checksum file ({@code jar.asc}, {@code build.slsa}, ...). */
    static boolean isSideFile(Artifact a) {
        return dev.airlock.verify.finding.SideFiles.isSideFile(a.getExtension());
    }

    /** Whether {@code repo}'s release/snapshot policy would let the resolver ask it for {@code a}. */
    static boolean mayServe(RemoteRepository repo, Artifact a) {
        return repo.getPolicy(a.isSnapshot()).isEnabled();
    }

    /** The same for metadata: release metadata from a releases repository, snapshot metadata from a snapshots one. */
    static boolean mayServe(RemoteRepository repo, Metadata m) {
        return switch (m.getNature()) {
            case RELEASE -> repo.getPolicy(false).isEnabled();
            case SNAPSHOT -> repo.getPolicy(true).isEnabled();
            default -> repo.getPolicy(false).isEnabled() || repo.getPolicy(true).isEnabled();
        };
    }

    static Verdict classify(Artifact requested, List<RemoteRepository> repositories, List<Exception> exceptions,
            Predicate<RemoteRepository> isMirror) {
        List<RemoteRepository> repos = repositories == null ? List.of() : repositories;
        Set<String> filtered = new HashSet<>();
        List<RemoteRepository> refused = new ArrayList<>();
        boolean offline = false;
        boolean otherFailure = false;
        for (Exception e : exceptions) {
            if (e instanceof ArtifactFilteredOutException fe && fe.getRepository() != null) {
                filtered.add(key(fe.getRepository()));
                if (!isMirror.test(fe.getRepository()) && mayServe(fe.getRepository(), requested)
                        && refused.stream().noneMatch(r -> key(r).equals(key(fe.getRepository())))) {
                    refused.add(fe.getRepository());
                }
            } else if (e instanceof ArtifactNotFoundException nf) {
                if (causedBy(nf, RepositoryOfflineException.class)) {
                    offline = true;
                }
            } else {
                otherFailure = true;
            }
        }
        List<RemoteRepository> asked = new ArrayList<>();
        for (RemoteRepository r : repos) {
            if (isMirror.test(r) && !filtered.contains(key(r)) && mayServe(r, requested)) {
                asked.add(r);
            }
        }
        Kind kind;
        if (isSideFile(requested)) {
            kind = Kind.SIDE_FILE;
        } else if (!refused.isEmpty()) {
            kind = Kind.REPOSITORY_BLOCKED;
        } else if (otherFailure || repos.isEmpty()) {
            kind = Kind.OTHER;
        } else {
            kind = Kind.NOT_ON_MIRROR;
        }
        return new Verdict(kind, List.copyOf(refused), List.copyOf(asked), offline);
    }

    private static boolean causedBy(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
        }
        return false;
    }

    private static String key(RemoteRepository r) {
        return r.getId() + '\u0000' + r.getUrl();
    }
}
