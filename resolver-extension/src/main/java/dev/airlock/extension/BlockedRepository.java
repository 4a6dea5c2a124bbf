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

    /** The POM that declared it (or a repository it mirrors), once every POM read so far is indexed; or null. */
    String declaredIn(BuildSession s) {
        if (!attributed) {
            // the pending work runs first, outside this object's lock: the background thread holds that work's lock
            // while it attributes this repository (attribute below)
            DeclaringPoms poms = s.declaringPoms();
            synchronized (this) {
                if (!attributed) {
                    attribute(poms);
                    attributed = true;
                }
            }
        }
        return declaredIn;
    }

    /**
     * Looks for the POM that declared it among the POMs indexed so far; found, that is the answer. Not found, it is
     * looked for again by {@link #declaredIn}, with the POMs indexed since.
     */
    synchronized void attribute(DeclaringPoms poms) {
        if (declaredIn != null) {
            return;
        }
        declaredIn = poms.find(id, url);
        for (RemoteRepository m : mirrorOf) {
            if (declaredIn == null) {
                declaredIn = poms.find(m.getId(), m.getUrl());
            }
        }
    }
}
