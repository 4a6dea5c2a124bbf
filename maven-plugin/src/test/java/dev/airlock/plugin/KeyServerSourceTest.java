package dev.airlock.plugin;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.Authenticator;
import java.net.InetSocketAddress;
import java.net.PasswordAuthentication;
import java.net.Proxy;
import java.net.URI;
import java.net.URL;
import java.util.List;
import org.eclipse.aether.DefaultRepositorySystemSession;
import org.eclipse.aether.util.repository.AuthenticationBuilder;
import org.eclipse.aether.util.repository.DefaultProxySelector;
import org.junit.jupiter.api.Test;

/** The key server is asked through the proxy Maven's settings name for its host, with that proxy's credentials. */
class KeyServerSourceTest {

    private static KeyServerSource.MavenProxies proxies() {
        DefaultRepositorySystemSession session = new DefaultRepositorySystemSession();
        DefaultProxySelector selector = new DefaultProxySelector();
        selector.add(new org.eclipse.aether.repository.Proxy("https", "proxy.corp.example", 3128,
                new AuthenticationBuilder().addUsername("builder").addPassword("s3cret").build()),
                "localhost|*.internal.example");
        session.setProxySelector(selector);
        return new KeyServerSource.MavenProxies(session);
    }

    @Test
    void aKeyServerThatCannotBeAskedIsRememberedSoThatTheGoalFails() throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort(); // closed again: nothing listens there
        }
        KeyServerSource source = new KeyServerSource(dev.airlock.verify.keys.KeyServer.of("http://127.0.0.1:" + port,
                java.net.ProxySelector.of(null), null, java.time.Duration.ofSeconds(5)));
        var answer = source.fetch("B46DC71E03FEEB7F89D1F2491F7A8F87B9D8F501");
        org.junit.jupiter.api.Assertions.assertInstanceOf(dev.airlock.verify.propose.KeySource.Unavailable.class,
                answer);
        assertEquals(1, source.failures().size(), source.failures().toString());
        org.junit.jupiter.api.Assertions.assertTrue(source.failures().get(0).contains("127.0.0.1:" + port),
                source.failures().toString());
    }

    @Test
    void aKeyServerGoesThroughTheProxyOfItsScheme() {
        List<Proxy> p = proxies().select(URI.create("https://keys.corp.example/vks/v1/by-fingerprint/AB"));
        assertEquals(1, p.size());
        assertEquals(Proxy.Type.HTTP, p.get(0).type());
        InetSocketAddress a = (InetSocketAddress) p.get(0).address();
        assertEquals("proxy.corp.example", a.getHostString());
        assertEquals(3128, a.getPort());
    }

    @Test
    void nonProxyHostsAndOtherSchemesGoDirect() {
        assertEquals(List.of(Proxy.NO_PROXY), proxies().select(URI.create("https://keys.internal.example/x")));
        assertEquals(List.of(Proxy.NO_PROXY), proxies().select(URI.create("http://keys.corp.example/x")),
                "the settings name a proxy for https only");
    }

    @Test
    void theProxysCredentialsAnswerAProxyChallengeOnly() throws Exception {
        Authenticator auth = proxies().authenticator();
        URL url = new URL("https://keys.corp.example/vks/v1/by-fingerprint/AB");
        PasswordAuthentication pa = auth.requestPasswordAuthenticationInstance("proxy.corp.example", null, 3128,
                "https", "proxy", "basic", url, Authenticator.RequestorType.PROXY);
        assertEquals("builder", pa.getUserName());
        assertArrayEquals("s3cret".toCharArray(), pa.getPassword());
        assertNull(auth.requestPasswordAuthenticationInstance("keys.corp.example", null, 443, "https", "server",
                "basic", url, Authenticator.RequestorType.SERVER), "never sent to the key server itself");
    }
}
