package dev.airlock.extension;

import dev.airlock.verify.config.AirlockConfig;
import dev.airlock.verify.config.MirrorSpec;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import javax.inject.Inject;
import javax.inject.Named;
import javax.inject.Singleton;
import org.apache.maven.artifact.repository.ArtifactRepository;
import org.apache.maven.artifact.repository.ArtifactRepositoryPolicy;
import org.apache.maven.artifact.repository.MavenArtifactRepository;
import org.apache.maven.artifact.repository.layout.DefaultRepositoryLayout;
import org.apache.maven.eventspy.AbstractEventSpy;
import org.apache.maven.execution.ExecutionEvent;
import org.apache.maven.execution.MavenExecutionRequest;
import org.apache.maven.settings.Mirror;
import org.apache.maven.settings.Server;
import dev.airlock.verify.secrets.SecretScanner;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the build session and routes resolution to the mirrors. Maven hands event spies its execution request
 * just before it creates the repository session, which is the last moment to change the mirrors the session uses
 * (later, the session's mirror selector is fixed, and on Maven 4 the session is immutable).
 *
 * <p>Routing: the first configured mirror becomes the Maven mirror of {@code central} and of every repository
 * the request already holds (settings and profile repositories); the other mirrors are added as repositories,
 * each mirrored to itself so that no {@code <mirror>} of settings.xml can redirect it. The user's ids are kept, so
 * {@code <server>} credentials apply. Repositories declared in POMs are not mirrored: the remote repository
 * filter refuses them, which is what lets Airlock name each one.
 */
@Named
@Singleton
public class AirlockEventSpy extends AbstractEventSpy {
    private static final Logger LOG = LoggerFactory.getLogger(AirlockEventSpy.class);

    private final AirlockState state;
    private final javax.inject.Provider<org.apache.maven.settings.crypto.SettingsDecrypter> decrypter;

    @Inject
    public AirlockEventSpy(AirlockState state,
            javax.inject.Provider<org.apache.maven.settings.crypto.SettingsDecrypter> decrypter) {
        this.state = state;
        this.decrypter = decrypter;
    }

    @Override
    public void onEvent(Object event) {
        if (event instanceof ExecutionEvent e && (e.getType() == ExecutionEvent.Type.MojoSucceeded
                || e.getType() == ExecutionEvent.Type.MojoFailed)) {
            // clean (or anything else) may have deleted target/airlock while the build goes on
            BuildSession s = state.current();
            if (s != null && s.active()) {
                try {
                    s.log().restoreIfDeleted();
                } catch (java.io.IOException ex) {
                    LOG.error("[airlock] cannot write the evidence file again: {}", ex.toString());
                }
            }
            return;
        }
        if (event instanceof org.apache.maven.execution.MavenExecutionResult result) {
            // Maven's result, handed to the spies before they are closed: what ended a build that stopped before any
            // lifecycle participant heard of its end (a parent POM or a build extension that could not be resolved)
            BuildSession s = state.current();
            if (s != null && s.active()) {
                if (s.startMissing() != null && !result.hasExceptions()) {
                    // nothing was resolved (or the build would have failed there): the build still must not pass
                    report(s);
                    result.addException(new IllegalStateException("[airlock] " + s.startMissing()));
                }
                s.mavenResult(result.getExceptions());
            }
            return;
        }
        if (event instanceof MavenExecutionRequest request) {
            File root = request.getMultiModuleProjectDirectory();
            if (root == null && request.getSystemProperties() != null) {
                String r = request.getSystemProperties().getProperty("maven.multiModuleProjectDirectory");
                root = r == null ? null : new File(r);
            }
            long start = request.getStartTime() == null ? System.currentTimeMillis() : request.getStartTime().getTime();
            BuildSession s = state.start(request.getSystemProperties(), request.getUserProperties(),
                    root == null ? null : root.toPath().toAbsolutePath().normalize(), start, request.getGoals());
            s.secrets(SecretScanner.of(System.getenv(), settingsSecrets(request, decrypter)));
            s.fromRequest();
            if (s.configError() == null && s.active()) {
                try {
                    route(request, s.config());
                } catch (RuntimeException e) {
                    // never break Maven from a spy: the filter still refuses every non-mirror repository
                    LOG.error("[airlock] could not route repositories to the mirrors: {}", e.toString());
                }
            }
            registerTopPom(s, request, root == null ? null : root.toPath());
        }
    }

    /** Reports, once per build, that the session start did not run: an error line and a finding. */
    static void report(BuildSession s) {
        if (s.firstToReportStartMissing()) {
            LOG.error("[airlock] {}", s.startMissing());
            s.report(s.finding(dev.airlock.verify.finding.FindingCode.NOT_EVALUATED,
                            dev.airlock.verify.finding.Severity.ERROR)
                    .message(s.startMissing())
                    .expected("the extension's lifecycle participant starts the session")
                    .actual("it did not run")
                    .fix("install every jar of the extension (docs/ci.md, docs/extension.md)")
                    .build());
        }
    }

    /**
     * The passwords and passphrases of settings.xml servers and proxies, by a name that says where they are set: as
     * written there (an encrypted {@code {...}} value in that form) and, when Maven's settings decrypter can decrypt
     * them, decrypted too (the value a build's code could read from the session and send).
     */
    static Map<String, String> settingsSecrets(MavenExecutionRequest request,
            javax.inject.Provider<org.apache.maven.settings.crypto.SettingsDecrypter> decrypter) {
        Map<String, String> out = new LinkedHashMap<>();
        collect(out, request.getServers(), request.getProxies(), "");
        if (decrypter != null && !(request.getServers().isEmpty() && request.getProxies().isEmpty())) {
            try {
                org.apache.maven.settings.crypto.SettingsDecryptionResult r = decrypter.get().decrypt(
                        new org.apache.maven.settings.crypto.DefaultSettingsDecryptionRequest()
                                .setServers(request.getServers())
                                .setProxies(request.getProxies()));
                if (!r.getProblems().isEmpty()) {
                    LOG.warn("[airlock] settings.xml: {} password(s) could not be decrypted ({}); they are looked"
                            + " for in request paths in their encrypted form only", r.getProblems().size(),
                            r.getProblems().get(0).getMessage());
                }
                collect(out, r.getServers(), r.getProxies(), " (decrypted)");
            } catch (RuntimeException | LinkageError e) {
                LOG.warn("[airlock] settings.xml passwords could not be decrypted ({}); they are looked for in request"
                        + " paths in their encrypted form only", e.toString());
            }
        }
        return out;
    }

    private static void collect(Map<String, String> out, List<Server> servers,
            List<org.apache.maven.settings.Proxy> proxies, String suffix) {
        for (Server server : servers) {
            if (server.getPassword() != null) {
                out.putIfAbsent("settings.xml server '" + server.getId() + "' password" + suffix, server.getPassword());
            }
            if (server.getPassphrase() != null) {
                out.putIfAbsent("settings.xml server '" + server.getId() + "' passphrase" + suffix,
                        server.getPassphrase());
            }
        }
        for (org.apache.maven.settings.Proxy proxy : proxies) {
            if (proxy.getPassword() != null) {
                out.putIfAbsent("settings.xml proxy '" + proxy.getId() + "' password" + suffix, proxy.getPassword());
            }
        }
    }

    private static void registerTopPom(BuildSession s, MavenExecutionRequest request, Path root) {
        File pom = request.getPom();
        if (pom != null && pom.isFile()) {
            s.pomResolved(pom.getAbsolutePath(), pom.toPath());
        } else if (root != null && root.resolve("pom.xml").toFile().isFile()) {
            s.pomResolved(root.resolve("pom.xml").toString(), root.resolve("pom.xml"));
        }
    }

    /**
     * Maven closes the event spies when the build is over, also when it stopped before reading the projects (then no
     * lifecycle participant hears of the end): the session is ended here if nothing ended it.
     */
    @Override
    public void close() {
        BuildSession s = state.current();
        if (s != null && s.active()) {
            try {
                SessionEnd.openLog(s);
                SessionEnd.finish(s);
            } catch (RuntimeException e) {
                LOG.error("[airlock] could not end the session: {}", e.toString());
            }
        }
    }

    static void route(MavenExecutionRequest request, AirlockConfig config) {
        List<MirrorSpec> mirrors = config.mirrors();
        Set<String> ourIds = mirrors.stream().map(MirrorSpec::id).collect(Collectors.toSet());

        // repositories from settings/profiles that reuse a mirror id would shadow it: the configured mirror wins
        List<ArtifactRepository> remote = new ArrayList<>(request.getRemoteRepositories());
        List<ArtifactRepository> plugin = new ArrayList<>(request.getPluginArtifactRepositories());
        remote.removeIf(r -> ourIds.contains(r.getId()));
        plugin.removeIf(r -> ourIds.contains(r.getId()));

        Set<String> routed = new LinkedHashSet<>();
        routed.add("central");
        remote.forEach(r -> routed.add(r.getId()));
        plugin.forEach(r -> routed.add(r.getId()));

        List<Mirror> ours = new ArrayList<>();
        MirrorSpec first = mirrors.get(0);
        ours.add(mirror(first, String.join(",", routed)));
        for (MirrorSpec extra : mirrors.subList(1, mirrors.size())) {
            ours.add(mirror(extra, extra.id()));
            remote.add(repository(extra));
            plugin.add(repository(extra));
        }
        List<Mirror> all = new ArrayList<>(ours);
        for (Mirror m : request.getMirrors()) {
            if (!ourIds.contains(m.getId())) {
                all.add(m);
            }
        }
        request.setMirrors(all);
        request.setRemoteRepositories(remote);
        request.setPluginArtifactRepositories(plugin);
        LOG.debug("[airlock] routing {} to mirror {} ({})", routed, first.id(), first.url());
    }

    private static Mirror mirror(MirrorSpec spec, String mirrorOf) {
        Mirror m = new Mirror();
        m.setId(spec.id());
        m.setUrl(spec.url());
        m.setMirrorOf(mirrorOf);
        m.setName("Airlock mirror " + spec.id());
        return m;
    }

    private static ArtifactRepository repository(MirrorSpec spec) {
        ArtifactRepositoryPolicy releases = new ArtifactRepositoryPolicy(
                true, ArtifactRepositoryPolicy.UPDATE_POLICY_DAILY, ArtifactRepositoryPolicy.CHECKSUM_POLICY_WARN);
        ArtifactRepositoryPolicy snapshots = new ArtifactRepositoryPolicy(
                true, ArtifactRepositoryPolicy.UPDATE_POLICY_DAILY, ArtifactRepositoryPolicy.CHECKSUM_POLICY_WARN);
        return new MavenArtifactRepository(spec.id(), spec.url(), new DefaultRepositoryLayout(), snapshots, releases);
    }
}
