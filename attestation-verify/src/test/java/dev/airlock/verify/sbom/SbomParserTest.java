package dev.airlock.verify.sbom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.airlock.verify.digest.HashAlgorithm;
import java.io.IOException;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SbomParserTest {
    @TempDir
    Path tmp;

    private static Map<String, SbomEntry> byDisplay(SbomDocument d) {
        Map<String, SbomEntry> m = new TreeMap<>();
        for (SbomEntry e : d.entries()) {
            m.put(e.display(), e);
        }
        return m;
    }

    @Test
    void cycloneDx16JsonFromTheMavenPlugin() throws Exception {
        SbomDocument d = SbomParser.parse(SbomTestData.file("cyclonedx/app-1.6.json"));
        assertEquals(SbomFormat.CYCLONEDX_JSON, d.format());
        assertEquals("1.6", d.specVersion());
        assertEquals("com.example.sbom:app:jar:1.0.0", d.root().orElseThrow().display());
        assertEquals(Set.of("compile", "provided", "runtime", "system"), d.coveredScopes().orElseThrow());
        assertFalse(d.recordsPlugins());
        assertFalse(d.aggregate());
        assertTrue(d.tools().stream().anyMatch(t -> t.contains("cyclonedx-maven-plugin")), d.tools().toString());
        assertEquals(List.of(
                "com.example.sbom:lib-a:jar:1.0.0",
                "com.example.sbom:lib-b:jar:1.0.0",
                "com.google.code.findbugs:jsr305:jar:3.0.2",
                "io.netty:netty-transport-native-epoll:jar:linux-aarch_64:4.1.115.Final",
                "io.netty:netty-transport-native-epoll:jar:linux-x86_64:4.1.115.Final",
                "org.slf4j:slf4j-api:jar:2.0.16",
                "org.slf4j:slf4j-simple:jar:2.0.16"), new ArrayList<>(byDisplay(d).keySet()));
        for (SbomEntry e : d.entries()) {
            assertTrue(e.qualified());
            // 8 hashes are written: the 7 comparable ones are read, MD5 is kept aside
            assertEquals(7, e.hashes().size(), e.display());
            assertEquals(List.of("MD5"), e.otherHashes());
            assertEquals(HashAlgorithm.SHA512, e.strongest().orElseThrow());
            e.hashes().forEach((alg, hex) -> assertTrue(alg.isValidHex(hex) && hex.equals(hex.toLowerCase())));
        }
        assertTrue(d.skipped().isEmpty());
    }

    @Test
    void xmlAndOlderSchemaVersionsReadTheSameEntriesAndHashes() throws Exception {
        SbomDocument json = SbomParser.parse(SbomTestData.file("cyclonedx/app-1.6.json"));
        for (String f : List.of("cyclonedx/app-1.6.xml", "cyclonedx/app-1.5.json", "cyclonedx/app-1.4.json")) {
            SbomDocument other = SbomParser.parse(SbomTestData.file(f));
            assertEquals(f.endsWith(".xml") ? SbomFormat.CYCLONEDX_XML : SbomFormat.CYCLONEDX_JSON, other.format(), f);
            assertEquals(f.contains("1.4") ? "1.4" : f.contains("1.5") ? "1.5" : "1.6", other.specVersion(), f);
            Map<String, SbomEntry> a = byDisplay(json);
            Map<String, SbomEntry> b = byDisplay(other);
            assertEquals(a.keySet(), b.keySet(), f);
            for (String k : a.keySet()) {
                assertEquals(a.get(k).hashes(), b.get(k).hashes(), f + " " + k);
            }
            assertEquals(json.coveredScopes(), other.coveredScopes(), f);
        }
    }

    @Test
    void testJarTypeMapsToJarWithClassifierTestsAndTestScopeIsCovered() throws Exception {
        SbomDocument d = SbomParser.parse(SbomTestData.file("cyclonedx/app-1.6-with-test.json"));
        assertTrue(d.coveredScopes().orElseThrow().contains("test"));
        SbomEntry tests = byDisplay(d).get("com.example.sbom:lib-a:jar:tests:1.0.0");
        assertEquals("test-jar", tests.purl().type());
        assertEquals("pkg:maven/com.example.sbom/lib-a@1.0.0?classifier=tests&type=test-jar", tests.purl().purl());
        assertTrue(byDisplay(d).containsKey("org.opentest4j:opentest4j:jar:1.3.0"));
    }

    @Test
    void aggregateListsBothVersions() throws Exception {
        SbomDocument d = SbomParser.parse(SbomTestData.file("cyclonedx/aggregate-1.6.json"));
        assertTrue(d.aggregate());
        assertEquals("com.example.sbom:sbom-demo-parent:pom:1.0.0", d.root().orElseThrow().display());
        Set<String> versions = d.entries().stream().filter(e -> e.artifactId().equals("slf4j-api"))
                .map(SbomEntry::version).collect(Collectors.toSet());
        assertEquals(Set.of("1.7.36", "2.0.16"), versions);
    }

    @Test
    void spdx23FromTheMavenPluginHasNoHashesAndNoQualifiers() throws Exception {
        SbomDocument d = SbomParser.parse(SbomTestData.file("spdx/app-2.3.spdx.json"));
        assertEquals(SbomFormat.SPDX_JSON, d.format());
        assertEquals("SPDX-2.3", d.specVersion());
        assertEquals("app", d.rootName());
        assertEquals("com.example.sbom:app:*:1.0.0", d.root().orElseThrow().display());
        assertTrue(d.tools().contains("Tool: spdx-maven-plugin"), d.tools().toString());
        assertTrue(d.coveredScopes().isEmpty());
        assertFalse(d.airlockRecord());
        assertEquals(List.of(
                "com.example.sbom:lib-a:*:1.0.0",
                "com.example.sbom:lib-b:*:1.0.0",
                "com.google.code.findbugs:jsr305:*:3.0.2",
                "io.netty:netty-transport-native-epoll:*:4.1.115.Final",
                "org.opentest4j:opentest4j:*:1.3.0",
                "org.slf4j:slf4j-api:*:2.0.16",
                "org.slf4j:slf4j-simple:*:2.0.16"), new ArrayList<>(byDisplay(d).keySet()));
        for (SbomEntry e : d.entries()) {
            assertFalse(e.qualified());
            assertTrue(e.hashes().isEmpty(), e.display());
            assertTrue(e.ref().contains("SPDXRef-"), e.ref());
        }
    }

    @Test
    void spdx23ParsingLoadsNeitherTheLicenseListNorGson() throws Exception {
        // in a class loader of its own (the libraries' static state is per loader): what a rule's first parse loads.
        // The license list (read with gson) was a fifth of a first parse (docs/benchmark.md)
        String classPath = System.getProperty("java.class.path");
        java.net.URL[] path = java.util.Arrays.stream(classPath.split(java.io.File.pathSeparator)).map(e -> {
            try {
                return Path.of(e).toUri().toURL();
            } catch (java.net.MalformedURLException x) {
                throw new IllegalStateException(x);
            }
        }).toArray(java.net.URL[]::new);
        try (Fresh loader = new Fresh(path)) {
            Class<?> parser = Class.forName(SbomParser.class.getName(), true, loader);
            Object doc = parser.getMethod("parse", Path.class)
                    .invoke(null, SbomTestData.file("spdx/app-2.3.spdx.json"));
            assertTrue(doc.toString().length() > 0);
            assertTrue(loader.loaded("org.spdx.library.SpdxModelFactory"), "the SPDX library did parse it");
            assertFalse(loader.loaded("com.google.gson.Gson"), "gson is loaded only for the license list");
            assertFalse(loader.loaded("org.spdx.storage.listedlicense.SpdxListedLicenseModelStore"),
                    "the SPDX license list is not loaded");
        }
    }

    /** A class loader that says which classes it loaded. */
    private static final class Fresh extends java.net.URLClassLoader {
        Fresh(java.net.URL[] urls) {
            super(urls, ClassLoader.getPlatformClassLoader());
        }

        boolean loaded(String name) {
            return findLoadedClass(name) != null;
        }
    }

    @Test
    void spdx23LicenseFieldsAreNeitherReadNorValidated() throws Exception {
        // the check reads identities and hashes: license expressions are left out before the library parses; a value
        // that is no license expression changes nothing (the library tolerated it before too: this states the
        // contract, spdx23ParsingLoadsNeitherTheLicenseListNorGson shows the change)
        String original = Files.readString(SbomTestData.file("spdx/app-2.3.spdx.json"));
        String garbled = original.replaceAll("\"(licenseConcluded|licenseDeclared|dataLicense)\"\\s*:\\s*\"[^\"]*\"",
                "\"$1\": {\"not\": [\"an expression\"]}");
        org.junit.jupiter.api.Assertions.assertNotEquals(original, garbled);
        Path f = tmp.resolve("garbled.spdx.json");
        Files.writeString(f, garbled);
        assertEquals(byDisplay(SbomParser.parse(SbomTestData.file("spdx/app-2.3.spdx.json"))).keySet(),
                byDisplay(SbomParser.parse(f)).keySet());

        String stripped = new String(SpdxReaders.withoutLicenses(("{\"dataLicense\":\"CC0-1.0\",\"packages\":"
                + "[{\"name\":\"a\",\"licenseConcluded\":\"MIT\",\"licenseInfoFromFiles\":[\"MIT\"],"
                + "\"hasExtractedLicensingInfos\":"
                + "[{\"licenseId\":\"LicenseRef-x\"}],\"copyrightText\":\"NOASSERTION\"}]}").getBytes(
                        java.nio.charset.StandardCharsets.UTF_8)), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals("{\"packages\":[{\"name\":\"a\",\"copyrightText\":\"NOASSERTION\"}]}", stripped,
                "license fields at any depth, scalar or structure, and nothing else");
    }

    @Test
    void spdx3JsonLdFromTheMavenPlugin() throws Exception {
        SbomDocument d = SbomParser.parse(SbomTestData.file("spdx/app-3.0.1.spdx.json-ld.json"));
        assertEquals(SbomFormat.SPDX_JSONLD, d.format());
        assertEquals("3.0.1", d.specVersion());
        assertEquals("app", d.rootName());
        assertTrue(d.tools().contains("spdx-maven-plugin"), d.tools().toString());
        assertEquals(byDisplay(SbomParser.parse(SbomTestData.file("spdx/app-2.3.spdx.json"))).keySet(),
                byDisplay(d).keySet());
        assertTrue(d.entries().stream().allMatch(e -> e.hashes().isEmpty() && !e.qualified()));
    }

    @Test
    void formatComesFromContentNotFileName() throws Exception {
        Path xmlNamedJson = tmp.resolve("bom.json");
        Files.copy(SbomTestData.file("cyclonedx/app-1.6.xml"), xmlNamedJson);
        assertEquals(SbomFormat.CYCLONEDX_XML, SbomParser.parse(xmlNamedJson).format());
        Path spdxNamedXml = tmp.resolve("bom.xml");
        Files.copy(SbomTestData.file("spdx/app-2.3.spdx.json"), spdxNamedXml);
        assertEquals(SbomFormat.SPDX_JSON, SbomParser.parse(spdxNamedXml).format());
        Path spdx3Named = tmp.resolve("x.spdx3.json");
        Files.copy(SbomTestData.file("spdx/app-3.0.1.spdx.json-ld.json"), spdx3Named);
        assertEquals(SbomFormat.SPDX_JSONLD, SbomParser.parse(spdx3Named).format());
    }

    // ---- bad input: one clean SbomException naming file and position ----

    private SbomException fails(String name, String content) throws IOException {
        Path f = tmp.resolve(name);
        Files.writeString(f, content, StandardCharsets.UTF_8);
        return assertThrows(SbomException.class, () -> SbomParser.parse(f));
    }

    private SbomException failsTruncated(String resource, double fraction) throws IOException {
        byte[] all = Files.readAllBytes(SbomTestData.file(resource));
        Path f = tmp.resolve("truncated-" + Path.of(resource).getFileName());
        Files.write(f, java.util.Arrays.copyOf(all, (int) (all.length * fraction)));
        return assertThrows(SbomException.class, () -> SbomParser.parse(f));
    }

    private static void assertPosition(SbomException e, Path expectedFile) {
        assertEquals(expectedFile.getFileName(), e.file().getFileName());
        assertTrue(e.line() > 0, e.getMessage());
        assertTrue(e.getMessage().startsWith(e.file() + ":" + e.line() + ":"), e.getMessage());
        assertTrue(e.getMessage().contains("Fix: "), e.getMessage());
    }

    @Test
    void truncatedFilesOfEveryFormatNameFileLineAndColumn() throws IOException {
        for (String r : List.of("cyclonedx/app-1.6.json", "cyclonedx/app-1.6.xml", "spdx/app-2.3.spdx.json",
                "spdx/app-3.0.1.spdx.json-ld.json")) {
            SbomException e = failsTruncated(r, 0.6);
            assertPosition(e, Path.of("truncated-" + Path.of(r).getFileName()));
            assertTrue(e.problem().contains("truncated"), e.getMessage());
            assertTrue(e.column() > 0, e.getMessage());
        }
    }

    @Test
    void malformedJsonNamesThePosition() throws IOException {
        SbomException e = fails("bad.json", "{\n  \"bomFormat\": \"CycloneDX\",\n  \"specVersion\": \"1.6\",,\n}\n");
        assertPosition(e, Path.of("bad.json"));
        assertEquals(3, e.line());
        assertTrue(e.problem().startsWith("malformed JSON"), e.getMessage());
    }

    @Test
    void duplicateKeysAreRefused() throws IOException {
        SbomException e = fails("dup.json", "{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.6\",\n"
                + "\"components\":[{\"type\":\"library\",\"name\":\"a\",\"purl\":\"pkg:maven/g/a@1\",\n"
                + "\"purl\":\"pkg:maven/g/b@1\"}]}");
        assertPosition(e, Path.of("dup.json"));
        assertEquals(3, e.line());
        assertTrue(e.problem().contains("Duplicate field 'purl'"), e.getMessage());
    }

    @Test
    void wrongTypeNamesThePositionAndPath() throws IOException {
        SbomException e = fails("wrongtype.json", "{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.6\",\n"
                + "\"components\":[{\"type\":\"library\",\"name\":\"a\",\n\"hashes\":\"not-a-list\"}]}");
        assertPosition(e, Path.of("wrongtype.json"));
        assertEquals(3, e.line());
        assertTrue(e.problem().contains("components[0]"), e.getMessage());
    }

    @Test
    void notAnSbom() throws IOException {
        SbomException e = fails("pom.json", "{\"name\": \"x\", \"dependencies\": {}}");
        assertTrue(e.problem().contains("neither CycloneDX"), e.getMessage());
        SbomException xml = fails("pom.xml", "<project xmlns=\"http://maven.apache.org/POM/4.0.0\"/>");
        assertPosition(xml, Path.of("pom.xml"));
        assertTrue(xml.problem().contains("not a CycloneDX <bom>"), xml.getMessage());
        SbomException text = fails("bom.spdx", "SPDXVersion: SPDX-2.3\nDataLicense: CC0-1.0\n");
        assertTrue(text.problem().contains("neither JSON nor XML"), text.getMessage());
        assertTrue(fails("empty.json", "  \n").problem().contains("empty"));
        assertTrue(fails("array.json", "[{\"bomFormat\":\"CycloneDX\"}]").problem().contains("array"));
        assertTrue(fails("spdx1.json", "{\"spdxVersion\":\"SPDX-1.2\"}").problem().contains("SPDX-1.2"));
        assertThrows(SbomException.class, () -> SbomParser.parse(tmp.resolve("missing.json")));
    }

    @Test
    void xmlDoctypeIsRefused() throws IOException {
        SbomException e = fails("xxe.xml", "<?xml version=\"1.0\"?>\n"
                + "<!DOCTYPE bom [<!ENTITY x SYSTEM \"file:///nonexistent/secret\">]>\n"
                + "<bom xmlns=\"http://cyclonedx.org/schema/bom/1.6\"><components><component type=\"library\">"
                + "<name>&x;</name></component></components></bom>");
        assertPosition(e, Path.of("xxe.xml"));
        assertTrue(e.problem().contains("DOCTYPE"), e.getMessage());
    }

    @Test
    void corruptHashIsAnErrorAtItsEntry() throws IOException {
        String doc = "{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.6\",\"components\":[\n"
                + "{\"type\":\"library\",\"name\":\"a\",\"group\":\"g\",\"version\":\"1\",\n"
                + " \"purl\":\"pkg:maven/g/a@1?type=jar\",\n"
                + " \"hashes\":[{\"alg\":\"SHA-256\",\"content\":\"abc\"}]}]}";
        SbomException e = fails("badhash.json", doc);
        assertPosition(e, Path.of("badhash.json"));
        assertEquals(3, e.line());
        assertTrue(e.problem().contains("SHA-256 hash of pkg:maven/g/a@1?type=jar is 'abc', not 64 hex digits"),
                e.getMessage());
    }

    @Test
    void entriesThatAreNotCheckableMavenArtifactsAreSkippedWithTheReason() throws Exception {
        String doc = "{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.6\",\"components\":["
                + "{\"type\":\"library\",\"name\":\"left-pad\",\"purl\":\"pkg:npm/left-pad@1.3.0\"},"
                + "{\"type\":\"library\",\"name\":\"nopurl\"},"
                + "{\"type\":\"library\",\"name\":\"evil\",\"bom-ref\":\"evil\",\"purl\":\"pkg:maven/g/..@1\"},"
                + "{\"type\":\"library\",\"name\":\"broken\",\"bom-ref\":\"broken\",\"purl\":\"pkg:maven\"},"
                + "{\"type\":\"library\",\"name\":\"ok\",\"purl\":\"pkg:maven/g.x/ok@1.0?classifier=linux\"}]}";
        Path f = tmp.resolve("mixed.json");
        Files.writeString(f, doc);
        SbomDocument d = SbomParser.parse(f);
        assertEquals(List.of("g.x:ok:jar:linux:1.0"), d.entries().stream().map(SbomEntry::display).toList());
        assertEquals(4, d.skipped().size());
        List<String> reasons = d.skipped().stream().map(SbomDocument.Skipped::reason).toList();
        assertTrue(reasons.get(0).contains("pkg:npm"), reasons.toString());
        assertEquals("no purl", reasons.get(1));
        assertTrue(reasons.get(2).contains("not allowed in Maven coordinates"), reasons.toString());
        assertTrue(reasons.get(3).contains("not a valid package URL") || reasons.get(3).contains("no groupId"),
                reasons.toString());
    }

    @Test
    void spdxParsingNeverTouchesTheNetwork() throws Exception {
        // the library's configuration comes from this library's class-path file
        assertEquals("true", org.spdx.Configuration.getInstance().getProperty("org.spdx.useJARLicenseInfoOnly"));
        ProxySelector before = ProxySelector.getDefault();
        List<URI> asked = Collections.synchronizedList(new ArrayList<>());
        ProxySelector.setDefault(new ProxySelector() {
            @Override
            public List<Proxy> select(URI uri) {
                asked.add(uri);
                throw new IllegalStateException("network access during an SBOM parse: " + uri);
            }

            @Override
            public void connectFailed(URI uri, SocketAddress sa, IOException ioe) {}
        });
        try {
            SbomParser.parse(SbomTestData.file("spdx/app-2.3.spdx.json"));
            SbomParser.parse(SbomTestData.file("spdx/app-3.0.1.spdx.json-ld.json"));
            // the listed licenses are what would be downloaded: resolving one must stay local
            assertTrue(org.spdx.library.ListedLicenses.getListedLicenses().isSpdxListedLicenseId("Apache-2.0"));
        } finally {
            ProxySelector.setDefault(before);
        }
        assertEquals(List.of(), asked);
    }

    @Test
    void concurrentParsesGiveTheSameResults() throws Exception {
        List<String> files = List.of("cyclonedx/app-1.6.json", "cyclonedx/app-1.6.xml", "spdx/app-2.3.spdx.json",
                "spdx/app-3.0.1.spdx.json-ld.json");
        Map<String, String> expected = new TreeMap<>();
        for (String f : files) {
            expected.put(f, byDisplay(SbomParser.parse(SbomTestData.file(f))).toString());
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<String[]>> futures = new ArrayList<>();
            for (int i = 0; i < 24; i++) {
                String f = files.get(i % files.size());
                futures.add(pool.submit(() -> new String[] {f,
                    byDisplay(SbomParser.parse(SbomTestData.file(f))).toString()}));
            }
            for (Future<String[]> fu : futures) {
                String[] r = fu.get();
                assertEquals(expected.get(r[0]), r[1], r[0]);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void warmUpParsesOneDocumentOfEachFormat() {
        assertEquals(4, SbomParser.warmUp());
    }

    @Test
    void unknownRootPurlKeepsTheName() throws Exception {
        Path f = tmp.resolve("noroot.json");
        Files.writeString(f, "{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.5\",\"metadata\":{\"component\":"
                + "{\"type\":\"application\",\"name\":\"thing\"}},\"components\":[]}");
        SbomDocument d = SbomParser.parse(f);
        assertTrue(d.root().isEmpty());
        assertEquals("thing", d.rootName());
        assertTrue(d.entries().isEmpty());
    }
}
