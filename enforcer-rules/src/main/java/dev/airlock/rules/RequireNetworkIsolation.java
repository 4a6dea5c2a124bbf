package dev.airlock.rules;

import dev.airlock.maven.BuildClosure;
import dev.airlock.verify.config.MirrorSpec;
import dev.airlock.verify.finding.Finding;
import dev.airlock.verify.finding.FindingCode;
import dev.airlock.verify.finding.Severity;
import dev.airlock.verify.network.NetworkProbe;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import javax.inject.Inject;
import javax.inject.Named;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.project.MavenProject;
import org.apache.maven.settings.Proxy;
import org.eclipse.aether.RepositorySystem;

/**
 * {@code <requireNetworkIsolation>}: proves that the build cannot reach the outside, for the offline phase of a
 * sealed build. It resolves names (DNS), opens TCP connections to endpoints and to every proxy configured in
 * settings.xml or in system properties, each with a short timeout, and raises {@code NETWORK_EGRESS_POSSIBLE} for
 * each that answered. By default it tries Maven Central (Maven's own default repository URL) and the configured
 * mirrors: in the offline phase not even the mirror may answer.
 */
@Named("requireNetworkIsolation")
public final class RequireNetworkIsolation extends AbstractAirlockRule {
    static final String NAME = "requireNetworkIsolation";

    /** DNS names to resolve (comma-separated or one per element); default the hosts of the default endpoints. */
    private List<String> hosts;

    /** {@code host:port} endpoints to connect to; default Maven Central and the configured mirrors. */
    private List<String> endpoints;

    /** Whether the configured mirrors are among the default endpoints. */
    private boolean includeMirrors = true;

    /** Whether proxies of settings.xml and of the {@code *.proxyHost} system properties are tried. */
    private boolean includeProxies = true;

    /** Timeout of each probe, in milliseconds. */
    private int timeoutMillis = 2000;

    @Inject
    public RequireNetworkIsolation(MavenSession session, MavenProject project, BuildClosure closure) {
        super(session, project, closure);
    }

    @Override
    protected String ruleName() {
        return NAME;
    }

    @Override
    protected boolean checksArtifacts() {
        return false;
    }

    @Override
    protected List<Finding> check(RuleContext context) throws RuleSetupException {
        if (timeoutMillis <= 0) {
            throw new RuleSetupException("<timeoutMillis> must be positive (it is " + timeoutMillis + ")");
        }
        Map<String, String> tcp = new LinkedHashMap<>(); // host:port -> why it is tried
        List<String> configured = split(endpoints);
        if (configured.isEmpty()) {
            addUrl(tcp, org.apache.maven.repository.RepositorySystem.DEFAULT_REMOTE_REPO_URL, "Maven Central");
            if (includeMirrors) {
                for (MirrorSpec m : context.build().config().mirrors()) {
                    addUrl(tcp, m.url(), "mirror " + m.id());
                }
            }
        } else {
            for (String e : configured) {
                int colon = e.lastIndexOf(':');
                if (colon <= 0 || colon == e.length() - 1) {
                    throw new RuleSetupException("<endpoints>: '" + e + "' is not host:port");
                }
                try {
                    int port = Integer.parseInt(e.substring(colon + 1));
                    if (port < 1 || port > 65535) {
                        throw new NumberFormatException();
                    }
                } catch (NumberFormatException ex) {
                    throw new RuleSetupException("<endpoints>: '" + e + "' has no valid port (1-65535)");
                }
                tcp.put(e, "configured endpoint");
            }
        }
        if (includeProxies) {
            for (Proxy p : context.session().getSettings().getProxies()) {
                if (p.isActive() && p.getHost() != null) {
                    tcp.putIfAbsent(p.getHost() + ":" + p.getPort(), "settings.xml proxy '" + p.getId() + "'");
                }
            }
            Properties sys = context.session().getSystemProperties();
            for (String scheme : new String[] {"http", "https", "socks"}) {
                String host = sys.getProperty(scheme + "ProxyHost");
                if (host != null && !host.isBlank()) {
                    String port = sys.getProperty(scheme + "ProxyPort", scheme.equals("socks") ? "1080" : "80");
                    tcp.putIfAbsent(host + ":" + port, "system property " + scheme + "ProxyHost");
                }
            }
        }
        Set<String> names = new LinkedHashSet<>(split(hosts));
        if (names.isEmpty()) {
            for (String e : tcp.keySet()) {
                names.add(e.substring(0, e.lastIndexOf(':')));
            }
        }

        NetworkProbe probe = new NetworkProbe(Duration.ofMillis(timeoutMillis));
        List<Finding> out = new ArrayList<>();
        for (String name : names) {
            if (isIpLiteral(name)) {
                continue; // nothing to resolve
            }
            NetworkProbe.Result r = probe.dns(name);
            if (r.reachable()) {
                out.add(egress(r, "DNS name " + name));
            }
        }
        for (Map.Entry<String, String> e : tcp.entrySet()) {
            String hp = e.getKey();
            int colon = hp.lastIndexOf(':');
            NetworkProbe.Result r = probe.tcp(hp.substring(0, colon), Integer.parseInt(hp.substring(colon + 1)));
            if (r.reachable()) {
                out.add(egress(r, e.getValue() + " " + hp));
            }
        }
        if (out.isEmpty()) {
            getLog().info("[airlock] " + NAME + ": nothing answered: " + names.size() + " name(s) and " + tcp.size()
                    + " endpoint(s) tried (" + String.join(", ", tcp.keySet()) + ")");
        }
        return out;
    }

    private static Finding egress(NetworkProbe.Result r, String what) {
        return Finding.builder(FindingCode.NETWORK_EGRESS_POSSIBLE, Severity.ERROR)
                .source(NAME)
                .message(what + " " + r.detail() + ": this build can reach the network")
                .expected("no answer (the offline phase runs without a network)")
                .actual(r.target() + ": " + r.detail())
                .fix("run this phase in an isolated network namespace (on Linux: unshare -rn sh -c 'ip link set lo up;"
                        + " mvn -o ...'), a container with --network none, or a sandbox without egress; see"
                        + " docs/release-gate.md")
                .build();
    }

    private static void addUrl(Map<String, String> tcp, String url, String why) {
        try {
            URI u = URI.create(url);
            if (u.getHost() == null) {
                return;
            }
            int port = u.getPort() > 0 ? u.getPort() : "http".equalsIgnoreCase(u.getScheme()) ? 80 : 443;
            tcp.putIfAbsent(u.getHost() + ":" + port, why);
        } catch (IllegalArgumentException e) {
            // a URL the configuration accepted is always valid; nothing to try otherwise
        }
    }

    private static boolean isIpLiteral(String name) {
        return name.matches("[0-9.]+") || name.contains(":") || name.startsWith("[");
    }

    private static List<String> split(List<String> values) {
        List<String> out = new ArrayList<>();
        if (values != null) {
            for (String v : values) {
                for (String p : v.split(",")) {
                    if (!p.isBlank()) {
                        out.add(p.strip());
                    }
                }
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return NAME + "[hosts=" + hosts + ", endpoints=" + endpoints + ", includeMirrors=" + includeMirrors
                + ", includeProxies=" + includeProxies + ", timeoutMillis=" + timeoutMillis + "]";
    }
}
