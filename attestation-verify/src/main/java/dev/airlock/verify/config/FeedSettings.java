package dev.airlock.verify.config;

import dev.airlock.verify.feed.FeedLayout;
import dev.airlock.verify.text.Printable;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The fleet-wide quarantine feed of {@code airlock.feed*} (docs/fleet.md): which feed to honour, whether it must be
 * readable, which policy names its key, and, on a runner that publishes, where to and with which key.
 *
 * @param feed the feed's coordinates
 * @param required {@code airlock.feed.required}: a feed that cannot be read fails the build (enforce mode)
 * @param policy {@code airlock.feed.policy}: the trust policy whose {@code cosign key=} lines name the feed's keys
 * @param publishId the id of the hosted repository to publish to (its {@code <server>} credentials), or null
 * @param publishUrl its URL, or null
 * @param signingKey {@code airlock.feed.signingKey}: the PEM private key to sign with, or null
 * @param runner {@code airlock.feed.runner}: the name this runner publishes under, or null for the host name
 */
public record FeedSettings(FeedLayout feed, boolean required, Path policy, String publishId, String publishUrl,
        Path signingKey, String runner) {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._\\-]*");
    private static final Pattern RUNNER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._\\-]{0,252}");

    public FeedSettings {
        Objects.requireNonNull(feed, "feed");
        Objects.requireNonNull(policy, "policy");
    }

    /** Whether this runner publishes what it quarantines. */
    public boolean publishes() {
        return publishId != null;
    }

    /** The feed's coordinates as {@code airlock.feed} names them. */
    public String coordinates() {
        return feed.groupId() + ":" + feed.artifactId();
    }

    /** Parses {@code airlock.feed}. */
    static FeedLayout parseFeed(String value, String where) {
        try {
            return FeedLayout.parse(value.trim());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(where, ConfigKeys.FEED + "=" + Printable.of(value) + " is not a feed: "
                    + e.getMessage(), "name the feed's coordinates, groupId:artifactId (e.g."
                    + " com.acme.fleet:quarantine)");
        }
    }

    /** Parses {@code airlock.feed.publish}, {@code id::url}; returns {id, url}. */
    static String[] parsePublish(String value, String where) {
        String fix = "write " + ConfigKeys.FEED_PUBLISH + "=<server id>::<URL of the hosted repository> (as"
                + " maven-deploy-plugin's altDeploymentRepository), e.g. fleet-feed::https://repo.example/feed;"
                + " the credentials are those of <server><id>fleet-feed</id> in settings.xml";
        String v = value.trim();
        int sep = v.indexOf("::");
        if (sep <= 0) {
            throw new ConfigException(where, ConfigKeys.FEED_PUBLISH + "=" + Printable.of(value)
                    + " does not name a repository as id::url", fix);
        }
        String id = v.substring(0, sep);
        String url = v.substring(sep + 2);
        if (!ID.matcher(id).matches()) {
            throw new ConfigException(where, "'" + Printable.of(id) + "' is not a repository id", fix);
        }
        try {
            URI u = new URI(url);
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https") || scheme.equals("file")) || (u.getHost() == null
                    && !scheme.equals("file"))) {
                throw new URISyntaxException(url, "not an http, https or file URL");
            }
        } catch (URISyntaxException e) {
            throw new ConfigException(where, "'" + Printable.of(url) + "' is not a repository URL (" + e.getReason()
                    + ")", fix);
        }
        return new String[] {id, url.endsWith("/") ? url.substring(0, url.length() - 1) : url};
    }

    /** Checks {@code airlock.feed.runner}. */
    static String parseRunner(String value, String where) {
        String v = value.trim();
        if (!RUNNER.matcher(v).matches()) {
            throw new ConfigException(where, ConfigKeys.FEED_RUNNER + "=" + Printable.of(value) + " is not a runner"
                    + " name", "use letters, digits, '.', '-' and '_' (a host name), at most 253 characters");
        }
        return v;
    }
}
