package dev.airlock.verify.sbom;

import dev.airlock.verify.artifact.ResolvedArtifact;
import dev.airlock.verify.artifact.ResolvedArtifact.Kind;
import dev.airlock.verify.digest.Digests;
import dev.airlock.verify.digest.HashAlgorithm;
import dev.airlock.verify.finding.Coordinates;
import dev.airlock.verify.io.Progress;
import dev.airlock.verify.report.ToolVersion;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.spdx.core.InvalidSPDXAnalysisException;
import org.spdx.jacksonstore.MultiFormatStore;
import org.spdx.library.ModelCopyManager;
import org.spdx.library.model.v2.Annotation;
import org.spdx.library.model.v2.Checksum;
import org.spdx.library.model.v2.ExternalRef;
import org.spdx.library.model.v2.SpdxConstantsCompatV2;
import org.spdx.library.model.v2.SpdxDocument;
import org.spdx.library.model.v2.SpdxModelFactoryCompatV2;
import org.spdx.library.model.v2.SpdxPackage;
import org.spdx.library.model.v2.enumerations.AnnotationType;
import org.spdx.library.model.v2.enumerations.ChecksumAlgorithm;
import org.spdx.library.model.v2.enumerations.ReferenceCategory;
import org.spdx.library.model.v2.enumerations.RelationshipType;
import org.spdx.library.model.v2.license.SpdxNoAssertionLicense;
import org.spdx.library.referencetype.ListedReferenceTypes;
import org.spdx.storage.simple.InMemSpdxStore;

/**
 * Writes the SBOM Airlock records per module ({@code airlock.spdx.json}): SPDX 2.3 JSON through
 * spdx-java-library.
 *
 * <ul>
 *   <li>One package per distinct resolved artifact: dependencies of every scope, build plugins, build extensions and
 *       their dependencies; each with SHA-256 and SHA-512 of its file, its purl with {@code type} (the file
 *       extension) and {@code classifier} qualifiers, and Airlock's annotation saying what brought it in
 *       ({@code airlock:kinds=plugin}, {@code airlock:kinds=dependency;scope=test}), which {@link SbomParser} reads
 *       back. Relationships say the same in SPDX terms: {@code DEPENDS_ON} (compile, system),
 *       {@code RUNTIME_DEPENDENCY_OF}, {@code PROVIDED_DEPENDENCY_OF}, {@code TEST_DEPENDENCY_OF},
 *       {@code BUILD_TOOL_OF} (plugins and extensions).</li>
 *   <li>The module itself is the described root package (no checksum: its output may not exist yet).</li>
 *   <li>Reactor artifacts whose file is not a regular file (a module's {@code target/classes}) are recorded without
 *       checksums; any other artifact without a readable file is an error.</li>
 *   <li>Deterministic: packages and relationships sorted (by the library's serializer), SPDXIDs derived from the
 *       coordinates, the document namespace derived from the content, and the creation time given by the caller
 *       ({@code project.build.outputTimestamp}), or {@link #DEFAULT_CREATED} when there is none. Writing the same
 *       input twice gives the same bytes, so a change is a reviewable diff.</li>
 * </ul>
 */
public final class SpdxRecordWriter {
    /** The creation time written when no {@code project.build.outputTimestamp} is given. */
    public static final Instant DEFAULT_CREATED = Instant.EPOCH;
    /** The conventional file name. */
    public static final String FILE_NAME = "airlock.spdx.json";

    private static final DateTimeFormatter SPDX_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'",
            Locale.ROOT).withZone(ZoneOffset.UTC);

    private final Coordinates project;
    private final Instant created;
    private final Digests digests;
    private final String toolVersion;
    private java.util.function.Consumer<String> progress;

    /**
     * @param project the module: {@code groupId:artifactId:extension:version} of its main artifact
     * @param created {@code project.build.outputTimestamp}, or null for {@link #DEFAULT_CREATED}
     * @param digests the digest cache ({@link Digests#shared()} in a build)
     */
    public SpdxRecordWriter(Coordinates project, Instant created, Digests digests) {
        this(project, created, digests, ToolVersion.get());
    }

    SpdxRecordWriter(Coordinates project, Instant created, Digests digests, String toolVersion) {
        this.project = Objects.requireNonNull(project, "project");
        this.created = (created == null ? DEFAULT_CREATED : created).truncatedTo(ChronoUnit.SECONDS);
        this.digests = Objects.requireNonNull(digests, "digests");
        this.toolVersion = Objects.requireNonNull(toolVersion);
    }

    /** Where the hashing step's progress lines go (docs/progress.md); null (the default) for none. */
    public SpdxRecordWriter progress(java.util.function.Consumer<String> sink) {
        this.progress = sink;
        return this;
    }

    /** What was recorded for one artifact (for the goal's log). */
    public record Recorded(Coordinates coordinates, Set<Kind> kinds, String scope, String sha256, String sha512) {}

    /**
     * Writes the record of {@code artifacts} to {@code out} (atomically: a temporary file next to it, then a move).
     *
     * @return what was recorded, sorted by coordinates
     * @throws SbomException naming the artifact whose file cannot be read, or why the file cannot be written
     */
    public List<Recorded> write(List<ResolvedArtifact> artifacts, Path out) throws SbomException {
        byte[] bytes;
        List<Recorded> recorded = new ArrayList<>();
        try {
            bytes = render(artifacts, out, recorded);
        } catch (SbomException e) {
            throw e;
        } catch (LinkageError e) {
            throw new SbomException(out, -1, -1, "spdx-java-library is not on the class path (" + e + ").",
                    "declare org.spdx:java-spdx-library and org.spdx:spdx-jackson-store next to Airlock.", e);
        } catch (Throwable t) { // fail closed: a library failure is a clean error
            throw new SbomException(out, -1, -1, "spdx-java-library could not write the SPDX document: " + t,
                    "report this with the build log.", t);
        }
        try {
            dev.airlock.verify.io.AtomicFiles.write(out, bytes);
        } catch (IOException e) {
            throw new SbomException(out, -1, -1, "cannot write the recorded SBOM: " + e, "check that the directory"
                    + " is writable.", e);
        }
        return recorded;
    }

    /** The document as bytes (what {@link #write} writes). */
    public byte[] render(List<ResolvedArtifact> artifacts) throws SbomException {
        try {
            return render(artifacts, Path.of(FILE_NAME), new ArrayList<>());
        } catch (SbomException e) {
            throw e;
        } catch (Throwable t) {
            throw new SbomException(Path.of(FILE_NAME), -1, -1, "spdx-java-library could not write the SPDX"
                    + " document: " + t, "report this with the build log.", t);
        }
    }

    private static final class Item {
        final Coordinates c;
        final Set<Kind> kinds = EnumSet.noneOf(Kind.class);
        final Set<String> scopes = new TreeSet<>();
        Path file;
        boolean reactor;
        String sha256;
        String sha512;

        Item(Coordinates c) {
            this.c = c;
        }

        String scope() {
            if (scopes.isEmpty()) {
                return null;
            }
            // the widest scope wins when one artifact was resolved in several (compile > provided > runtime > test)
            for (String s : List.of("compile", "system", "provided", "runtime", "test")) {
                if (scopes.contains(s)) {
                    return s;
                }
            }
            return scopes.iterator().next();
        }
    }

    private byte[] render(List<ResolvedArtifact> artifacts, Path out, List<Recorded> recorded)
            throws SbomException, InvalidSPDXAnalysisException, IOException {
        Map<String, Item> items = new TreeMap<>();
        for (ResolvedArtifact a : artifacts) {
            if (a.coordinates().equals(project)) {
                continue; // the module itself is the root
            }
            Item it = items.computeIfAbsent(a.coordinates().toString(), k -> new Item(a.coordinates()));
            it.kinds.add(a.kind());
            if (a.kind() == Kind.DEPENDENCY && a.scope() != null) {
                it.scopes.add(a.scope().toLowerCase(Locale.ROOT));
            }
            if (it.file == null && a.file() != null) {
                it.file = a.file();
            }
            it.reactor |= a.reactor();
        }
        Map<Path, Set<HashAlgorithm>> req = new LinkedHashMap<>();
        for (Item it : items.values()) {
            if (it.file != null && Files.isRegularFile(it.file)) {
                req.put(it.file, EnumSet.of(HashAlgorithm.SHA256, HashAlgorithm.SHA512));
            } else if (!it.reactor) {
                throw new SbomException(out, "cannot record " + it.c + ": its file " + (it.file == null ? "is not known"
                        : it.file + " is not a readable regular file") + '.', "resolve the artifact (run the build"
                        + " once online through the mirror) and record again.");
            }
        }
        Map<Path, Digests.Result> hashed;
        try (Progress p = Progress.of("record: hashing", "files", req.size(), progress)) {
            hashed = digests.digestAll(req, p);
        }
        StringBuilder content = new StringBuilder(project.toString()).append('\n');
        for (Item it : items.values()) {
            if (req.containsKey(it.file)) {
                Digests.Result r = hashed.get(it.file);
                if (!r.ok()) {
                    throw new SbomException(out, -1, -1, "cannot record " + it.c + ": " + r.error().getMessage(),
                            "check that " + it.file + " is readable and record again.", r.error());
                }
                it.sha256 = r.digests().get(HashAlgorithm.SHA256);
                it.sha512 = r.digests().get(HashAlgorithm.SHA512);
            }
            content.append(it.c).append(' ').append(it.kinds).append(' ').append(it.scope()).append(' ')
                    .append(it.sha512).append('\n');
            recorded.add(new Recorded(it.c, it.kinds, it.scope(), it.sha256, it.sha512));
        }

        SpdxLibrary.init();
        MultiFormatStore store = new MultiFormatStore(new InMemSpdxStore(), MultiFormatStore.Format.JSON_PRETTY);
        ModelCopyManager copy = new ModelCopyManager();
        String namespace = "urn:airlock:spdx:" + project.groupId() + ':' + project.artifactId() + ':'
                + project.version() + ':' + sha256Hex(content.toString()).substring(0, 16);
        SpdxDocument doc = SpdxModelFactoryCompatV2.createSpdxDocumentV2(store, namespace, copy);
        String date = SPDX_DATE.format(created);
        String tool = AirlockSpdx.TOOL_PREFIX + toolVersion;
        doc.setCreationInfo(doc.createCreationInfo(List.of(tool), date));
        doc.getCreationInfo().setComment("Recorded by the Airlock record goal: every artifact the build of this module"
                + " resolved (dependencies of every scope, build plugins, build extensions and their dependencies)"
                + " with SHA-256 and SHA-512. 'created' is project.build.outputTimestamp, or "
                + SPDX_DATE.format(DEFAULT_CREATED) + " when that is not set, so the file is deterministic.");
        doc.setName(project.groupId() + ':' + project.artifactId() + ':' + project.version());
        SpdxNoAssertionLicense noAssertion = new SpdxNoAssertionLicense();

        SpdxPackage root = doc.createPackage(spdxId("root", project), project.groupId() + ':'
                        + project.artifactId(), noAssertion, SpdxConstantsCompatV2.NOASSERTION_VALUE, noAssertion)
                .setVersionInfo(project.version())
                .setDownloadLocation(SpdxConstantsCompatV2.NOASSERTION_VALUE)
                .setFilesAnalyzed(false)
                .setExternalRefs(List.of(purlRef(doc, project)))
                .build();
        doc.getDocumentDescribes().add(root);

        for (Item it : items.values()) {
            List<Checksum> checksums = new ArrayList<>();
            if (it.sha256 != null) {
                checksums.add(doc.createChecksum(ChecksumAlgorithm.SHA256, it.sha256));
                checksums.add(doc.createChecksum(ChecksumAlgorithm.SHA512, it.sha512));
            }
            Annotation note = doc.createAnnotation(tool, AnnotationType.OTHER, date,
                    AirlockSpdx.annotation(it.kinds, it.scope()));
            SpdxPackage.SpdxPackageBuilder pb = doc.createPackage(spdxId("pkg", it.c), it.c.groupId() + ':'
                            + it.c.artifactId(), noAssertion, SpdxConstantsCompatV2.NOASSERTION_VALUE, noAssertion)
                    .setVersionInfo(it.c.version())
                    .setDownloadLocation(SpdxConstantsCompatV2.NOASSERTION_VALUE)
                    .setFilesAnalyzed(false)
                    .setExternalRefs(List.of(purlRef(doc, it.c)))
                    .setChecksums(checksums)
                    .setAnnotations(List.of(note));
            if (it.file != null) {
                pb.setPackageFileName(it.file.getFileName().toString());
            }
            if (it.sha256 == null) {
                pb.setComment("reactor artifact recorded without checksums: its file was not built yet");
            }
            SpdxPackage p = pb.build();
            if (it.kinds.contains(Kind.DEPENDENCY)) {
                String scope = it.scope() == null ? "compile" : it.scope();
                switch (scope) {
                    case "runtime" -> p.addRelationship(doc.createRelationship(root,
                            RelationshipType.RUNTIME_DEPENDENCY_OF, null));
                    case "provided" -> p.addRelationship(doc.createRelationship(root,
                            RelationshipType.PROVIDED_DEPENDENCY_OF, null));
                    case "test" -> p.addRelationship(doc.createRelationship(root, RelationshipType.TEST_DEPENDENCY_OF,
                            null));
                    default -> root.addRelationship(doc.createRelationship(p, RelationshipType.DEPENDS_ON, null));
                }
            }
            if (it.kinds.contains(Kind.PLUGIN) || it.kinds.contains(Kind.EXTENSION)) {
                p.addRelationship(doc.createRelationship(root, RelationshipType.BUILD_TOOL_OF,
                        it.kinds.contains(Kind.EXTENSION) ? "build extension" : "build plugin"));
            }
        }
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        store.serialize(buf);
        byte[] bytes = buf.toByteArray();
        // the library writes no final newline; a text file should end with one
        if (bytes.length > 0 && bytes[bytes.length - 1] != '\n') {
            buf.write('\n');
            bytes = buf.toByteArray();
        }
        return bytes;
    }

    private static ExternalRef purlRef(SpdxDocument doc, Coordinates c) throws InvalidSPDXAnalysisException {
        return doc.createExternalRef(ReferenceCategory.PACKAGE_MANAGER,
                ListedReferenceTypes.getListedReferenceTypes().getListedReferenceTypeByName("purl"), MavenPurl.of(c),
                null);
    }

    /** {@code SPDXRef-<artifactId>-<version>[-<classifier>]-<extension>-<8 hex of the coordinates>}. */
    static String spdxId(String kind, Coordinates c) {
        String readable = c.artifactId() + '-' + c.version() + (c.classifier().isEmpty() ? "" : '-' + c.classifier())
                + '-' + c.extension();
        return "SPDXRef-" + readable.replaceAll("[^A-Za-z0-9.-]", "-") + '-'
                + sha256Hex(kind + ':' + c).substring(0, 8);
    }

    private static String sha256Hex(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(
                    StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
