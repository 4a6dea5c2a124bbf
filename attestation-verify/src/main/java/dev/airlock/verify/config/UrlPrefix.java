package dev.airlock.verify.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A repository URL reduced to what an allow-list compares: scheme, host, port and path, normalised (lowercase
 * scheme and host, explicit default port, dot segments resolved, no trailing slash). A prefix contains a URL
 * when scheme, host and port are equal and the URL's path is the prefix's path or lies below it, segment by
 * segment: {@code /releases} contains {@code /releases/x} but not {@code /releases-evil}. Never by host alone.
 */
public final class UrlPrefix {
    private final String scheme;
    private final String host;
    private final int port;
    private final String path;

    private UrlPrefix(String scheme, String host, int port, String path) {
        this.scheme = scheme;
        this.host = host;
        this.port = port;
        this.path = path;
    }

    /**
     * Parses a mirror URL from configuration.
     *
     * @throws IllegalArgumentException naming what is wrong with it
     */
    public static UrlPrefix parse(String url) {
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("'" + url + "' is not a valid URL (" + e.getReason() + ")");
        }
        if (!uri.isAbsolute() || uri.isOpaque()) {
            throw new IllegalArgumentException("'" + url + "' is not an absolute http(s) URL");
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("'" + url + "' uses scheme " + scheme + "; only http and https mirrors"
                    + " are supported");
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("'" + url + "' has no host");
        }
        if (uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("'" + url + "' carries credentials in the URL; put them in a <server>"
                    + " of settings.xml with the mirror's id instead");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("'" + url + "' has a query or fragment; a repository URL has neither");
        }
        int port = uri.getPort() != -1 ? uri.getPort() : (scheme.equals("https") ? 443 : 80);
        String path = normalisePath(uri);
        if (path == null) {
            throw new IllegalArgumentException("'" + url + "' has a path that climbs above the root");
        }
        return new UrlPrefix(scheme, uri.getHost().toLowerCase(Locale.ROOT), port, path);
    }

    /** Parses any repository URL for matching; empty when it is not an absolute http(s) URL with a host. */
    public static Optional<UrlPrefix> tryParse(String url) {
        if (url == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(parse(url));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String normalisePath(URI uri) {
        String raw = uri.normalize().getRawPath();
        if (raw == null || raw.isEmpty()) {
            return "";
        }
        if (raw.startsWith("/..") || raw.contains("/../") || raw.endsWith("/..")) {
            return null;
        }
        // collapse repeated slashes, drop the trailing one
        String p = raw.replaceAll("/{2,}", "/");
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p;
    }

    /** True when {@code other} is this URL or lies below it. */
    public boolean contains(UrlPrefix other) {
        if (!scheme.equals(other.scheme) || !host.equals(other.host) || port != other.port) {
            return false;
        }
        return other.path.equals(path) || other.path.startsWith(path + "/");
    }

    /** True when {@code url} parses and lies at or below this prefix. */
    public boolean contains(String url) {
        return tryParse(url).map(this::contains).orElse(false);
    }

    /** {@code http} or {@code https}. */
    public String scheme() {
        return scheme;
    }

    /** The host, lower-cased ({@code [::1]} for an IPv6 literal). */
    public String host() {
        return host;
    }

    /**
     * True when the host is this machine's loopback by its literal name: {@code localhost}, an IPv4 address in
     * {@code 127.0.0.0/8} or {@code [::1]}. Names are not resolved.
     */
    public boolean isLoopback() {
        if (host.equals("localhost") || host.equals("[::1]") || host.equals("::1")) {
            return true;
        }
        String[] p = host.split("\\.", -1);
        if (p.length != 4 || !p[0].equals("127")) {
            return false;
        }
        for (String x : p) {
            if (x.isEmpty() || x.length() > 3 || !x.chars().allMatch(Character::isDigit) || Integer.parseInt(x) > 255) {
                return false;
            }
        }
        return true;
    }

    /** Length of the path, for picking the most specific of several matching prefixes. */
    public int specificity() {
        return path.length();
    }

    @Override
    public String toString() {
        boolean defaultPort = (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443);
        return scheme + "://" + host + (defaultPort ? "" : ":" + port) + path;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UrlPrefix u
                && u.scheme.equals(scheme)
                && u.host.equals(host)
                && u.port == port
                && u.path.equals(path);
    }

    @Override
    public int hashCode() {
        return Objects.hash(scheme, host, port, path);
    }
}
