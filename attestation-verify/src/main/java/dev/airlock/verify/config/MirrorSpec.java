package dev.airlock.verify.config;

import java.util.Objects;

/** One entry of {@code airlock.mirrors}: the user's repository id (so {@code <server>} credentials apply) and URL. */
public final class MirrorSpec {
    private final String id;
    private final String url;
    private final UrlPrefix prefix;

    public MirrorSpec(String id, String url, UrlPrefix prefix) {
        this.id = Objects.requireNonNull(id);
        this.url = Objects.requireNonNull(url);
        this.prefix = Objects.requireNonNull(prefix);
    }

    public String id() {
        return id;
    }

    /** The URL as configured (Maven is given this one). */
    public String url() {
        return url;
    }

    public UrlPrefix prefix() {
        return prefix;
    }

    @Override
    public String toString() {
        return id + "=" + url;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MirrorSpec m && m.id.equals(id) && m.prefix.equals(prefix);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, prefix);
    }
}
