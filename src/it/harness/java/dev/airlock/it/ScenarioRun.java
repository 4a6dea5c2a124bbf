package dev.airlock.it;

import groovy.json.JsonSlurper;
import groovy.lang.Binding;
import groovy.lang.GroovyShell;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.maven.shared.invoker.DefaultInvocationRequest;
import org.apache.maven.shared.invoker.DefaultInvoker;
import org.apache.maven.shared.invoker.InvocationRequest;
import org.apache.maven.shared.invoker.InvocationResult;
import org.apache.maven.shared.invoker.MavenInvocationException;

/**
 * Runs one scenario on one Maven version: starts its mirrors, the decoy and the sink proxy on loopback, copies the
 * scenario into a fresh work folder (with its own user home and empty local repository holding only the
 * extension), runs each build, then {@code verify.groovy}, and finally checks that neither the decoy nor the sink
 * proxy received a request.
 */
public final class ScenarioRun {
    private static final Set<String> TEXT_EXTENSIONS =
            Set.of("xml", "pom", "properties", "config", "txt", "json", "groovy", "lock", "md");

    private final ItEnvironment env;
    private final Scenario scenario;
    private final String mavenVersion;
    private final Path work;
    private final Path project;
    private final Path localRepo;
    private final Path home;
    private final Map<String, RepoServer> servers = new LinkedHashMap<>();
    private final Map<String, String> tokens = new LinkedHashMap<>();
    private final List<String> logs = new ArrayList<>();
    private final List<Integer> exitCodes = new ArrayList<>();
    private final List<List<Map<String, Object>>> evidence = new ArrayList<>();
    private final List<Map<String, Object>> reports = new ArrayList<>();
    /** Requests each server had received when each build ended: {@code requestCounts[n-1][serverId]}. */
    private final List<Map<String, Integer>> requestCounts = new ArrayList<>();
    private SinkProxy sink;
    /** {@code it.keyserver}: the loopback OpenPGP key server, or null. */
    private KeyServer keyServer;
    /** {@code it.pgp.sign}: the run's publisher key; {@code it.pgp.sign.N}: the attacker's. Never written. */
    private PgpSigner publisher;
    private PgpSigner attacker;

    public ScenarioRun(ItEnvironment env, Scenario scenario, String mavenVersion) {
        this.env = env;
        this.scenario = scenario;
        this.mavenVersion = mavenVersion;
        this.work = env.workDir.resolve(mavenVersion).resolve(scenario.name);
        this.project = work.resolve("project");
        this.localRepo = work.resolve("local-repo");
        this.home = work.resolve("home");
    }

    private java.util.function.Consumer<String> progress = line -> { };

    private java.util.function.IntConsumer buildEnd = n -> { };

    /** Called with n when build n has ended and its evidence and report are read (the demo prints a verdict). */
    public ScenarioRun onBuildEnd(java.util.function.IntConsumer listener) {
        this.buildEnd = listener;
        return this;
    }

    /** Where a line goes as each build starts and ends (the demo prints them; the ITs stay quiet). */
    public ScenarioRun progress(java.util.function.Consumer<String> sink) {
        this.progress = sink;
        return this;
    }

    /** What build n does, for a person: its attack ({@code demo.attack.N}) or its Maven arguments. */
    private String describe(int n, Scenario.Invocation inv) {
        String attack = scenario.get("demo.attack." + n, null);
        String args = "mvn " + String.join(" ", filter(arguments(inv)));
        return attack != null ? "attack planted: " + attack + "\n    " + args : args;
    }

    /** The exit code of build n (1-based). */
    public int exitCode(int n) {
        return exitCodes.get(n - 1);
    }

    public Path work() {
        return work;
    }

    public List<String> logs() {
        return logs;
    }

    public List<List<Map<String, Object>>> evidence() {
        return evidence;
    }

    public Map<String, RepoServer> servers() {
        return servers;
    }

    public Scenario scenario() {
        return scenario;
    }

    /** Each build's parsed {@code report.json}, null where the build wrote none. */
    public List<Map<String, Object>> reports() {
        return reports;
    }

    /** The scenario's key server ({@code it.keyserver}), or null. */
    public KeyServer keyServer() {
        return keyServer;
    }

    public int controlDecoyRequests() {
        return controlDecoyRequests;
    }

    public void run() throws Exception {
        deleteTree(work);
        Files.createDirectories(work);
        try {
            startServers();
            prepare();
            Path mavenHome = installed(env.mavenHome(mavenVersion));
            String control = scenario.get("it.control.goals", null);
            if (control != null) {
                control(mavenHome, control);
            }
            int n = 0;
            int total = scenario.invocations().size();
            for (Scenario.Invocation inv : scenario.invocations()) {
                n++;
                beforeBuild(n);
                progress.accept("build " + n + " of " + total + ": " + describe(n, inv));
                long start = System.nanoTime();
                try {
                    invoke(mavenHome, inv);
                } finally {
                    if (exitCodes.size() == n) {
                        progress.accept("    " + (exitCodes.get(n - 1) == 0 ? "BUILD SUCCESS" : "BUILD FAILURE")
                                + " in " + (System.nanoTime() - start) / 1_000_000_000 + " s; log: "
                                + work.resolve("build-" + n + ".log"));
                        buildEnd.accept(n);
                    }
                }
                afterBuild(n);
            }
            verify();
            checkNoEscape();
        } finally {
            stopServers();
        }
    }

    /**
     * For the harness's own tests: starts the servers and lays out the work folder as {@link #run()} does, runs no
     * Maven; {@link #beforeBuildForTest(int)} does what happens before build n, {@link #stopForTest()} stops the
     * servers and writes their logs.
     */
    void prepareForTest() throws Exception {
        deleteTree(work);
        Files.createDirectories(work);
        startServers();
        prepare();
    }

    void beforeBuildForTest(int n) throws IOException {
        beforeBuild(n);
    }

    void stopForTest() throws IOException {
        stopServers();
    }

    // ------------------------------------------------------------------ servers

    private void startServers() throws IOException {
        sink = new SinkProxy();
        List<String> ids = scenario.mirrorIds();
        for (int i = 0; i < ids.size(); i++) {
            String id = ids.get(i);
            String dirs = scenario.get("it.mirror." + id + ".dirs",
                    i == 0 ? "mirror,@fixtures,@airlock,@rules,@closure" : id + ",@closure");
            RepoServer s = RepoServer.start(id, layers(dirs), scenario.get("it.mirror." + id + ".auth", null),
                    scenario.get("it.mirror." + id + ".failure", null));
            s.hide(list("it.mirror." + id + ".hide"));
            String deploy = scenario.get("it.mirror." + id + ".deploy", null);
            if (deploy != null) {
                Files.createDirectories(project.resolve(deploy));
                s.deployTo(project.resolve(deploy).toAbsolutePath().normalize());
            }
            servers.put(id, s);
            tokens.put(id + ".url", s.url());
            tokens.put(id + ".base", s.url().substring(0, s.url().length() - 1));
            tokens.put(id + ".hostport", java.net.URI.create(s.url()).getHost() + ":" + java.net.URI.create(s.url()).getPort());
            if (i == 0) {
                tokens.put("mirror.url", s.url());
            }
        }
        RepoServer decoy = RepoServer.start("decoy", layers(scenario.get("it.decoy.dirs", "decoy")), null, null);
        servers.put("decoy", decoy);
        tokens.put("decoy.url", decoy.url());
        tokens.put("sink.port", Integer.toString(sink.port()));
        tokens.put("localRepo", localRepo.toString());
        tokens.put("maven.home", work.resolve("maven-home").toString());
        startKeyServer();
        makePgpKeys();
        tokens.putAll(env.tokens);
    }

    /**
     * {@code it.keyserver=dir[,dir...]}: a loopback OpenPGP key server ({@link KeyServer}) over these project folders,
     * read on each request (so the keys {@code it.pgp.sign} writes are served). Its URL is {@code @keyserver.base@}
     * ({@code http://127.0.0.1:PORT}), {@code @keyserver.url@} (with a trailing slash) and {@code @keyserver.hkp@}
     * ({@code hkp://127.0.0.1:PORT}), and every build gets {@code -Dairlock.keyserver=@keyserver.base@} unless its own
     * arguments set {@code -Dairlock.keyserver}.
     */
    private void startKeyServer() throws IOException {
        List<String> dirs = list("it.keyserver");
        if (dirs.isEmpty()) {
            return;
        }
        List<Path> paths = new ArrayList<>();
        for (String d : dirs) {
            paths.add(inProject("it.keyserver", d));
        }
        keyServer = KeyServer.start(paths);
        tokens.put("keyserver.base", keyServer.url());
        tokens.put("keyserver.url", keyServer.url() + "/");
        tokens.put("keyserver.hkp", keyServer.hkpUrl());
    }

    /**
     * The run's OpenPGP keys, made before the scenario is copied so that its files can name them:
     * {@code @pgp.publisher.fingerprint@}, {@code @pgp.publisher.keyid@}, {@code @pgp.attacker.fingerprint@},
     * {@code @pgp.attacker.keyid@}. The publisher's when {@code it.pgp.sign} or {@code it.pgp.publicKey} is set, the
     * attacker's when an {@code it.pgp.sign.N} or {@code it.pgp.attackerKey} is.
     */
    private void makePgpKeys() {
        if (!list("it.pgp.sign").isEmpty() || scenario.get("it.pgp.publicKey", null) != null) {
            publisher = PgpSigner.generate(PgpSigner.PUBLISHER);
            tokens.put("pgp.publisher.fingerprint", publisher.fingerprint());
            tokens.put("pgp.publisher.keyid", publisher.keyId());
        }
        boolean attackerSigns = scenario.props.stringPropertyNames().stream()
                .anyMatch(k -> k.matches("it\\.pgp\\.sign\\.\\d+"));
        if (attackerSigns || scenario.get("it.pgp.attackerKey", null) != null) {
            attacker = PgpSigner.generate(PgpSigner.ATTACKER);
            tokens.put("pgp.attacker.fingerprint", attacker.fingerprint());
            tokens.put("pgp.attacker.keyid", attacker.keyId());
        }
    }

    /** {@code rel} resolved in the project; an entry that leaves it is refused. */
    private Path inProject(String key, String rel) {
        Path p = project.resolve(rel.trim()).normalize();
        if (!p.startsWith(project)) {
            throw new IllegalArgumentException(scenario.name + ": " + key + " leaves the project: " + rel);
        }
        return p;
    }

    private List<RepoServer.Layer> layers(String spec) {
        List<RepoServer.Layer> out = new ArrayList<>();
        for (String d : spec.split(",")) {
            d = d.trim();
            switch (d) {
                case "" -> { }
                case "@fixtures" -> out.add(new RepoServer.Layer(work.resolve("fixtures-mirror"), false));
                case "@closure" -> out.add(new RepoServer.Layer(env.mirrorRepo, true));
                case "@airlock" -> out.add(new RepoServer.Layer(env.extensionRepo, true));
                case "@rules" -> out.add(new RepoServer.Layer(env.rulesRepo, true));
                default -> out.add(new RepoServer.Layer(project.resolve(d), false));
            }
        }
        return out;
    }

    private void stopServers() throws IOException {
        Files.createDirectories(work.resolve("logs"));
        for (RepoServer s : servers.values()) {
            Files.writeString(work.resolve("logs").resolve(s.name() + "-requests.log"), s.logText());
            s.close();
        }
        if (sink != null) {
            Files.writeString(work.resolve("logs").resolve("sink-proxy.log"), String.join("\n", sink.lines()));
            sink.close();
        }
        if (keyServer != null) {
            Files.writeString(work.resolve("logs").resolve("keyserver-requests.log"), keyServer.logText());
            if (!keyServer.problems().isEmpty()) {
                // key blocks it could not read (and so did not serve)
                Files.writeString(work.resolve("logs").resolve("keyserver-problems.log"),
                        String.join("\n", keyServer.problems()) + "\n");
            }
            keyServer.close();
        }
    }

    // ------------------------------------------------------------------ work folder

    private void prepare() throws IOException {
        copyFiltered(scenario.dir, project);
        copyFiltered(env.scenarioDir.resolve("_fixtures").resolve("mirror"), work.resolve("fixtures-mirror"));
        copyDeclared();
        FixtureJars.materialise(project);
        FixtureJars.materialise(work.resolve("fixtures-mirror"));
        PluginFixtures.buildAll(env.scenarioDir.resolve("_fixtures").resolve("plugins"), work.resolve("fixtures-mirror"));
        sign();
        pgpSign();
        tamper();
        resolveShaTokens(project);
        Path quarantineSeed = project.resolve(scenario.get("it.quarantine.seed", "quarantine-seed"));
        if (Files.isDirectory(quarantineSeed)) {
            // the default store of the local repository work/local-repo
            copyTree(quarantineSeed, work.resolve("airlock-quarantine"));
        }

        String pagePath = scenario.get("it.page", null);
        if (pagePath != null) {
            page = new DocPage(env.projectRoot.resolve(pagePath), DocPage.replacements(filter(scenario.get(
                    "it.page.replace", ""))));
            page.writeFiles(project);
            if (!page.of("enforcer-execution").isEmpty()) {
                page.mergeIntoEnforcer(project.resolve(scenario.get("it.page.pom", "pom.xml")));
            }
        }

        Files.createDirectories(home.resolve(".m2"));
        Files.createDirectories(localRepo);
        if (seedsAirlock()) {
            copyTree(env.extensionRepo, localRepo);
        }
        Path seed = project.resolve(scenario.get("it.localRepo.seed", "localrepo"));
        if (Files.isDirectory(seed)) {
            copyTree(seed, localRepo);
        }
        if (!Files.isRegularFile(project.resolve("settings.xml"))) {
            Files.writeString(project.resolve("settings.xml"), settings(), StandardCharsets.UTF_8);
        }
    }

    /**
     * {@code it.copy=source->dest[,...]}: real files into the project (a mirror folder, say). {@code fixtures:x} is
     * {@code x} in the repository's {@code fixtures/}, {@code project:x} in the Airlock project; dest is relative to the scenario.
     */
    private void copyDeclared() throws IOException {
        for (String entry : list("it.copy")) {
            String[] p = entry.split("->");
            if (p.length != 2) {
                throw new IllegalArgumentException(scenario.name + ": it.copy entry '" + entry + "' is not source->dest");
            }
            String src = p[0].trim();
            Path from = src.startsWith("fixtures:") ? env.fixturesDir.resolve(src.substring(9))
                    : src.startsWith("project:") ? env.projectRoot.resolve(src.substring(8)) : null;
            if (from == null || !Files.isRegularFile(from)) {
                throw new IllegalArgumentException(scenario.name + ": it.copy source " + src + " is not a file (" + from
                        + ")");
            }
            Path to = project.resolve(p[1].trim()).normalize();
            Files.createDirectories(to.getParent());
            Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /**
     * {@code it.cosign.sign=file[->sig][,...]} signs each file as {@code cosign sign-blob} does (ECDSA P-256 over
     * SHA-256, base64) with a key pair made for this run, writing {@code file.sig} (or {@code sig});
     * {@code it.cosign.publicKey=path} receives the public key in PEM. The private key is never written.
     */
    private void sign() throws IOException {
        List<String> files = list("it.cosign.sign");
        if (files.isEmpty()) {
            return;
        }
        try {
            java.security.KeyPairGenerator g = java.security.KeyPairGenerator.getInstance("EC");
            g.initialize(new java.security.spec.ECGenParameterSpec("secp256r1"));
            java.security.KeyPair kp = g.generateKeyPair();
            Path pub = project.resolve(scenario.get("it.cosign.publicKey", "cosign.pub"));
            Files.createDirectories(pub.getParent());
            Files.writeString(pub, "-----BEGIN PUBLIC KEY-----\n" + java.util.Base64.getMimeEncoder(64,
                    new byte[] {'\n'}).encodeToString(kp.getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----\n");
            for (String entry : files) {
                String[] p = entry.split("->");
                Path file = project.resolve(p[0].trim());
                Path sig = p.length > 1 ? project.resolve(p[1].trim()) : file.resolveSibling(file.getFileName() + ".sig");
                java.security.Signature s = java.security.Signature.getInstance("SHA256withECDSA");
                s.initSign(kp.getPrivate());
                s.update(Files.readAllBytes(file));
                Files.createDirectories(sig.getParent());
                Files.writeString(sig, java.util.Base64.getEncoder().encodeToString(s.sign()));
            }
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign the scenario's files", e);
        }
    }

    /**
     * {@code it.pgp.sign=file[->asc][,...]}: each file is signed with the run's publisher key (an armored detached
     * signature, {@code file.asc} by default); its public key goes to {@code it.pgp.publicKey} (default
     * {@code .mvn/keys/it-publisher.asc}) and its fingerprint, a line of 40 upper-case hex digits, to
     * {@code it.pgp.fingerprint} (default {@code it-pgp-publisher.fpr}, at the project's root: not in target/, which a
     * build's clean removes). The attacker's key (for {@code it.pgp.sign.N}) is written now too, before build 1:
     * {@code it.pgp.attackerKey} (default {@code .mvn/keys/it-attacker.asc}) and {@code it.pgp.attackerFingerprint}
     * (default {@code it-pgp-attacker.fpr}). Runs before {@code it.tamper}.
     */
    private void pgpSign() throws IOException {
        if (publisher != null) {
            writeKey(publisher, "it.pgp.publicKey", ".mvn/keys/it-publisher.asc", "it.pgp.fingerprint",
                    "it-pgp-publisher.fpr");
            pgpSign(publisher, "it.pgp.sign");
        }
        if (attacker != null) {
            writeKey(attacker, "it.pgp.attackerKey", ".mvn/keys/it-attacker.asc", "it.pgp.attackerFingerprint",
                    "it-pgp-attacker.fpr");
        }
    }

    private void writeKey(PgpSigner key, String keyProperty, String keyDefault, String fprProperty, String fprDefault)
            throws IOException {
        Path pub = inProject(keyProperty, scenario.get(keyProperty, keyDefault));
        Files.createDirectories(pub.getParent());
        Files.writeString(pub, key.armoredPublicKey(), StandardCharsets.US_ASCII);
        Path fpr = inProject(fprProperty, scenario.get(fprProperty, fprDefault));
        Files.createDirectories(fpr.getParent());
        Files.writeString(fpr, key.fingerprint() + "\n", StandardCharsets.US_ASCII);
    }

    /** Signs each {@code file[->asc]} entry of {@code property} with {@code key}. */
    private void pgpSign(PgpSigner key, String property) throws IOException {
        for (String entry : list(property)) {
            String[] p = entry.split("->");
            Path file = inProject(property, p[0]);
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException(scenario.name + ": " + property + " names no file: " + p[0].trim());
            }
            Path asc = p.length > 1 ? inProject(property, p[1]) : file.resolveSibling(file.getFileName() + ".asc");
            key.sign(file, asc);
        }
    }

    /** {@code it.tamper=file[,...]}: one byte in the middle of each file is changed (after signing). */
    private void tamper() throws IOException {
        for (String rel : list("it.tamper")) {
            Path f = project.resolve(rel.trim());
            byte[] b = Files.readAllBytes(f);
            b[b.length / 2] ^= 0x01;
            Files.write(f, b);
        }
    }

    private List<String> list(String key) {
        String v = scenario.get(key, "");
        List<String> out = new ArrayList<>();
        for (String e : v.split(",")) {
            if (!e.isBlank()) {
                out.add(e.trim());
            }
        }
        return out;
    }

    private DocPage page;
    private Path installedHome;

    /**
     * {@code it.maven.install=page}: the scenario's own copy of the Maven installation ({@code workdir/maven-home}),
     * into which the page's {@code it:install} script is run by bash, as a person would run it: in a folder holding
     * the jars it copies (found by file name among the artifacts this build made and the mirror's closure; a jar the
     * page names that the build did not make fails the scenario), with {@code it.page.replace} applied (the page's
     * {@code MAVEN_HOME=...} becomes {@code @maven.home@}, this copy). Otherwise the shared installation.
     */
    private Path installed(Path shared) throws IOException, InterruptedException {
        String how = scenario.get("it.maven.install", null);
        if (how == null) {
            return shared;
        }
        if (!"page".equals(how.trim()) || page == null) {
            throw new IllegalArgumentException(scenario.name + ": it.maven.install must be 'page', with it.page");
        }
        Path home = work.resolve("maven-home");
        copyTree(shared, home);
        try (java.util.stream.Stream<Path> bin = Files.list(home.resolve("bin"))) {
            bin.forEach(f -> f.toFile().setExecutable(true));
        }
        Path downloads = work.resolve("install-downloads");
        Files.createDirectories(downloads);
        for (String jar : page.installJars()) {
            Path found = findJar(jar);
            Files.copy(found, downloads.resolve(jar), StandardCopyOption.REPLACE_EXISTING);
        }
        // the output goes to a file, so that the time limit holds even if the script never closes its output
        Path log = work.resolve("install.log");
        ProcessBuilder pb = new ProcessBuilder("bash", "-euo", "pipefail", "-c", page.one("install").text())
                .directory(downloads.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().remove("MAVEN_HOME");
        Process p = pb.start();
        if (!p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException(scenario.name + ": the it:install script of " + page.file
                    + " did not finish in 60 s: " + Files.readString(log));
        }
        if (p.exitValue() != 0) {
            throw new IllegalStateException(scenario.name + ": the it:install script of " + page.file + " failed"
                    + " (exit " + p.exitValue() + "): " + Files.readString(log));
        }
        installedHome = home;
        return home;
    }

    private Path findJar(String name) throws IOException {
        for (Path repo : List.of(env.extensionRepo, env.rulesRepo, env.mirrorRepo)) {
            try (java.util.stream.Stream<Path> files = Files.walk(repo)) {
                Optional<Path> hit = files.filter(f -> f.getFileName().toString().equals(name)).findFirst();
                if (hit.isPresent()) {
                    return hit.get();
                }
            }
        }
        throw new IllegalStateException(scenario.name + ": " + page.file + " installs " + name + ", which this build"
                + " did not make nor put on the mirror (is the page's version current?)");
    }

    /**
     * {@code it.localRepo.airlock=false}: the fresh local repository does not hold the extension; Maven fetches it
     * through the settings.xml mirror, as a user's first build does.
     */
    private boolean seedsAirlock() {
        return Boolean.parseBoolean(scenario.get("it.localRepo.airlock", "true"));
    }

    /** {@code page:NAME [more args]}: the page's command NAME, then the scenario's own arguments. */
    private List<String> arguments(Scenario.Invocation inv) {
        List<String> args = inv.args();
        if (args.isEmpty() || !args.get(0).startsWith("page:")) {
            return args;
        }
        if (page == null) {
            throw new IllegalStateException(scenario.name + ": " + args.get(0) + " needs it.page");
        }
        List<String> out = new ArrayList<>(page.command(args.get(0).substring("page:".length())));
        out.addAll(args.subList(1, args.size()));
        return out;
    }

    private String settings() {
        StringBuilder servers = new StringBuilder();
        String spec = scenario.get("it.servers", "");
        for (String entry : spec.split(",")) {
            String[] parts = entry.trim().split(":", 3);
            if (parts.length == 3) {
                servers.append("    <server><id>").append(parts[0]).append("</id><username>").append(parts[1])
                        .append("</username><password>").append(parts[2]).append("</password></server>\n");
            }
        }
        int port = sink.port();
        if (page != null && !page.of("settings").isEmpty()) {
            String own = page.one("settings").text();
            if (!own.contains("</settings>")) {
                throw new IllegalStateException(page.file + ": the it:settings block is not a settings.xml");
            }
            if (own.contains("</servers>")) {
                own = own.replace("</servers>", servers + "  </servers>");
            } else {
                own = own.replace("</settings>", "  <servers>\n" + servers + "  </servers>\n</settings>");
            }
            return own.replace("</settings>", "  <proxies>\n" + proxy("sink-http", "http", port)
                    + proxy("sink-https", "https", port) + "  </proxies>\n</settings>");
        }
        return "<settings>\n"
                + "  <!-- every non-loopback host goes to the IT sink proxy, which records it: it must see nothing -->\n"
                + "  <proxies>\n"
                + proxy("sink-http", "http", port)
                + proxy("sink-https", "https", port)
                + "  </proxies>\n"
                + "  <servers>\n" + servers + "  </servers>\n"
                + "</settings>\n";
    }

    private static String proxy(String id, String protocol, int port) {
        return "    <proxy><id>" + id + "</id><active>true</active><protocol>" + protocol
                + "</protocol><host>127.0.0.1</host><port>" + port
                + "</port><nonProxyHosts>127.0.0.1|localhost</nonProxyHosts></proxy>\n";
    }

    private void copyFiltered(Path from, Path to) throws IOException {
        if (!Files.isDirectory(from)) {
            return;
        }
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else if (isText(p)) {
                    Files.writeString(target, filter(Files.readString(p, StandardCharsets.UTF_8)),
                            StandardCharsets.UTF_8);
                } else {
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static final java.util.regex.Pattern SHA_TOKEN =
            java.util.regex.Pattern.compile("@(sha256|sha1|sha512):([^@]+)@");

    /**
     * Replaces {@code @sha256:<path relative to the project>@} (also {@code @sha1:...@}, {@code @sha512:...@}) in text
     * files, once fixture jars exist.
     */
    private void resolveShaTokens(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.filter(Files::isRegularFile).filter(ScenarioRun::isText).toList()) {
                String text = Files.readString(p, StandardCharsets.UTF_8);
                if (!text.contains("@sha256:") && !text.contains("@sha1:") && !text.contains("@sha512:")) {
                    continue;
                }
                java.util.regex.Matcher m = SHA_TOKEN.matcher(text);
                StringBuilder out = new StringBuilder();
                while (m.find()) {
                    Path target = project.resolve(m.group(2));
                    String algorithm = switch (m.group(1)) {
                        case "sha1" -> "SHA-1";
                        case "sha512" -> "SHA-512";
                        default -> "SHA-256";
                    };
                    String sha;
                    try {
                        sha = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance(algorithm)
                                .digest(Files.readAllBytes(target)));
                    } catch (java.security.NoSuchAlgorithmException e) {
                        throw new IllegalStateException(e);
                    }
                    m.appendReplacement(out, sha);
                }
                m.appendTail(out);
                Files.writeString(p, out.toString(), StandardCharsets.UTF_8);
            }
        }
    }

    private List<String> filter(List<String> args) {
        return args.stream().map(this::filter).toList();
    }

    private String filter(String text) {
        for (Map.Entry<String, String> t : tokens.entrySet()) {
            text = text.replace("@" + t.getKey() + "@", t.getValue());
        }
        return text;
    }

    private static boolean isText(Path p) {
        String n = p.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return n.equals("maven.config") || n.equals("jvm.config")
                || (dot > 0 && TEXT_EXTENSIONS.contains(n.substring(dot + 1)));
    }

    /**
     * The local repository of build N: {@code it.runner.N=NAME} runs it as another CI runner, with a local repository
     * (and so a quarantine store, next to it) of its own, {@code workdir/runner-NAME/local-repo}, made (and seeded as
     * the default one) on first use; otherwise the scenario's local repository.
     */
    private Path localRepoOf(int n) throws IOException {
        String runner = scenario.get("it.runner." + n, null);
        if (runner == null || runner.isBlank()) {
            return localRepo;
        }
        return runnerRepo(runner);
    }

    private Path runnerRepo(String runner) throws IOException {
        Path repo = work.resolve("runner-" + runner.trim()).resolve("local-repo");
        if (!Files.isDirectory(repo)) {
            Files.createDirectories(repo);
            if (seedsAirlock()) {
                copyTree(env.extensionRepo, repo);
            }
        }
        return repo;
    }

    /**
     * A copy of the project for runner {@code runner}'s build run at the same moment as another
     * ({@code it.parallel.N}), {@code workdir/runner-NAME/project}: everything but {@code target/}, so that the two
     * builds do not share their outputs and reports.
     */
    private Path projectCopy(String runner) throws IOException {
        Path copy = work.resolve("runner-" + runner).resolve("project");
        deleteTree(copy);
        try (java.util.stream.Stream<Path> files = Files.walk(project)) {
            for (Path from : (Iterable<Path>) files::iterator) {
                Path rel = project.relativize(from);
                if (rel.toString().isEmpty() || rel.getName(0).toString().equals("target")) {
                    continue;
                }
                Path to = copy.resolve(rel.toString());
                if (Files.isDirectory(from)) {
                    Files.createDirectories(to);
                } else {
                    Files.createDirectories(to.getParent());
                    Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        return copy;
    }

    /**
     * Between builds: {@code it.clearLocalRepo.N=true} gives build N a fresh local repository (a cold build);
     * {@code it.mirror.update.N=dir} copies {@code dir} over the first mirror's {@code mirror/} folder (the mirror
     * changes what it serves).
     */
    private void beforeBuild(int n) throws IOException {
        for (Map.Entry<String, RepoServer> s : servers.entrySet()) {
            s.getValue().pairGets(scenario.get("it.mirror." + s.getKey() + ".pair." + n, null));
            // it.mirror.ID.fail.N=prefix=status: requests under prefix answered with status during build N
            String fail = scenario.get("it.mirror." + s.getKey() + ".fail." + n, null);
            if (fail == null) {
                s.getValue().failUnder(null, 0);
            } else {
                String[] p = fail.trim().split("=", 2);
                if (p.length != 2) {
                    throw new IllegalArgumentException("it.mirror." + s.getKey() + ".fail." + n + " is not"
                            + " prefix=status: " + fail);
                }
                s.getValue().failUnder(p[0], Integer.parseInt(p[1].trim()));
            }
        }
        if (Boolean.parseBoolean(scenario.get("it.clearLocalRepo." + n, "false"))) {
            deleteTree(localRepo);
            Files.createDirectories(localRepo);
            if (seedsAirlock()) {
                copyTree(env.extensionRepo, localRepo);
            }
            Path seed = project.resolve(scenario.get("it.localRepo.seed", "localrepo"));
            if (Files.isDirectory(seed)) {
                copyTree(seed, localRepo);
            }
        }
        String localUpdate = scenario.get("it.localRepo.update." + n, null);
        if (localUpdate != null) {
            copyTree(project.resolve(localUpdate), localRepo);
        }
        String tamper = scenario.get("it.localRepo.tamper." + n, null);
        if (tamper != null) {
            for (String rel : tamper.split(",")) {
                tamperInPlace(localRepo.resolve(rel.trim()).normalize());
            }
        }
        long sleep = Long.parseLong(scenario.get("it.sleep." + n, "0"));
        if (sleep > 0) {
            try {
                Thread.sleep(sleep);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
        }
        String delete = scenario.get("it.project.delete." + n, null);
        if (delete != null) {
            for (String rel : delete.split(",")) {
                Path target = project.resolve(rel.trim()).normalize();
                if (!target.startsWith(project)) {
                    throw new IllegalArgumentException("it.project.delete." + n + " leaves the project: " + rel);
                }
                deleteTree(target);
            }
        }
        if (Boolean.parseBoolean(scenario.get("it.maven.reinstall." + n, "false"))) {
            // the installation as the page leaves it, again (after an earlier build's deletions)
            if (installedHome == null) {
                throw new IllegalArgumentException("it.maven.reinstall." + n + " needs it.maven.install");
            }
            deleteTree(installedHome);
            deleteTree(work.resolve("install-downloads"));
            try {
                installed(env.mavenHome(mavenVersion));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
        }
        String mavenDelete = scenario.get("it.maven.delete." + n, null);
        if (mavenDelete != null) {
            // an installation that lost a file (a jar of lib/ext left out): only in the scenario's own copy
            if (installedHome == null) {
                throw new IllegalArgumentException("it.maven.delete." + n + " needs it.maven.install");
            }
            for (String rel : filter(mavenDelete).split(",")) {
                Path target = installedHome.resolve(rel.trim()).normalize();
                if (!target.startsWith(installedHome) || !Files.isRegularFile(target)) {
                    throw new IllegalArgumentException("it.maven.delete." + n + ": no such file in the installation: "
                            + rel);
                }
                Files.delete(target);
            }
        }
        String copy = scenario.get("it.project.copy." + n, null);
        if (copy != null) {
            // what a person does between builds: e.g. accept a proposal by copying it over the file in force
            for (String pair : copy.split(",")) {
                String[] fromTo = pair.split("->", 2);
                if (fromTo.length != 2) {
                    throw new IllegalArgumentException("it.project.copy." + n + ": '" + pair + "' is not from->to");
                }
                Path from = project.resolve(fromTo[0].trim()).normalize();
                Path to = project.resolve(fromTo[1].trim()).normalize();
                if (!from.startsWith(project) || !to.startsWith(project)) {
                    throw new IllegalArgumentException("it.project.copy." + n + " leaves the project: " + pair);
                }
                Files.createDirectories(to.getParent());
                Files.copy(from, to, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
        String update = scenario.get("it.mirror.update." + n, null);
        if ("@tampered-plugins".equals(update)) {
            PluginFixtures.buildAll(env.scenarioDir.resolve("_fixtures").resolve("plugins-tampered"),
                    project.resolve("mirror"));
        } else if (update != null) {
            copyTree(project.resolve(update), project.resolve("mirror"));
        }
        if (scenario.get("it.pgp.sign." + n, null) != null) {
            // after the mirror's update: a file it brought in can be signed
            pgpSign(attacker, "it.pgp.sign." + n);
        }
    }

    /**
     * Changes the first byte of {@code file} in place and puts its modification time back: the same path, size and
     * mtime, other bytes (what a poisoner who covers his tracks does; only the ctime shows it).
     */
    private void tamperInPlace(Path file) throws IOException {
        if (!file.startsWith(localRepo) || !Files.isRegularFile(file)) {
            throw new IllegalArgumentException("it.localRepo.tamper: no such file in the local repository: " + file);
        }
        java.nio.file.attribute.FileTime mtime = Files.getLastModifiedTime(file);
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(file,
                java.nio.file.StandardOpenOption.READ, java.nio.file.StandardOpenOption.WRITE)) {
            java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(1);
            ch.read(b, 0); // a jar stays readable: its index is at the end
            b.put(0, (byte) (b.get(0) ^ 0x01)).rewind();
            ch.write(b, 0);
        }
        Files.setLastModifiedTime(file, mtime);
    }

    /** After build N: {@code it.snapshot.N=path[,path]} keeps copies under {@code snapshots/N/}. */
    private void afterBuild(int n) throws IOException {
        String snap = scenario.get("it.snapshot." + n, null);
        if (snap == null) {
            return;
        }
        for (String rel : snap.split(",")) {
            Path from = project.resolve(rel.trim());
            if (Files.isRegularFile(from)) {
                Path to = work.resolve("snapshots").resolve(Integer.toString(n)).resolve(rel.trim());
                Files.createDirectories(to.getParent());
                Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    // ------------------------------------------------------------------ Maven

    /**
     * The control build: the same project without the extension (and with a settings.xml mirror for
     * {@code central} only, as a team without Airlock would have), to show what the decoy would receive.
     */
    private void control(Path mavenHome, String goals) throws Exception {
        Path ext = project.resolve(".mvn/extensions.xml");
        Path off = project.resolve(".mvn/extensions.xml.control-off");
        Files.move(ext, off);
        try {
            String settings = settings().replace("</settings>", "  <mirrors><mirror><id>control-mirror</id><mirrorOf>central"
                    + "</mirrorOf><url>" + tokens.get("mirror.url") + "</url></mirror></mirrors>\n</settings>\n");
            Path file = work.resolve("settings-control.xml");
            Files.writeString(file, settings, StandardCharsets.UTF_8);
            StringBuilder log = new StringBuilder();
            Files.createDirectories(work.resolve("local-repo-control"));
            runMaven(mavenHome, filter(List.of(goals.trim().split("\\s+"))), file, work.resolve("local-repo-control"), "",
                    log);
            Files.writeString(work.resolve("build-control.log"), log.toString(), StandardCharsets.UTF_8);
            controlLog = log.toString();
            controlDecoyRequests = servers.get("decoy").count();
            servers.values().forEach(RepoServer::clear); // the scenario's own builds start with empty logs
            if (keyServer != null) {
                keyServer.clear();
            }
            sink.clear();
            deleteTree(project.resolve("target"));
        } finally {
            Files.move(off, ext);
        }
    }

    /**
     * A build's arguments with {@code -Dairlock.keyserver=http://127.0.0.1:PORT} added when the scenario has a key
     * server ({@code it.keyserver}) and the build does not name one itself.
     */
    List<String> withKeyServer(List<String> args) {
        if (keyServer == null || args.stream().anyMatch(a -> a.startsWith("-Dairlock.keyserver="))) {
            return args;
        }
        List<String> out = new ArrayList<>(args);
        out.add("-Dairlock.keyserver=" + keyServer.url());
        return out;
    }

    private String controlLog = "";
    private int controlDecoyRequests = -1;

    private int runMaven(Path mavenHome, List<String> args, Path settings, Path repo, String opts, StringBuilder log)
            throws MavenInvocationException {
        return runMaven(mavenHome, args, settings, repo, opts, log, null);
    }

    private int runMaven(Path mavenHome, List<String> args, Path settings, Path repo, String opts, StringBuilder log,
            Path executable) throws MavenInvocationException {
        return runMaven(mavenHome, args, settings, repo, opts, log, executable, project);
    }

    private int runMaven(Path mavenHome, List<String> args, Path settings, Path repo, String opts, StringBuilder log,
            Path executable, Path project) throws MavenInvocationException {
        InvocationRequest req = request(mavenHome, project, withKeyServer(args), repo,
                "-Duser.home=" + home + " -Xmx512m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 " + opts, log, 600);
        req.setUserSettingsFile(settings.toFile());
        for (String key : scenario.props.stringPropertyNames()) {
            if (key.startsWith("it.env.")) {
                req.addShellEnvironment(key.substring("it.env.".length()), scenario.props.getProperty(key).trim());
            }
        }
        return execute(req, mavenHome, project, executable, log);
    }

    /**
     * A batch-mode build of {@code project} on the Maven at {@code mavenHome}, with this JVM's Java, the given local
     * repository, nothing from the calling environment's MAVEN_ARGS/MAVEN_CONFIG/MAVEN_BASEDIR, and its output into
     * {@code log}. The scenarios and the IT mirror's seed ({@link MirrorSeed}) run Maven this way.
     */
    static InvocationRequest request(Path mavenHome, Path project, List<String> args, Path repo, String mavenOpts,
            StringBuilder log, int timeoutSeconds) {
        InvocationRequest req = new DefaultInvocationRequest();
        req.setBaseDirectory(project.toFile());
        req.setBatchMode(true);
        req.addArgs(args);
        req.setLocalRepositoryDirectory(repo.toFile());
        req.setJavaHome(new File(System.getProperty("java.home")));
        req.setMavenOpts(mavenOpts.trim());
        req.setShellEnvironmentInherited(true);
        req.addShellEnvironment("MAVEN_ARGS", "");
        req.addShellEnvironment("MAVEN_CONFIG", "");
        // an outer Maven (the demo runs inside one) may leave its project directory here: the build would then read
        // that project's .mvn/ instead of the scenario's
        req.addShellEnvironment("MAVEN_BASEDIR", "");
        req.setOutputHandler(line -> log.append(line).append('\n'));
        req.setErrorHandler(line -> log.append(line).append('\n'));
        req.setTimeoutInSeconds(timeoutSeconds);
        // on the request too: inside another Maven (the demo runs in one), the invoker would otherwise take that
        // Maven's maven.home system property
        req.setMavenHome(mavenHome.toFile());
        return req;
    }

    /** Runs the request; the exit code, or -1 (said in the log) when Maven could not be started. */
    static int execute(InvocationRequest req, Path mavenHome, Path project, Path executable, StringBuilder log)
            throws MavenInvocationException {
        DefaultInvoker invoker = new DefaultInvoker();
        invoker.setMavenHome(mavenHome.toFile());
        if (executable != null) {
            req.setMavenExecutable(executable.toFile());
            invoker.setMavenExecutable(executable.toFile());
        }
        invoker.setWorkingDirectory(project.toFile());
        InvocationResult result = invoker.execute(req);
        if (result.getExecutionException() != null) {
            log.append("[harness] ").append(result.getExecutionException()).append('\n');
            return -1;
        }
        return result.getExitCode();
    }

    private void invoke(Path mavenHome, Scenario.Invocation inv) throws MavenInvocationException, IOException {
        Path reportBefore = project.resolve("target/airlock/report.json");
        long reportStamp = Files.isRegularFile(reportBefore) ? Files.getLastModifiedTime(reportBefore).toMillis() : -1;
        StringBuilder log = new StringBuilder();
        Path executable = null;
        if (Boolean.parseBoolean(scenario.get("it.netns." + (inv.index() == 0 ? 1 : inv.index()), "false"))) {
            executable = NetworkNamespace.wrapper(work, mavenHome);
        }
        int index = inv.index() == 0 ? 1 : inv.index();
        // it.parallel.N=NAME: the same build runs at the same moment as runner NAME, in a copy of the project, with
        // it.parallel.args.N added to its arguments (e.g. a runner name of its own)
        String parallelRunner = scenario.get("it.parallel." + index, null);
        java.util.concurrent.ExecutorService pool = null;
        java.util.concurrent.Future<Integer> parallel = null;
        StringBuilder parallelLog = new StringBuilder();
        if (parallelRunner != null && !parallelRunner.isBlank()) {
            Path copy = projectCopy(parallelRunner.trim());
            Path repo = runnerRepo(parallelRunner);
            List<String> args = new ArrayList<>(filter(arguments(inv)));
            String extra = scenario.get("it.parallel.args." + index, "").trim();
            if (!extra.isEmpty()) {
                args.addAll(filter(List.of(extra.split("\\s+"))));
            }
            String opts = filter(inv.mavenOpts());
            Path exe = executable;
            pool = java.util.concurrent.Executors.newSingleThreadExecutor();
            parallel = pool.submit(() -> runMaven(mavenHome, args, copy.resolve("settings.xml"), repo, opts,
                    parallelLog, exe, copy));
        }
        int code;
        try {
            code = runMaven(mavenHome, filter(arguments(inv)), project.resolve("settings.xml"),
                    localRepoOf(index), filter(inv.mavenOpts()), log, executable);
        } finally {
            if (pool != null) {
                pool.shutdown();
            }
        }
        logs.add(log.toString());
        exitCodes.add(code);
        Files.writeString(work.resolve("build-" + logs.size() + ".log"), log.toString(), StandardCharsets.UTF_8);
        if (parallel != null) {
            int parallelCode;
            try {
                parallelCode = parallel.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IOException("the parallel build of runner " + parallelRunner + " could not run", e);
            }
            Path parallelFile = work.resolve("build-" + logs.size() + "-" + parallelRunner.trim() + ".log");
            Files.writeString(parallelFile, parallelLog.toString(), StandardCharsets.UTF_8);
            if ((parallelCode == 0) != inv.expectSuccess()) {
                throw new AssertionError("build " + logs.size() + " as runner " + parallelRunner.trim() + ", run at the"
                        + " same moment, was expected to " + (inv.expectSuccess() ? "succeed" : "fail")
                        + " but exited with " + parallelCode + "\n" + tail(parallelLog.toString()) + "\n(full log: "
                        + parallelFile + ")");
            }
        }

        Path jsonl = project.resolve("target/airlock/resolution.jsonl");
        List<Map<String, Object>> lines = new ArrayList<>();
        if (Files.isRegularFile(jsonl)) {
            Files.copy(jsonl, work.resolve("resolution-" + logs.size() + ".jsonl"), StandardCopyOption.REPLACE_EXISTING);
            lines = readJsonl(jsonl);
            if (!keepEvidence()) {
                Files.delete(jsonl); // the next build must write its own
            }
        }
        evidence.add(lines);
        Path report = project.resolve("target/airlock/report.json");
        Map<String, Object> parsed = null;
        if (Files.isRegularFile(report) && Files.getLastModifiedTime(report).toMillis() != reportStamp) {
            Files.copy(report, work.resolve("report-" + logs.size() + ".json"), StandardCopyOption.REPLACE_EXISTING);
            Path sarif = report.resolveSibling("report.sarif");
            if (Files.isRegularFile(sarif)) {
                // verify.groovy reads an earlier build's as workdir/report-N.sarif
                Files.copy(sarif, work.resolve("report-" + logs.size() + ".sarif"), StandardCopyOption.REPLACE_EXISTING);
            }
            parsed = readJson(report); // left in place: a new build's session replaces it
        }
        reports.add(parsed);
        Map<String, Integer> counts = new LinkedHashMap<>();
        servers.forEach((id, server) -> counts.put(id, server.count()));
        if (keyServer != null) {
            counts.put("keyserver", keyServer.count());
        }
        requestCounts.add(counts);

        boolean succeeded = code == 0;
        if (succeeded && !inv.expectSuccess()) {
            unexpectedSuccess = true;
        }
        if (succeeded != inv.expectSuccess()) {
            throw new AssertionError("build " + logs.size() + " (" + String.join(" ", inv.args()) + ") was expected to "
                    + (inv.expectSuccess() ? "succeed" : "fail") + " but exited with " + code + "\n" + tail(log.toString())
                    + missingOnMirrors() + "\n(full log: " + work.resolve("build-" + logs.size() + ".log") + ")");
        }
    }

    /**
     * The artifacts (not side files or metadata) the mirrors answered 404 for: when a build fails unexpectedly, a file
     * missing from the IT mirror's closure is the first thing to rule out.
     */
    String missingOnMirrors() {
        StringBuilder out = new StringBuilder();
        for (RepoServer s : servers.values()) {
            if (s.name().equals("decoy")) {
                continue;
            }
            for (RepoServer.Request r : s.requests()) {
                String p = r.path();
                if (r.status() == 404 && (p.endsWith(".jar") || p.endsWith(".pom"))) {
                    out.append("\n  ").append(s.name()).append(": 404 ").append(p);
                }
            }
        }
        return out.length() == 0 ? "" : "\nartifacts the mirrors did not have:" + out;
    }

    private boolean unexpectedSuccess;

    /**
     * Whether a build that was expected to fail (the one that plants an attack) succeeded: the attack got through.
     * Any other failure of a run means the scenario could not run to its verdict.
     */
    public boolean unexpectedSuccess() {
        return unexpectedSuccess;
    }

    /** {@code it.keepEvidence=true}: a build's evidence and reports stay for the next build to find (stale files). */
    private boolean keepEvidence() {
        return Boolean.parseBoolean(scenario.get("it.keepEvidence", "false"));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> readJson(Path file) throws IOException {
        return (Map<String, Object>) new JsonSlurper().parseText(Files.readString(file, StandardCharsets.UTF_8));
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> readJsonl(Path file) throws IOException {
        List<Map<String, Object>> out = new ArrayList<>();
        JsonSlurper slurper = new JsonSlurper();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                out.add((Map<String, Object>) slurper.parseText(line));
            }
        }
        return out;
    }

    // ------------------------------------------------------------------ checks

    private void verify() throws IOException {
        Path script = project.resolve("verify.groovy");
        if (!Files.isRegularFile(script)) {
            throw new AssertionError(scenario.name + " has no verify.groovy");
        }
        Binding b = new Binding();
        b.setVariable("basedir", project.toFile());
        b.setVariable("workdir", work.toFile());
        b.setVariable("localRepo", localRepo.toFile());
        b.setVariable("quarantineDir", work.resolve("airlock-quarantine").toFile());
        b.setVariable("mavenVersion", mavenVersion);
        b.setVariable("logs", logs);
        b.setVariable("buildLog", String.join("\n", logs));
        b.setVariable("exitCodes", exitCodes);
        b.setVariable("servers", servers);
        b.setVariable("mirror", servers.get(scenario.mirrorIds().get(0)));
        b.setVariable("decoy", servers.get("decoy"));
        b.setVariable("keyserver", keyServer);
        b.setVariable("evidence", evidence);
        List<Map<String, Object>> last = evidence.isEmpty() ? List.of() : evidence.get(evidence.size() - 1);
        b.setVariable("findings", last.stream().filter(l -> "finding".equals(l.get("kind"))).toList());
        b.setVariable("ev", new Checks(evidence));
        b.setVariable("reports", reports);
        b.setVariable("requestCounts", requestCounts);
        b.setVariable("report", reports.isEmpty() ? null : reports.get(reports.size() - 1));
        b.setVariable("controlLog", controlLog);
        b.setVariable("controlDecoyRequests", controlDecoyRequests);
        Object result;
        try {
            result = new GroovyShell(getClass().getClassLoader(), b).evaluate(script.toFile());
        } catch (AssertionError e) {
            throw new AssertionError(scenario.name + " on Maven " + mavenVersion + ": verify.groovy failed: "
                    + e.getMessage() + "\n(work folder: " + work + ")", e);
        }
        if (Boolean.FALSE.equals(result)) {
            throw new AssertionError(scenario.name + ": verify.groovy returned false (work folder: " + work + ")");
        }
    }

    private void checkNoEscape() {
        if (!sink.lines().isEmpty()) {
            throw new AssertionError(scenario.name + ": a build tried to reach a non-loopback host through the sink"
                    + " proxy: " + sink.lines());
        }
        if (!"any".equals(scenario.get("it.decoy.requests", "none")) && servers.get("decoy").count() > 0) {
            throw new AssertionError(scenario.name + ": the decoy repository received " + servers.get("decoy").count()
                    + " request(s): " + servers.get("decoy").requests());
        }
    }

    private static String tail(String log) {
        String[] lines = log.split("\n");
        int from = Math.max(0, lines.length - 60);
        return String.join("\n", java.util.Arrays.copyOfRange(lines, from, lines.length));
    }

    // ------------------------------------------------------------------ files

    static void copyTree(Path from, Path to) throws IOException {
        if (!Files.isDirectory(from)) {
            return;
        }
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Files.createDirectories(to.resolve(from.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.copy(file, to.resolve(from.relativize(file).toString()), StandardCopyOption.REPLACE_EXISTING);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
