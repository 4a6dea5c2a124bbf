package dev.airlock.verify.config;

import dev.airlock.verify.config.Levels.FloatingVersions;
import dev.airlock.verify.config.Levels.LocalOrigin;
import dev.airlock.verify.config.Levels.Mode;
import dev.airlock.verify.text.Printable;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Loads the effective {@link AirlockConfig} (design.md, "Extension configuration"):
 * <ol>
 *   <li>{@code airlock.properties} files, lowest precedence first (project {@code .mvn/}, then user
 *       {@code ~/.m2/}, then installation {@code ${maven.home}/conf/}); a later file wins for every key it sets.
 *       An unknown key in a file is an error (a typo must not weaken security).</li>
 *   <li>Command-line values ({@code -D}, {@code .mvn/maven.config}, {@code MAVEN_OPTS}): security keys may only
 *       tighten what the files (or defaults) say; a weakening value is refused. Other keys are taken as given.
 *       Unknown {@code airlock.*} properties give a warning.</li>
 * </ol>
 */
public final class AirlockConfigLoader {
    private static final Pattern MIRROR_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._\\-]*");
    static final String DEFAULT_LOCK = ConfigKeys.key(ConfigKeys.LOCK).defaultValue();

    private AirlockConfigLoader() {}

    /**
     * @param projectRoot the project's root directory (Maven's {@code maven.multiModuleProjectDirectory}); relative
     *     paths resolve against it
     * @param filesLowToHigh configuration files, lowest precedence first; missing files are skipped
     * @param commandLine {@code airlock.*} command-line properties (user properties over system properties)
     * @throws ConfigException naming the file and line or the property, and the fix
     */
    public static AirlockConfig load(Path projectRoot, List<Path> filesLowToHigh, Map<String, String> commandLine) {
        return load(projectRoot, filesLowToHigh, commandLine, true);
    }

    /**
     * The same, for tools that only need the non-security settings (the quarantine goals): no mirror is required.
     */
    public static AirlockConfig loadForTools(Path projectRoot, List<Path> filesLowToHigh,
            Map<String, String> commandLine) {
        return load(projectRoot, filesLowToHigh, commandLine, false);
    }

    private static AirlockConfig load(Path projectRoot, List<Path> filesLowToHigh, Map<String, String> commandLine,
            boolean requireMirrors) {
        Map<String, Setting> settings = new HashMap<>();
        for (Path file : filesLowToHigh) {
            if (file != null && Files.isRegularFile(file)) {
                settings.putAll(readFile(file));
            }
        }

        Map<String, String> origins = new HashMap<>();
        settings.forEach((k, s) -> origins.put(k, s.where));

        Mode mode = settings.containsKey(ConfigKeys.MODE)
                ? Levels.parse(Mode.class, ConfigKeys.MODE, settings.get(ConfigKeys.MODE).value,
                        settings.get(ConfigKeys.MODE).where)
                : byDefault(Mode.class, ConfigKeys.MODE);
        FloatingVersions floating = settings.containsKey(ConfigKeys.FLOATING_VERSIONS)
                ? Levels.parse(FloatingVersions.class, ConfigKeys.FLOATING_VERSIONS,
                        settings.get(ConfigKeys.FLOATING_VERSIONS).value,
                        settings.get(ConfigKeys.FLOATING_VERSIONS).where)
                : byDefault(FloatingVersions.class, ConfigKeys.FLOATING_VERSIONS);
        LocalOrigin localOrigin = settings.containsKey(ConfigKeys.LOCAL_ORIGIN)
                ? Levels.parse(LocalOrigin.class, ConfigKeys.LOCAL_ORIGIN,
                        settings.get(ConfigKeys.LOCAL_ORIGIN).value, settings.get(ConfigKeys.LOCAL_ORIGIN).where)
                : byDefault(LocalOrigin.class, ConfigKeys.LOCAL_ORIGIN);
        List<MirrorSpec> mirrors = settings.containsKey(ConfigKeys.MIRRORS)
                ? parseMirrors(settings.get(ConfigKeys.MIRRORS).value, settings.get(ConfigKeys.MIRRORS).where)
                : List.of();
        List<NamespaceRule> namespaces = settings.containsKey(ConfigKeys.NAMESPACES)
                ? parseNamespaces(settings.get(ConfigKeys.NAMESPACES).value,
                        settings.get(ConfigKeys.NAMESPACES).where)
                : List.of();
        String lockValue = settings.containsKey(ConfigKeys.LOCK) ? settings.get(ConfigKeys.LOCK).value.trim() : null;
        String lockWhere = settings.containsKey(ConfigKeys.LOCK) ? settings.get(ConfigKeys.LOCK).where : null;
        Path quarantine = settings.containsKey(ConfigKeys.QUARANTINE_DIR)
                ? resolve(projectRoot, settings.get(ConfigKeys.QUARANTINE_DIR).value,
                        settings.get(ConfigKeys.QUARANTINE_DIR).where)
                : null;
        Path reportDir = settings.containsKey(ConfigKeys.REPORT_DIR)
                ? resolve(projectRoot, settings.get(ConfigKeys.REPORT_DIR).value,
                        settings.get(ConfigKeys.REPORT_DIR).where)
                : null;
        boolean digestIndex = settings.containsKey(ConfigKeys.DIGEST_INDEX)
                ? parseBoolean(ConfigKeys.DIGEST_INDEX, settings.get(ConfigKeys.DIGEST_INDEX).value,
                        settings.get(ConfigKeys.DIGEST_INDEX).where)
                : byDefault(ConfigKeys.DIGEST_INDEX);
        boolean allowInsecure = settings.containsKey(ConfigKeys.ALLOW_INSECURE_MIRRORS)
                ? parseBoolean(ConfigKeys.ALLOW_INSECURE_MIRRORS,
                        settings.get(ConfigKeys.ALLOW_INSECURE_MIRRORS).value,
                        settings.get(ConfigKeys.ALLOW_INSECURE_MIRRORS).where)
                : byDefault(ConfigKeys.ALLOW_INSECURE_MIRRORS);

        Map<String, Setting> feedValues = new HashMap<>();
        for (String k : FEED_KEYS) {
            if (settings.containsKey(k)) {
                feedValues.put(k, settings.get(k));
            }
        }

        List<String> warnings = new ArrayList<>();
        for (Map.Entry<String, String> e : new TreeMap<>(commandLine).entrySet()) {
            String key = e.getKey();
            String value = e.getValue();
            if (!ConfigKeys.ALL_KEYS.contains(key)) {
                if (key.startsWith("airlock.") && !ConfigKeys.IGNORED_USER_PROPERTIES.contains(key)
                        && !ConfigKeys.GOAL_PARAMETERS.contains(key)) {
                    warnings.add("-D" + key + " is neither an Airlock configuration key nor a parameter of an Airlock"
                            + " goal, and is ignored (configuration keys: " + String.join(", ",
                                    new TreeSet<>(ConfigKeys.ALL_KEYS)) + "; goal parameters: " + String.join(", ",
                                    new TreeSet<>(ConfigKeys.GOAL_PARAMETERS)) + ")");
                }
                continue;
            }
            String where = "-D" + key + "=" + value + " (command line, MAVEN_OPTS or .mvn/maven.config)";
            String origin = origins.getOrDefault(key, "default");
            switch (key) {
                case ConfigKeys.MODE -> {
                    Mode cli = Levels.parse(Mode.class, key, value, where);
                    requireTighter(cli.ordinal() >= mode.ordinal(), key, value, mode.id(), origin);
                    mode = cli;
                }
                case ConfigKeys.FLOATING_VERSIONS -> {
                    FloatingVersions cli = Levels.parse(FloatingVersions.class, key, value, where);
                    requireTighter(cli.ordinal() >= floating.ordinal(), key, value, floating.id(), origin);
                    floating = cli;
                }
                case ConfigKeys.LOCAL_ORIGIN -> {
                    LocalOrigin cli = Levels.parse(LocalOrigin.class, key, value, where);
                    requireTighter(cli.ordinal() >= localOrigin.ordinal(), key, value, localOrigin.id(), origin);
                    localOrigin = cli;
                }
                case ConfigKeys.MIRRORS -> {
                    List<MirrorSpec> cli = parseMirrors(value, where);
                    requireTighter(!mirrors.isEmpty() && narrows(cli, mirrors), key, value,
                            mirrors.isEmpty() ? "(no mirror)" : joinMirrors(mirrors), origin);
                    mirrors = cli;
                }
                case ConfigKeys.NAMESPACES -> {
                    List<NamespaceRule> cli = parseNamespaces(value, where);
                    requireTighter(narrowsNamespaces(cli, namespaces, mirrors), key, value,
                            namespaces.isEmpty() ? "(no namespace rule)" : joinRules(namespaces), origin);
                    namespaces = cli;
                }
                case ConfigKeys.LOCK -> {
                    if (lockValue != null) {
                        requireTighter(resolve(projectRoot, lockValue, lockWhere).equals(resolve(projectRoot, value, where)), key,
                                value, lockValue, origin);
                    }
                    lockValue = value.trim();
                    lockWhere = where;
                }
                case ConfigKeys.QUARANTINE_DIR -> quarantine = resolve(projectRoot, value, where);
                case ConfigKeys.REPORT_DIR -> reportDir = resolve(projectRoot, value, where);
                case ConfigKeys.DIGEST_INDEX -> digestIndex = parseBoolean(key, value, where);
                case ConfigKeys.ALLOW_INSECURE_MIRRORS -> {
                    boolean cli = parseBoolean(key, value, where);
                    requireTighter(!cli || allowInsecure, key, value, String.valueOf(allowInsecure), origin);
                    allowInsecure = cli;
                }
                case ConfigKeys.FEED, ConfigKeys.FEED_POLICY -> {
                    Setting current = feedValues.get(key);
                    if (current != null) {
                        boolean same = key.equals(ConfigKeys.FEED)
                                ? FeedSettings.parseFeed(current.value, current.where).equals(
                                        FeedSettings.parseFeed(value, where))
                                : resolve(projectRoot, current.value, current.where).equals(
                                        resolve(projectRoot, value, where));
                        requireTighter(same, key, value, current.value.trim(), origin);
                    }
                    feedValues.put(key, new Setting(value, where));
                }
                case ConfigKeys.FEED_REQUIRED -> {
                    Setting current = feedValues.get(key);
                    boolean now = current == null ? byDefault(key) : parseBoolean(key, current.value, current.where);
                    boolean cli = parseBoolean(key, value, where);
                    requireTighter(cli || !now, key, value, String.valueOf(now), origin);
                    feedValues.put(key, new Setting(value, where));
                }
                case ConfigKeys.FEED_PUBLISH, ConfigKeys.FEED_SIGNING_KEY, ConfigKeys.FEED_RUNNER ->
                        feedValues.put(key, new Setting(value, where));
                default -> throw new IllegalStateException(key);
            }
            origins.put(key, "-D" + key);
        }

        // a configured lock that does not exist is the extension's error (except while recording it)
        Path lock = null;
        if (lockValue != null) {
            lock = resolve(projectRoot, lockValue, lockWhere);
        } else if (projectRoot != null && Files.isRegularFile(projectRoot.resolve(DEFAULT_LOCK))) {
            lock = projectRoot.resolve(DEFAULT_LOCK).toAbsolutePath().normalize();
        }

        if (mode != Mode.OFF && requireMirrors) {
            validate(mirrors, namespaces, origins);
        }
        if (mode != Mode.OFF) {
            insecureMirrors(mirrors, mode, allowInsecure, origins, warnings);
        }
        FeedSettings feed = mode == Mode.OFF ? null : feed(projectRoot, feedValues);
        return new AirlockConfig(mode, mirrors, namespaces, floating, localOrigin, lock, quarantine, reportDir,
                digestIndex, allowInsecure, origins, warnings, feed);
    }

    private static void validate(List<MirrorSpec> mirrors, List<NamespaceRule> namespaces,
            Map<String, String> origins) {
        if (mirrors.isEmpty()) {
            throw new ConfigException("Airlock configuration",
                    "no mirror is configured, so Airlock cannot lock resolution to one",
                    "set airlock.mirrors in .mvn/airlock.properties (or ${maven.home}/conf/airlock.properties), e.g."
                            + " airlock.mirrors=internal=https://repo.corp.example/maven");
        }
        if (mirrors.size() > 1 && namespaces.isEmpty()) {
            throw new ConfigException(origins.get(ConfigKeys.MIRRORS),
                    "more than one mirror is configured but airlock.namespaces is not set, so internal groupIds"
                            + " could be served by any of them",
                    "set airlock.namespaces, e.g. airlock.namespaces=com.acme.*=" + mirrors.get(mirrors.size() - 1).id());
        }
        Set<String> ids = mirrors.stream().map(MirrorSpec::id).collect(Collectors.toSet());
        for (NamespaceRule rule : namespaces) {
            for (String id : rule.mirrorIds()) {
                if (!ids.contains(id)) {
                    throw new ConfigException(origins.getOrDefault(ConfigKeys.NAMESPACES, "airlock.namespaces"),
                            "namespace " + rule.pattern() + " routes to mirror '" + id
                                    + "', which is not among airlock.mirrors (" + String.join(", ", ids) + ")",
                            "name one of the configured mirror ids");
                }
            }
        }
    }

    /**
     * A mirror over plain {@code http://} on a host other than loopback: in enforce mode a {@code CONFIG_ERROR} unless
     * {@code airlock.allowInsecureMirrors=true} (Maven blocks {@code external:http:*} repositories for the same
     * reason: what travels over plain HTTP can be read and changed on the way); in warn mode a warning.
     */
    private static void insecureMirrors(List<MirrorSpec> mirrors, Mode mode, boolean allowed,
            Map<String, String> origins, List<String> warnings) {
        for (MirrorSpec m : mirrors) {
            if (!m.prefix().scheme().equals("http") || m.prefix().isLoopback() || allowed) {
                continue;
            }
            String where = origins.getOrDefault(ConfigKeys.MIRRORS, ConfigKeys.MIRRORS);
            String problem = "mirror " + m.id() + " (" + m.url() + ") uses plain http:// on a host that is not"
                    + " loopback: artifacts, checksums and credentials to it can be read and changed on the way, and"
                    + " Maven itself blocks such repositories (external:http:*)";
            String fix = "use the mirror's https:// URL; if the network path is trusted (a mirror on the build host's"
                    + " own network segment), set " + ConfigKeys.ALLOW_INSECURE_MIRRORS + "=true in"
                    + " .mvn/airlock.properties or ${maven.home}/conf/airlock.properties";
            if (mode == Mode.ENFORCE) {
                throw new ConfigException(where, problem, fix);
            }
            warnings.add(where + ": " + problem + " (enforce mode refuses it). Fix: " + fix);
        }
    }

    /** The default of a choice key, from {@link ConfigKeys#KEYS}. */
    private static <E extends Enum<E>> E byDefault(Class<E> type, String key) {
        return Levels.parse(type, key, ConfigKeys.key(key).defaultValue(), "ConfigKeys (the default)");
    }

    /** The default of a boolean key, from {@link ConfigKeys#KEYS}. */
    private static boolean byDefault(String key) {
        return Boolean.parseBoolean(ConfigKeys.key(key).defaultValue());
    }

    private static boolean parseBoolean(String key, String value, String where) {
        String defaultValue = ConfigKeys.key(key).defaultValue();
        String v = value.trim();
        if (v.equals("true") || v.equals("false")) {
            return v.equals("true");
        }
        String other = defaultValue.equals("true") ? "false" : "true";
        throw new ConfigException(where, key + "=" + value + " is neither true nor false",
                "set " + key + "=" + defaultValue + " (the default) or " + key + "=" + other);
    }

    private static void requireTighter(boolean ok, String key, String value, String current, String origin) {
        if (!ok) {
            String fix = origin.equals("default")
                    ? "a command-line value may only tighten Airlock's security keys; to change " + key
                            + " set it in .mvn/airlock.properties or ${maven.home}/conf/airlock.properties"
                    : "a command-line value may only tighten Airlock's security keys; to change " + key
                            + " edit it where it is set: " + origin;
            throw new ConfigException("-D" + key + "=" + value + " (command line, MAVEN_OPTS or .mvn/maven.config)",
                    "refused: it would weaken " + key + "=" + current + " (from " + origin + ")", fix);
        }
    }

    /** Every command-line mirror is a configured mirror (same id) at or below its URL. */
    private static boolean narrows(List<MirrorSpec> cli, List<MirrorSpec> base) {
        for (MirrorSpec m : cli) {
            boolean ok = base.stream().anyMatch(b -> b.id().equals(m.id()) && b.prefix().contains(m.prefix()));
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /**
     * Every configured rule is kept with the same or fewer mirrors, and every added rule routes its groupIds only
     * to mirrors that the configured rules (or, for ungoverned groupIds, any configured mirror) already allow.
     */
    private static boolean narrowsNamespaces(List<NamespaceRule> cli, List<NamespaceRule> base,
            List<MirrorSpec> mirrors) {
        for (NamespaceRule b : base) {
            boolean kept = cli.stream().anyMatch(c -> c.pattern().equals(b.pattern())
                    && b.mirrorIds().containsAll(c.mirrorIds()));
            if (!kept) {
                return false;
            }
        }
        Set<String> all = mirrors.stream().map(MirrorSpec::id).collect(Collectors.toSet());
        for (NamespaceRule c : cli) {
            String probe = c.pattern().equals("*") ? "" : c.pattern().replaceAll("\\.\\*$", "");
            List<String> allowed = base.stream()
                    .filter(b -> b.matches(probe))
                    .max((x, y) -> Integer.compare(x.specificity(), y.specificity()))
                    .map(NamespaceRule::mirrorIds)
                    .orElse(new ArrayList<>(all));
            if (!allowed.containsAll(c.mirrorIds())) {
                return false;
            }
        }
        return true;
    }

    static List<MirrorSpec> parseMirrors(String value, String where) {
        List<MirrorSpec> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String entry : splitList(value)) {
            int eq = entry.indexOf('=');
            if (eq <= 0 || eq == entry.length() - 1) {
                throw new ConfigException(where, "airlock.mirrors entry '" + entry + "' is not id=url",
                        "write it as id=url, e.g. internal=https://repo.corp.example/maven");
            }
            String id = entry.substring(0, eq).trim();
            String url = entry.substring(eq + 1).trim();
            if (!MIRROR_ID.matcher(id).matches()) {
                throw new ConfigException(where, "mirror id '" + id + "' is not a valid repository id",
                        "use letters, digits, '.', '_' and '-'");
            }
            if (id.toLowerCase(Locale.ROOT).equals("central")) {
                throw new ConfigException(where, "mirror id 'central' is reserved: it is the id of Maven Central,"
                        + " and files cached from Maven Central are recorded under it",
                        "give the mirror its own id (the id of its <server> in settings.xml), e.g. internal=" + url);
            }
            if (!seen.add(id)) {
                throw new ConfigException(where, "mirror id '" + id + "' is listed twice", "list each mirror once");
            }
            UrlPrefix prefix;
            try {
                prefix = UrlPrefix.parse(url);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(where, "mirror " + id + ": " + e.getMessage(),
                        "give the repository's http(s) URL");
            }
            out.add(new MirrorSpec(id, url, prefix));
        }
        if (out.isEmpty()) {
            throw new ConfigException(where, "airlock.mirrors is empty",
                    "list at least one mirror, e.g. airlock.mirrors=internal=https://repo.corp.example/maven");
        }
        return out;
    }

    static List<NamespaceRule> parseNamespaces(String value, String where) {
        List<NamespaceRule> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String entry : splitList(value)) {
            int eq = entry.indexOf('=');
            if (eq <= 0 || eq == entry.length() - 1) {
                throw new ConfigException(where, "airlock.namespaces entry '" + entry + "' is not pattern=mirrorId",
                        "write it as pattern=mirrorId[|mirrorId], e.g. com.acme.*=internal");
            }
            String pattern = entry.substring(0, eq).trim();
            List<String> ids = Arrays.stream(entry.substring(eq + 1).split("\\|"))
                    .map(String::trim)
                    .filter(s -> !s.isEmpty())
                    .collect(Collectors.toList());
            if (ids.isEmpty()) {
                throw new ConfigException(where, "namespace " + pattern + " names no mirror",
                        "write it as pattern=mirrorId[|mirrorId]");
            }
            NamespaceRule rule;
            try {
                rule = NamespaceRule.of(pattern, ids);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(where, e.getMessage(), "correct the pattern");
            }
            if (!seen.add(rule.pattern())) {
                throw new ConfigException(where, "namespace " + pattern + " is listed twice",
                        "list each pattern once, with all its mirrors separated by |");
            }
            out.add(rule);
        }
        return out;
    }

    private static List<String> splitList(String value) {
        return Arrays.stream(value.split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .collect(Collectors.toList());
    }

    private static Path resolve(Path root, String value, String where) {
        Path p;
        try {
            p = Path.of(value.trim());
        } catch (InvalidPathException e) {
            throw new ConfigException(where, "'" + Printable.of(value) + "' is not a path on this system (" + e.getReason() + ")",
                    "give a file or folder path, relative to the project root or absolute");
        }
        if (!p.isAbsolute() && root != null) {
            p = root.resolve(p);
        }
        return p.toAbsolutePath().normalize();
    }

    private static String joinMirrors(List<MirrorSpec> mirrors) {
        return mirrors.stream().map(MirrorSpec::toString).collect(Collectors.joining(","));
    }

    private static String joinRules(List<NamespaceRule> rules) {
        return rules.stream().map(NamespaceRule::toString).collect(Collectors.joining(","));
    }

    private static final List<String> FEED_KEYS = List.of(ConfigKeys.FEED, ConfigKeys.FEED_REQUIRED,
            ConfigKeys.FEED_POLICY, ConfigKeys.FEED_PUBLISH, ConfigKeys.FEED_SIGNING_KEY, ConfigKeys.FEED_RUNNER);

    /** The feed settings, or null without {@code airlock.feed}; the other feed keys then have nothing to apply to. */
    private static FeedSettings feed(Path projectRoot, Map<String, Setting> v) {
        Setting feed = v.get(ConfigKeys.FEED);
        if (feed == null) {
            for (String k : FEED_KEYS) {
                if (v.containsKey(k)) {
                    throw new ConfigException(v.get(k).where, k + " is set but " + ConfigKeys.FEED + " is not: there"
                            + " is no feed for it to apply to", "add " + ConfigKeys.FEED + "=<groupId:artifactId of"
                            + " the feed>, or remove " + k);
                }
            }
            return null;
        }
        Setting required = v.get(ConfigKeys.FEED_REQUIRED);
        Setting policy = v.get(ConfigKeys.FEED_POLICY);
        Setting publish = v.get(ConfigKeys.FEED_PUBLISH);
        Setting key = v.get(ConfigKeys.FEED_SIGNING_KEY);
        Setting runner = v.get(ConfigKeys.FEED_RUNNER);
        String[] target = publish == null ? null : FeedSettings.parsePublish(publish.value, publish.where);
        if (target != null && key == null) {
            throw new ConfigException(publish.where, ConfigKeys.FEED_PUBLISH + " is set but "
                    + ConfigKeys.FEED_SIGNING_KEY + " is not: what a runner publishes must be signed",
                    "add " + ConfigKeys.FEED_SIGNING_KEY + "=<path of the feed's PEM private key>, or remove "
                            + ConfigKeys.FEED_PUBLISH);
        }
        return new FeedSettings(FeedSettings.parseFeed(feed.value, feed.where),
                required == null ? byDefault(ConfigKeys.FEED_REQUIRED)
                        : parseBoolean(ConfigKeys.FEED_REQUIRED, required.value, required.where),
                policy == null ? resolve(projectRoot, ConfigKeys.key(ConfigKeys.FEED_POLICY).defaultValue(),
                        "ConfigKeys (the default)") : resolve(projectRoot, policy.value, policy.where),
                target == null ? null : target[0], target == null ? null : target[1],
                key == null ? null : resolve(projectRoot, key.value, key.where),
                runner == null ? null : FeedSettings.parseRunner(runner.value, runner.where));
    }

    /** A value and where it was set ({@code file:line}). */
    private record Setting(String value, String where) {}

    private static Map<String, Setting> readFile(Path file) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file)))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new ConfigException(file.toString(), "the file is not valid UTF-8", "save it as UTF-8");
        } catch (IOException e) {
            throw new ConfigException(file.toString(), "cannot be read (" + e.getMessage() + ")",
                    "make it readable or remove it");
        }
        // java.util.Properties keeps the last of two definitions of a key without a word: record every definition
        // in the order Properties reads them, so that a second one is an error (it could weaken a setting)
        List<String> definitions = new ArrayList<>();
        Properties props = new Properties() {
            private static final long serialVersionUID = 1L;

            @Override
            public synchronized Object put(Object key, Object value) {
                definitions.add((String) key);
                return super.put(key, value);
            }
        };
        try (Reader r = new StringReader(text)) {
            props.load(r);
        } catch (IOException | IllegalArgumentException e) {
            throw new ConfigException(file.toString(), "cannot be parsed as a properties file (" + e.getMessage()
                    + ")", "write one key=value per line");
        }
        List<PropertyLines.Definition> lines = PropertyLines.of(text);
        // the line of each definition, when this reading agrees with Properties' (it does for every file it reads)
        boolean linesKnown = lines.size() == definitions.size();
        for (int i = 0; linesKnown && i < lines.size(); i++) {
            linesKnown = lines.get(i).key().equals(definitions.get(i));
        }
        Map<String, Integer> firstAt = new HashMap<>();
        Map<String, Setting> out = new TreeMap<>();
        for (int i = 0; i < definitions.size(); i++) {
            String key = definitions.get(i);
            int line = linesKnown ? lines.get(i).line() : 0;
            String where = linesKnown ? file + ":" + line : file.toString();
            if (!ConfigKeys.ALL_KEYS.contains(key)) {
                throw new ConfigException(where, "unknown key '" + key + "' (a misspelt key could silently weaken"
                        + " security, so Airlock refuses it)",
                        "use one of " + String.join(", ", new TreeSet<>(ConfigKeys.ALL_KEYS))
                                + ", or delete the line");
            }
            Integer first = firstAt.putIfAbsent(key, line);
            if (first != null) {
                throw new ConfigException(where, "key '" + key + "' is set twice"
                        + (linesKnown ? " (line " + first + " and line " + line + ")" : "")
                        + "; a properties file silently keeps the last value, which could weaken security, so"
                        + " Airlock refuses it",
                        "keep one line for " + key + " and delete the other");
            }
        }
        for (String key : props.stringPropertyNames()) {
            String where = linesKnown ? file + ":" + firstAt.get(key) : file.toString();
            String value = props.getProperty(key);
            if (value.trim().isEmpty()) {
                throw new ConfigException(where, key + " is empty", "give it a value or delete the line");
            }
            out.put(key, new Setting(value, where));
        }
        return out;
    }
}
