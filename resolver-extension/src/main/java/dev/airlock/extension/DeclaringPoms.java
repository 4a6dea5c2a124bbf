package dev.airlock.extension;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Which POM declared a repository. The resolver's filter sees a repository and the coordinate asked, not where the
 * repository came from; so every POM the build reads (each file once) is noted, in the order it was read. Few POMs
 * declare any repository: a POM without {@code <repositories>} or {@code <pluginRepositories>} costs one read of a
 * file the resolver has just read. The others are kept (their bytes) and parsed only when a repository was refused and
 * the POM mentions its id: most builds refuse a few repositories that a few POMs name, and parsing every POM that
 * declares one cost a build about a second of CPU (the XML parser's classes loaded and compiled for it alone). The
 * first POM that declared a repository is the one named.
 */
final class DeclaringPoms {
    /** A repository declaration: id and URL as written in the POM. */
    record Declaration(String id, String url) {}

    /**
     * A POM that declares repositories: its bytes until it is parsed (as ISO-8859-1 text, one char per byte: no
     * decoding, and ASCII reads as itself), then what it declares.
     */
    private final class Candidate {
        final String label;
        String bytes;
        List<Declaration> declarations;

        Candidate(String label, String bytes) {
            this.label = label;
            this.bytes = bytes;
        }

        /** What it declares under {@code id}: parsed on the first asking for an id it mentions. */
        List<Declaration> declaring(String id) {
            if (declarations == null) {
                // an id beyond ASCII is spelled in the POM's own encoding: parsed to be sure
                boolean ascii = id.chars().allMatch(ch -> ch < 0x80);
                if (ascii && !mayDeclare(bytes, id)) {
                    return List.of();
                }
                declarations = repositories(bytes.getBytes(StandardCharsets.ISO_8859_1));
                bytes = null;
                parsed++;
            }
            return declarations.stream().filter(d -> d.id().equals(id)).toList();
        }
    }

    /** The parser's factory, made when a first POM is parsed (most builds parse none). */
    private static final class Xml {
        static final XMLInputFactory FACTORY = newFactory();
    }

    private final Set<Path> indexed = ConcurrentHashMap.newKeySet();
    private final List<Candidate> candidates = new ArrayList<>(); // in the order the POMs were read
    private int parsed;

    private static XMLInputFactory newFactory() {
        XMLInputFactory f = XMLInputFactory.newFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        return f;
    }

    /** Notes the repositories {@code file} declares, under {@code label} (coordinates, or the path). */
    void index(String label, Path file) {
        if (!indexed.add(file.toAbsolutePath().normalize())) {
            return;
        }
        String bytes;
        try {
            bytes = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        } catch (IOException | RuntimeException e) {
            return;
        }
        if (!bytes.contains("Repositories>") && !bytes.contains("<repositories")) {
            return;
        }
        synchronized (this) {
            candidates.add(new Candidate(label, bytes));
        }
    }

    /** The POM that declared repository {@code id} at {@code url}, or null. */
    synchronized String find(String id, String url) {
        String wanted = key(id, url);
        String interpolated = null; // the first POM declaring the id with an interpolated URL: the id decides
        for (Candidate c : candidates) {
            for (Declaration d : c.declaring(id)) {
                if (d.url().contains("${")) {
                    interpolated = interpolated == null ? c.label : interpolated;
                } else if (key(d.id(), d.url()).equals(wanted)) {
                    return c.label;
                }
            }
        }
        return interpolated;
    }

    /** How many POMs were parsed so far (each at most once). */
    synchronized int parsed() {
        return parsed;
    }

    /**
     * False when {@code pomText} cannot declare a repository with this id: the id is nowhere in it as written, and
     * nothing in it could spell the id otherwise (a character reference, an entity for a character the id has, a
     * CDATA section). What this passes by is only a name in a message ({@code declaredIn}), never a decision.
     */
    static boolean mayDeclare(String pomText, String id) {
        return pomText.contains(id) || pomText.contains("&#") || pomText.contains("<![CDATA[")
                || id.chars().anyMatch(ch -> "<>&'\"".indexOf(ch) >= 0) && pomText.contains("&");
    }

    private static String key(String id, String url) {
        return id + '\u0000' + strip(url);
    }

    /** The {@code <repository>}, {@code <pluginRepository>} and {@code <snapshotRepository>} elements of a POM. */
    static List<Declaration> repositories(String pomText) {
        try {
            return repositories(Xml.FACTORY.createXMLStreamReader(new StringReader(pomText)));
        } catch (XMLStreamException e) {
            return List.of(); // a POM Maven could read but StAX cannot: no attribution from it
        }
    }

    /** As {@link #repositories(String)}, for a POM's bytes in the encoding its XML declaration names. */
    static List<Declaration> repositories(byte[] pom) {
        try {
            return repositories(Xml.FACTORY.createXMLStreamReader(new java.io.ByteArrayInputStream(pom)));
        } catch (XMLStreamException e) {
            return List.of(); // a POM Maven could read but StAX cannot: no attribution from it
        }
    }

    private static List<Declaration> repositories(XMLStreamReader r) {
        List<Declaration> out = new ArrayList<>();
        try {
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
