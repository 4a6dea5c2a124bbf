package dev.airlock.verify.sbom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.airlock.verify.artifact.ResolvedArtifact;
import dev.airlock.verify.digest.Digests;
import dev.airlock.verify.finding.Coordinates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link SpdxReaders} reads the packages straight from the spdx-java-library store; {@link SpdxModelObjectReader}
 * (its former path) reads them through the library's model objects. Both must give the same document, or both fail
 * with the same {@link SbomException}, on the real SBOMs of the test resources, on Airlock's own record and on
 * variants that exercise purl selection, hash algorithms, reference types and annotations.
 */
class SpdxStoreReadsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void spdx2FromTheMavenPlugin() throws Exception {
        assertSameV2("as generated", Files.readAllBytes(SbomTestData.file("spdx/app-2.3.spdx.json")));
    }

    @Test
    void spdx2Variants() throws Exception {
        byte[] base = Files.readAllBytes(SbomTestData.file("spdx/app-2.3.spdx.json"));
        assertSameV2("npm purl before the maven one", edit(base, d -> {
            ArrayNode refs = (ArrayNode) d.get("packages").get(1).get("externalRefs");
            refs.insertObject(0).put("referenceCategory", "PACKAGE-MANAGER").put("referenceType", "purl")
                    .put("referenceLocator", "pkg:npm/left-pad@1.3.0");
        }));
        assertSameV2("only a non-maven purl", edit(base, d -> {
            ObjectNode ref = (ObjectNode) d.get("packages").get(1).get("externalRefs").get(0);
            ref.put("referenceLocator", "pkg:npm/left-pad@1.3.0");
        }));
        assertSameV2("a cpe reference and no purl", edit(base, d -> {
            ObjectNode ref = (ObjectNode) d.get("packages").get(2).get("externalRefs").get(0);
            ref.put("referenceCategory", "SECURITY").put("referenceType", "cpe23Type")
                    .put("referenceLocator", "cpe:2.3:a:example:lib:1.0.0:*:*:*:*:*:*:*");
        }));
        assertSameV2("checksums of several algorithms", edit(base, d -> {
            ArrayNode cks = ((ObjectNode) d.get("packages").get(2)).putArray("checksums");
            cks.addObject().put("algorithm", "SHA256").put("checksumValue", "ab".repeat(32));
            cks.addObject().put("algorithm", "MD5").put("checksumValue", "cd".repeat(16));
            cks.addObject().put("algorithm", "SHA3-256").put("checksumValue", "ef".repeat(32));
            cks.addObject().put("algorithm", "BLAKE2b-256").put("checksumValue", "01".repeat(32));
        }));
        assertSameV2("a corrupt checksum", edit(base, d -> ((ObjectNode) d.get("packages").get(2))
                .putArray("checksums").addObject().put("algorithm", "SHA1").put("checksumValue", "xyz")));
        assertSameV2("an unknown checksum algorithm", edit(base, d -> ((ObjectNode) d.get("packages").get(2))
                .putArray("checksums").addObject().put("algorithm", "SHA0").put("checksumValue", "ab".repeat(20))));
        assertSameV2("no packages described", edit(base, d -> {
            d.remove("documentDescribes");
            ArrayNode rels = (ArrayNode) d.get("relationships");
            for (int i = rels.size() - 1; i >= 0; i--) {
                if ("DESCRIBES".equals(rels.get(i).path("relationshipType").asText())) {
                    rels.remove(i);
                }
            }
        }));
    }

    @Test
    void airlockRecordWithKindsAndScopes() throws Exception {
        List<ResolvedArtifact> build = new ArrayList<>(SbomTestData.appResolved());
        Path plugin = tmp.resolve("plugin.jar");
        Files.write(plugin, new byte[] {1, 2, 3});
        build.add(new ResolvedArtifact(Coordinates.parse("org.apache.maven.plugins:maven-compiler-plugin:jar:3.14.0"),
                plugin, ResolvedArtifact.Kind.PLUGIN, null, false, List.of(), "com.example.sbom:app", "central"));
        Path out = tmp.resolve("airlock.spdx.json");
        new SpdxRecordWriter(Coordinates.parse("com.example.sbom:app:jar:1.0.0"),
                Instant.parse("2026-01-01T00:00:00Z"), new Digests(1000), "0.1.0-test").write(build, out);
        byte[] record = Files.readAllBytes(out);
        SbomDocument d = assertSameV2("Airlock's record", record);
        assertTrue(d.airlockRecord() && d.entries().stream().anyMatch(e -> e.scope() != null), d.toString());
        assertSameV2("annotations of another tool", edit(record, doc -> {
            for (JsonNode p : doc.get("packages")) {
                for (JsonNode a : p.path("annotations")) {
                    ((ObjectNode) a).put("annotator", "Tool: someone-else");
                }
            }
        }));
    }

    @Test
    void spdx3FromTheMavenPlugin() throws Exception {
        assertSameV3("as generated", Files.readAllBytes(SbomTestData.file("spdx/app-3.0.1.spdx.json-ld.json")));
    }

    @Test
    void spdx3Variants() throws Exception {
        byte[] base = Files.readAllBytes(SbomTestData.file("spdx/app-3.0.1.spdx.json-ld.json"));
        assertSameV3("purls only as external identifiers", edit(base, d -> {
            for (JsonNode e : d.get("@graph")) {
                ((ObjectNode) e).remove("software_packageUrl");
            }
        }));
        assertSameV3("hashes of several algorithms", edit(base, d -> {
            for (JsonNode e : d.get("@graph")) {
                if ("software_Package".equals(e.path("type").asText()) && !e.has("verifiedUsing")) {
                    ArrayNode v = ((ObjectNode) e).putArray("verifiedUsing");
                    v.addObject().put("type", "Hash").put("algorithm", "sha256").put("hashValue", "ab".repeat(32));
                    v.addObject().put("type", "Hash").put("algorithm", "md5").put("hashValue", "cd".repeat(16));
                    v.addObject().put("type", "Hash").put("algorithm", "sha3_256").put("hashValue", "ef".repeat(32));
                    v.addObject().put("type", "PackageVerificationCode").put("algorithm", "sha1")
                            .put("hashValue", "01".repeat(20));
                    return;
                }
            }
        }));
        assertSameV3("a corrupt hash", edit(base, d -> {
            for (JsonNode e : d.get("@graph")) {
                if ("software_Package".equals(e.path("type").asText()) && e.has("software_packageUrl")) {
                    ((ObjectNode) e).putArray("verifiedUsing").addObject().put("type", "Hash")
                            .put("algorithm", "sha1").put("hashValue", "xyz");
                    return;
                }
            }
        }));
    }

    private SbomDocument assertSameV2(String what, byte[] bytes) throws Exception {
        Path file = tmp.resolve("v2.spdx.json");
        ContentScan scan = ContentScan.scan(file, bytes);
        return assertSame(what, () -> SpdxReaders.readV2(file, bytes, scan),
                () -> SpdxModelObjectReader.readV2(file, bytes, scan));
    }

    private SbomDocument assertSameV3(String what, byte[] bytes) throws Exception {
        Path file = tmp.resolve("v3.spdx.jsonld");
        ContentScan scan = ContentScan.scan(file, bytes);
        return assertSame(what, () -> SpdxReaders.readV3(file, bytes, scan),
                () -> SpdxModelObjectReader.readV3(file, bytes, scan));
    }

    private interface Read {
        SbomDocument read() throws Exception;
    }

    /** Same document (every field the verifier uses), or the same error; returns the document or null. */
    private static SbomDocument assertSame(String what, Read store, Read model) {
        Object a = outcome(store);
        Object b = outcome(model);
        assertEquals(describe(b), describe(a), what);
        return a instanceof SbomDocument d ? d : null;
    }

    private static Object outcome(Read r) {
        try {
            return r.read();
        } catch (SbomException e) {
            return e;
        } catch (Exception e) {
            return e;
        }
    }

    private static String describe(Object o) {
        if (o instanceof SbomDocument d) {
            return String.join("\n", "format " + d.format(), "spec " + d.specVersion(), "tools " + d.tools(),
                    "root " + d.root(), "rootName " + d.rootName(), "entries " + d.entries(),
                    "skipped " + d.skipped(), "scopes " + d.coveredScopes(), "airlock " + d.airlockRecord(),
                    "plugins " + d.recordsPlugins(), "aggregate " + d.aggregate());
        }
        if (o instanceof SbomException e) {
            return "SbomException " + e.getMessage();
        }
        return "failure " + o.getClass().getName();
    }

    private static byte[] edit(byte[] json, Consumer<ObjectNode> change) throws Exception {
        ObjectNode d = (ObjectNode) JSON.readTree(json);
        change.accept(d);
        return JSON.writeValueAsBytes(d);
    }
}
