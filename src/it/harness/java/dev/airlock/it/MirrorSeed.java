package dev.airlock.it;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.maven.shared.invoker.InvocationRequest;

/**
 * Fills the repository the IT mirror and the demo's mirror serve ({@code target/it-mirror-repo}, the {@code @closure}
 * layer) through Maven itself: the seed project {@code src/it/_mirror-seed} is built once with each Maven the ITs run
 * (the same distributions, SHA-512-checked by the build), with that folder as its local repository and the outer
 * build's own settings (so a user's mirror or proxy applies). Every file those Mavens read — plugins and their
 * dependencies, parents, imported BOMs, and the POMs of versions that "nearest wins" drops after reading them — lands
 * there; nothing else does, and never the outer build's local repository.
 *
 * <p>The Airlock artifacts themselves (target/it-extension-repo, target/it-rules-repo) are copied in first, as
 * installed artifacts, so that the seed resolves the ones this build made. Skipped when a stamp of the same inputs
 * (seed files, tokens, Maven versions) is present.
 */
public final class MirrorSeed {
    private MirrorSeed() {}

    public static void main(String[] args) throws Exception {
        ItEnvironment env = ItEnvironment.get();
        Path repo = env.mirrorRepo;
        Path seed = env.scenarioDir.resolve("_mirror-seed");
        Path parent = env.scenarioDir.resolve("_fixtures/mirror/com/example/it-parent/1/it-parent-1.pom");
        List<String> versions = new ArrayList<>(env.mavenVersions);
        versions.addAll(env.unsupportedMavenVersions);
        Path stamp = repo.resolve(".airlock-seed-" + inputsDigest(seed, parent, env.tokens, versions));
        if (Files.isRegularFile(stamp)) {
            System.out.println("[it-mirror] " + repo + " is up to date (" + stamp.getFileName() + ")");
            return;
        }
        Files.createDirectories(repo);
        ScenarioRun.copyTree(env.extensionRepo, repo);
        ScenarioRun.copyTree(env.rulesRepo, repo);
        Path work = env.workDir.resolveSibling("mirror-seed");
        for (String version : versions) {
            Path project = work.resolve(version);
            ScenarioRun.deleteTree(project);
            copyFiltered(seed, project, env.tokens);
            Files.createDirectories(project.resolve("it-parent"));
            Files.writeString(project.resolve("it-parent/pom.xml"), filter(Files.readString(parent), env.tokens));
            Path log = work.resolve("seed-" + version + ".log");
            long start = System.nanoTime();
            System.out.println("[it-mirror] filling " + repo + " through Maven " + version + " (log: " + log + ")");
            int code = run(env, version, project, repo, log);
            if (code != 0) {
                throw new IllegalStateException("[it-mirror] the seed build on Maven " + version + " failed (exit "
                        + code + "): the IT mirror would lack what the scenarios need; see " + log);
            }
            System.out.println("[it-mirror]   done in " + (System.nanoTime() - start) / 1_000_000_000 + " s");
        }
        try (Stream<Path> old = Files.list(repo)) {
            for (Path p : old.filter(p -> p.getFileName().toString().startsWith(".airlock-seed-")).toList()) {
                Files.delete(p);
            }
        }
        Files.writeString(stamp, String.join(",", versions) + "\n");
    }

    private static int run(ItEnvironment env, String version, Path project, Path repo, Path log) throws Exception {
        Path home = env.mavenHome(version);
        StringBuilder out = new StringBuilder();
        List<String> args = new ArrayList<>(List.of("clean", "deploy",
                "org.apache.maven.plugins:maven-dependency-plugin:" + env.tokens.get("version.dependency") + ":list"));
        if (env.mavenVersions.contains(version)) {
            // Airlock's plugin (its goals need Maven 3.9); an unsupported Maven's scenarios only build without it
            args.add("dev.airlock:airlock-maven-plugin:" + env.tokens.get("airlock.version") + ":quarantine");
            args.add("-Dairlock.quarantine.dir=" + project.resolve("target/quarantine"));
        }
        InvocationRequest req = ScenarioRun.request(home, project, args, repo,
                "-Xmx512m -XX:+UseSerialGC -XX:TieredStopAtLevel=1", out, 1200);
        // the outer build's settings: its mirrors, proxies and credentials are the way to the real repositories
        String user = System.getProperty("it.seed.userSettings", "");
        if (!user.isBlank() && Files.isRegularFile(Path.of(user))) {
            req.setUserSettingsFile(new File(user));
        } else {
            Path empty = project.resolve("settings-empty.xml");
            Files.writeString(empty, "<settings/>\n");
            req.setUserSettingsFile(empty.toFile());
        }
        String global = System.getProperty("it.seed.globalSettings", "");
        if (!global.isBlank() && Files.isRegularFile(Path.of(global))) {
            req.setGlobalSettingsFile(new File(global));
        }
        int code = ScenarioRun.execute(req, home, project, null, out);
        Files.writeString(log, out.toString(), StandardCharsets.UTF_8);
        return code;
    }

    private static void copyFiltered(Path from, Path to, Map<String, String> tokens) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.writeString(target, filter(Files.readString(p, StandardCharsets.UTF_8), tokens),
                            StandardCharsets.UTF_8);
                }
            }
        }
    }

    private static String filter(String text, Map<String, String> tokens) {
        for (Map.Entry<String, String> t : tokens.entrySet()) {
            text = text.replace("@" + t.getKey() + "@", t.getValue());
        }
        return text;
    }

    /** A digest of everything that decides what the seed resolves. */
    private static String inputsDigest(Path seed, Path parent, Map<String, String> tokens, List<String> versions)
            throws IOException, NoSuchAlgorithmException {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        try (Stream<Path> s = Files.walk(seed)) {
            for (Path p : s.filter(Files::isRegularFile).sorted().toList()) {
                md.update(seed.relativize(p).toString().getBytes(StandardCharsets.UTF_8));
                md.update(Files.readAllBytes(p));
            }
        }
        md.update(Files.readAllBytes(parent));
        // the POMs of the Airlock artifacts this build made: their dependencies decide the closure
        for (Path repo : new Path[] {ItEnvironment.get().extensionRepo, ItEnvironment.get().rulesRepo}) {
            if (Files.isDirectory(repo)) {
                try (Stream<Path> s = Files.walk(repo)) {
                    for (Path p : s.filter(p -> p.toString().endsWith(".pom")).sorted().toList()) {
                        md.update(Files.readAllBytes(p));
                    }
                }
            }
        }
        md.update(new java.util.TreeMap<>(tokens).toString().getBytes(StandardCharsets.UTF_8));
        md.update(String.join(",", versions).getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(md.digest()).substring(0, 16);
    }
}
