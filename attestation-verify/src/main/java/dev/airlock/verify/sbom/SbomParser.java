package dev.airlock.verify.sbom;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads an SBOM file into an {@link SbomDocument}: CycloneDX JSON and XML (through cyclonedx-core-java), SPDX 2.x
 * JSON and SPDX 3 JSON-LD (through spdx-java-library with its jackson and JSON-LD stores). The format comes from the
 * content, never from the file name (see {@link SbomFormat}).
 *
 * <p>Every problem is one {@link SbomException} whose message names the file, the line and column when known, what is
 * wrong and the fix: unreadable, empty, truncated or malformed files, XML with a DOCTYPE, documents that are no SBOM,
 * unsupported versions, corrupt hash values, values of the wrong type. Nothing else escapes: exceptions and errors of
 * the libraries are caught and turned into an {@code SbomException} (fail closed).
 *
 * <p>Components that are not checkable Maven artifacts are kept out of {@link SbomDocument#entries()} and listed in
 * {@link SbomDocument#skipped()} with the reason: no purl, a purl of another type ({@code pkg:npm/...}), a malformed
 * purl, coordinates Airlock refuses (characters a path could abuse, see {@code Coordinates}). Skipping an entry can
 * only make verification stricter: the resolved artifact it named is then "not in SBOM".
 *
 * <p>Offline and thread-safe: spdx-java-library is configured from a class-path properties file never to download
 * the SPDX license list (see {@code SpdxLibrary}); each parse uses its own stores. Parses may run concurrently.
 */
public final class SbomParser {
    /** Larger files are refused before they are read (a 3,000-component SBOM is about 5 MB). */
    public static final long MAX_BYTES = 256L * 1024 * 1024;

    private SbomParser() {}

    public static SbomDocument parse(Path file) throws SbomException {
        byte[] bytes;
        try {
            long size = Files.size(file);
            if (size > MAX_BYTES) {
                throw new SbomException(file, "the file has " + size + " bytes, more than the " + MAX_BYTES
                        + " Airlock reads as an SBOM.", "point the rule at the SBOM file itself.");
            }
            bytes = Files.readAllBytes(file);
        } catch (SbomException e) {
            throw e;
        } catch (NoSuchFileException e) {
            throw new SbomException(file, "the SBOM file does not exist.",
                    "generate it first (for example with cyclonedx-maven-plugin makeBom) or correct the path.");
        } catch (IOException e) {
            throw new SbomException(file, -1, -1, "cannot read the SBOM file: " + e, "check the path and"
                    + " permissions.", e);
        }
        return parse(file, bytes);
    }

    /** Parses SBOM content; {@code file} names it in messages. */
    public static SbomDocument parse(Path file, byte[] bytes) throws SbomException {
        ContentScan scan = ContentScan.scan(file, bytes);
        try {
            return switch (scan.format) {
                case CYCLONEDX_JSON, CYCLONEDX_XML -> CycloneDxReader.read(file, bytes, scan);
                case SPDX_JSON -> SpdxReaders.readV2(file, bytes, scan);
                case SPDX_JSONLD -> SpdxReaders.readV3(file, bytes, scan);
            };
        } catch (SbomException e) {
            throw e;
        } catch (LinkageError e) {
            throw new SbomException(file, -1, -1, "the library for " + scan.format.family() + ' '
                    + scan.format.syntax() + " SBOMs is not on the class path (" + e + ").", "declare"
                    + " org.cyclonedx:cyclonedx-core-java and the org.spdx libraries next to Airlock (the Airlock"
                    + " enforcer rules and plugin do).", e);
        } catch (Throwable t) { // fail closed: whatever a library throws becomes a clean error
            throw libraryError(file, scan.format, t);
        }
    }

    private static final String[] WARM_UP = {
        "{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.6\",\"version\":1,\"metadata\":{\"properties\":"
                + "[{\"name\":\"maven.scopes\",\"value\":\"compile\"}],\"component\":{\"type\":\"library\","
                + "\"name\":\"w\",\"purl\":\"pkg:maven/w/w@1?type=jar\"}},\"components\":[{\"type\":\"library\","
                + "\"bom-ref\":\"r\",\"name\":\"a\",\"group\":\"w\",\"version\":\"1\",\"purl\":"
                + "\"pkg:maven/w/a@1?type=jar\",\"hashes\":[{\"alg\":\"SHA-1\",\"content\":\""
                + "0".repeat(40) + "\"}]}]}",
        "<?xml version=\"1.0\"?><bom xmlns=\"http://cyclonedx.org/schema/bom/1.6\" version=\"1\"><components>"
                + "<component type=\"library\" bom-ref=\"r\"><group>w</group><name>a</name><version>1</version>"
                + "<hashes><hash alg=\"SHA-1\">" + "0".repeat(40) + "</hash></hashes>"
                + "<purl>pkg:maven/w/a@1?type=jar</purl></component></components></bom>",
        "{\"spdxVersion\":\"SPDX-2.3\",\"dataLicense\":\"CC0-1.0\",\"SPDXID\":\"SPDXRef-DOCUMENT\",\"name\":"
                + "\"w\",\"documentNamespace\":\"urn:airlock:warm-up\",\"creationInfo\":{\"created\":"
                + "\"1970-01-01T00:00:00Z\",\"creators\":[\"Tool: w\"]},\"packages\":[{\"SPDXID\":\"SPDXRef-a\","
                + "\"name\":\"a\",\"versionInfo\":\"1\",\"downloadLocation\":\"NOASSERTION\",\"filesAnalyzed\":"
                + "false,\"checksums\":[{\"algorithm\":\"SHA1\",\"checksumValue\":\"" + "0".repeat(40) + "\"}],"
                + "\"externalRefs\":[{\"referenceCategory\":\"PACKAGE-MANAGER\",\"referenceType\":\"purl\","
                + "\"referenceLocator\":\"pkg:maven/w/a@1\"}]}]}",
        "{\"@context\":\"https://spdx.org/rdf/3.0.1/spdx-context.jsonld\",\"@graph\":[{\"@id\":\"_:c\","
                + "\"type\":\"CreationInfo\",\"specVersion\":\"3.0.1\",\"createdBy\":[\"urn:w#agent\"],"
                + "\"created\":\"1970-01-01T00:00:00Z\"},{\"spdxId\":\"urn:w#agent\",\"type\":\"Agent\","
                + "\"name\":\"w\",\"creationInfo\":\"_:c\"},{\"spdxId\":\"urn:w#a\",\"type\":"
                + "\"software_Package\",\"name\":\"a\",\"software_packageUrl\":\"pkg:maven/w/a@1\","
                + "\"verifiedUsing\":[{\"type\":\"Hash\",\"algorithm\":\"sha1\",\"hashValue\":\""
                + "0".repeat(40) + "\"}],\"creationInfo\":\"_:c\"}]}"
    };

    /**
     * Loads and initialises the parsing libraries by parsing one tiny document of each format (most of a first parse
     * is class loading and Jackson building its deserializers), so that a rule can pay that while it does other work.
     *
     * @return the number of formats warmed up (4 when every library is present)
     */
    public static int warmUp() {
        int ok = 0;
        for (String doc : WARM_UP) {
            try {
                parse(Path.of("airlock-warm-up"), doc.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                ok++;
            } catch (SbomException | RuntimeException | LinkageError e) {
                // a missing library shows up again, with its message, when a real SBOM is parsed
            }
        }
        return ok;
    }

    /** {@link #warmUp()} on a daemon thread, started; join it or let it be. */
    public static Thread warmUpInBackground() {
        Thread t = new Thread(SbomParser::warmUp, "airlock-sbom-warm-up");
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static SbomException libraryError(Path file, SbomFormat format, Throwable t) {
        String lib = format.family().equals("SPDX") ? "spdx-java-library" : "cyclonedx-core-java";
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof JsonProcessingException j) {
                JsonLocation l = j.getLocation();
                String path = c instanceof JsonMappingException m ? jsonPath(m) : "";
                return new SbomException(file, l == null ? -1 : l.getLineNr(), l == null ? -1 : l.getColumnNr(),
                        "not a valid " + format.family() + ' ' + format.syntax() + " document" + (path.isEmpty() ? ""
                                : " at " + path) + ": " + oneLine(j.getOriginalMessage()) + '.',
                        "regenerate the SBOM, or correct the value at that position.", t);
            }
        }
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String msg = oneLine(t.getMessage());
        String rootMsg = root == t ? "" : " (" + root.getClass().getSimpleName() + ": " + oneLine(root.getMessage())
                + ')';
        return new SbomException(file, -1, -1, lib + " cannot read this " + format.family() + ' ' + format.syntax()
                + " document: " + (msg.isEmpty() ? t.getClass().getSimpleName() : msg) + rootMsg
                + " (position not known).", "validate the SBOM with its tool or regenerate it.", t);
    }

    private static String jsonPath(JsonMappingException m) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference r : m.getPath()) {
            if (r.getFieldName() != null) {
                sb.append(sb.length() == 0 ? "" : ".").append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    private static String oneLine(String s) {
        if (s == null) {
            return "";
        }
        String t = s.replaceAll("\\s+", " ").strip();
        return t.length() > 300 ? t.substring(0, 300) + "..." : t;
    }
}
