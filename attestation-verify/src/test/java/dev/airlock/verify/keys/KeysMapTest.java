package dev.airlock.verify.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.aether.util.version.GenericVersionScheme;
import org.eclipse.aether.version.InvalidVersionSpecificationException;
import org.eclipse.aether.version.Version;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link KeysMap} on the real public keys map ({@code src/test/resources/keysmap/pgp-keys-map.list}, see the
 * README.md there) and on small maps for each rule and each error, with maven-resolver's version order.
 */
class KeysMapTest {
    static final String JETBRAINS = "B46DC71E03FEEB7F89D1F2491F7A8F87B9D8F501";
    static final String DD_PLIST = "1CEED21A8E77F056ED2341A84410603103CE3AF4";
    static final String LOGBACK = "475F3B8E59E6E63AA78067482C7B12F2A511E325";
    static final String ANY_KEY = "0123456789ABCDEF0123456789ABCDEF01234567";

    /** Maven's version order, as the plugin passes it. */
    static final VersionOrder MAVEN = new VersionOrder() {
        private final GenericVersionScheme scheme = new GenericVersionScheme();

        @Override
        public int compare(String a, String b) {
            try {
                Version va = scheme.parseVersion(a);
                Version vb = scheme.parseVersion(b);
                return va.compareTo(vb);
            } catch (InvalidVersionSpecificationException e) {
                throw new IllegalArgumentException(e);
            }
        }
    };

    static String realText;
    static KeysMap real;

    @BeforeAll
    static void loadRealMap() throws Exception {
        try (InputStream in = KeysMapTest.class.getResourceAsStream("/keysmap/pgp-keys-map.list")) {
            realText = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        real = KeysMap.parse("pgp-keys-map.list", realText, MAVEN);
    }

    private static KeysMap map(String text) throws KeysMapException {
        return KeysMap.parse("test.map", text, MAVEN);
    }

    private static KeysMapException error(String text) {
        return assertThrows(KeysMapException.class, () -> map(text));
    }

    @Test
    void theWholePublicMapParsesIntoOneItemPerAssignment() {
        // an independent count: lines that hold '=' once comments are removed (every item has exactly one '=')
        long assignments = realText.lines().map(l -> l.contains("#") ? l.substring(0, l.indexOf('#')) : l)
                .filter(l -> l.contains("=")).count();
        assertTrue(assignments > 500, "the map is the real one: " + assignments);
        assertEquals(assignments, real.size());
    }

    @Test
    void jetbrainsAnnotationsSignedByJetbrainsKeyAgrees() {
        Opinion o = real.opinion("org.jetbrains", "annotations", "jar", "23.0.0", JETBRAINS);

        assertEquals(Opinion.Verdict.AGREES, o.verdict());
        assertEquals(List.of(new Opinion.MapLine("pgp-keys-map.list:1176", "org.jetbrains:annotations = "
                + "0x8756C4F765C9AC3CB6B85D62379CE192D401AB61, 0xB46DC71E03FEEB7F89D1F2491F7A8F87B9D8F501")),
                o.lines());
        // case, spaces and 0x do not matter
        assertEquals(Opinion.Verdict.AGREES, real.opinion("ORG.JETBRAINS", "Annotations", "JAR", "23.0.0",
                "0xb46d c71e 03fe eb7f 89d1 f249 1f7a 8f87 b9d8 f501").verdict());
    }

    @Test
    void jetbrainsAnnotationsSignedByAnotherKeyDisagrees() {
        Opinion o = real.opinion("org.jetbrains", "annotations", "jar", "23.0.0", DD_PLIST);

        assertEquals(Opinion.Verdict.DISAGREES, o.verdict());
        assertEquals(1, o.lines().size());
        assertEquals("pgp-keys-map.list:1176", o.lines().get(0).where());
    }

    @Test
    void anArtifactTheMapDoesNotKnowIsSilent() {
        Opinion o = real.opinion("com.googlecode.plist", "dd-plist", "jar", "1.28", DD_PLIST);

        assertEquals(Opinion.Verdict.SILENT, o.verdict());
        assertTrue(o.lines().isEmpty());
        assertEquals(Opinion.Verdict.SILENT, real.opinionUnsigned("com.googlecode.plist", "dd-plist", "jar", "1.28")
                .verdict());
    }

    @Test
    void oldJunitMayBeUnsignedButNotNewJunit() {
        Opinion old = real.opinionUnsigned("junit", "junit", "jar", "4.7");
        assertEquals(Opinion.Verdict.AGREES, old.verdict());
        assertEquals(List.of("pgp-keys-map.list:586", "pgp-keys-map.list:587"),
                old.lines().stream().map(Opinion.MapLine::where).toList(), "the noSig range item and the group item");

        Opinion recent = real.opinionUnsigned("junit", "junit", "jar", "4.13.2");
        assertEquals(Opinion.Verdict.DISAGREES, recent.verdict());
        assertEquals(List.of("pgp-keys-map.list:587"), recent.lines().stream().map(Opinion.MapLine::where).toList());
        // 4.7 is the inclusive upper bound of (,4.7]; 4.8 is beyond it
        assertEquals(Opinion.Verdict.DISAGREES, real.opinionUnsigned("junit", "junit", "jar", "4.8").verdict());
    }

    @Test
    void aGroupEndingInDotStarCoversItsSubgroupsAsPgpverifyDoes() {
        for (String group : List.of("ch.qos.logback", "ch.qos.logback.core", "ch.qos.logback.contrib")) {
            Opinion o = real.opinion(group, "logback-core", "jar", "1.5.0", LOGBACK);
            assertEquals(Opinion.Verdict.AGREES, o.verdict(), group);
            assertEquals("pgp-keys-map.list:45", o.lines().get(0).where());
            assertEquals(Opinion.Verdict.DISAGREES, real.opinion(group, "logback-core", "jar", "1.5.0", JETBRAINS)
                    .verdict(), group);
        }
        for (String group : List.of("ch.qos.logbackx", "ch.qos", "chXqos.logback")) {
            assertEquals(Opinion.Verdict.SILENT, real.opinion(group, "logback-core", "jar", "1.5.0", LOGBACK)
                    .verdict(), group);
        }
    }

    @Test
    void versionRangesOfTheRealMapAreComparedInMavenOrder() {
        // cglib:cglib:(,2.2] = noSig, [2.2.2,3.1] = 0xE78A..., [3.2.0,) = 0x07DB...
        assertEquals(Opinion.Verdict.AGREES, real.opinionUnsigned("cglib", "cglib", "jar", "2.2").verdict());
        assertEquals(Opinion.Verdict.AGREES, real.opinion("cglib", "cglib", "jar", "3.1",
                "E78AA45938D10249E08CC1C752E6585E0102B84D").verdict());
        assertEquals(Opinion.Verdict.AGREES, real.opinion("cglib", "cglib", "jar", "3.10",
                "07DBC3C1AB1F4468471656061C8D5EF0DF2B70D4").verdict(), "3.10 > 3.2.0 in Maven order, not as text");
        assertEquals(Opinion.Verdict.SILENT, real.opinion("cglib", "cglib", "jar", "3.1.5",
                "07DBC3C1AB1F4468471656061C8D5EF0DF2B70D4").verdict(), "between the ranges");
        assertEquals(Opinion.Verdict.SILENT, real.opinion("cglib", "cglib", "jar", "2.2.1",
                "E78AA45938D10249E08CC1C752E6585E0102B84D").verdict());
    }

    @Test
    void packagingNarrowsAnItemToOneExtension() {
        // commons-cli:*:pom:1.1 = noSig; commons-cli:*:[1.1,1.2] = 0x636D...
        assertEquals(Opinion.Verdict.AGREES, real.opinionUnsigned("commons-cli", "commons-cli", "pom", "1.1")
                .verdict());
        assertEquals(Opinion.Verdict.DISAGREES, real.opinionUnsigned("commons-cli", "commons-cli", "jar", "1.1")
                .verdict());
    }

    @Test
    void aFifthFieldIsTheClassifierAndTheVersionComesLast() {
        // org.codehaus.plexus:plexus-utils:jar:sources:1.5.1 = 0x6985..., the only item naming that key
        String key = "69859CF50A3C1EB40A90D5FD2D6641C6AF88103E";
        Opinion sources = real.opinion("org.codehaus.plexus", "plexus-utils", "jar", "sources", "1.5.1", List.of(key));
        assertEquals(Opinion.Verdict.AGREES, sources.verdict());
        assertTrue(sources.lines().stream().anyMatch(l -> l.where().equals("pgp-keys-map.list:1000")));
        for (String[] other : new String[][] {{"", "1.5.1"}, {"sources", "3.0"}, {"javadoc", "1.5.1"}}) {
            Opinion o = real.opinion("org.codehaus.plexus", "plexus-utils", "jar", other[0], other[1], List.of(key));
            assertTrue(o.lines().stream().noneMatch(l -> l.where().equals("pgp-keys-map.list:1000")),
                    String.join(":", other));
        }
        // xalan:xalan:jar:sources:2.7.0 = noSig does not make every xalan artifact unsigned-ok
        assertEquals(Opinion.Verdict.AGREES, real.opinionUnsigned("xalan", "xalan", "jar", "sources", "2.7.0")
                .verdict());
        assertEquals(Opinion.Verdict.DISAGREES, real.opinionUnsigned("xalan", "xalan", "jar", "sources", "2.7.2")
                .verdict());
    }

    @Test
    void keyIdsMatchTheLowBitsAndSeveralFingerprintsMayBeOffered() throws Exception {
        KeysMap m = map("org.example = 0x1F7A8F87B9D8F501\n");
        assertEquals(Opinion.Verdict.AGREES, m.opinion("org.example", "a", "jar", "1", JETBRAINS).verdict());
        assertEquals(Opinion.Verdict.DISAGREES, m.opinion("org.example", "a", "jar", "1", DD_PLIST).verdict());
        // a signing subkey and its primary: either listed is enough
        KeysMap primaryOnly = map("org.example = 0x" + JETBRAINS + "\n");
        assertEquals(Opinion.Verdict.AGREES, primaryOnly.opinion("org.example", "a", "jar", "1",
                List.of("33FD4BFD33554634053D73C0C2148900BCD3C2AF", JETBRAINS)).verdict());
        assertThrows(IllegalArgumentException.class, () -> m.opinion("org.example", "a", "jar", "1", "1F7A8F87"));
    }

    @Test
    void specialValuesAgreeOnlyWhereTheyShould() throws Exception {
        KeysMap m = map("""
                g:any = *
                g:any2 = ANY
                g:nosig = noSig
                g:badsig = badSig
                g:nokey = noKey
                g:revoked = !0x%s
                """.formatted(JETBRAINS));
        assertEquals(Opinion.Verdict.AGREES, m.opinion("g", "any", "jar", "1", DD_PLIST).verdict());
        assertEquals(Opinion.Verdict.AGREES, m.opinion("g", "any2", "jar", "1", DD_PLIST).verdict());
        assertEquals(Opinion.Verdict.DISAGREES, m.opinionUnsigned("g", "any", "jar", "1").verdict(),
                "any key, but a key");
        assertEquals(Opinion.Verdict.AGREES, m.opinionUnsigned("g", "nosig", "jar", "1").verdict());
        assertEquals(Opinion.Verdict.DISAGREES, m.opinion("g", "nosig", "jar", "1", DD_PLIST).verdict());
        assertEquals(Opinion.Verdict.DISAGREES, m.opinion("g", "badsig", "jar", "1", DD_PLIST).verdict());
        assertEquals(Opinion.Verdict.DISAGREES, m.opinion("g", "nokey", "jar", "1", DD_PLIST).verdict());
        assertEquals(Opinion.Verdict.AGREES, m.opinion("g", "revoked", "jar", "1", JETBRAINS).verdict());
        assertEquals(Opinion.Verdict.DISAGREES, m.opinionUnsigned("g", "revoked", "jar", "1").verdict());
    }

    @Test
    void wildcardsRegexVersionsAndSeveralRangeSets() throws Exception {
        KeysMap m = map("""
                org.apache.xmlgraphics:batik-*:jar = 0x%s
                org.example:snap:~.*-SNAPSHOT = *
                org.example:rel:!~.*-SNAPSHOT = *
                org.example:sets:(,1.0],[1.2,) = *
                org.example:exact:1.0.0 = *
                org.example:one:[2.0] = *
                """.formatted(ANY_KEY));
        assertEquals(Opinion.Verdict.AGREES, m.opinion("org.apache.xmlgraphics", "batik-dom", "jar", "1.7", ANY_KEY)
                .verdict());
        assertEquals(Opinion.Verdict.SILENT, m.opinion("org.apache.xmlgraphics", "batik-dom", "pom", "1.7", ANY_KEY)
                .verdict());
        assertEquals(Opinion.Verdict.SILENT, m.opinion("org.apache.xmlgraphics", "fop", "jar", "1.7", ANY_KEY)
                .verdict());
        assertEquals(Opinion.Verdict.AGREES, m.opinion("org.example", "snap", "jar", "1.0-snapshot", ANY_KEY)
                .verdict());
        assertEquals(Opinion.Verdict.SILENT, m.opinion("org.example", "snap", "jar", "1.0", ANY_KEY).verdict());
        assertEquals(Opinion.Verdict.AGREES, m.opinion("org.example", "rel", "jar", "1.0", ANY_KEY).verdict());
        assertEquals(Opinion.Verdict.SILENT, m.opinion("org.example", "rel", "jar", "1.0-SNAPSHOT", ANY_KEY)
                .verdict());
        for (String v : List.of("0.9", "1.0", "1.2", "3")) {
            assertEquals(Opinion.Verdict.AGREES, m.opinion("org.example", "sets", "jar", v, ANY_KEY).verdict(), v);
        }
        assertEquals(Opinion.Verdict.SILENT, m.opinion("org.example", "sets", "jar", "1.1", ANY_KEY).verdict());
        assertEquals(Opinion.Verdict.AGREES, m.opinion("org.example", "exact", "jar", "1.0.0", ANY_KEY).verdict());
        assertEquals(Opinion.Verdict.SILENT, m.opinion("org.example", "exact", "jar", "1.0", ANY_KEY).verdict(),
                "an exact version is compared as written, as pgpverify does");
        assertEquals(Opinion.Verdict.AGREES, m.opinion("org.example", "one", "jar", "2.0", ANY_KEY).verdict());
        assertEquals(Opinion.Verdict.SILENT, m.opinion("org.example", "one", "jar", "2.0.1", ANY_KEY).verdict());
    }

    @Test
    void continuationLinesAndCommentsJoinIntoOneItem() throws Exception {
        KeysMap m = map("""
                # a comment line
                org.example:lib = \\   # first line
                                  0x%s, \\ # first key

                                  0x%s   # last key
                org.example:other = noSig
                """.formatted(JETBRAINS, DD_PLIST));
        assertEquals(2, m.size());
        Opinion o = m.opinion("org.example", "lib", "jar", "1", DD_PLIST);
        assertEquals(Opinion.Verdict.AGREES, o.verdict());
        assertEquals(List.of(new Opinion.MapLine("test.map:2", "org.example:lib = 0x" + JETBRAINS + ", 0x"
                + DD_PLIST)), o.lines());
    }

    @Test
    void aBadFingerprintIsAnErrorAtItsLineAndColumn() {
        KeysMapException e = error("ok = noSig\norg.example:lib = 0x1234\n");
        assertEquals(1, e.errors().size());
        assertEquals("test.map:2:19", e.errors().get(0).where());
        assertTrue(e.getMessage().startsWith("Keys map error: test.map:2:19: '0x1234' is not a fingerprint"),
                e.getMessage());
        assertTrue(e.getMessage().contains("Fix: "), e.getMessage());

        KeysMapException notHex = error("org.example = 0x" + JETBRAINS.replace('B', 'G') + "\n");
        assertTrue(notHex.getMessage().contains("test.map:1:15") && notHex.getMessage().contains("not hexadecimal"),
                notHex.getMessage());
    }

    @Test
    void anErrorOnAContinuationLineNamesThatLine() {
        KeysMapException e = error("org.example = \\\n    0x" + JETBRAINS + ", \\\n    0xZZ\n");
        assertEquals("test.map:3:5", e.errors().get(0).where(), e.getMessage());
    }

    @Test
    void badRangesAreErrorsNamingLineAndProblem() {
        assertTrue(error("a:b:[1.0,2.0 = noSig\n").getMessage().contains("test.map:1:5: the version range '[1.0,2.0'"
                + " is malformed: the range that starts here is not closed"), "unclosed");
        assertTrue(error("\na:b:(1.0) = noSig\n").getMessage().contains("test.map:2:5: the version range '(1.0)' is"
                + " malformed: a single version must be written [1.0]"), "single");
        assertTrue(error("a:b:[2.0,1.0] = noSig\n").getMessage().contains("test.map:1:5:"), "reversed");
        assertTrue(error("a:b:[2.0,1.0] = noSig\n").getMessage().contains("is empty"), "reversed");
        assertTrue(error("a:b:[1.0,3.0],[2.0,4.0] = noSig\n").getMessage().contains("test.map:1:15:"), "overlap");
        assertTrue(error("a:b:[1.0,2.0]x = noSig\n").getMessage().contains("test.map:1:14: the version range"),
                "junk");
        assertTrue(error("a:b:[1.0,2.0], = noSig\n").getMessage().contains("not followed by a range"), "comma");
        assertTrue(error("a:b:1.* = noSig\n").getMessage().contains("test.map:1:7: the version '1.*' holds '*'"));
        assertTrue(error("a:b:~[ = noSig\n").getMessage().contains("not a valid regular expression"));
    }

    @Test
    void aLineWithoutEqualsIsAnError() {
        KeysMapException e = error("org.example:a = noSig\n\n   org.example:lib 0x" + JETBRAINS + "\n");
        assertEquals("test.map:3:4", e.errors().get(0).where());
        assertTrue(e.getMessage().contains("has no '='"), e.getMessage());
    }

    @Test
    void aDanglingBackslashAtTheEndOfTheFileIsAnError() {
        KeysMapException e = error("org.example:a = noSig\norg.example:lib = 0x" + JETBRAINS + ", \\\n# nothing\n");
        assertEquals("test.map:2", e.errors().get(0).where().substring(0, "test.map:2".length()));
        assertTrue(e.getMessage().contains("the file ends"), e.getMessage());
    }

    @Test
    void otherMistakesAreErrorsAndAllAreListedAtOnce() {
        KeysMapException e = error("""
                = noSig
                a:b =
                a:b = 0x%s,, noSig
                a:b = maybe
                a:b:jar:sources:1.0:x = noSig
                a b:c = noSig
                """.formatted(JETBRAINS));
        assertEquals(List.of("test.map:1:1", "test.map:2:6", "test.map:3:50", "test.map:4:7", "test.map:5:20",
                "test.map:6:1"), e.errors().stream().map(KeysMapError::where).toList(), e.getMessage());
        assertTrue(e.getMessage().startsWith("Keys map has 6 errors:"), e.getMessage());
        assertTrue(e.getMessage().contains("unknown key item 'maybe'"), e.getMessage());
    }

    @Test
    void loadReadsAFileAndNamesAMissingOne(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("keys.list");
        Files.writeString(file, "org.example = noSig\n");
        assertEquals(1, KeysMap.load(file, MAVEN).size());
        KeysMapException e = assertThrows(KeysMapException.class, () -> KeysMap.load(dir.resolve("none"), MAVEN));
        assertTrue(e.getMessage().contains("none: the keys map file does not exist"), e.getMessage());
        Files.write(file, new byte[] {'a', '=', (byte) 0xff, '\n'});
        assertThrows(KeysMapException.class, () -> KeysMap.load(file, MAVEN));
    }
}
