package dev.airlock.verify.sbom;

import static dev.airlock.verify.sbom.SbomTestData.appResolved;
import static dev.airlock.verify.sbom.SbomTestData.dep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.airlock.verify.artifact.ResolvedArtifact;
import dev.airlock.verify.digest.Digests;
import dev.airlock.verify.digest.HashAlgorithm;
import dev.airlock.verify.finding.Coordinates;
import dev.airlock.verify.finding.Finding;
import dev.airlock.verify.finding.FindingCode;
import dev.airlock.verify.finding.Severity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** verifySbom's judgement on the real SBOMs of the demo reactor (see src/test/resources/sbom/README.md). */
class SbomVerifierTest {
    private static final List<String> REACTOR = List.of("com.example.sbom:sbom-demo-parent", "com.example.sbom:lib-a",
            "com.example.sbom:lib-b", "com.example.sbom:app");

    @TempDir
    Path tmp;

    private static SbomDocument sbom(String f) throws SbomException {
        return SbomParser.parse(SbomTestData.file(f));
    }

    private static SbomVerifier.Builder verifier() {
        return SbomVerifier.builder().digests(new Digests(1000)).reactorProjects(REACTOR);
    }

    private static SbomVerification verify(List<ResolvedArtifact> resolved, String... files) throws SbomException {
        return verify(verifier(), resolved, files);
    }

    private static SbomVerification verify(SbomVerifier.Builder b, List<ResolvedArtifact> resolved, String... files)
            throws SbomException {
        List<SbomDocument> docs = new ArrayList<>();
        for (String f : files) {
            docs.add(sbom(f));
        }
        return b.build().verify(resolved, docs);
    }

    private static List<String> codes(SbomVerification v) {
        return v.findings().stream().map(f -> f.code() + " " + f.subject()).toList();
    }

    private static ResolvedArtifact withFile(ResolvedArtifact a, Path file) {
        return new ResolvedArtifact(a.coordinates(), file, a.kind(), a.scope(), a.reactor(), a.path(), a.module(),
                a.repositoryId());
    }

    private static ResolvedArtifact as(ResolvedArtifact a, ResolvedArtifact.Kind kind, String scope, String module) {
        return new ResolvedArtifact(a.coordinates(), a.file(), kind, scope, a.reactor(), a.path(), module,
                a.repositoryId());
    }

    private Path tampered(Path original) throws Exception {
        byte[] b = Files.readAllBytes(original);
        b[b.length / 2] ^= 0x01;
        Path copy = tmp.resolve(original.getFileName());
        Files.write(copy, b);
        return copy;
    }

    @Test
    void exactBuildAgainstItsCycloneDxSbomHasNoFinding() throws Exception {
        SbomVerification v = verify(appResolved(), "cyclonedx/app-1.6.json");
        assertEquals(List.of(), codes(v));
        // 5 third-party jars verified by SHA-512; the two reactor modules listed but not hashed; the two test
        // dependencies are not in the scopes this SBOM covers (compile, provided, runtime, system)
        assertEquals(Map.of(HashAlgorithm.SHA512, 5), v.hashesVerified());
        assertEquals(List.of("com.example.sbom:lib-a:jar:1.0.0", "com.example.sbom:lib-b:jar:1.0.0"),
                v.reactorNotHashed());
        assertTrue(v.summary().startsWith("9 artifacts: 5 hash-verified (5 SHA-512)"), v.summary());
    }

    /**
     * Hardening item 5: a hash with an algorithm no format defines went to otherHashes without a word. It is reported
     * (naming the component and the algorithm); an entry with nothing else is SBOM_NO_HASH.
     */
    @Test
    void aHashWithAnUnknownAlgorithmIsReportedNotDroppedSilently() throws Exception {
        com.google.gson.JsonObject bom = com.google.gson.JsonParser.parseString(
                Files.readString(SbomTestData.file("cyclonedx/app-1.6.json"))).getAsJsonObject();
        for (com.google.gson.JsonElement c : bom.getAsJsonArray("components")) {
            com.google.gson.JsonObject o = c.getAsJsonObject();
            String purl = o.get("purl").getAsString();
            if (purl.contains("slf4j-api")) {
                // a misspelt SHA-256 next to the real SHA-512
                for (com.google.gson.JsonElement h : o.getAsJsonArray("hashes")) {
                    if (h.getAsJsonObject().get("alg").getAsString().equals("SHA-256")) {
                        h.getAsJsonObject().addProperty("alg", "SHA-2566");
                    }
                }
            } else if (purl.contains("jsr305")) {
                // only an invented algorithm (and MD5, which is known and never compared)
                com.google.gson.JsonArray only = new com.google.gson.JsonArray();
                for (com.google.gson.JsonElement h : o.getAsJsonArray("hashes")) {
                    String alg = h.getAsJsonObject().get("alg").getAsString();
                    if (alg.equals("SHA-512")) {
                        h.getAsJsonObject().addProperty("alg", "SHA-999");
                        only.add(h);
                    } else if (alg.equals("MD5")) {
                        only.add(h);
                    }
                }
                o.add("hashes", only);
            }
        }
        Path file = tmp.resolve("bom.json");
        Files.writeString(file, bom.toString());
        SbomDocument doc = SbomParser.parse(file);
        SbomEntry slf4j = doc.entries().stream().filter(e -> e.artifactId().equals("slf4j-api")).findFirst()
                .orElseThrow();
        assertEquals(List.of("SHA-2566"), slf4j.unknownHashes());
        SbomEntry jsr = doc.entries().stream().filter(e -> e.artifactId().equals("jsr305")).findFirst().orElseThrow();
        assertEquals(List.of("MD5", "SHA-999"), jsr.otherHashes());
        assertEquals(List.of("SHA-999"), jsr.unknownHashes(), "MD5 is known: never compared, never reported");

        SbomVerification v = verifier().build().verify(appResolved(), List.of(doc));
        List<Finding> notEvaluated = v.findings().stream().filter(f -> f.code() == FindingCode.NOT_EVALUATED).toList();
        assertEquals(2, notEvaluated.size(), v.findings().toString());
        Finding misspelt = notEvaluated.stream().filter(f -> f.subject().contains("slf4j-api")).findFirst()
                .orElseThrow();
        assertEquals(Severity.WARN, misspelt.severity());
        assertEquals(Coordinates.parse("org.slf4j:slf4j-api:jar:2.0.16"), misspelt.coordinates(),
                "a qualified purl's entry carries typed coordinates");
        assertTrue(misspelt.message().contains("pkg:maven/org.slf4j/slf4j-api@2.0.16?type=jar")
                && misspelt.message().contains("'SHA-2566'") && misspelt.message().contains("SHA-512 was"),
                misspelt.message());
        Finding invented = notEvaluated.stream().filter(f -> f.subject().contains("jsr305")).findFirst()
                .orElseThrow();
        assertTrue(invented.message().contains("'SHA-999'") && invented.message().contains("no other hash"),
                invented.message());
        // the entry with no usable hash: present, unverifiable
        assertEquals(List.of("NOT_EVALUATED com.google.code.findbugs:jsr305:jar:3.0.2",
                        "NOT_EVALUATED org.slf4j:slf4j-api:jar:2.0.16", "SBOM_NO_HASH com.google.code.findbugs:jsr305:jar:3.0.2"),
                codes(v).stream().sorted().toList());
        assertEquals(4, v.verifiedCount(), "slf4j-api still verified by its SHA-512");
    }

    @Test
    void everyCycloneDxVersionAndSyntaxGivesTheSameVerdict() throws Exception {
        for (String f : List.of("cyclonedx/app-1.6.xml", "cyclonedx/app-1.5.json", "cyclonedx/app-1.4.json")) {
            SbomVerification v = verify(appResolved(), f);
            assertEquals(List.of(), codes(v), f);
            assertEquals(5, v.verifiedCount(), f);
        }
    }

    @Test
    void reactorHashesAreComparedOnlyWhenAsked() throws Exception {
        SbomVerification v = verify(verifier().checkReactorHashes(true), appResolved(),
                "cyclonedx/app-1.6-with-test.json");
        assertEquals(List.of(), codes(v));
        // with test scope covered: 3 reactor jars (lib-a, lib-a tests, lib-b) + 6 third-party jars
        assertEquals(9, v.verifiedCount());
        assertEquals(List.of(), v.reactorNotHashed());
    }

    @Test
    void oneChangedByteOfARealJarIsAHashMismatchCarryingFileAndExpected() throws Exception {
        List<ResolvedArtifact> resolved = new ArrayList<>();
        Path bad = null;
        for (ResolvedArtifact a : appResolved()) {
            if (a.coordinates().artifactId().equals("slf4j-api")) {
                bad = tampered(a.file());
                a = withFile(a, bad);
            }
            resolved.add(a);
        }
        SbomVerification v = verify(resolved, "cyclonedx/app-1.6.json");
        assertEquals(List.of("SBOM_HASH_MISMATCH org.slf4j:slf4j-api:jar:2.0.16"), codes(v));
        Finding f = v.findings().get(0);
        assertEquals(Severity.ERROR, f.severity());
        assertTrue(f.code().isIntegrityFailure());
        assertEquals("verifySbom", f.source());
        assertEquals(bad.toString(), f.file());
        String sbomSha512 = sbom("cyclonedx/app-1.6.json").entries().stream()
                .filter(e -> e.artifactId().equals("slf4j-api")).findFirst().orElseThrow().hashes()
                .get(HashAlgorithm.SHA512);
        assertEquals("sha512 " + sbomSha512, f.expected());
        assertEquals("sha512 " + new Digests(10).digest(bad, HashAlgorithm.SHA512), f.actual());
        assertEquals(new Digests(10).digest(bad, HashAlgorithm.SHA256), f.sha256());
        assertTrue(f.message().contains("app-1.6.json"), f.message());
        assertTrue(f.message().contains(sbomSha512), f.message());
        assertEquals("central", f.repositoryId());
        assertTrue(f.fix().contains("quarantine"), f.fix());
    }

    @Test
    void anArtifactTheSbomDoesNotListIsNotInSbom() throws Exception {
        List<ResolvedArtifact> resolved = new ArrayList<>(appResolved());
        resolved.removeIf(a -> a.coordinates().artifactId().equals("opentest4j"));
        resolved.add(dep("org.opentest4j:opentest4j:jar:1.3.0", "compile")); // compile now: in a covered scope
        SbomVerification v = verify(resolved, "cyclonedx/app-1.6.json");
        assertEquals(List.of("NOT_IN_SBOM org.opentest4j:opentest4j:jar:1.3.0"), codes(v));
        Finding f = v.findings().get(0);
        assertEquals(Severity.ERROR, f.severity());
        assertTrue(f.message().contains("compile dependency"), f.message());
        assertEquals(64, f.sha256().length());
    }

    @Test
    void anotherVersionThanTheSbomListsIsVersionDrift() throws Exception {
        // module lib-b resolved slf4j-api 1.7.36; app's SBOM lists 2.0.16
        List<ResolvedArtifact> libB = List.of(as(dep("org.slf4j:slf4j-api:jar:1.7.36", "compile"),
                ResolvedArtifact.Kind.DEPENDENCY, "compile", "com.example.sbom:lib-b"));
        SbomVerification v = verify(libB, "cyclonedx/app-1.6.json");
        List<Finding> drift = v.findings().stream().filter(f -> f.code() == FindingCode.SBOM_VERSION_DRIFT).toList();
        assertEquals(1, drift.size(), codes(v).toString());
        assertEquals("org.slf4j:slf4j-api:jar:1.7.36", drift.get(0).subject());
        assertEquals("version 2.0.16", drift.get(0).expected());
        assertEquals("version 1.7.36", drift.get(0).actual());
        // against lib-b's own SBOM: verified, nothing else
        SbomVerification own = verify(libB, "cyclonedx/lib-b-1.6.json");
        assertEquals(List.of(), codes(own));
        assertEquals(1, own.verifiedCount());
    }

    @Test
    void anAggregateWithTwoVersionsOfOneGaIsASet() throws Exception {
        List<ResolvedArtifact> libB = List.of(as(dep("org.slf4j:slf4j-api:jar:1.7.36", "compile"),
                ResolvedArtifact.Kind.DEPENDENCY, "compile", "com.example.sbom:lib-b"));
        SbomVerification v = verify(libB, "cyclonedx/aggregate-1.6.json");
        // no drift (1.7.36 is in the set), and the entries of the other modules are not called stale
        assertEquals(List.of("NOT_EVALUATED null"), codes(v));
        assertEquals(Severity.INFO, v.findings().get(0).severity());
        assertEquals(1, v.verifiedCount());

        // the whole reactor at once: app, lib-b and lib-a's artifacts
        List<ResolvedArtifact> all = new ArrayList<>(appResolved());
        all.addAll(libB);
        all.add(as(dep("org.opentest4j:opentest4j:jar:1.3.0", "test"), ResolvedArtifact.Kind.DEPENDENCY, "test",
                "com.example.sbom:lib-a"));
        SbomVerification whole = verify(all, "cyclonedx/aggregate-1.6.json");
        assertEquals(List.of(), codes(whole));
        assertEquals(6, whole.verifiedCount()); // slf4j-api x2, slf4j-simple, jsr305, netty x2
    }

    @Test
    void anEntryNobodyResolvedIsStaleButOnlyInTheCheckedScopes() throws Exception {
        List<ResolvedArtifact> resolved = new ArrayList<>(appResolved());
        resolved.removeIf(a -> a.coordinates().artifactId().equals("slf4j-simple"));
        SbomVerification v = verify(resolved, "cyclonedx/app-1.6.json");
        assertEquals(List.of("SBOM_ENTRY_NOT_RESOLVED org.slf4j:slf4j-simple:jar:2.0.16"), codes(v));
        assertEquals(Severity.WARN, v.findings().get(0).severity());
        assertNull(v.findings().get(0).file());

        // a build that did not resolve the test scope, against an SBOM that includes it: test entries are not stale
        List<ResolvedArtifact> noTests = new ArrayList<>(appResolved());
        noTests.removeIf(a -> "test".equals(a.scope()));
        SbomVerification t = verify(verifier().scopes(List.of("compile", "provided", "runtime", "system")), noTests,
                "cyclonedx/app-1.6-with-test.json");
        assertEquals(List.of("NOT_EVALUATED null"), codes(t));
        assertEquals(Severity.INFO, t.findings().get(0).severity());
        assertTrue(t.findings().get(0).message().startsWith("1 entries"), t.findings().get(0).message());
        // the root component and reactor modules are never "not resolved"
        assertTrue(codes(verify(List.of(), "cyclonedx/lib-b-1.6.json")).stream()
                .allMatch(c -> c.contains("slf4j-api")));
    }

    @Test
    void spdxFromTheMavenPluginIsPresentButUnverifiableNotAMismatch() throws Exception {
        for (String f : List.of("spdx/app-2.3.spdx.json", "spdx/app-3.0.1.spdx.json-ld.json")) {
            SbomVerification v = verify(appResolved(), f);
            assertEquals(List.of(
                    "SBOM_NO_HASH com.google.code.findbugs:jsr305:jar:3.0.2",
                    "SBOM_NO_HASH io.netty:netty-transport-native-epoll:jar:linux-aarch_64:4.1.115.Final",
                    "SBOM_NO_HASH io.netty:netty-transport-native-epoll:jar:linux-x86_64:4.1.115.Final",
                    "SBOM_NO_HASH org.opentest4j:opentest4j:jar:1.3.0",
                    "SBOM_NO_HASH org.slf4j:slf4j-api:jar:2.0.16",
                    "SBOM_NO_HASH org.slf4j:slf4j-simple:jar:2.0.16",
                    // the two netty classifiers and lib-a + its test-jar share one unqualified purl each
                    "SBOM_AMBIGUOUS com.example.sbom:lib-a:*:1.0.0",
                    "SBOM_AMBIGUOUS io.netty:netty-transport-native-epoll:*:4.1.115.Final"), codes(v), f);
            assertEquals(0, v.verifiedCount(), f);
            Finding noHash = v.findings().get(0);
            assertEquals(Severity.ERROR, noHash.severity());
            assertTrue(noHash.message().contains("present, but unverifiable"), noHash.message());
            Finding amb = v.findings().stream().filter(x -> x.code() == FindingCode.SBOM_AMBIGUOUS).findFirst()
                    .orElseThrow();
            assertEquals(Severity.WARN, amb.severity());
            // an unqualified purl names no one file: a label, not coordinates
            assertNull(amb.coordinates(), f);
            assertEquals("com.example.sbom:lib-a:*:1.0.0", amb.subject(), f);
            assertEquals(Coordinates.parse("com.google.code.findbugs:jsr305:jar:3.0.2"), noHash.coordinates(), f);
            assertTrue(amb.actual().contains("com.example.sbom:lib-a:jar:1.0.0")
                    && amb.actual().contains("com.example.sbom:lib-a:jar:tests:1.0.0"), amb.actual());
        }
        // a changed byte is still no mismatch: there is nothing to compare against
        List<ResolvedArtifact> resolved = new ArrayList<>();
        for (ResolvedArtifact a : appResolved()) {
            resolved.add(a.coordinates().artifactId().equals("slf4j-api") ? withFile(a, tampered(a.file())) : a);
        }
        assertTrue(verify(resolved, "spdx/app-2.3.spdx.json").findings().stream()
                .noneMatch(x -> x.code() == FindingCode.SBOM_HASH_MISMATCH));
    }

    @Test
    void thirdPartySbomsGiveOneNotEvaluatedForPluginsInsteadOfNotInSbomEach() throws Exception {
        List<ResolvedArtifact> resolved = new ArrayList<>(appResolved());
        for (String p : List.of("org.apache.maven.plugins:maven-compiler-plugin:jar:3.14.0",
                "org.apache.maven.plugins:maven-surefire-plugin:jar:3.5.3", "org.ow2.asm:asm:jar:9.7")) {
            Path f = tmp.resolve(p.replace(':', '_') + ".jar");
            Files.writeString(f, p);
            resolved.add(new ResolvedArtifact(Coordinates.parse(p), f, ResolvedArtifact.Kind.PLUGIN, null, false,
                    List.of(), "com.example.sbom:app", "central"));
        }
        // slf4j-api 2.0.16 also as a plugin dependency: same file, still verified as the dependency
        resolved.add(as(dep("org.slf4j:slf4j-api:jar:2.0.16", null), ResolvedArtifact.Kind.PLUGIN, null,
                "com.example.sbom:app"));
        SbomVerification v = verify(resolved, "cyclonedx/app-1.6.json");
        assertEquals(List.of("NOT_EVALUATED null"), codes(v));
        Finding f = v.findings().get(0);
        assertEquals(Severity.WARN, f.severity());
        assertTrue(f.message().startsWith("3 build plugin and extension artifacts"), f.message());
        assertTrue(f.fix().contains("airlock.spdx.json"), f.fix());
        assertEquals(3, v.pluginsNotEvaluated().size());
        assertEquals(5, v.verifiedCount());
        // includePlugins=false: plugins are out of scope, nothing reported
        SbomVerification off = verify(verifier().includePlugins(false), resolved, "cyclonedx/app-1.6.json");
        assertEquals(List.of(), codes(off));
        assertEquals(3, off.outOfScope());
    }

    @Test
    void aPluginThatAThirdPartySbomListsIsStillHashChecked() throws Exception {
        ResolvedArtifact api = dep("org.slf4j:slf4j-api:jar:2.0.16", null);
        ResolvedArtifact plugin = new ResolvedArtifact(api.coordinates(), tampered(api.file()),
                ResolvedArtifact.Kind.PLUGIN, null, false, List.of(), "com.example.sbom:app", "central");
        SbomVerification v = verify(verifier().ignore(FindingCode.SBOM_ENTRY_NOT_RESOLVED), List.of(plugin),
                "cyclonedx/app-1.6.json");
        assertEquals(List.of("SBOM_HASH_MISMATCH org.slf4j:slf4j-api:jar:2.0.16"), codes(v));
        assertEquals(List.of(), v.pluginsNotEvaluated());
    }

    /** A CycloneDX document written by the test from committed jars: hashes rebuilt from those files. */
    private Path cdx(String name, String... components) throws Exception {
        Path f = tmp.resolve(name);
        Files.writeString(f, "{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.6\",\"version\":1,\"components\":["
                + String.join(",", components) + "]}");
        return f;
    }

    private static String component(String purl, String alg, String hex) {
        return "{\"type\":\"library\",\"name\":\"x\",\"bom-ref\":\"" + purl + "\",\"purl\":\"" + purl + "\""
                + (alg == null ? "" : ",\"hashes\":[{\"alg\":\"" + alg + "\",\"content\":\"" + hex + "\"}]") + "}";
    }

    private static String hex(Path file, HashAlgorithm alg) throws Exception {
        return new Digests(10).digest(file, alg);
    }

    @Test
    void onlySha1IsWeakHashOnlyAndAWrongSha1IsStillAMismatch() throws Exception {
        ResolvedArtifact api = dep("org.slf4j:slf4j-api:jar:2.0.16", "compile");
        String purl = "pkg:maven/org.slf4j/slf4j-api@2.0.16?type=jar";
        SbomDocument ok = SbomParser.parse(cdx("sha1.json", component(purl, "SHA-1",
                hex(api.file(), HashAlgorithm.SHA1).toUpperCase())));
        SbomVerification v = verifier().build().verify(List.of(api), List.of(ok));
        assertEquals(List.of("WEAK_HASH_ONLY org.slf4j:slf4j-api:jar:2.0.16"), codes(v));
        assertEquals(Severity.WARN, v.findings().get(0).severity());
        assertEquals(Map.of(HashAlgorithm.SHA1, 1), v.hashesVerified());
        SbomDocument bad = SbomParser.parse(cdx("sha1-bad.json", component(purl, "SHA-1",
                "0000000000000000000000000000000000000000")));
        assertEquals(List.of("SBOM_HASH_MISMATCH org.slf4j:slf4j-api:jar:2.0.16"),
                codes(verifier().build().verify(List.of(api), List.of(bad))));
        // MD5 only: never compared, so no hash
        SbomDocument md5 = SbomParser.parse(cdx("md5.json", component(purl, "MD5", "0".repeat(32))));
        SbomVerification m = verifier().build().verify(List.of(api), List.of(md5));
        assertEquals(List.of("SBOM_NO_HASH org.slf4j:slf4j-api:jar:2.0.16"), codes(m));
        assertTrue(m.findings().get(0).message().contains("only MD5"), m.findings().get(0).message());
    }

    @Test
    void aHashTellsWhichClassifierAnUnqualifiedEntryMeans() throws Exception {
        List<ResolvedArtifact> netty = appResolved().stream().filter(a -> a.coordinates().groupId().equals("io.netty"))
                .toList();
        Path x86 = netty.stream().filter(a -> a.coordinates().classifier().equals("linux-x86_64")).findFirst()
                .orElseThrow().file();
        String purl = "pkg:maven/io.netty/netty-transport-native-epoll@4.1.115.Final";
        SbomDocument d = SbomParser.parse(cdx("netty.json", component(purl, "SHA-256",
                hex(x86, HashAlgorithm.SHA256))));
        SbomVerification v = verifier().build().verify(netty, List.of(d));
        // the entry is the x86_64 jar; the aarch_64 jar is therefore not listed
        assertEquals(List.of("NOT_IN_SBOM io.netty:netty-transport-native-epoll:jar:linux-aarch_64:4.1.115.Final"),
                codes(v));
        assertEquals(Map.of(HashAlgorithm.SHA256, 1), v.hashesVerified());
        // a hash that matches neither: both differ from the only hash the SBOM gives for that G:A:V
        SbomDocument none = SbomParser.parse(cdx("netty-bad.json", component(purl, "SHA-256", "ab".repeat(32))));
        assertEquals(List.of(
                "SBOM_HASH_MISMATCH io.netty:netty-transport-native-epoll:jar:linux-aarch_64:4.1.115.Final",
                "SBOM_HASH_MISMATCH io.netty:netty-transport-native-epoll:jar:linux-x86_64:4.1.115.Final"),
                codes(verifier().build().verify(netty, List.of(none))));
    }

    @Test
    void excludesApplyToResolvedArtifactsAndEntries() throws Exception {
        List<ResolvedArtifact> resolved = new ArrayList<>();
        for (ResolvedArtifact a : appResolved()) {
            if (a.coordinates().artifactId().equals("slf4j-simple")) {
                continue; // its entry would be stale
            }
            resolved.add(a.coordinates().artifactId().equals("slf4j-api") ? withFile(a, tampered(a.file())) : a);
        }
        SbomVerification v = verify(verifier().excludes(List.of("org.slf4j:*")), resolved, "cyclonedx/app-1.6.json");
        assertEquals(List.of(), codes(v));
        assertEquals(1, v.excluded());
        SbomVerification byVersion = verify(verifier().excludes(List.of("org.slf4j:slf4j-api:jar:2.*")), resolved,
                "cyclonedx/app-1.6.json");
        assertEquals(List.of("SBOM_ENTRY_NOT_RESOLVED org.slf4j:slf4j-simple:jar:2.0.16"), codes(byVersion));
    }

    @Test
    void severitiesHaveOneDefaultTableAndCanBeOverriddenOrIgnored() throws Exception {
        Map<FindingCode, Severity> d = SbomVerifier.defaults();
        assertEquals(Severity.ERROR, d.get(FindingCode.SBOM_HASH_MISMATCH));
        assertEquals(Severity.ERROR, d.get(FindingCode.NOT_IN_SBOM));
        assertEquals(Severity.ERROR, d.get(FindingCode.SBOM_VERSION_DRIFT));
        assertEquals(Severity.ERROR, d.get(FindingCode.SBOM_NO_HASH));
        assertEquals(Severity.WARN, d.get(FindingCode.SBOM_AMBIGUOUS));
        assertEquals(Severity.WARN, d.get(FindingCode.WEAK_HASH_ONLY));
        assertEquals(Severity.WARN, d.get(FindingCode.SBOM_ENTRY_NOT_RESOLVED));
        assertEquals(Severity.WARN, d.get(FindingCode.NOT_EVALUATED));
        assertEquals(8, d.size());

        SbomVerification v = verify(verifier().severity(FindingCode.SBOM_NO_HASH, Severity.WARN)
                .ignore(FindingCode.SBOM_AMBIGUOUS), appResolved(), "spdx/app-2.3.spdx.json");
        assertEquals(Set.of(FindingCode.SBOM_NO_HASH), v.findings().stream().map(Finding::code)
                .collect(Collectors.toSet()));
        assertTrue(v.findings().stream().allMatch(f -> f.severity() == Severity.WARN));
        assertEquals(EnumSet.allOf(Severity.class).size(), 3);
    }

    @Test
    void snapshotsCompareByBaseVersion() throws Exception {
        Path jar = tmp.resolve("lib-1.0-20250101.120000-3.jar");
        Files.writeString(jar, "snapshot bytes");
        ResolvedArtifact snap = new ResolvedArtifact(Coordinates.parse("com.acme:lib:jar:1.0-20250101.120000-3"), jar,
                ResolvedArtifact.Kind.DEPENDENCY, "compile", false, List.of(), "com.acme:app", "internal");
        SbomDocument d = SbomParser.parse(cdx("snap.json", component("pkg:maven/com.acme/lib@1.0-SNAPSHOT?type=jar",
                "SHA-512", hex(jar, HashAlgorithm.SHA512))));
        SbomVerification v = verifier().build().verify(List.of(snap), List.of(d));
        assertEquals(List.of(), codes(v));
        assertEquals(1, v.verifiedCount());
    }

    @Test
    void severalSbomsAreOneSetAndEachHashMustMatch() throws Exception {
        // per-module SBOM of lib-b plus app's: lib-b's slf4j-api 1.7.36 and app's 2.0.16 are both listed
        List<ResolvedArtifact> two = new ArrayList<>(appResolved());
        two.add(as(dep("org.slf4j:slf4j-api:jar:1.7.36", "compile"), ResolvedArtifact.Kind.DEPENDENCY, "compile",
                "com.example.sbom:lib-b"));
        SbomVerification v = verify(two, "cyclonedx/app-1.6.json", "cyclonedx/lib-b-1.6.json");
        assertEquals(List.of(), codes(v));
        assertEquals(6, v.verifiedCount());
        // a second SBOM with a wrong hash for a listed artifact: the mismatch is reported
        ResolvedArtifact api = dep("org.slf4j:slf4j-api:jar:2.0.16", "compile");
        SbomDocument wrong = SbomParser.parse(cdx("wrong.json", component(
                "pkg:maven/org.slf4j/slf4j-api@2.0.16?type=jar", "SHA-256", "cd".repeat(32))));
        SbomVerification w = verifier().build().verify(List.of(api),
                List.of(sbom("cyclonedx/lib-b-1.6.json"), wrong));
        assertTrue(codes(w).contains("SBOM_HASH_MISMATCH org.slf4j:slf4j-api:jar:2.0.16"), codes(w).toString());
    }
}
