package dev.airlock.verify.feed;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * The {@code <versioning><versions>} list of a repository's {@code maven-metadata.xml}, which lists the feed's
 * versions, and the merge of two such lists.
 *
 * <p>Hand-written on the JDK's StAX parser because this library has no Maven imports (maven-repository-metadata's
 * reader lives on the Maven side); it reads only the one list the feed needs. DTDs are refused (no external entity,
 * no entity expansion), and the file is size-limited.
 */
public final class MetadataVersions {
    /** The largest metadata file read: about 50 000 feed versions. */
    public static final int MAX_BYTES = 4 * 1024 * 1024;

    private MetadataVersions() {}

    /**
     * Reads the versions listed in {@code metadata/versioning/versions/version}, in file order (empty when the file
     * has no such list).
     *
     * @param source the file's display name
     * @throws FeedException for a file that is not well-formed XML, has a DTD, is not {@code <metadata>}, or is too
     *     large; naming line and column
     */
    public static List<String> read(String source, byte[] xml) throws FeedException {
        return read(source, xml, MAX_BYTES);
    }

    /** {@link #read(String, byte[])} with another size limit (the compaction reads a feed builds refuse). */
    public static List<String> read(String source, byte[] xml, int maxBytes) throws FeedException {
        String fix = "let Maven's deployer rewrite the feed's maven-metadata.xml (publish again), or restore it from"
                + " the repository manager";
        if (xml.length > maxBytes) {
            throw new FeedException(source, "is " + xml.length + " bytes long (at most " + maxBytes + ")",
                    maxBytes == MAX_BYTES ? fix + "; a feed this long needs compacting (the compact-feed goal)" : fix);
        }
        XMLInputFactory f = XMLInputFactory.newFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        f.setProperty(XMLInputFactory.IS_COALESCING, true);
        List<String> versions = new ArrayList<>();
        XMLStreamReader r = null;
        try {
            r = f.createXMLStreamReader(new ByteArrayInputStream(xml));
            List<String> path = new ArrayList<>();
            StringBuilder text = null;
            while (r.hasNext()) {
                int ev = r.next();
                switch (ev) {
                    case XMLStreamConstants.DTD -> throw at(source, r.getLocation(), "has a DOCTYPE, which"
                            + " maven-metadata.xml never has (refused: entities could reach outside the file)", fix);
                    case XMLStreamConstants.ENTITY_REFERENCE -> throw at(source, r.getLocation(), "uses the entity"
                            + " '&" + r.getLocalName() + ";', which maven-metadata.xml never has", fix);
                    case XMLStreamConstants.START_ELEMENT -> {
                        path.add(r.getLocalName());
                        if (path.size() == 1 && !"metadata".equals(r.getLocalName())) {
                            throw at(source, r.getLocation(), "is <" + r.getLocalName() + ">, not <metadata>", fix);
                        }
                        if (path.equals(List.of("metadata", "versioning", "versions", "version"))) {
                            text = new StringBuilder();
                        }
                    }
                    case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA -> {
                        if (text != null) {
                            text.append(r.getText());
                        }
                    }
                    case XMLStreamConstants.END_ELEMENT -> {
                        if (text != null) {
                            String v = text.toString().strip();
                            if (!v.isEmpty()) {
                                versions.add(v);
                            }
                            text = null;
                        }
                        path.remove(path.size() - 1);
                    }
                    default -> { }
                }
            }
        } catch (XMLStreamException e) {
            Location l = e.getLocation();
            String msg = e.getMessage() == null ? "" : e.getMessage().replaceAll("\\s+", " ");
            int i = msg.indexOf("Message: ");
            throw at(source, l, "is not well-formed XML: " + (i >= 0 ? msg.substring(i + 9) : msg), fix);
        } finally {
            if (r != null) {
                try {
                    r.close();
                } catch (XMLStreamException ignored) {
                    // nothing to release beyond memory
                }
            }
        }
        return versions;
    }

    private static FeedException at(String source, Location l, String problem, String fix) {
        return new FeedException(source, l == null ? 0 : Math.max(l.getLineNumber(), 0),
                l == null ? 0 : Math.max(l.getColumnNumber(), 0), problem, fix);
    }

    /**
     * The union of two version lists, sorted as text (for feed versions: by time, then id), without duplicates. Order
     * independent: {@code merge(a, b).equals(merge(b, a))}, and nothing of either list is lost. A publisher whose
     * metadata a concurrent deploy overwrote re-reads the metadata, merges its own list in and deploys again.
     */
    public static List<String> merge(Collection<String> a, Collection<String> b) {
        TreeSet<String> all = new TreeSet<>(a);
        all.addAll(b);
        return List.copyOf(all);
    }

    /** The versions of {@code wanted} that {@code listed} lacks: what a publisher must merge in again. */
    public static List<String> missing(Collection<String> listed, Collection<String> wanted) {
        TreeSet<String> out = new TreeSet<>(wanted);
        out.removeAll(listed);
        return List.copyOf(out);
    }
    /**
     * A {@code maven-metadata.xml} listing {@code versions} (sorted, without duplicates) for {@code groupId:artifactId},
     * as Maven's deployer writes one: {@code latest} and {@code release} are the newest version, {@code lastUpdated}
     * the time given. The names are Maven coordinates (checked by {@link FeedLayout}), so nothing needs escaping.
     */
    public static byte[] write(String groupId, String artifactId, Collection<String> versions,
            java.time.Instant lastUpdated) {
        List<String> sorted = List.copyOf(new TreeSet<>(versions));
        StringBuilder b = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<metadata>\n");
        b.append("  <groupId>").append(groupId).append("</groupId>\n");
        b.append("  <artifactId>").append(artifactId).append("</artifactId>\n");
        b.append("  <versioning>\n");
        if (!sorted.isEmpty()) {
            String newest = sorted.get(sorted.size() - 1);
            b.append("    <latest>").append(newest).append("</latest>\n");
            b.append("    <release>").append(newest).append("</release>\n");
        }
        b.append("    <versions>\n");
        for (String v : sorted) {
            b.append("      <version>").append(v).append("</version>\n");
        }
        b.append("    </versions>\n");
        b.append("    <lastUpdated>").append(java.time.format.DateTimeFormatter.ofPattern("yyyyMMddHHmmss")
                .withZone(java.time.ZoneOffset.UTC).format(lastUpdated)).append("</lastUpdated>\n");
        b.append("  </versioning>\n</metadata>\n");
        return b.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
}
