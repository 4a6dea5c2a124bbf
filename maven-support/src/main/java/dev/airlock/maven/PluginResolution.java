package dev.airlock.maven;

import java.io.InputStream;
import java.net.URL;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Set;
import java.util.TreeSet;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.maven.execution.MavenSession;
import org.eclipse.aether.artifact.Artifact;
import org.eclipse.aether.collection.DependencyCollectionContext;
import org.eclipse.aether.collection.DependencySelector;
import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.graph.DependencyFilter;
import org.w3c.dom.NodeList;

/**
 * How the running Maven resolves the dependencies of a plugin (or a build extension) for its class realm, so that the
 * rules and the goals resolve and record what Maven resolves, and judge what it loads:
 * <ul>
 *   <li>Maven 3 cuts every {@code org.apache.maven.wagon:wagon-*} below a Maven 2 core artifact
 *       ({@code org.apache.maven:maven-*:2.*}) while collecting (its {@code WagonExcluder}): never even downloaded.
 *       Maven 4 has no such selector; {@link #wagonExcluder()} follows the running Maven;</li>
 *   <li>dependencies of scope {@code provided} and {@code test} are left out (its {@code ScopeDependencyFilter});</li>
 *   <li>artifacts the core exports ({@code CoreExports}: {@code maven-plugin-api}, {@code maven-core},
 *       {@code wagon-provider-api}, the resolver API, ... of the running Maven and its core extensions) are resolved
 *       by Maven but never loaded into a plugin realm: the core's own classes are used
 *       ({@code DefaultClassRealmManager}). {@link #notProvidedByCore} tells them apart; their own dependencies are
 *       loaded, as in the realm.</li>
 * </ul>
 */
public final class PluginResolution {
    /** Maven 3's selector class: present in the running Maven's core exactly when Maven applies it. */
    static final String WAGON_EXCLUDER = "org.apache.maven.plugin.internal.WagonExcluder";

    private static final boolean HAS_WAGON_EXCLUDER = runningMavenHasWagonExcluder();

    private PluginResolution() {}

    /** Maven 3's {@code WagonExcluder} when the running Maven has one, else null. */
    public static DependencySelector wagonExcluder() {
        return HAS_WAGON_EXCLUDER ? new WagonExcluder(false) : null;
    }

    static boolean runningMavenHasWagonExcluder() {
        try {
            Class.forName(WAGON_EXCLUDER, false, MavenSession.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** Leaves out the artifacts in {@code coreExports} ({@code groupId:artifactId}); their dependencies stay. */
    public static DependencyFilter notProvidedByCore(Set<String> coreExports) {
        return (node, parents) -> node.getArtifact() == null
                || !coreExports.contains(node.getArtifact().getGroupId() + ":" + node.getArtifact().getArtifactId());
    }

    /**
     * The {@code groupId:artifactId} the running Maven's core (and its core extensions) export: what Maven keeps out
     * of plugin realms. Read from the core's {@code CoreExports} component; where that cannot be looked up, from the
     * {@code META-INF/maven/extension.xml} descriptors of the core's class loader (how Maven builds it).
     */
    public static Set<String> coreExports(MavenSession session) {
        try {
            Object exports = session.getContainer()
                    .lookup(org.apache.maven.extension.internal.CoreExports.class);
            Set<String> out = ((org.apache.maven.extension.internal.CoreExports) exports).getExportedArtifacts();
            if (out != null && !out.isEmpty()) {
                return Set.copyOf(out);
            }
        } catch (Exception | LinkageError e) {
            // an embedder without the component: read the descriptors as Maven does
        }
        return fromDescriptors(MavenSession.class.getClassLoader());
    }

    static Set<String> fromDescriptors(ClassLoader core) {
        Set<String> out = new TreeSet<>();
        try {
            Enumeration<URL> urls = core.getResources("META-INF/maven/extension.xml");
            for (URL url : Collections.list(urls)) {
                DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
                f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
                f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
                try (InputStream in = url.openStream()) {
                    NodeList nodes = f.newDocumentBuilder().parse(in).getElementsByTagName("exportedArtifact");
                    for (int i = 0; i < nodes.getLength(); i++) {
                        out.add(nodes.item(i).getTextContent().trim());
                    }
                }
            }
        } catch (Exception e) {
            // nothing readable: nothing is left out (more is resolved than Maven loads, never less)
        }
        return out;
    }

    /** Maven 3's {@code org.apache.maven.plugin.internal.WagonExcluder}, as it is. */
    static final class WagonExcluder implements DependencySelector {
        private final boolean coreArtifact;

        WagonExcluder(boolean coreArtifact) {
            this.coreArtifact = coreArtifact;
        }

        @Override
        public boolean selectDependency(Dependency dependency) {
            return !coreArtifact || !isWagonProvider(dependency.getArtifact());
        }

        @Override
        public DependencySelector deriveChildSelector(DependencyCollectionContext context) {
            if (coreArtifact || context.getDependency() == null
                    || !isLegacyCoreArtifact(context.getDependency().getArtifact())) {
                return this;
            }
            return new WagonExcluder(true);
        }

        static boolean isLegacyCoreArtifact(Artifact artifact) {
            String version = artifact.getVersion();
            return version != null && version.startsWith("2.") && artifact.getArtifactId().startsWith("maven-")
                    && artifact.getGroupId().equals("org.apache.maven");
        }

        static boolean isWagonProvider(Artifact artifact) {
            return "org.apache.maven.wagon".equals(artifact.getGroupId())
                    && artifact.getArtifactId().startsWith("wagon-");
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof WagonExcluder w && w.coreArtifact == coreArtifact;
        }

        @Override
        public int hashCode() {
            return Boolean.hashCode(coreArtifact) + 31;
        }
    }
}
