package dev.airlock.extension;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.aether.repository.RemoteRepository;

/** A repository outside the mirrors, and what was asked of it. */
final class BlockedRepository {
    final String id;
    final String url;
    private final AtomicInteger asked = new AtomicInteger();
    private final Set<String> unresolved = ConcurrentHashMap.newKeySet();
    private volatile String example;
    private volatile String declaredIn;
    private volatile boolean attributed;

    /** For a mirror (such as Maven's blocking {@code maven-default-http-blocker}): the repositories it stands for. */
    final List<RemoteRepository> mirrorOf;

    BlockedRepository(RemoteRepository repo) {
        this.id = repo.getId();
        this.url = repo.getUrl();
        this.mirrorOf = List.copyOf(repo.getMirroredRepositories());
    }

    /** {@code id (url)}, plus what it mirrors when it is a mirror. */
    String describe() {
        String d = id + " (" + url + ")";
        if (!mirrorOf.isEmpty()) {
            d += ", a settings mirror of " + mirrorOf.stream().map(m -> m.getId() + " (" + m.getUrl() + ")")
                    .reduce((x, y) -> x + ", " + y).orElse("");
        }
        return d;
    }

    void asked(String coordinates) {
        if (asked.getAndIncrement() == 0) {
            example = coordinates;
        }
    }

    void unresolved(String coordinates) {
        unresolved.add(coordinates);
    }

    int askedCount() {
        return asked.get();
    }

    String example() {
        return example;
    }

    Set<String> unresolved() {
        return unresolved;
    }

    synchronized String declaredIn(BuildSession s) {
        if (!attributed) {
            declaredIn = s.declaringPoms().find(id, url);
            for (RemoteRepository m : mirrorOf) {
                if (declaredIn == null) {
                    declaredIn = s.declaringPoms().find(m.getId(), m.getUrl());
                }
            }
            attributed = true;
        }
        return declaredIn;
    }
}
