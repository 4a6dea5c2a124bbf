package dev.airlock.verify.sbom;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * The first pass over an SBOM file, before any SBOM library sees it: tells the format from the content, checks the
 * syntax of the whole file (so malformed and truncated files fail here, with line and column), refuses what no SBOM
 * needs (duplicate JSON keys, XML DOCTYPEs: the latter is how XML external-entity attacks start), and remembers where
 * each component identifier ({@code bom-ref}, {@code purl}, {@code SPDXID}, {@code spdxId}) is written so that later
 * messages can point at the line. Written by hand: it is a sniffer over Jackson's and StAX's streaming parsers.
 */
final class ContentScan {
    private static final Set<String> ANCHOR_KEYS = Set.of("bom-ref", "purl", "SPDXID", "spdxId",
            "software_packageUrl", "referenceLocator");
    /** Keys whose value every supported format defines as a list. */
    private static final Set<String> LIST_KEYS = Set.of("components", "hashes", "packages", "checksums",
            "externalRefs", "@graph", "verifiedUsing", "externalIdentifier");
    /** Keys whose value every supported format defines as a string. */
    private static final Set<String> STRING_KEYS = Set.of("bom-ref", "purl", "alg", "content", "SPDXID", "spdxId",
            "algorithm", "checksumValue", "hashValue", "referenceLocator", "referenceType", "software_packageUrl",
            "identifier", "externalIdentifierType", "version", "versionInfo", "bomFormat", "specVersion",
            "spdxVersion");
    private static final String CDX_NS = "http://cyclonedx.org/schema/bom/";
    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    final SbomFormat format;
    final String specVersion;
    private final Map<String, int[]> anchors;

    private ContentScan(SbomFormat format, String specVersion, Map<String, int[]> anchors) {
        this.format = format;
        this.specVersion = specVersion;
        this.anchors = anchors;
    }

    /** {@code [line, column]} where a component identifier value is first written, or null. */
    int[] position(String value) {
        return value == null ? null : anchors.get(value);
    }

    static ContentScan scan(Path file, byte[] bytes) throws SbomException {
        int i = 0;
        if (bytes.length >= 3 && (bytes[0] & 0xff) == 0xef && (bytes[1] & 0xff) == 0xbb && (bytes[2] & 0xff) == 0xbf) {
            i = 3;
        }
        while (i < bytes.length && (bytes[i] == ' ' || bytes[i] == '\t' || bytes[i] == '\r' || bytes[i] == '\n')) {
            i++;
        }
        if (i >= bytes.length) {
            throw new SbomException(file, "the file is empty.",
                    "point the rule at a CycloneDX (JSON or XML) or SPDX (2.x JSON, 3 JSON-LD) SBOM.");
        }
        return switch (bytes[i]) {
            case '{', '[' -> scanJson(file, bytes);
            case '<' -> scanXml(file, bytes);
            default -> throw new SbomException(file, "the content is neither JSON nor XML, so it is not a supported"
                    + " SBOM (SPDX tag-value and YAML are not read).",
                    "give a CycloneDX JSON/XML or an SPDX 2.x JSON / SPDX 3 JSON-LD document.");
        };
    }

    private static ContentScan scanJson(Path file, byte[] bytes) throws SbomException {
        Map<String, int[]> anchors = new HashMap<>();
        String bomFormat = null;
        String specVersion = null;
        String spdxVersion = null;
        String context = null;
        boolean graph = false;
        try (JsonParser p = JSON.createParser(new ByteArrayInputStream(bytes))) {
            JsonToken first = p.nextToken();
            if (first != JsonToken.START_OBJECT) {
                JsonLocation l = p.currentTokenLocation();
                throw new SbomException(file, l.getLineNr(), l.getColumnNr(), "the document is a JSON "
                        + (first == JsonToken.START_ARRAY ? "array" : "value") + ", not an object: no SBOM format"
                        + " starts like that.", "give one CycloneDX or SPDX document per file.", null);
            }
            JsonToken t;
            while ((t = p.nextToken()) != JsonToken.END_OBJECT) {
                if (t == null) {
                    throw new JsonEOFException(p, null, "Unexpected end-of-input");
                }
                String key = p.currentName();
                JsonToken v = p.nextToken();
                checkShape(file, p, key, v);
                switch (key) {
                    case "bomFormat" -> bomFormat = v == JsonToken.VALUE_STRING ? p.getText() : "?";
                    case "specVersion" -> specVersion = v == JsonToken.VALUE_STRING ? p.getText() : "?";
                    case "spdxVersion" -> spdxVersion = v == JsonToken.VALUE_STRING ? p.getText() : "?";
                    case "@context" -> context = v == JsonToken.VALUE_STRING ? p.getText() : contextText(p, v);
                    case "@graph" -> graph = true;
                    default -> { }
                }
                if (v == JsonToken.START_OBJECT || v == JsonToken.START_ARRAY) {
                    if (!"@context".equals(key)) {
                        walk(file, p, anchors);
                    }
                }
            }
            if (p.nextToken() != null) {
                JsonLocation l = p.currentTokenLocation();
                throw new SbomException(file, l.getLineNr(), l.getColumnNr(), "content follows the end of the JSON"
                        + " document.", "keep one document per file; regenerate the SBOM if it was concatenated.",
                        null);
            }
        } catch (SbomException e) {
            throw e;
        } catch (JsonProcessingException e) {
            throw jsonError(file, e);
        } catch (IOException | RuntimeException e) {
            throw new SbomException(file, -1, -1, "cannot read the JSON: " + e.getMessage(),
                    "check that the file is a complete, UTF-8 encoded SBOM.", e);
        }
        if (bomFormat != null) {
            if (!"CycloneDX".equals(bomFormat)) {
                throw new SbomException(file, "\"bomFormat\" is '" + bomFormat + "', not 'CycloneDX'.",
                        "give a CycloneDX document (bomFormat CycloneDX) or an SPDX one.");
            }
            return new ContentScan(SbomFormat.CYCLONEDX_JSON, specVersion, anchors);
        }
        if (spdxVersion != null) {
            if (!spdxVersion.startsWith("SPDX-2.")) {
                throw new SbomException(file, "\"spdxVersion\" is '" + spdxVersion + "'; Airlock reads SPDX 2.x"
                        + " JSON and SPDX 3 JSON-LD.", "regenerate the SBOM as SPDX 2.3 JSON or SPDX 3.0.1 JSON-LD.");
            }
            return new ContentScan(SbomFormat.SPDX_JSON, spdxVersion, anchors);
        }
        if (context != null && context.contains("spdx.org/rdf/3.")) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("rdf/(3\\.[0-9.]+)/").matcher(context);
            return new ContentScan(SbomFormat.SPDX_JSONLD, m.find() ? m.group(1) : "3", anchors);
        }
        throw new SbomException(file, "the JSON document is neither CycloneDX (no \"bomFormat\"), SPDX 2"
                + " (no \"spdxVersion\") nor SPDX 3 JSON-LD (no SPDX 3 \"@context\"" + (graph ? "" : ", no \"@graph\"")
                + ").", "point the rule at the SBOM file itself (for example target/bom.json of"
                + " cyclonedx-maven-plugin, or the .spdx.json of spdx-maven-plugin).");
    }

    private static String contextText(JsonParser p, JsonToken v) throws IOException {
        if (v != JsonToken.START_ARRAY && v != JsonToken.START_OBJECT) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        int depth = 1;
        while (depth > 0) {
            JsonToken t = p.nextToken();
            if (t == null) {
                throw new JsonEOFException(p, null, "Unexpected end-of-input");
            }
            if (t == JsonToken.START_ARRAY || t == JsonToken.START_OBJECT) {
                depth++;
            } else if (t == JsonToken.END_ARRAY || t == JsonToken.END_OBJECT) {
                depth--;
            } else if (t == JsonToken.VALUE_STRING) {
                sb.append(p.getText()).append(' ');
            }
        }
        return sb.toString();
    }

    /** Reads one object or array to its end, remembering where identifier values are. */
    private static void walk(Path file, JsonParser p, Map<String, int[]> anchors) throws IOException, SbomException {
        int depth = 1;
        String key = null;
        while (depth > 0) {
            JsonToken t = p.nextToken();
            if (t == null) {
                throw new JsonEOFException(p, null, "Unexpected end-of-input");
            }
            if (key != null) {
                checkShape(file, p, key, t);
            }
            switch (t) {
                case START_OBJECT, START_ARRAY -> depth++;
                case END_OBJECT, END_ARRAY -> depth--;
                case FIELD_NAME -> {
                    key = p.currentName();
                    continue;
                }
                case VALUE_STRING -> {
                    if (key != null && ANCHOR_KEYS.contains(key)) {
                        JsonLocation l = p.currentTokenLocation();
                        anchors.putIfAbsent(p.getText(), new int[] {l.getLineNr(), l.getColumnNr()});
                    }
                }
                default -> { }
            }
            key = null;
        }
    }

    /**
     * Values of the wrong type where the formats define a list or a string: some libraries silently drop them
     * (cyclonedx-core-java reads {@code "hashes": "x"} as no hashes), which would turn a corrupt SBOM into a quieter
     * finding. Refused here, at their position.
     */
    private static void checkShape(Path file, JsonParser p, String key, JsonToken t) throws SbomException {
        String want = null;
        if (LIST_KEYS.contains(key) && t != JsonToken.START_ARRAY && t != JsonToken.VALUE_NULL) {
            want = "a list";
        } else if (STRING_KEYS.contains(key) && t != JsonToken.VALUE_STRING && t != JsonToken.VALUE_NULL
                && t != JsonToken.VALUE_NUMBER_INT && t != JsonToken.VALUE_NUMBER_FLOAT) {
            want = "a string";
        }
        if (want != null) {
            JsonLocation l = p.currentTokenLocation();
            String found = switch (t) {
                case START_ARRAY -> "a list";
                case START_OBJECT -> "an object";
                case VALUE_STRING -> "a string";
                case VALUE_TRUE, VALUE_FALSE -> "a boolean";
                default -> "a number";
            };
            String path = pathOf(p, t);
            throw new SbomException(file, l.getLineNr(), l.getColumnNr(), "\"" + key + "\" must be " + want + " but is "
                    + found + " (at " + path + ").", "regenerate the SBOM, or correct the value at that position.",
                    null);
        }
    }

    private static String pathOf(JsonParser p, JsonToken t) {
        java.util.ArrayDeque<String> parts = new java.util.ArrayDeque<>();
        com.fasterxml.jackson.core.JsonStreamContext c = p.getParsingContext();
        if (t == JsonToken.START_ARRAY || t == JsonToken.START_OBJECT) {
            c = c.getParent();
        }
        for (; c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inArray()) {
                parts.push("[" + Math.max(0, c.getCurrentIndex()) + "]");
            } else if (c.getCurrentName() != null) {
                parts.push("." + c.getCurrentName());
            }
        }
        String s = String.join("", parts);
        return s.startsWith(".") ? s.substring(1) : s;
    }

    static SbomException jsonError(Path file, JsonProcessingException e) {
        JsonLocation l = e.getLocation();
        String what = e.getOriginalMessage();
        String problem;
        if (e instanceof JsonEOFException || (what != null && what.contains("end-of-input"))) {
            problem = "the JSON ends early (the file looks truncated): " + what;
        } else if (e instanceof StreamReadException && what != null && what.startsWith("Duplicate field")) {
            problem = "malformed JSON: " + what + " (a key written twice in one object is ambiguous)";
        } else {
            problem = "malformed JSON: " + what;
        }
        return new SbomException(file, l == null ? -1 : l.getLineNr(), l == null ? -1 : l.getColumnNr(),
                problem + '.', "regenerate the SBOM, or repair the file at that position.", e);
    }

    private static ContentScan scanXml(Path file, byte[] bytes) throws SbomException {
        XMLInputFactory f = XMLInputFactory.newFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        Map<String, int[]> anchors = new HashMap<>();
        String version = null;
        XMLStreamReader r = null;
        try {
            r = f.createXMLStreamReader(new ByteArrayInputStream(bytes));
            boolean rootSeen = false;
            boolean inPurl = false;
            int[] purlAt = null;
            StringBuilder purl = new StringBuilder();
            while (r.hasNext()) {
                int ev = r.next();
                switch (ev) {
                    case XMLStreamConstants.DTD -> {
                        Location l = r.getLocation();
                        throw new SbomException(file, l.getLineNumber(), l.getColumnNumber(), "the XML declares a"
                                + " DOCTYPE; CycloneDX never needs one and Airlock refuses it (entity expansion and"
                                + " external entities are how XML attacks start).",
                                "remove the DOCTYPE, or regenerate the SBOM.", null);
                    }
                    case XMLStreamConstants.START_ELEMENT -> {
                        if (!rootSeen) {
                            rootSeen = true;
                            String ns = r.getNamespaceURI();
                            String local = r.getLocalName();
                            if (!"bom".equals(local) || ns == null || !ns.startsWith(CDX_NS)) {
                                Location l = r.getLocation();
                                boolean spdx = (ns != null && ns.contains("spdx")) || "Document".equals(local);
                                String where = ns == null || ns.isEmpty() ? "<" + local + ">"
                                        : "<" + local + "> in namespace '" + ns + "'";
                                throw new SbomException(file, l.getLineNumber(), l.getColumnNumber(), "the XML root"
                                        + " element is " + where + ", not a CycloneDX <bom>"
                                        + (spdx ? "; SPDX XML is not read" : "") + '.',
                                        "give a CycloneDX XML or JSON document, or SPDX 2.x as JSON.", null);
                            }
                            version = ns.substring(CDX_NS.length());
                        }
                        String ref = r.getAttributeValue(null, "bom-ref");
                        if (ref != null) {
                            Location l = r.getLocation();
                            anchors.putIfAbsent(ref, new int[] {l.getLineNumber(), l.getColumnNumber()});
                        }
                        if ("purl".equals(r.getLocalName())) {
                            inPurl = true;
                            purl.setLength(0);
                            Location l = r.getLocation();
                            purlAt = new int[] {l.getLineNumber(), l.getColumnNumber()};
                        }
                    }
                    case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA -> {
                        if (inPurl) {
                            purl.append(r.getText());
                        }
                    }
                    case XMLStreamConstants.END_ELEMENT -> {
                        if (inPurl && "purl".equals(r.getLocalName())) {
                            inPurl = false;
                            anchors.putIfAbsent(purl.toString().strip(), purlAt);
                        }
                    }
                    case XMLStreamConstants.ENTITY_REFERENCE -> {
                        Location l = r.getLocation();
                        throw new SbomException(file, l.getLineNumber(), l.getColumnNumber(), "the XML uses an entity"
                                + " reference (&" + r.getLocalName() + ";) that is not defined.",
                                "regenerate the SBOM.", null);
                    }
                    default -> { }
                }
            }
        } catch (SbomException e) {
            throw e;
        } catch (XMLStreamException e) {
            Location l = e.getLocation();
            String msg = e.getMessage() == null ? "" : e.getMessage().replaceAll("\\s+", " ")
                    .replaceAll(" ?at \\[row,col[^\\]]*\\]: \\[[0-9]+,[0-9]+\\]", "")
                    .replaceFirst("^ParseError at \\[row,col\\]:\\[[0-9]+,[0-9]+\\] Message: ", "").strip();
            if (!msg.endsWith(".")) {
                msg = msg + '.';
            }
            boolean eof = msg.toLowerCase(java.util.Locale.ROOT).contains("eof")
                    || msg.toLowerCase(java.util.Locale.ROOT).contains("end of file")
                    || msg.toLowerCase(java.util.Locale.ROOT).contains("unexpected end");
            throw new SbomException(file, l == null ? -1 : l.getLineNumber(), l == null ? -1 : l.getColumnNumber(),
                    (eof ? "the XML ends early (the file looks truncated): " : "malformed XML: ") + msg,
                    "regenerate the SBOM, or repair the file at that position.", e);
        } catch (RuntimeException e) {
            throw new SbomException(file, -1, -1, "cannot read the XML: " + e, "regenerate the SBOM.", e);
        } finally {
            if (r != null) {
                try {
                    r.close();
                } catch (XMLStreamException e) {
                    // nothing left to read
                }
            }
        }
        return new ContentScan(SbomFormat.CYCLONEDX_XML, version, anchors);
    }
}
