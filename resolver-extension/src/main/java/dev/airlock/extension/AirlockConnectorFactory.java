package dev.airlock.extension;

import java.util.Map;
import javax.inject.Inject;
import javax.inject.Named;
import javax.inject.Provider;
import javax.inject.Singleton;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.spi.connector.RepositoryConnector;
import org.eclipse.aether.spi.connector.RepositoryConnectorFactory;
import org.eclipse.aether.spi.connector.layout.RepositoryLayout;
import org.eclipse.aether.spi.connector.layout.RepositoryLayoutProvider;
import org.eclipse.aether.transfer.NoRepositoryConnectorException;
import org.eclipse.aether.transfer.NoRepositoryLayoutException;

/**
 * Wraps the resolver's {@code basic} connector to record every real network request (URL and outcome) and to
 * recognise a failing mirror. Evidence, not enforcement: a user property can disable a connector factory
 * ({@code aether.priority.<class>=NaN}); the remote repository filter is what enforces.
 */
@Named(AirlockConnectorFactory.NAME)
@Singleton
public class AirlockConnectorFactory implements RepositoryConnectorFactory {
    public static final String NAME = "airlock";

    private final AirlockState state;
    private final Map<String, Provider<RepositoryConnectorFactory>> factories;
    private final RepositoryLayoutProvider layouts;

    @Inject
    public AirlockConnectorFactory(
            AirlockState state,
            Map<String, Provider<RepositoryConnectorFactory>> factories,
            RepositoryLayoutProvider layouts) {
        this.state = state;
        this.factories = factories;
        this.layouts = layouts;
    }

    @Override
    public RepositoryConnector newInstance(RepositorySystemSession session, RemoteRepository repository)
            throws NoRepositoryConnectorException {
        Provider<RepositoryConnectorFactory> basic = factories.get("basic");
        if (basic == null) {
            throw new NoRepositoryConnectorException(repository, "airlock: the basic connector is not available");
        }
        RepositoryConnector delegate = basic.get().newInstance(session, repository);
        BuildSession s = state.forSession(session);
        if (s == null || !s.active() || s.config() == null) {
            return delegate;
        }
        RepositoryLayout layout;
        try {
            layout = layouts.newRepositoryLayout(session, repository);
        } catch (NoRepositoryLayoutException e) {
            return delegate;
        }
        return new AirlockConnector(delegate, repository, layout, s);
    }

    @Override
    public float getPriority() {
        // above basic (0); other wrappers that also delegate to basic may outrank it
        return 100;
    }
}
