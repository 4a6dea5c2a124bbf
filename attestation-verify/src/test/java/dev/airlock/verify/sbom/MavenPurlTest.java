package dev.airlock.verify.sbom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.airlock.verify.finding.Coordinates;
import java.util.List;
import org.junit.jupiter.api.Test;

class MavenPurlTest {
    private static String coords(String purl) {
        return MavenPurl.parse(purl).coordinates().toString();
    }

    @Test
    void typesMapToExtensionAndClassifierLikeMavensArtifactHandlers() {
        assertEquals("g:a:jar:1", coords("pkg:maven/g/a@1?type=jar"));
        assertEquals("g:a:jar:tests:1", coords("pkg:maven/g/a@1?classifier=tests&type=test-jar"));
        assertEquals("g:a:jar:tests:1", coords("pkg:maven/g/a@1?type=test-jar"));
        assertEquals("g:a:jar:1", coords("pkg:maven/g/a@1?type=maven-plugin"));
        assertEquals("g:a:jar:client:1", coords("pkg:maven/g/a@1?type=ejb-client"));
        assertEquals("g:a:jar:sources:1", coords("pkg:maven/g/a@1?type=java-source"));
        assertEquals("g:a:jar:javadoc:1", coords("pkg:maven/g/a@1?type=javadoc"));
        assertEquals("g:a:pom:1", coords("pkg:maven/g/a@1?type=pom"));
        assertEquals("g:a:war:1", coords("pkg:maven/g/a@1?type=war"));
        assertEquals("g:a:zip:dist:1", coords("pkg:maven/g/a@1?type=zip&classifier=dist"));
        // qualifiers without a type: a jar
        assertEquals("io.netty:netty-transport-native-epoll:jar:linux-x86_64:4.1.115.Final",
                coords("pkg:maven/io.netty/netty-transport-native-epoll@4.1.115.Final?classifier=linux-x86_64"));
    }

    @Test
    void withoutQualifiersExtensionAndClassifierAreUnknown() {
        MavenPurl p = MavenPurl.parse("pkg:maven/org.slf4j/slf4j-api@2.0.16");
        assertFalse(p.qualified());
        assertNull(p.extension());
        assertNull(p.classifier());
        assertNull(p.coordinates());
        assertEquals("org.slf4j:slf4j-api:2.0.16", p.groupId() + ':' + p.artifactId() + ':' + p.version());
        assertTrue(MavenPurl.parse("pkg:maven/g/a@1?type=jar").qualified());
    }

    @Test
    void refusesWhatIsNotACheckableMavenCoordinate() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> MavenPurl.parse("pkg:npm/left-pad@1.3.0"))
                .getMessage().contains("not pkg:maven"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> MavenPurl.parse("pkg:maven/a@1"))
                .getMessage().contains("namespace"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> MavenPurl.parse("pkg:maven/g/a"))
                .getMessage().contains("no version"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> MavenPurl.parse("pkg:maven/g/..@1"))
                .getMessage().contains("not allowed"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> MavenPurl.parse("pkg:maven/g/a@1?classifier=x%2F..%2Fy")).getMessage().contains("classifier"));
        assertThrows(IllegalArgumentException.class, () -> MavenPurl.parse("not a purl"));
    }

    @Test
    void writesCanonicalPurlsThatReadBackToTheSameCoordinates() {
        for (String c : List.of("g.x:a-b:jar:1.0", "g:a:jar:tests:1", "g:a:pom:2", "io.netty:n:jar:linux-x86_64:4.1")) {
            Coordinates co = Coordinates.parse(c);
            String purl = MavenPurl.of(co);
            assertTrue(purl.startsWith("pkg:maven/"), purl);
            assertEquals(co, MavenPurl.parse(purl).coordinates(), purl);
        }
        assertEquals("pkg:maven/g/a@1?classifier=tests&type=jar", MavenPurl.of(Coordinates.parse("g:a:jar:tests:1")));
    }
}
