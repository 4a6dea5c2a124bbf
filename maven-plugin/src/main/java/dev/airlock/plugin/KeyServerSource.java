package dev.airlock.plugin;

import dev.airlock.verify.keys.KeyServer;
import dev.airlock.verify.keys.KeyServerException;
import dev.airlock.verify.keys.Lookup;
import dev.airlock.verify.propose.KeySource;
import java.io.IOException;
import java.net.Authenticator;
import java.net.InetSocketAddress;
import java.net.PasswordAuthentication;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.MojoFailureException;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.repository.AuthenticationContext;
import org.eclipse.aether.repository.RemoteRepository;

/**
 * {@code airlock.keyserver} as the proposal's {@link KeySource}: lookups by fingerprint (or key id), through the proxy
 * Maven's settings name for the key server's host (with its credentials, decrypted as Maven decrypts them). Remembers
 * the lookups that could not be made at all (network, HTTP errors), so that the goal fails instead of proposing from
 * a partial answer.
 */
final class KeyServerSource implements KeySource {
    private final KeyServer server;
    private final List<String> failures = Collections.synchronizedList(new ArrayList<>());

    KeyServerSource(KeyServer server) {
        this.server = server;
    }

    static KeyServerSource of(String url, MavenSession session, Duration timeout) throws MojoFailureException {
        RepositorySystemSession rs = session.getRepositorySession();
        MavenProxies proxies = new MavenProxies(rs);
        try {
            return new KeyServerSource(KeyServer.of(url, proxies, proxies.authenticator(), timeout));
        } catch (KeyServerException e) {
            throw new MojoFailureException("[airlock] CONFIG_ERROR airlock.keyserver=" + e.value() + ": " + e.problem()
                    + ". Fix: " + e.fix());
        }
    }

    @Override
    public Answer fetch(String issuer) {
        Lookup l = issuer.length() == 16 ? server.byKeyId(issuer) : server.byFingerprint(issuer);
        if (l instanceof Lookup.Found f) {
            return new Found(f.key().armoredBytes(), f.url());
        }
        if (l instanceof Lookup.NotFound) {
            return new Unavailable("not on the key server (" + l.url() + ")");
        }
        if (l instanceof Lookup.Refused r) {
            return new Unavailable("the key server's answer was refused (" + r.url() + "): " + r.reason());
        }
        failures.add(l.describe());
        return new Unavailable("the key server could not be asked: " + l.describe());
    }

    /** Lookups that could not be made. */
    List<String> failures() {
        return List.copyOf(failures);
    }

    @Override
    public String describe() {
        return server.address();
    }

    /** Maven's proxy settings (as the resolver applies them) for the key server's URL. */
    static final class MavenProxies extends ProxySelector {
        private final RepositorySystemSession session;

        MavenProxies(RepositorySystemSession session) {
            this.session = session;
        }

        private RemoteRepository repository(URI uri) {
            RemoteRepository r = new RemoteRepository.Builder("airlock-keyserver", "default", uri.getScheme() + "://"
                    + uri.getAuthority() + "/").build();
            org.eclipse.aether.repository.Proxy p = session.getProxySelector() == null ? null
                    : session.getProxySelector().getProxy(r);
            return p == null ? r : new RemoteRepository.Builder(r).setProxy(p).build();
        }

        @Override
        public List<Proxy> select(URI uri) {
            org.eclipse.aether.repository.Proxy p = repository(uri).getProxy();
            return p == null ? List.of(Proxy.NO_PROXY)
                    : List.of(new Proxy(Proxy.Type.HTTP, InetSocketAddress.createUnresolved(p.getHost(), p.getPort())));
        }

        @Override
        public void connectFailed(URI uri, SocketAddress sa, IOException ioe) {
            // nothing to remember: the lookup reports the failure
        }

        Authenticator authenticator() {
            return new Authenticator() {
                @Override
                protected PasswordAuthentication getPasswordAuthentication() {
                    if (getRequestorType() != RequestorType.PROXY) {
                        return null;
                    }
                    RemoteRepository r = repository(URI.create(getRequestingURL().toString()));
                    try (AuthenticationContext ctx = AuthenticationContext.forProxy(session, r)) {
                        if (ctx == null || ctx.get(AuthenticationContext.USERNAME) == null) {
                            return null;
                        }
                        String pw = ctx.get(AuthenticationContext.PASSWORD);
                        return new PasswordAuthentication(ctx.get(AuthenticationContext.USERNAME),
                                pw == null ? new char[0] : pw.toCharArray());
                    }
                }
            };
        }
    }
}
