package dev.airlock.verify.config;

import java.util.List;
import java.util.Set;

/**
 * Every configuration key of the Airlock extension, in one place (docs/configuration.md documents each).
 * Security keys come from {@code airlock.properties} files; a command-line value may only tighten them.
 */
public final class ConfigKeys {
    private ConfigKeys() {}

    /** The file name looked up in {@code .mvn/}, {@code ~/.m2/} and {@code ${maven.home}/conf/}. */
    public static final String FILE_NAME = "airlock.properties";

    /**
     * Mirrors, {@code id=url} pairs, comma-separated, asked in order. The reserved id {@code central} is refused.
     * Type: list. Default: none (required unless {@code airlock.mode=off}). Security key. Since 0.1.0.
     */
    public static final String MIRRORS = "airlock.mirrors";

    /**
     * Namespace routing, {@code pattern=mirrorId[|mirrorId]} pairs, comma-separated. {@code com.acme.*} is
     * com.acme and every groupId below it; {@code org.acme} is that groupId only. Required with more than one
     * mirror. Type: list. Default: none. Security key. Since 0.1.0.
     */
    public static final String NAMESPACES = "airlock.namespaces";

    /** {@code enforce} | {@code warn} | {@code off}. Default {@code enforce}. Security key. Since 0.1.0. */
    public static final String MODE = "airlock.mode";

    /**
     * {@code deny} | {@code warn} | {@code allow}: version ranges, LATEST/RELEASE, non-reactor SNAPSHOTs and
     * plugins whose version Maven reads from repository metadata. Default {@code deny}. Security key. Since 0.1.0.
     */
    public static final String FLOATING_VERSIONS = "airlock.floatingVersions";

    /**
     * Path of the lock file, relative to the project root directory. Default {@code .mvn/airlock.lock} when that
     * file exists. Security key. Since 0.1.0.
     */
    public static final String LOCK = "airlock.lock";

    /**
     * {@code verify} | {@code deny} | {@code warn}: what happens to a file in the local repository that has no
     * allowed-mirror origin (untracked, installed, or cached from another repository). Default {@code verify}:
     * fetch it again from the mirror and compare. Security key. Since 0.1.0.
     */
    public static final String LOCAL_ORIGIN = "airlock.localOrigin";

    /**
     * Quarantine store directory. Default {@code <local repository>/../airlock-quarantine}. Since 0.1.0.
     */
    public static final String QUARANTINE_DIR = "airlock.quarantine.dir";

    /**
     * Directory of the reports and the resolution log. Default {@code target/airlock} of the top-level
     * project. Since 0.1.0.
     */
    public static final String REPORT_DIR = "airlock.report.dir";

    /**
     * {@code true} | {@code false}: whether the SHA-256 in the evidence of a file cached from a mirror may come from
     * the digest index in the local repository (an entry used only while the file's inode, size, mtime and ctime
     * are unchanged) instead of hashing the file again. Enforcement never uses it: the lock, the quarantine,
     * {@code record} and the rules always hash the bytes. Default {@code true}. Since 0.1.0.
     */
    public static final String DIGEST_INDEX = "airlock.digestIndex";

    /**
     * {@code true} | {@code false}: whether a mirror may be reached over plain {@code http://} on a host other than
     * loopback ({@code localhost}, {@code 127.0.0.0/8}, {@code [::1]}) in enforce mode. Default {@code false}: such a
     * mirror fails the build at start, as Maven itself blocks {@code external:http:*} repositories (bytes and
     * credentials over plain HTTP can be read and changed on the way). Security key: from the files only; the
     * command line may only set it to {@code false}. Since 0.1.0.
     */
    public static final String ALLOW_INSECURE_MIRRORS = "airlock.allowInsecureMirrors";

    /**
     * {@code groupId:artifactId}: the fleet-wide quarantine feed (docs/fleet.md) the extension reads from the mirrors
     * at session start; every (coordinates, SHA-256) it blocks is refused as {@code QUARANTINED}. Security key.
     * Since 0.2.0.
     */
    public static final String FEED = "airlock.feed";

    /**
     * {@code true} | {@code false}: whether a feed that cannot be read (unreachable, too slow, not a feed) fails the
     * build in enforce mode. Default {@code true}. Security key: the command line may only set it to {@code true}.
     * Since 0.2.0.
     */
    public static final String FEED_REQUIRED = "airlock.feed.required";

    /** The trust policy whose {@code cosign key=} lines name the feed's keys. Security key. Since 0.2.0. */
    public static final String FEED_POLICY = "airlock.feed.policy";

    /**
     * {@code id::url}: the hosted repository this runner publishes its integrity quarantines to, with the
     * credentials of settings.xml's {@code <server>} of that id. Since 0.2.0.
     */
    public static final String FEED_PUBLISH = "airlock.feed.publish";

    /** The PEM private key (unencrypted PKCS#8, P-256) this runner signs what it publishes with. Since 0.2.0. */
    public static final String FEED_SIGNING_KEY = "airlock.feed.signingKey";

    /** The name this runner publishes under. Default: the host name. Since 0.2.0. */
    public static final String FEED_RUNNER = "airlock.feed.runner";

    /** What a key's value is. */
    public enum Type {
        /** Comma-separated pairs. */
        LIST("list"),
        /** One of a fixed set of words. */
        CHOICE("choice"),
        /** A file or folder; relative to the project root. */
        PATH("path"),
        /** {@code true} or {@code false}. */
        BOOLEAN("boolean"),
        /** A word in the key's own syntax (coordinates, {@code id::url}, a name). */
        TEXT("text");

        private final String id;

        Type(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }
    }

    /**
     * One key: the single source of its type, allowed values, default and version, read by
     * {@link AirlockConfigLoader} for the defaults and rendered into docs/configuration.md (a test fails when the page
     * and this list differ).
     *
     * @param name the key
     * @param type what its value is
     * @param values the allowed values (choice and boolean keys; the first is not necessarily the default), else empty
     * @param defaultValue the default: a value the loader parses for choice, boolean and path keys; for keys whose
     *     default is derived at run time (the quarantine and report folders), how it is derived; {@code null} when the
     *     key has none
     * @param security whether the key is a security key (from the files; the command line may only tighten it)
     * @param since the Airlock version that introduced it
     * @param meaning one sentence for the reference table
     */
    public record Key(String name, Type type, List<String> values, String defaultValue, boolean security, String since,
            String meaning) {
        public Key {
            values = List.copyOf(values);
        }
    }

    /** Every key, in the order docs/configuration.md lists them. */
    public static final List<Key> KEYS = List.of(
            new Key(MIRRORS, Type.LIST, List.of(), null, true, "0.1.0",
                    "`id=url` mirrors, asked in order; required unless `airlock.mode=off`"),
            new Key(NAMESPACES, Type.LIST, List.of(), null, true, "0.1.0",
                    "`pattern=mirrorId[|mirrorId]` routing; required with more than one mirror"),
            new Key(MODE, Type.CHOICE, List.of("enforce", "warn", "off"), "enforce", true, "0.1.0",
                    "refuse and fail, report only, or do nothing"),
            new Key(ALLOW_INSECURE_MIRRORS, Type.BOOLEAN, List.of("false", "true"), "false", true, "0.1.0",
                    "whether a mirror may use plain `http://` on a host other than loopback in enforce mode"),
            new Key(FLOATING_VERSIONS, Type.CHOICE, List.of("deny", "warn", "allow"), "deny", true, "0.1.0",
                    "version ranges, `LATEST`/`RELEASE`, foreign SNAPSHOTs and unpinned plugin versions"),
            new Key(LOCK, Type.PATH, List.of(), ".mvn/airlock.lock", true, "0.1.0",
                    "the lock file; the default applies when that file exists"),
            new Key(LOCAL_ORIGIN, Type.CHOICE, List.of("verify", "deny", "warn"), "verify", true, "0.1.0",
                    "what happens to a local-repository file whose origin is not a configured mirror"),
            new Key(QUARANTINE_DIR, Type.PATH, List.of(), "<local repository>/../airlock-quarantine", false, "0.1.0",
                    "the quarantine store (rules, goals and extension)"),
            new Key(REPORT_DIR, Type.PATH, List.of(), "target/airlock of the top-level project", false, "0.1.0",
                    "where `resolution.jsonl` and the reports are written"),
            new Key(DIGEST_INDEX, Type.BOOLEAN, List.of("true", "false"), "true", false, "0.1.0",
                    "whether the evidence's `sha256` of a mirror-cached file may come from the digest index;"
                            + " enforcement always hashes the bytes"),
            new Key(FEED, Type.TEXT, List.of(), null, true, "0.2.0",
                    "`groupId:artifactId` of the fleet-wide quarantine feed, read from the mirrors at session start"),
            new Key(FEED_REQUIRED, Type.BOOLEAN, List.of("true", "false"), "true", true, "0.2.0",
                    "whether a feed that cannot be read fails the build (enforce mode)"),
            new Key(FEED_POLICY, Type.PATH, List.of(), ".mvn/airlock-policy", true, "0.2.0",
                    "the trust policy whose `cosign key=` lines name the keys allowed to sign the feed"),
            new Key(FEED_PUBLISH, Type.TEXT, List.of(), null, false, "0.2.0",
                    "`id::url` of the hosted repository to publish integrity quarantines to (credentials: the"
                            + " `<server>` of that id)"),
            new Key(FEED_SIGNING_KEY, Type.PATH, List.of(), null, false, "0.2.0",
                    "the PEM private key (PKCS#8, P-256, unencrypted) this runner signs what it publishes with"),
            new Key(FEED_RUNNER, Type.TEXT, List.of(), "the host name", false, "0.2.0",
                    "the runner name written into what this runner publishes"));

    public static final List<String> SECURITY_KEYS =
            KEYS.stream().filter(Key::security).map(Key::name).toList();

    public static final Set<String> ALL_KEYS = Set.copyOf(KEYS.stream().map(Key::name).toList());

    /** The key named {@code name}. */
    public static Key key(String name) {
        for (Key k : KEYS) {
            if (k.name().equals(name)) {
                return k;
            }
        }
        throw new IllegalArgumentException("no configuration key " + name);
    }

    /** Properties POMs commonly define that start with {@code airlock.} but are not configuration. */
    public static final Set<String> IGNORED_USER_PROPERTIES = Set.of("airlock.version");

    /**
     * The parameters of the goals of {@code dev.airlock:airlock-maven-plugin} that are set as {@code airlock.*} user
     * properties ({@code -Dairlock.record.phases=...}): not configuration of the extension, but Airlock's own names,
     * so neither the extension nor a rule calls them unknown. A test of the plugin checks this list against the
     * plugin's descriptor, so a new goal parameter cannot be forgotten here. ({@code airlock.quarantine.dir}, also a
     * goal parameter, is a configuration key.)
     */
    public static final Set<String> GOAL_PARAMETERS = Set.of("airlock.record.phases", "airlock.record.sbom",
            "airlock.seal.phases", "airlock.seal.sidecars", "airlock.audit.dir", "airlock.audit.lock",
            "airlock.audit.sbom", "airlock.audit.policy", "airlock.audit.strict", "airlock.audit.reportDir",
            "airlock.audit.verify", "airlock.audit.keyring", "airlock.keyserver", "airlock.keysMap",
            "airlock.propose.phases", "airlock.propose.policy", "airlock.propose.keyring", "airlock.propose.timeout");
}
