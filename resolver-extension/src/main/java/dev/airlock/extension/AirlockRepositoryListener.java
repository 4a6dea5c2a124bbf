package dev.airlock.extension;

import javax.inject.Inject;
import javax.inject.Named;
import javax.inject.Singleton;
import org.apache.maven.plugin.version.PluginVersionRequest;
import org.eclipse.aether.AbstractRepositoryListener;
import org.eclipse.aether.RepositoryEvent;
import org.eclipse.aether.RequestTrace;
import org.eclipse.aether.collection.CollectStepData;
import org.eclipse.aether.metadata.Metadata;
import org.eclipse.aether.resolution.VersionRangeRequest;

/**
 * Notices version metadata being read for a floating version that no artifact request reveals by itself: a plugin
 * whose version Maven looks up in repository metadata (the trace carries Maven's plugin version request), and a
 * version range outside dependency collection (a parent or an import). The post-processor then refuses that
 * plugin's or POM's artifacts.
 */
@Named(AirlockRepositoryListener.NAME)
@Singleton
public class AirlockRepositoryListener extends AbstractRepositoryListener {
    public static final String NAME = "airlock";

    private final AirlockState state;

    @Inject
    public AirlockRepositoryListener(AirlockState state) {
        this.state = state;
    }

    @Override
    public void metadataResolving(RepositoryEvent event) {
        Metadata m = event.getMetadata();
        if (m == null || m.getArtifactId().isEmpty() || !m.getVersion().isEmpty()) {
            return; // only G:A-level version metadata
        }
        BuildSession s = state.current();
        if (s == null || !s.active()) {
            return;
        }
        boolean collecting = false;
        for (RequestTrace t = event.getTrace(); t != null; t = t.getParent()) {
            Object data = t.getData();
            if (data instanceof PluginVersionRequest) {
                s.floatingPlugin(m.getGroupId(), m.getArtifactId());
                return;
            }
            if (data instanceof CollectStepData) {
                collecting = true;
            }
            if (data instanceof VersionRangeRequest && !collecting) {
                boolean inCollection = false;
                for (RequestTrace u = t.getParent(); u != null; u = u.getParent()) {
                    if (u.getData() instanceof CollectStepData) {
                        inCollection = true;
                        break;
                    }
                }
                if (!inCollection) {
                    s.floatingRange(m.getGroupId(), m.getArtifactId());
                }
                return;
            }
        }
    }
}
