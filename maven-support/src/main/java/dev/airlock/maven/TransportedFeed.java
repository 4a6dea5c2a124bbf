package dev.airlock.maven;

import dev.airlock.verify.feed.FeedRepository;
import java.io.IOException;
import java.net.URI;
import java.util.Optional;
import org.eclipse.aether.DefaultRepositorySystemSession;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.spi.connector.transport.GetTask;
import org.eclipse.aether.spi.connector.transport.PutTask;
import org.eclipse.aether.spi.connector.transport.Transporter;
import org.eclipse.aether.spi.connector.transport.TransporterProvider;
import org.eclipse.aether.transfer.NoTransporterException;

/**
 * The feed's files in a remote repository, through the resolver's transporter: the same HTTP client, proxy and
 * {@code settings.xml} credentials (by repository id) Maven uses to download from that mirror or deploy to that
 * repository. Each request is bounded by the timeout given (connect and request).
 */
public final class TransportedFeed implements FeedRepository, AutoCloseable {
    private final RemoteRepository repository;
    private final Transporter transporter;

    private TransportedFeed(RemoteRepository repository, Transporter transporter) {
        this.repository = repository;
        this.transporter = transporter;
    }

    /**
     * Opens the repository {@code id} at {@code url} with the session's authentication and proxy for that id.
     *
     * @param timeoutMillis the connect and request timeout of each request
     */
    public static TransportedFeed open(TransporterProvider transporters, RepositorySystemSession session, String id,
            String url, long timeoutMillis) throws IOException {
        RemoteRepository bare = new RemoteRepository.Builder(id, "default", url).build();
        RemoteRepository.Builder b = new RemoteRepository.Builder(bare);
        if (session.getAuthenticationSelector() != null) {
            b.setAuthentication(session.getAuthenticationSelector().getAuthentication(bare));
        }
        if (session.getProxySelector() != null) {
            b.setProxy(session.getProxySelector().getProxy(bare));
        }
        RemoteRepository repo = b.build();
        DefaultRepositorySystemSession bounded = new DefaultRepositorySystemSession(session);
        bounded.setConfigProperty("aether.connector.connectTimeout", (int) timeoutMillis);
        bounded.setConfigProperty("aether.connector.requestTimeout", (int) timeoutMillis);
        try {
            return new TransportedFeed(repo, transporters.newTransporter(bounded, repo));
        } catch (NoTransporterException e) {
            throw new IOException("no transport for " + id + " (" + url + "): " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<byte[]> get(String path) throws IOException {
        GetTask task = new GetTask(URI.create(path));
        try {
            transporter.get(task);
            return Optional.of(task.getDataBytes());
        } catch (Exception e) {
            if (transporter.classify(e) == Transporter.ERROR_NOT_FOUND) {
                return Optional.empty();
            }
            throw new IOException("cannot read " + path + " from " + describe() + ": "
                    + rootMessage(e), e);
        }
    }

    @Override
    public void put(String path, byte[] bytes) throws IOException {
        try {
            transporter.put(new PutTask(URI.create(path)).setDataBytes(bytes));
        } catch (Exception e) {
            throw new IOException("cannot store " + path + " in " + describe() + ": "
                    + rootMessage(e), e);
        }
    }

    @Override
    public String describe() {
        return repository.getId() + " (" + repository.getUrl() + ")";
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            transporter.close();
        }
    }

    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage();
        return t.getClass().getSimpleName() + (m == null ? "" : ": " + m);
    }
}
