package dev.airlock.verify.judge;

import java.util.Collection;
import java.util.Set;

/**
 * The modules of the build's reactor, by {@code groupId:artifactId} and by groupId. What the reactor builds is exempt
 * from the lock and from the local-origin check, also when an earlier build installed it: the one place that says
 * what "built by this reactor" means, for the extension and the record goal alike.
 */
public final class Reactor {
    private static final Reactor NONE = new Reactor(Set.of(), Set.of());

    private final Set<String> groupArtifacts;
    private final Set<String> groupIds;

    private Reactor(Set<String> groupArtifacts, Set<String> groupIds) {
        this.groupArtifacts = groupArtifacts;
        this.groupIds = groupIds;
    }

    /** {@code groupArtifacts} as {@code groupId:artifactId}. */
    public static Reactor of(Collection<String> groupArtifacts, Collection<String> groupIds) {
        return new Reactor(Set.copyOf(groupArtifacts), Set.copyOf(groupIds));
    }

    public static Reactor none() {
        return NONE;
    }

    /** True when {@code groupId:artifactId} is a module of the reactor. */
    public boolean isModule(String groupId, String artifactId) {
        return groupArtifacts.contains(groupId + ':' + artifactId);
    }

    /** True when the reactor builds {@code groupId:artifactId}: one of its modules, or in one of its groupIds. */
    public boolean builds(String groupId, String artifactId) {
        return groupIds.contains(groupId) || isModule(groupId, artifactId);
    }
}
