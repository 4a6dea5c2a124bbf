package dev.airlock.verify.sbom;

import com.github.packageurl.MalformedPackageURLException;
import com.github.packageurl.PackageURL;
import dev.airlock.verify.finding.Coordinates;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A {@code pkg:maven/...} package URL read as Maven coordinates. Parsing and writing go through packageurl-java; the
 * Maven part (type to extension and classifier) is Airlock's, after Maven's default artifact handlers.
 *
 * <p>Type mapping (the {@code type} qualifier is the Maven dependency type, as cyclonedx-maven-plugin writes it):
 * {@code jar}, {@code maven-plugin}, {@code ejb}, {@code bundle} and the Maven 4 jar types ({@code classpath-jar},
 * {@code modular-jar}, {@code processor}, {@code classpath-processor}, {@code modular-processor}, {@code fatjar}) →
 * extension {@code jar}; {@code test-jar} → {@code jar} + classifier {@code tests}; {@code ejb-client} →
 * {@code jar} + {@code client}; {@code javadoc} → {@code jar} + {@code javadoc}; {@code java-source} → {@code jar} +
 * {@code sources}; any other type is its own extension ({@code pom}, {@code war}, {@code zip}, ...). A
 * {@code classifier} qualifier wins over the type's. A purl with qualifiers but no {@code type} is a jar. A purl with
 * no qualifiers at all (what spdx-maven-plugin writes) says nothing about extension or classifier: it is
 * <em>unqualified</em> and matched on groupId:artifactId:version only.
 *
 * @param purl the purl as written
 * @param groupId the namespace
 * @param artifactId the name
 * @param version the version
 * @param type the {@code type} qualifier as written, or null
 * @param extension the file extension, or null when the purl is unqualified
 * @param classifier the classifier ("" for none), or null when the purl is unqualified
 */
public record MavenPurl(String purl, String groupId, String artifactId, String version, String type, String extension,
        String classifier) {

    /** True when the purl carries qualifiers, so extension and classifier are known. */
    public boolean qualified() {
        return extension != null;
    }

    /** The coordinates when qualified, else null. */
    public Coordinates coordinates() {
        return qualified() ? new Coordinates(groupId, artifactId, extension, classifier, version) : null;
    }

    /**
     * Reads a purl.
     *
     * @throws IllegalArgumentException saying what is wrong: not a purl, not {@code pkg:maven}, no namespace or
     *     version, or coordinates Airlock does not accept (see {@link Coordinates})
     */
    public static MavenPurl parse(String purl) {
        if (purl == null || purl.isBlank()) {
            throw new IllegalArgumentException("no purl");
        }
        PackageURL p;
        try {
            p = new PackageURL(purl.strip());
        } catch (MalformedPackageURLException | RuntimeException e) {
            throw new IllegalArgumentException("'" + shorten(purl) + "' is not a valid package URL: " + e.getMessage());
        }
        if (!"maven".equals(p.getType())) {
            throw new IllegalArgumentException("'" + shorten(purl) + "' is a pkg:" + p.getType()
                    + " purl, not pkg:maven");
        }
        if (p.getNamespace() == null || p.getNamespace().isEmpty()) {
            throw new IllegalArgumentException("'" + shorten(purl) + "' has no groupId (namespace)");
        }
        if (p.getVersion() == null || p.getVersion().isEmpty()) {
            throw new IllegalArgumentException("'" + shorten(purl) + "' has no version");
        }
        Map<String, String> q = p.getQualifiers() == null ? Map.of() : p.getQualifiers();
        String type = q.get("type");
        String extension = null;
        String classifier = null;
        if (!q.isEmpty()) {
            String[] ec = typeToExtension(type == null ? "jar" : type);
            extension = ec[0];
            String explicit = q.get("classifier");
            classifier = explicit != null ? explicit : ec[1];
        }
        try {
            Coordinates.check("groupId", p.getNamespace());
            Coordinates.check("artifactId", p.getName());
            Coordinates.check("version", p.getVersion());
            if (extension != null) {
                new Coordinates(p.getNamespace(), p.getName(), extension, classifier, p.getVersion());
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + shorten(purl) + "': " + e.getMessage());
        }
        return new MavenPurl(purl, p.getNamespace(), p.getName(), p.getVersion(), type, extension, classifier);
    }

    /**
     * The canonical purl of coordinates as Airlock records them: qualifiers {@code type} (the file extension, which
     * maps back to itself) and {@code classifier} when there is one.
     */
    public static String of(Coordinates c) {
        Map<String, String> q = new TreeMap<>();
        q.put("type", c.extension());
        if (!c.classifier().isEmpty()) {
            q.put("classifier", c.classifier());
        }
        try {
            return new PackageURL("maven", c.groupId(), c.artifactId(), c.version(), new TreeMap<>(q), null)
                    .canonicalize();
        } catch (MalformedPackageURLException e) {
            throw new IllegalArgumentException("cannot write a purl for " + c + ": " + e.getMessage(), e);
        }
    }

    /** {@code [extension, default classifier]} of a Maven type (Maven's default artifact handlers). */
    static String[] typeToExtension(String type) {
        return switch (type.toLowerCase(Locale.ROOT)) {
            case "jar", "maven-plugin", "ejb", "bundle", "classpath-jar", "modular-jar", "processor",
                    "classpath-processor", "modular-processor", "fatjar" -> new String[] {"jar", ""};
            case "test-jar" -> new String[] {"jar", "tests"};
            case "ejb-client" -> new String[] {"jar", "client"};
            case "javadoc" -> new String[] {"jar", "javadoc"};
            case "java-source" -> new String[] {"jar", "sources"};
            default -> new String[] {type, ""};
        };
    }

    private static String shorten(String s) {
        String t = s.strip();
        return t.length() > 200 ? t.substring(0, 200) + "..." : t;
    }
}
