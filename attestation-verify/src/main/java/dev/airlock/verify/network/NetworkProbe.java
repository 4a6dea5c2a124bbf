package dev.airlock.verify.network;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Tries to reach the outside, briefly, and says what got through: a DNS name that resolves (a query that got an
 * answer, or none within the timeout: the query may have left), a TCP endpoint that accepts a connection. Used by
 * {@code requireNetworkIsolation} to prove the offline phase of a build is offline. Written by hand: it is a few
 * socket calls with timeouts.
 */
public final class NetworkProbe {
    /** What one probe found. {@code reachable} is true when the build could talk to that target. */
    public record Result(String target, boolean reachable, String detail) {}

    /** Name resolution, replaceable in tests. */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private final Duration timeout;
    private final Resolver resolver;

    public NetworkProbe(Duration timeout) {
        this(timeout, InetAddress::getAllByName);
    }

    public NetworkProbe(Duration timeout, Resolver resolver) {
        this.timeout = timeout;
        this.resolver = resolver;
    }

    /**
     * Resolves {@code host}. Reachable when it resolves to an address that is not loopback, or when no answer came
     * within the timeout (a query may have left the machine); not reachable when resolution fails at once or gives
     * loopback addresses only.
     */
    public Result dns(String host) {
        ExecutorService ex = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "airlock-dns-probe");
            t.setDaemon(true);
            return t;
        });
        try {
            Future<InetAddress[]> f = ex.submit(() -> resolver.resolve(host));
            InetAddress[] addresses = f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            List<String> shown = Arrays.stream(addresses).map(InetAddress::getHostAddress).toList();
            boolean outside = Arrays.stream(addresses).anyMatch(a -> !a.isLoopbackAddress());
            return new Result("dns:" + host, outside, outside ? "resolves to " + shown
                    : "resolves to loopback only " + shown);
        } catch (TimeoutException e) {
            return new Result("dns:" + host, true, "no answer within " + timeout.toMillis() + " ms: a query may have"
                    + " left the machine (an isolated build fails to resolve at once)");
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            return new Result("dns:" + host, false, c instanceof UnknownHostException
                    ? "does not resolve (" + c.getMessage() + ")" : "does not resolve (" + c + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result("dns:" + host, true, "interrupted before an answer: not proven isolated");
        } finally {
            ex.shutdownNow();
        }
    }

    /** Opens a TCP connection to {@code host:port} (resolving {@code host} first); reachable when it connects. */
    public Result tcp(String host, int port) {
        String target = "tcp:" + host + ":" + port;
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
            return new Result(target, true, "accepted a connection (from " + s.getLocalAddress().getHostAddress()
                    + " to " + s.getInetAddress().getHostAddress() + ")");
        } catch (java.net.SocketTimeoutException e) {
            return new Result(target, false, "no connection within " + timeout.toMillis() + " ms");
        } catch (UnknownHostException e) {
            return new Result(target, false, "the name does not resolve");
        } catch (IOException e) {
            return new Result(target, false, "refused or unreachable (" + e.getMessage() + ")");
        }
    }
}
