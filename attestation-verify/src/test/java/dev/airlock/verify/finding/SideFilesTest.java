package dev.airlock.verify.finding;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SideFilesTest {
    @Test
    void signaturesBundlesProvenanceAndChecksumsAreSideFiles() {
        for (String c : new String[] {"g:a:jar.asc:1", "g:a:pom.asc:1", "g:a:jar.sig:1", "g:a:jar.sigstore.json:1",
                "g:a:slsa:jar.build:14", "g:a:jar.intoto.jsonl:1", "g:a:jar.sha1:1", "g:a:JAR.ASC:1",
                "g:a:jar.sha512:1", "g:a:jar.md5:1"}) {
            assertTrue(SideFiles.isSideFile(Coordinates.parse(c)), c);
        }
    }

    @Test
    void artifactsAreNot() {
        for (String c : new String[] {"g:a:jar:1", "g:a:pom:1", "g:a:jar:tests:1", "g:a:tar.gz:bin:1", "g:a:json:1",
                "g:a:signature-tool:1", "g:a:zip:asc:1"}) {
            assertFalse(SideFiles.isSideFile(Coordinates.parse(c)), c);
        }
    }
}
