package dev.airlock.extension;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Which POM declared a repository. The resolver's filter sees a repository and the coordinate asked, not where the
 * repository came from; so every POM the build reads (each file once) is indexed by the repositories it declares.
 * Few POMs declare any: a POM without {@code <repositories>} or {@code <pluginRepositories>} costs one read of a file
 * the resolver has just read. The first POM that declared a repository is the one named.
 */
final class DeclaringPoms {
    /** A repository declaration: id and URL as written in the POM. */
    record Declaration(String id, String url) {}

    private static final XMLInputFactory XML = newFactory();

    private final Map<String, String> byRepository = new ConcurrentHashMap<>();
    private final Set<Path> indexed = ConcurrentHashMap.newKeySet();

    private static XMLInputFactory newFactory() {
        XMLInputFactory f = XMLInputFactory.newFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        return f;
    }

    /** Records the repositories {@code file} declares, under {@code label} (coordinates, or the path). */
    void index(String label, Path file) {
        if (!indexed.add(file.toAbsolutePath().normalize())) {
            return;
        }
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            return;
        }
        if (!text.contains("Repositories>") && !text.contains("<repositories")) {
            return;
        }
        for (Declaration d : repositories(text)) {
            if (d.url().contains("${")) {
                byRepository.putIfAbsent(d.id() + '\u0000', label); // an interpolated URL: the id decides
            } else {
                byRepository.putIfAbsent(key(d.id(), d.url()), label);
            }
        }
    }

    /** The POM that declared repository {@code id} at {@code url}, or null. */
    String find(String id, String url) {
        String exact = byRepository.get(key(id, url));
        if (exact != null) {
            return exact;
        }
        return byRepository.get(id + '\u0000');
    }

    private static String key(String id, String url) {
        return id + '\u0000' + strip(url);
    }

    /** The {@code <repository>}, {@code <pluginRepository>} and {@code <snapshotRepository>} elements of a POM. */
    static List<Declaration> repositories(String pomText) {
        List<Declaration> out = new ArrayList<>();
        try {
            XMLStreamReader r = XML.createXMLStreamReader(new StringReader(pomText));
            int depthInRepo = -1;
            int depth = 0;
            String currentId = null;
            String currentUrl = null;
            StringBuilder text = new StringBuilder();
            while (r.hasNext()) {
                int ev = r.next();
                if (ev == XMLStreamConstants.START_ELEMENT) {
                    depth++;
                    String name = r.getLocalName();
                    if (depthInRepo < 0 && (name.equals("repository") || name.equals("pluginRepository")
                            || name.equals("snapshotRepository"))) {
                        depthInRepo = depth;
                        currentId = null;
                        currentUrl = null;
                    }
                    text.setLength(0);
                } else if (ev == XMLStreamConstants.CHARACTERS || ev == XMLStreamConstants.CDATA) {
                    text.append(r.getText());
                } else if (ev == XMLStreamConstants.END_ELEMENT) {
                    String name = r.getLocalName();
                    if (depthInRepo > 0 && depth == depthInRepo + 1) {
                        if (name.equals("id")) {
                            currentId = text.toString().trim();
                        } else if (name.equals("url")) {
                            currentUrl = text.toString().trim();
                        }
                    }
                    if (depthInRepo == depth) {
                        if (currentId != null && currentUrl != null) {
                            out.add(new Declaration(currentId, currentUrl));
                        }
                        depthInRepo = -1;
                    }
                    depth--;
                }
            }
        } catch (XMLStreamException e) {
            // a POM Maven could read but StAX cannot: no attribution from it
        }
        return out;
    }

    private static String strip(String url) {
        String u = url == null ? "" : url.trim();
        while (u.endsWith("/")) {
            u = u.substring(0, u.length() - 1);
        }
        return u.toLowerCase(java.util.Locale.ROOT);
    }
}
