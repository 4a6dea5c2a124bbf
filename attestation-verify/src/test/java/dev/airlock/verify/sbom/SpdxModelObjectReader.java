package dev.airlock.verify.sbom;

import dev.airlock.verify.artifact.ResolvedArtifact;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.spdx.core.InvalidSPDXAnalysisException;
import org.spdx.jacksonstore.MultiFormatStore;
import org.spdx.library.SpdxModelFactory;
import org.spdx.library.model.v2.Annotation;
import org.spdx.library.model.v2.Checksum;
import org.spdx.library.model.v2.ExternalRef;
import org.spdx.library.model.v2.SpdxConstantsCompatV2;
import org.spdx.library.model.v2.SpdxCreatorInformation;
import org.spdx.library.model.v2.SpdxElement;
import org.spdx.library.model.v2.SpdxPackage;
import org.spdx.library.model.v3_0_1.SpdxConstantsV3;
import org.spdx.library.model.v3_0_1.core.Element;
import org.spdx.library.model.v3_0_1.core.ExternalIdentifier;
import org.spdx.library.model.v3_0_1.core.ExternalIdentifierType;
import org.spdx.library.model.v3_0_1.core.Hash;
import org.spdx.library.model.v3_0_1.core.IntegrityMethod;
import org.spdx.library.model.v3_0_1.core.Tool;
import org.spdx.library.model.v3_0_1.software.Sbom;
import org.spdx.storage.simple.InMemSpdxStore;
import org.spdx.v3jsonldstore.JsonLDStore;

/**
 * The reading path {@link SpdxReaders} had before it read the packages straight from the store: every value through
 * spdx-java-library's model objects ({@code SpdxPackage}, {@code Checksum}, {@code ExternalRef}, {@code Hash}, ...).
 * Kept as the reference {@link SpdxStoreReadsTest} compares the store reads with.
 */
final class SpdxModelObjectReader {
    private SpdxModelObjectReader() {}

    static SbomDocument readV2(Path file, byte[] bytes, ContentScan scan)
            throws SbomException, InvalidSPDXAnalysisException, java.io.IOException {
        SpdxLibrary.init();
        MultiFormatStore store = new MultiFormatStore(new InMemSpdxStore(), MultiFormatStore.Format.JSON);
        org.spdx.library.model.v2.SpdxDocument doc = store.deSerialize(new ByteArrayInputStream(bytes), false);
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
        List<SpdxPackage> packages = new ArrayList<>();
        SpdxModelFactory.getSpdxObjects(store, null, SpdxConstantsCompatV2.CLASS_SPDX_PACKAGE, null, docUri)
                .forEach(o -> packages.add((SpdxPackage) o));
        packages.sort((a, b) -> a.getId().compareTo(b.getId()));
        for (SpdxPackage p : packages) {
            String id = p.getId();
            String purl = null;
            for (ExternalRef r : p.getExternalRefs()) {
                String type = r.getReferenceType() == null ? "" : r.getReferenceType().getIndividualURI();
                if (type != null && type.endsWith("purl")) {
                    String loc = r.getReferenceLocator();
                    boolean maven = loc != null && loc.startsWith("pkg:maven/");
                    if (purl == null || (maven && !purl.startsWith("pkg:maven/"))) {
                        purl = loc;
                    }
                }
            }
            List<EntryCollector.RawHash> hashes = new ArrayList<>();
            for (Checksum ck : p.getChecksums()) {
                hashes.add(new EntryCollector.RawHash(ck.getAlgorithm() == null ? null : ck.getAlgorithm().name(),
                        ck.getValue()));
            }
            if (describedIds.contains(id) && root == null) {
                rootName = p.getName().orElse(id);
                root = c.root(id, purl, hashes);
                continue;
            }
            Set<ResolvedArtifact.Kind> kinds = EnumSet.noneOf(ResolvedArtifact.Kind.class);
            String scope = null;
            if (airlock) {
                for (Annotation a : p.getAnnotations()) {
                    if (AirlockSpdx.isAirlockCreator(a.getAnnotator())) {
                        kinds.addAll(AirlockSpdx.kinds(a.getComment()));
                        if (scope == null) {
                            scope = AirlockSpdx.scope(a.getComment());
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
        List<org.spdx.library.model.v3_0_1.software.SpdxPackage> packages = new ArrayList<>();
        SpdxModelFactory.getSpdxObjects(store, null, SpdxConstantsV3.SOFTWARE_SPDX_PACKAGE, null, null)
                .forEach(o -> packages.add((org.spdx.library.model.v3_0_1.software.SpdxPackage) o));
        packages.sort((a, b) -> a.getObjectUri().compareTo(b.getObjectUri()));
        for (var p : packages) {
            String id = p.getObjectUri();
            Optional<String> url = p.getPackageUrl();
            String purl = url.orElse(null);
            if (purl == null) {
                for (ExternalIdentifier ei : p.getExternalIdentifiers()) {
                    if (ei.getExternalIdentifierType() == ExternalIdentifierType.PACKAGE_URL) {
                        purl = ei.getIdentifier();
                        break;
                    }
                }
            }
            List<EntryCollector.RawHash> hashes = new ArrayList<>();
            for (IntegrityMethod im : p.getVerifiedUsings()) {
                if (im instanceof Hash h) {
                    hashes.add(new EntryCollector.RawHash(h.getAlgorithm() == null ? null : h.getAlgorithm().name(),
                            h.getHashValue()));
                }
            }
            if (rootUris.contains(id) && root == null) {
                rootName = p.getName().orElse(id);
                root = c.root(id, purl, hashes);
                continue;
            }
            c.add(id, purl, hashes, Set.of(), null);
        }
        return new SbomDocument(file, SbomFormat.SPDX_JSONLD, scan.specVersion, tools, root, rootName, c.entries,
                c.skipped, null, false, false);
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
