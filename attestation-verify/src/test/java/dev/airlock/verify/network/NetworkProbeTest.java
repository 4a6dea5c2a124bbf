package dev.airlock.verify.network;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Loopback only: a listener stands for a reachable endpoint, a closed port for an unreachable one. */
class NetworkProbeTest {
    private final NetworkProbe probe = new NetworkProbe(Duration.ofMillis(1500));

    @Test
    void aListeningEndpointIsReachableAClosedOneIsNot() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            NetworkProbe.Result r = probe.tcp("127.0.0.1", s.getLocalPort());
            assertTrue(r.reachable(), r.toString());
            assertTrue(r.detail().contains("accepted a connection"), r.detail());
            closedPort = s.getLocalPort();
        }
        NetworkProbe.Result r = probe.tcp("127.0.0.1", closedPort);
        assertFalse(r.reachable(), r.toString());
    }

    @Test
    void dnsAnswersDecide() throws Exception {
        // no DNS query leaves the test: the resolver is replaced
        InetAddress outside = InetAddress.getByAddress("repo.example", new byte[] {(byte) 192, 0, 2, 10});
        NetworkProbe answers = new NetworkProbe(Duration.ofMillis(500), h -> new InetAddress[] {outside});
        NetworkProbe.Result r = answers.dns("repo.example");
        assertTrue(r.reachable(), r.toString());
        assertTrue(r.detail().contains("192.0.2.10"), r.detail());

        NetworkProbe loopback = new NetworkProbe(Duration.ofMillis(500),
                h -> new InetAddress[] {InetAddress.getLoopbackAddress()});
        assertFalse(loopback.dns("localhost").reachable());

        NetworkProbe fails = new NetworkProbe(Duration.ofMillis(500), h -> {
            throw new UnknownHostException(h + ": Temporary failure in name resolution");
        });
        NetworkProbe.Result none = fails.dns("repo.example");
        assertFalse(none.reachable(), none.toString());

        NetworkProbe silent = new NetworkProbe(Duration.ofMillis(200), h -> {
            try {
                Thread.sleep(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new UnknownHostException(h);
        });
        NetworkProbe.Result slow = silent.dns("repo.example");
        assertTrue(slow.reachable(), "no answer in time is not proof of isolation: " + slow);
    }
}
