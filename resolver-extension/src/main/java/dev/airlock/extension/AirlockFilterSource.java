package dev.airlock.extension;

import dev.airlock.verify.config.MirrorSpec;
import dev.airlock.verify.judge.NamespaceJudgement;
import dev.airlock.verify.judge.RepositoryRequest;
import dev.airlock.verify.judge.Verdict;
import java.util.Optional;
import javax.inject.Inject;
import javax.inject.Named;
import javax.inject.Singleton;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.Artifact;
import org.eclipse.aether.metadata.Metadata;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.spi.connector.filter.RemoteRepositoryFilter;
import org.eclipse.aether.spi.connector.filter.RemoteRepositoryFilterSource;

/**
 * The chokepoint: the resolver asks every filter source about every (repository, artifact) and (repository,
 * metadata) pair before it looks in the local cache and before any connector opens, and all sources must
 * accept. Airlock accepts a repository only when its URL lies within a configured mirror (scheme, host, port and
 * path prefix), and, for a groupId under {@code airlock.namespaces}, only when it is one of that namespace's
 * mirrors. A POM-declared repository can neither avoid this filter nor outvote it. In warn mode everything is
 * accepted and what would have been refused is recorded. In every mode, a request whose coordinates carry the value
 * of one of the build's credentials (raw or encoded) is refused: allow-lists cannot stop data leaving through the
 * allowed mirror, this can.
 */
@Named(AirlockFilterSource.NAME)
@Singleton
public class AirlockFilterSource implements RemoteRepositoryFilterSource {
    public static final String NAME = "airlock";

    private final AirlockState state;

    @Inject
    public AirlockFilterSource(AirlockState state) {
        this.state = state;
    }

    @Override
    public RemoteRepositoryFilter getRemoteRepositoryFilter(RepositorySystemSession session) {
        BuildSession s = state.forSession(session);
        if (s == null || !s.active()) {
            return null;
        }
        return new Filter(s);
    }

    private static final class Filter implements RemoteRepositoryFilter {
        private final BuildSession s;

        Filter(BuildSession s) {
            this.s = s;
        }

        @Override
        public Result acceptArtifact(RemoteRepository repository, Artifact artifact) {
            return accept(repository, artifact.getGroupId(), Coords.of(artifact), Coords.path(artifact),
                    Misses.mayServe(repository, artifact));
        }

        @Override
        public Result acceptMetadata(RemoteRepository repository, Metadata metadata) {
            return accept(repository, metadata.getGroupId(), Coords.of(metadata), Coords.path(metadata),
                    Misses.mayServe(repository, metadata));
        }

        /**
         * @param path the request path the resolver would send (scanned for secrets with the coordinates)
         * @param eligible whether the repository's release/snapshot policy would let the resolver ask it at all (the
         *     resolver asks the filter first): only then is a refusal recorded
         */
        private Result accept(RemoteRepository repository, String groupId, String coordinates, String path,
                boolean eligible) {
            if (s.config() == null) {
                return new FilterResult(false, NAME + ": refused because the Airlock configuration is invalid: "
                        + s.configError().getMessage());
            }
            if (s.startMissing() != null) {
                AirlockEventSpy.report(s);
                return new FilterResult(false, NAME + ": " + s.startMissing());
            }
            Optional<MirrorSpec> mirror = s.mirrorOf(repository);
            RepositoryRequest request = new RepositoryRequest(repository.getId(), repository.getUrl(),
                    mirror.map(MirrorSpec::id).orElse(null), groupId, coordinates, path);
            Verdict secret = s.exfiltration(request);
            if (secret.refused()) {
                // refused in every mode: a secret that left cannot be called back
                return new FilterResult(false, NAME + ": " + secret.refusals().get(0));
            }
            if (mirror.isEmpty()) {
                if (eligible) {
                    s.blocked(repository, coordinates);
                }
                if (!s.enforce()) {
                    return new FilterResult(true, NAME + ": warn mode, " + repository.getId()
                            + " is not a configured mirror");
                }
                return new FilterResult(false, NAME + ": repository " + repository.getId() + " ("
                        + repository.getUrl() + ") is not one of the configured mirrors (airlock.mirrors); it was"
                        + " not contacted" + (eligible ? "" : " (nor would Maven have asked it: its release/snapshot"
                                + " policy excludes this version)"));
            }
            Verdict routing = new NamespaceJudgement(s.config()).judge(request);
            if (routing.refused()) {
                return new FilterResult(false, NAME + ": " + routing.refusals().get(0));
            }
            return new FilterResult(true, NAME + ": mirror " + mirror.get().id());
        }
    }

    /** A plain result; the resolver shows {@link #reasoning()} in its error messages. */
    static final class FilterResult implements RemoteRepositoryFilter.Result {
        private final boolean accepted;
        private final String reasoning;

        FilterResult(boolean accepted, String reasoning) {
            this.accepted = accepted;
            this.reasoning = reasoning;
        }

        @Override
        public boolean isAccepted() {
            return accepted;
        }

        @Override
        public String reasoning() {
            return reasoning;
        }
    }
}
