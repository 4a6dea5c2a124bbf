package dev.airlock.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.collection.DependencyCollectionContext;
import org.eclipse.aether.collection.DependencySelector;
import org.eclipse.aether.graph.DefaultDependencyNode;
import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.graph.DependencyFilter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The plugin-realm rules of Maven, replayed on plain values (the case: proguard-maven-plugin 2.7.0). */
class PluginResolutionTest {

    private static Dependency dep(String coords) {
        return new Dependency(new DefaultArtifact(coords), "compile");
    }

    private static DependencyCollectionContext context(Dependency d) {
        return new DependencyCollectionContext() {
            @Override
            public org.eclipse.aether.RepositorySystemSession getSession() {
                return null;
            }

            @Override
            public org.eclipse.aether.artifact.Artifact getArtifact() {
                return d.getArtifact();
            }

            @Override
            public Dependency getDependency() {
                return d;
            }

            @Override
            public List<Dependency> getManagedDependencies() {
                return List.of();
            }
        };
    }

    @Test
    void wagonProvidersBelowAMaven2CoreArtifactAreNotCollected() {
        DependencySelector root = new PluginResolution.WagonExcluder(false);
        Dependency wagon = dep("org.apache.maven.wagon:wagon-provider-api:1.0-alpha-5");
        assertTrue(root.selectDependency(wagon), "a plugin's own wagon dependency is collected");

        // proguard-maven-plugin 2.7.0 -> maven-archiver 2.4 (org.apache.maven:maven-*:2.*) -> ... -> wagon-provider-api
        DependencySelector belowArchiver = root.deriveChildSelector(context(dep("org.apache.maven:maven-archiver:2.4")));
        assertFalse(belowArchiver.selectDependency(wagon), "below a Maven 2 artifact the wagon provider is cut");
        assertTrue(belowArchiver.selectDependency(dep("org.codehaus.plexus:plexus-utils:1.5.15")));
        assertFalse(belowArchiver.deriveChildSelector(context(dep("org.codehaus.plexus:plexus-utils:1.5.15")))
                .selectDependency(dep("org.apache.maven.wagon:wagon-http:1.0")), "and everything below it too");
        assertSame(root, root.deriveChildSelector(context(dep("org.apache.ant:ant:1.10.15"))));
        DependencySelector belowMaven3 = root.deriveChildSelector(context(dep("org.apache.maven:maven-core:3.9.9")));
        assertTrue(belowMaven3.selectDependency(wagon), "only Maven 2 core artifacts");
    }

    @Test
    void theRunningMavensSelectorIsUsedExactlyWhenItHasOne() {
        // the tests run on the maven-core this module compiles against (3.9.x), which has WagonExcluder
        assertTrue(PluginResolution.runningMavenHasWagonExcluder());
        assertTrue(PluginResolution.wagonExcluder() instanceof PluginResolution.WagonExcluder);
    }

    @Test
    void coreExportsAreLeftOutButTheirDependenciesStay() {
        DependencyFilter f = PluginResolution.notProvidedByCore(
                Set.of("org.apache.maven:maven-plugin-api", "org.apache.maven.wagon:wagon-provider-api"));
        assertFalse(f.accept(new DefaultDependencyNode(dep("org.apache.maven:maven-plugin-api:3.9.9")), List.of()));
        assertFalse(f.accept(new DefaultDependencyNode(dep("org.apache.maven.wagon:wagon-provider-api:1.0-alpha-5")),
                List.of()));
        assertTrue(f.accept(new DefaultDependencyNode(dep("org.codehaus.plexus:plexus-utils:3.5.1")), List.of()));
        assertTrue(f.accept(new DefaultDependencyNode(dep("com.guardsquare:proguard-base:7.6.1")), List.of()));
    }

    @Test
    void exportsAreReadFromTheCoresDescriptorsWhenTheComponentIsMissing(@TempDir Path dir) throws Exception {
        Path d = dir.resolve("META-INF/maven");
        Files.createDirectories(d);
        Files.writeString(d.resolve("extension.xml"), "<extension><exportedPackages><exportedPackage>org.x"
                + "</exportedPackage></exportedPackages><exportedArtifacts>"
                + "<exportedArtifact>org.apache.maven:maven-core</exportedArtifact>\n"
                + "<exportedArtifact> org.apache.maven.wagon:wagon-provider-api </exportedArtifact>"
                + "</exportedArtifacts></extension>");
        try (URLClassLoader cl = new URLClassLoader(new URL[] {dir.toUri().toURL()}, null)) {
            assertEquals(Set.of("org.apache.maven:maven-core", "org.apache.maven.wagon:wagon-provider-api"),
                    PluginResolution.fromDescriptors(cl));
        }
    }

    @Test
    void theCoreOnTheClassPathExportsWhatMavenKeepsOutOfPluginRealms() {
        Set<String> exports = PluginResolution.fromDescriptors(org.apache.maven.execution.MavenSession.class
                .getClassLoader());
        assertTrue(exports.contains("org.apache.maven.wagon:wagon-provider-api"), exports.toString());
        assertTrue(exports.contains("org.apache.maven:maven-plugin-api"), exports.toString());
    }
}
