package dev.airlock.extension;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import org.eclipse.aether.RequestTrace;
import org.eclipse.aether.artifact.Artifact;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.collection.CollectRequest;
import org.eclipse.aether.collection.CollectStepData;
import org.eclipse.aether.graph.DefaultDependencyNode;
import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.graph.DependencyNode;
import org.eclipse.aether.resolution.ArtifactDescriptorRequest;
import org.eclipse.aether.resolution.ArtifactRequest;
import org.eclipse.aether.resolution.DependencyRequest;
import org.junit.jupiter.api.Test;

class RequestersTest {
    static final Artifact APP = new DefaultArtifact("com.example:app:jar:1.0");
    static final Artifact LIB = new DefaultArtifact("com.example:lib:jar:1.0");
    static final Artifact MISSING = new DefaultArtifact("com.example:missing-lib:jar:1.0");

    @Test
    void theDependencyNodeOfAResolvedGraphNamesItsParent() {
        DefaultDependencyNode root = new DefaultDependencyNode(APP);
        DefaultDependencyNode lib = new DefaultDependencyNode(new Dependency(LIB, "compile"));
        DefaultDependencyNode missing = new DefaultDependencyNode(new Dependency(MISSING, "compile"));
        root.setChildren(new java.util.ArrayList<>(List.of(lib)));
        lib.setChildren(new java.util.ArrayList<>(List.of(missing)));
        DependencyRequest dr = new DependencyRequest(root, null);
        ArtifactRequest request = new ArtifactRequest(missing);
        request.setTrace(RequestTrace.newChild(null, dr));
        Requesters.Requester r = Requesters.of(request);
        assertEquals("com.example:lib:jar:1.0", r.label());
        assertEquals(List.of("com.example:app:jar:1.0", "com.example:lib:jar:1.0", "com.example:missing-lib:jar:1.0"),
                r.path());
    }

    static CollectStepData step(Dependency node, DependencyNode... path) {
        return new CollectStepData() {
            @Override
            public String getContext() {
                return "project";
            }

            @Override
            public List<DependencyNode> getPath() {
                return List.of(path);
            }

            @Override
            public Dependency getNode() {
                return node;
            }
        };
    }

    @Test
    void aCollectedDependencyIsRequestedByWhatDeclaredItAtTheManagedVersion() {
        DefaultDependencyNode root = new DefaultDependencyNode(APP);
        DefaultDependencyNode lib = new DefaultDependencyNode(new Dependency(LIB, "compile"));
        // declared as 0.9, managed to 1.0: the POM asked is 1.0's
        Dependency declared = new Dependency(new DefaultArtifact("com.example:missing-lib:jar:0.9"), "compile");
        ArtifactRequest pom = new ArtifactRequest(new DefaultArtifact("com.example:missing-lib:pom:1.0"), List.of(), null);
        RequestTrace collect = RequestTrace.newChild(null, step(declared, root, lib));
        pom.setTrace(collect.newChild(new ArtifactDescriptorRequest(new DefaultArtifact("com.example:missing-lib:jar:1.0"),
                List.of(), null)));
        Requesters.Requester r = Requesters.of(pom);
        assertEquals("com.example:lib:jar:1.0", r.label());
        assertEquals(List.of("com.example:app:jar:1.0", "com.example:lib:jar:1.0", "com.example:missing-lib:jar:1.0"),
                r.path());

        // the parent POM of that dependency is asked for by its POM
        ArtifactRequest parent = new ArtifactRequest(new DefaultArtifact("com.example:parent:pom:3"), List.of(), null);
        parent.setTrace(collect.newChild(new ArtifactDescriptorRequest(new DefaultArtifact("com.example:missing-lib:jar:1.0"),
                List.of(), null)));
        assertEquals("com.example:missing-lib:pom:1.0", Requesters.of(parent).label());
    }

    @Test
    void aParentPomIsRequestedByThePomBeingRead() {
        ArtifactRequest request = new ArtifactRequest(new DefaultArtifact("com.example:parent:pom:3"), List.of(), null);
        request.setTrace(RequestTrace.newChild(null, new ArtifactDescriptorRequest(LIB, List.of(), null)));
        assertEquals("com.example:lib:pom:1.0", Requesters.of(request).label());
    }

    @Test
    void aCollectRequestNamesItsRootAndNothingIsUnknown() {
        CollectRequest cr = new CollectRequest();
        cr.setRootArtifact(APP);
        ArtifactRequest request = new ArtifactRequest(MISSING, List.of(), null);
        request.setTrace(RequestTrace.newChild(null, cr));
        assertEquals("com.example:app:jar:1.0", Requesters.of(request).label());
        assertFalse(Requesters.of(new ArtifactRequest(MISSING, List.of(), null)).known());
    }

    @Test
    void aPluginAndAProject() {
        org.apache.maven.model.Plugin plugin = new org.apache.maven.model.Plugin();
        plugin.setGroupId("org.example");
        plugin.setArtifactId("p-maven-plugin");
        plugin.setVersion("1");
        ArtifactRequest request = new ArtifactRequest(MISSING, List.of(), null);
        request.setTrace(RequestTrace.newChild(null, plugin));
        assertEquals("plugin org.example:p-maven-plugin:1", Requesters.of(request).label());
        ArtifactRequest self = new ArtifactRequest(new DefaultArtifact("org.example:p-maven-plugin:jar:1"), List.of(),
                null);
        self.setTrace(RequestTrace.newChild(null, plugin));
        assertEquals("the build, as plugin org.example:p-maven-plugin:1", Requesters.of(self).label());

        org.apache.maven.model.Model model = new org.apache.maven.model.Model();
        model.setGroupId("com.example");
        model.setArtifactId("app");
        model.setVersion("1.0");
        ArtifactRequest fromProject = new ArtifactRequest(MISSING, List.of(), null);
        fromProject.setTrace(RequestTrace.newChild(null, new org.apache.maven.project.MavenProject(model)));
        assertEquals("project com.example:app:1.0", Requesters.of(fromProject).label());
    }

    @Test
    void aNodeOutsideTheGraphIsUnknown() {
        DependencyNode root = new DefaultDependencyNode(APP);
        assertFalse(Requesters.fromGraph(root, new DefaultDependencyNode(new Dependency(MISSING, "compile"))).known());
    }
}
