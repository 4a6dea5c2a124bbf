package dev.airlock.verify.sbom;

import dev.airlock.verify.artifact.ResolvedArtifact;
import dev.airlock.verify.finding.Coordinates;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The real SBOMs and the files they describe, in src/test/resources/sbom (see its README.md): a three-module demo
 * reactor built with cyclonedx-maven-plugin 2.9.3 and spdx-maven-plugin 1.0.4.
 */
final class SbomTestData {
    private SbomTestData() {}

    static Path dir() {
        try {
            return Path.of(SbomTestData.class.getResource("/sbom/README.md").toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Path file(String relative) {
        Path p = dir().resolve(relative);
        if (!Files.exists(p)) {
            throw new IllegalStateException("missing test resource " + p);
        }
        return p;
    }

    /** The file of coordinates in the committed local-repository layout under repo/. */
    static Path repoFile(Coordinates c) {
        String name = c.artifactId() + '-' + c.version() + (c.classifier().isEmpty() ? "" : '-' + c.classifier()) + '.'
                + c.extension();
        return file("repo/" + c.groupId().replace('.', '/') + '/' + c.artifactId() + '/' + c.version() + '/' + name);
    }

    static ResolvedArtifact dep(String coords, String scope) {
        Coordinates c = Coordinates.parse(coords);
        return new ResolvedArtifact(c, repoFile(c), ResolvedArtifact.Kind.DEPENDENCY, scope,
                c.groupId().equals("com.example.sbom"), List.of(), "com.example.sbom:app", "central");
    }

    /** What module app of the demo resolved (every scope), exactly as its SBOMs were generated. */
    static List<ResolvedArtifact> appResolved() {
        List<ResolvedArtifact> out = new ArrayList<>();
        out.add(dep("com.example.sbom:lib-a:jar:1.0.0", "compile"));
        out.add(dep("com.example.sbom:lib-a:jar:tests:1.0.0", "test"));
        out.add(dep("com.example.sbom:lib-b:jar:1.0.0", "compile"));
        out.add(dep("org.slf4j:slf4j-api:jar:2.0.16", "compile"));
        out.add(dep("org.slf4j:slf4j-simple:jar:2.0.16", "runtime"));
        out.add(dep("com.google.code.findbugs:jsr305:jar:3.0.2", "provided"));
        out.add(dep("io.netty:netty-transport-native-epoll:jar:linux-x86_64:4.1.115.Final", "compile"));
        out.add(dep("io.netty:netty-transport-native-epoll:jar:linux-aarch_64:4.1.115.Final", "compile"));
        out.add(dep("org.opentest4j:opentest4j:jar:1.3.0", "test"));
        return out;
    }
}
