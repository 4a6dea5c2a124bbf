package dev.airlock.verify.sbom;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.cyclonedx.exception.ParseException;
import org.cyclonedx.model.Bom;
import org.cyclonedx.model.Component;
import org.cyclonedx.model.Hash;
import org.cyclonedx.model.Metadata;
import org.cyclonedx.model.Property;
import org.cyclonedx.model.Tool;
import org.cyclonedx.parsers.JsonParser;
import org.cyclonedx.parsers.XmlParser;

/** CycloneDX JSON and XML through cyclonedx-core-java (no schema validation: the first pass checked the syntax). */
final class CycloneDxReader {
    /*
     * One parser per syntax for the whole class loader: each holds a Jackson ObjectMapper whose deserializers for
     * the CycloneDX model are built on first use (most of a first parse); ObjectMapper is thread-safe for reading.
     */
    private static final JsonParser JSON = new JsonParser();
    private static final XmlParser XML = new XmlParser();

    private CycloneDxReader() {}

    static SbomDocument read(Path file, byte[] bytes, ContentScan scan) throws SbomException, ParseException {
        Bom bom = scan.format == SbomFormat.CYCLONEDX_XML ? XML.parse(bytes) : JSON.parse(bytes);
        String spec = bom.getSpecVersion() != null ? bom.getSpecVersion() : scan.specVersion;
        if (spec == null || !spec.matches("1\\.[0-9]+")) {
            throw new SbomException(file, "the CycloneDX specVersion is '" + spec + "'; Airlock reads CycloneDX 1.x"
                    + " (tested with 1.4, 1.5 and 1.6).", "regenerate the SBOM with a current CycloneDX tool.");
        }
        EntryCollector c = new EntryCollector(file, scan);
        List<String> tools = new ArrayList<>();
        Set<String> scopes = null;
        boolean aggregate = false;
        SbomEntry root = null;
        String rootName = null;
        Metadata md = bom.getMetadata();
        if (md != null) {
            if (md.getTools() != null) {
                for (Tool t : md.getTools()) {
                    tools.add(join(null, t.getName(), t.getVersion()));
                }
            }
            if (md.getToolChoice() != null && md.getToolChoice().getComponents() != null) {
                for (Component t : md.getToolChoice().getComponents()) {
                    tools.add(join(t.getGroup(), t.getName(), t.getVersion()));
                }
            }
            if (md.getProperties() != null) {
                for (Property p : md.getProperties()) {
                    if ("maven.scopes".equals(p.getName()) && p.getValue() != null) {
                        scopes = new LinkedHashSet<>();
                        for (String s : p.getValue().split(",")) {
                            if (!s.isBlank()) {
                                scopes.add(s.strip().toLowerCase(Locale.ROOT));
                            }
                        }
                    } else if ("maven.goal".equals(p.getName()) && p.getValue() != null) {
                        aggregate = p.getValue().strip().toLowerCase(Locale.ROOT).contains("aggregate");
                    }
                }
            }
            Component rc = md.getComponent();
            if (rc != null) {
                rootName = join(rc.getGroup(), rc.getName(), rc.getVersion());
                root = c.root(rc.getBomRef(), rc.getPurl(), hashes(rc));
            }
        }
        if (bom.getComponents() != null) {
            addAll(c, bom.getComponents());
        }
        return new SbomDocument(file, scan.format, spec, tools, root, rootName, c.entries, c.skipped, scopes, false,
                aggregate);
    }

    private static void addAll(EntryCollector c, List<Component> components) throws SbomException {
        for (Component comp : components) {
            if (comp == null) {
                continue;
            }
            c.add(comp.getBomRef(), comp.getPurl(), hashes(comp), Set.of(), null);
            if (comp.getComponents() != null) {
                addAll(c, comp.getComponents());
            }
        }
    }

    private static List<EntryCollector.RawHash> hashes(Component comp) {
        List<EntryCollector.RawHash> out = new ArrayList<>();
        if (comp.getHashes() != null) {
            for (Hash h : comp.getHashes()) {
                if (h != null) {
                    out.add(new EntryCollector.RawHash(h.getAlgorithm(), h.getValue()));
                }
            }
        }
        return out;
    }

    private static String join(String group, String name, String version) {
        StringBuilder sb = new StringBuilder();
        if (group != null && !group.isEmpty()) {
            sb.append(group).append(':');
        }
        sb.append(name == null ? "?" : name);
        if (version != null && !version.isEmpty()) {
            sb.append(' ').append(version);
        }
        return sb.toString();
    }
}
