package dev.airlock.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * What the build hands the IT harness (system properties set by failsafe, and the filtered {@code it.properties}),
 * and the Maven installations the scenarios run on, unpacked once from the distributions the build fetched and
 * whose SHA-512 the build checked.
 */
public final class ItEnvironment {
    public final Path scenarioDir;
    public final Path workDir;
    public final Path distDir;
    public final Path extensionRepo;
    /** The enforcer rules (and the Maven support library they use), in repository layout: served, never seeded. */
    public final Path rulesRepo;
    /**
     * The repository this build filled for the IT mirror (target/it-mirror-repo, execution {@code it-mirror} of
     * src/it/pom.xml): the closure the scenarios resolve. Never the outer build's local repository.
     */
    public final Path mirrorRepo;
    /** The real public test data ({@code fixtures/} in the repository) and the Airlock project root. */
    public final Path fixturesDir;
    public final Path projectRoot;
    /** The supported Maven versions: every scenario runs on each unless its {@code it.mavenVersions} says otherwise. */
    public final List<String> mavenVersions;
    /** Versions the extension must refuse: only a scenario that names one in {@code it.mavenVersions} runs on it. */
    public final List<String> unsupportedMavenVersions;
    public final String scenarioFilter;
    public final String mavenFilter;
    public final Map<String, String> tokens;

    private ItEnvironment() {
        scenarioDir = path("it.scenarioDir");
        workDir = path("it.workDir");
        distDir = path("it.distDir");
        extensionRepo = path("it.extensionRepo");
        rulesRepo = path("it.rulesRepo");
        mirrorRepo = path("it.mirrorRepo");
        fixturesDir = path("it.fixturesDir");
        projectRoot = path("it.projectRoot");
        mavenVersions = Arrays.stream(require("it.mavenVersions").split(",")).map(String::trim)
                .filter(s -> !s.isEmpty()).toList();
        unsupportedMavenVersions = Arrays.stream(System.getProperty("it.unsupportedMavenVersions", "").split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).toList();
        scenarioFilter = System.getProperty("it.scenario", "").trim();
        mavenFilter = System.getProperty("it.maven", "").trim();
        tokens = loadTokens();
    }

    private static ItEnvironment instance;

    public static synchronized ItEnvironment get() {
        if (instance == null) {
            instance = new ItEnvironment();
        }
        return instance;
    }

    private static String require(String key) {
        String v = System.getProperty(key);
        if (v == null || v.isBlank()) {
            throw new IllegalStateException("system property " + key + " is not set: run the ITs through Maven"
                    + " (mvn verify), which sets it");
        }
        return v;
    }

    private static Path path(String key) {
        return Path.of(require(key)).toAbsolutePath().normalize();
    }

    private static Map<String, String> loadTokens() {
        Properties p = new Properties();
        try (InputStream in = ItEnvironment.class.getResourceAsStream("/it.properties")) {
            if (in == null) {
                throw new IllegalStateException("it.properties is missing from the test classpath");
            }
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (String k : p.stringPropertyNames()) {
            out.put(k, p.getProperty(k));
        }
        return out;
    }

    /** The unpacked Maven installation of {@code version}. */
    public synchronized Path mavenHome(String version) throws IOException, InterruptedException {
        Path homes = workDir.resolveSibling("maven-homes");
        Path home = homes.resolve("apache-maven-" + version);
        if (Files.isRegularFile(home.resolve("bin/mvn"))) {
            return home;
        }
        Path tarball = distDir.resolve("apache-maven-" + version + "-bin.tar.gz");
        if (!Files.isRegularFile(tarball)) {
            throw new IllegalStateException("Maven " + version + " was not fetched by the build: " + tarball);
        }
        Files.createDirectories(homes);
        Process p = new ProcessBuilder("tar", "-xzf", tarball.toString(), "-C", homes.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("cannot unpack " + tarball + ": " + out);
        }
        home.resolve("bin/mvn").toFile().setExecutable(true);
        return home;
    }
}
