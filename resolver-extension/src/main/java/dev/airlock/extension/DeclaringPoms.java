package dev.airlock.extension;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Finds the POM that declared a repository. The resolver's filter sees a repository and the coordinate asked, not
 * where the repository came from; the POMs this build has read are searched instead, most recent first (the
 * declaring POM is read just before its repositories are first used). Only called once per refused repository.
 */
final class DeclaringPoms {
    private DeclaringPoms() {}

    /** A POM this build read: its coordinates (or path, for reactor POMs) and file. */
    record Pom(String label, Path file) {}

    private static final XMLInputFactory XML = newFactory();

    private static XMLInputFactory newFactory() {
        XMLInputFactory f = XMLInputFactory.newFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        return f;
    }

    /** The label of the first POM declaring a repository with this id (and URL), or null. */
    static String find(String id, String url, List<Pom> poms) {
        Pattern idElement = Pattern.compile("<id>\\s*" + Pattern.quote(id) + "\\s*</id>");
        for (Pom pom : poms) {
            String text;
            try {
                text = Files.readString(pom.file(), StandardCharsets.UTF_8);
            } catch (IOException | RuntimeException e) {
                continue;
            }
            if (!idElement.matcher(text).find()) {
                continue;
            }
            if (declares(text, id, url)) {
                return pom.label();
            }
        }
        return null;
    }

    /** True when a {@code <repository>} or {@code <pluginRepository>} element has this id and URL. */
    static boolean declares(String pomText, String id, String url) {
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
                        if (id.equals(currentId) && sameUrl(currentUrl, url)) {
                            return true;
                        }
                        depthInRepo = -1;
                    }
                    depth--;
                }
            }
        } catch (XMLStreamException e) {
            return false;
        }
        return false;
    }

    private static boolean sameUrl(String declared, String actual) {
        if (declared == null) {
            return false;
        }
        if (declared.contains("${")) {
            return true; // interpolated: the id decides
        }
        return strip(declared).equalsIgnoreCase(strip(actual));
    }

    private static String strip(String url) {
        String u = url == null ? "" : url.trim();
        while (u.endsWith("/")) {
            u = u.substring(0, u.length() - 1);
        }
        return u;
    }
}
