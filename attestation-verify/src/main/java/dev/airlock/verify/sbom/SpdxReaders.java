package dev.airlock.verify.sbom;

import dev.airlock.verify.artifact.ResolvedArtifact;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import org.spdx.core.InvalidSPDXAnalysisException;
import org.spdx.core.TypedValue;
import org.spdx.jacksonstore.MultiFormatStore;
import org.spdx.library.model.v2.SpdxConstantsCompatV2;
import org.spdx.library.model.v2.SpdxCreatorInformation;
import org.spdx.library.model.v2.SpdxElement;
import org.spdx.library.model.v2.enumerations.ChecksumAlgorithm;
import org.spdx.library.model.v3_0_1.SpdxConstantsV3;
import org.spdx.library.model.v3_0_1.core.Element;
import org.spdx.library.model.v3_0_1.core.ExternalIdentifierType;
import org.spdx.library.model.v3_0_1.core.HashAlgorithm;
import org.spdx.library.model.v3_0_1.core.Tool;
import org.spdx.library.model.v3_0_1.software.Sbom;
import org.spdx.storage.IModelStore;
import org.spdx.storage.simple.InMemSpdxStore;
import org.spdx.v3jsonldstore.JsonLDStore;

/**
 * SPDX 2.x JSON (spdx-jackson-store) and SPDX 3 JSON-LD (spdx-v3jsonld-store) through spdx-java-library.
 *
 * <p>The store deserialises the document (and validates it); the document-level values (creators, described and
 * root elements) come from the library's model objects, the per-package values straight from the store
 * ({@link SpdxStoreValues}): building a model object for each of thousands of packages, checksums and references
 * made the first parse of a large SBOM markedly slower and reads the same values.
 */
final class SpdxReaders {
    private SpdxReaders() {}

    /**
     * The SPDX 2.x JSON fields that hold license expressions. The library parses each against the SPDX license list,
     * which loads that list (and gson, which reads it) on the first parse of a build: about a fifth of a first parse
     * (docs/benchmark.md). The SBOM check reads identities and hashes, never licenses.
     */
    static final Set<String> LICENSE_FIELDS = Set.of("dataLicense", "licenseConcluded", "licenseDeclared",
            "licenseInfoFromFiles", "licenseInfoInFiles", "licenseInfoInSnippets", "hasExtractedLicensingInfos");

    private static final com.fasterxml.jackson.core.JsonFactory JSON = new com.fasterxml.jackson.core.JsonFactory();

    /**
     * {@code json} without the {@link #LICENSE_FIELDS} (at any depth), for the library to deserialise: the license
     * values are neither read nor validated. A streaming copy, written here because the library has no option to
     * skip them; the syntax was checked before ({@link ContentScan}), so positions in errors are unaffected.
     */
    static byte[] withoutLicenses(byte[] json) throws java.io.IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(json.length);
        try (com.fasterxml.jackson.core.JsonParser p = JSON.createParser(json);
                com.fasterxml.jackson.core.JsonGenerator g = JSON.createGenerator(out)) {
            com.fasterxml.jackson.core.JsonToken t;
            while ((t = p.nextToken()) != null) {
                if (t == com.fasterxml.jackson.core.JsonToken.FIELD_NAME && LICENSE_FIELDS.contains(p.currentName())) {
                    p.nextToken();
                    p.skipChildren(); // the value, scalar or structure
                    continue;
                }
                g.copyCurrentEvent(p);
            }
        }
        return out.toByteArray();
    }

    static SbomDocument readV2(Path file, byte[] bytes, ContentScan scan)
            throws SbomException, InvalidSPDXAnalysisException, java.io.IOException {
        SpdxLibrary.init();
        MultiFormatStore store = new MultiFormatStore(new InMemSpdxStore(), MultiFormatStore.Format.JSON);
        org.spdx.library.model.v2.SpdxDocument doc = store.deSerialize(
                new ByteArrayInputStream(withoutLicenses(bytes)), false);
        String docUri = doc.getDocumentUri();
        List<String> tools = new ArrayList<>();
        boolean airlock = false;
        SpdxCreatorInformation ci = doc.getCreationInfo();
        if (ci != null) {
            for (String creator : ci.getCreators()) {
                tools.add(creator);
                airlock |= AirlockSpdx.isAirlockCreator(creator);
            }
        }
        Set<String> describedIds = new HashSet<>();
        for (SpdxElement e : doc.getDocumentDescribes()) {
            describedIds.add(e.getId());
        }
        EntryCollector c = new EntryCollector(file, scan);
        SbomEntry root = null;
        String rootName = null;
        List<V2Package> packages = new ArrayList<>();
        for (TypedValue tv : (Iterable<TypedValue>) store.getAllItems(null, SpdxConstantsCompatV2.CLASS_SPDX_PACKAGE)
                ::iterator) {
            packages.add(new V2Package(v2Id(store, tv.getObjectUri()), tv));
        }
        packages.sort((a, b) -> a.id().compareTo(b.id()));
        for (V2Package pkg : packages) {
            String id = pkg.id();
            TypedValue p = pkg.item();
            String uri = p.getObjectUri();
            String purl = null;
            for (TypedValue r : SpdxStoreValues.objects(store, uri, SpdxConstantsCompatV2.PROP_EXTERNAL_REF)) {
                String type = SpdxStoreValues.individualUri(store, r.getObjectUri(),
                        SpdxConstantsCompatV2.PROP_REFERENCE_TYPE);
                if (type != null && type.endsWith("purl")) {
                    String loc = SpdxStoreValues.string(store, r.getObjectUri(),
                            SpdxConstantsCompatV2.PROP_REFERENCE_LOCATOR).orElse("");
                    boolean maven = loc.startsWith("pkg:maven/");
                    if (purl == null || (maven && !purl.startsWith("pkg:maven/"))) {
                        purl = loc;
                    }
                }
            }
            List<EntryCollector.RawHash> hashes = new ArrayList<>();
            for (TypedValue ck : SpdxStoreValues.objects(store, uri, SpdxConstantsCompatV2.PROP_PACKAGE_CHECKSUM)) {
                ChecksumAlgorithm alg = SpdxStoreValues.enumValue(store, ck.getObjectUri(),
                        SpdxConstantsCompatV2.PROP_CHECKSUM_ALGORITHM, p.getSpecVersion(), ChecksumAlgorithm.class);
                hashes.add(new EntryCollector.RawHash((alg == null ? ChecksumAlgorithm.MISSING : alg).name(),
                        SpdxStoreValues.string(store, ck.getObjectUri(), SpdxConstantsCompatV2.PROP_CHECKSUM_VALUE)
                                .orElse("")));
            }
            if (describedIds.contains(id) && root == null) {
                rootName = SpdxStoreValues.string(store, uri, SpdxConstantsCompatV2.PROP_NAME).orElse(id);
                root = c.root(id, purl, hashes);
                continue;
            }
            Set<ResolvedArtifact.Kind> kinds = EnumSet.noneOf(ResolvedArtifact.Kind.class);
            String scope = null;
            if (airlock) {
                for (TypedValue a : SpdxStoreValues.objects(store, uri, SpdxConstantsCompatV2.PROP_ANNOTATION)) {
                    String annotator = SpdxStoreValues.string(store, a.getObjectUri(),
                            SpdxConstantsCompatV2.PROP_ANNOTATOR).orElse("");
                    if (AirlockSpdx.isAirlockCreator(annotator)) {
                        String comment = SpdxStoreValues.string(store, a.getObjectUri(),
                                SpdxConstantsCompatV2.RDFS_PROP_COMMENT).orElse("");
                        kinds.addAll(AirlockSpdx.kinds(comment));
                        if (scope == null) {
                            scope = AirlockSpdx.scope(comment);
                        }
                    }
                }
            }
            c.add(id, purl, hashes, kinds, scope);
        }
        return new SbomDocument(file, SbomFormat.SPDX_JSON, doc.getSpecVersion(), tools, root, rootName, c.entries,
                c.skipped, null, airlock, false);
    }

    static SbomDocument readV3(Path file, byte[] bytes, ContentScan scan)
            throws SbomException, InvalidSPDXAnalysisException, java.io.IOException {
        SpdxLibrary.init();
        JsonLDStore store = new JsonLDStore(new InMemSpdxStore());
        org.spdx.library.model.v3_0_1.core.SpdxDocument doc = store.deSerialize(new ByteArrayInputStream(bytes), false);
        List<String> tools = new ArrayList<>();
        if (doc.getCreationInfo() != null) {
            for (Tool t : doc.getCreationInfo().getCreatedUsings()) {
                tools.add(t.getName().orElse(t.getObjectUri()));
            }
        }
        Set<String> rootUris = new HashSet<>();
        collectRoots(doc.getRootElements(), rootUris, 0);
        EntryCollector c = new EntryCollector(file, scan);
        SbomEntry root = null;
        String rootName = null;
        List<TypedValue> packages = new ArrayList<>(
                store.getAllItems(null, SpdxConstantsV3.SOFTWARE_SPDX_PACKAGE).toList());
        packages.sort((a, b) -> a.getObjectUri().compareTo(b.getObjectUri()));
        for (TypedValue p : packages) {
            String id = p.getObjectUri();
            String purl = SpdxStoreValues.string(store, id, SpdxConstantsV3.PROP_PACKAGE_URL).orElse(null);
            if (purl == null) {
                for (TypedValue ei : SpdxStoreValues.objects(store, id, SpdxConstantsV3.PROP_EXTERNAL_IDENTIFIER)) {
                    ExternalIdentifierType type = SpdxStoreValues.enumValue(store, ei.getObjectUri(),
                            SpdxConstantsV3.PROP_EXTERNAL_IDENTIFIER_TYPE, p.getSpecVersion(),
                            ExternalIdentifierType.class);
                    if (type == ExternalIdentifierType.PACKAGE_URL) {
                        purl = SpdxStoreValues.string(store, ei.getObjectUri(), SpdxConstantsV3.PROP_IDENTIFIER)
                                .orElse(null);
                        break;
                    }
                }
            }
            List<EntryCollector.RawHash> hashes = new ArrayList<>();
            for (TypedValue im : SpdxStoreValues.objects(store, id, SpdxConstantsV3.PROP_VERIFIED_USING)) {
                if (SpdxConstantsV3.CORE_HASH.equals(im.getType())) {
                    HashAlgorithm alg = SpdxStoreValues.enumValue(store, im.getObjectUri(),
                            SpdxConstantsV3.PROP_ALGORITHM, p.getSpecVersion(), HashAlgorithm.class);
                    hashes.add(new EntryCollector.RawHash(alg == null ? null : alg.name(),
                            SpdxStoreValues.string(store, im.getObjectUri(), SpdxConstantsV3.PROP_HASH_VALUE)
                                    .orElse(null)));
                }
            }
            if (rootUris.contains(id) && root == null) {
                rootName = SpdxStoreValues.string(store, id, SpdxConstantsV3.PROP_NAME).orElse(id);
                root = c.root(id, purl, hashes);
                continue;
            }
            c.add(id, purl, hashes, Set.of(), null);
        }
        return new SbomDocument(file, SbomFormat.SPDX_JSONLD, scan.specVersion, tools, root, rootName, c.entries,
                c.skipped, null, false, false);
    }

    /** A package of an SPDX 2 document: its SPDX id and its item in the store. */
    private record V2Package(String id, TypedValue item) {}

    /**
     * The SPDX 2 id of an element (the part after the document URI's {@code #}), checked as the library's model
     * factory checks it when it builds the element.
     */
    private static String v2Id(IModelStore store, String uri) throws InvalidSPDXAnalysisException {
        if (store.isAnon(uri)) {
            throw new InvalidSPDXAnalysisException("SPDX elements must not be anonymous types - missing ID for " + uri);
        }
        Matcher m = SpdxConstantsCompatV2.EXTERNAL_SPDX_ELEMENT_URI_PATTERN.matcher(uri);
        if (!m.matches()) {
            throw new InvalidSPDXAnalysisException("Element object URI does not follow the SPDX V2.X required pattern"
                    + SpdxConstantsCompatV2.EXTERNAL_SPDX_ELEMENT_URI_PATTERN);
        }
        return m.group(2);
    }

    /** The root packages: the document's root elements, looking through an {@code Sbom} to its roots. */
    private static void collectRoots(Collection<Element> elements, Set<String> out, int depth)
            throws InvalidSPDXAnalysisException {
        if (depth > 4) {
            return;
        }
        for (Element e : elements) {
            if (e instanceof Sbom s) {
                collectRoots(s.getRootElements(), out, depth + 1);
            } else if (e != null) {
                out.add(e.getObjectUri());
            }
        }
    }
}
