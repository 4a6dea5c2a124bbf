package dev.airlock.plugin;

import dev.airlock.verify.finding.Coordinates;
import dev.airlock.verify.keys.KeysMap;
import dev.airlock.verify.keys.KeysMapException;
import dev.airlock.verify.keys.Opinion;
import dev.airlock.verify.propose.SecondOpinion;
import dev.airlock.verify.propose.TrustSurvey;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.project.MavenProject;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.resolution.ArtifactRequest;
import org.eclipse.aether.resolution.ArtifactResolutionException;
import org.eclipse.aether.util.version.GenericVersionScheme;
import org.eclipse.aether.version.InvalidVersionSpecificationException;

/**
 * {@code airlock.keysMap}: a keysmap artifact resolved through the mirrors like any other, read as pgpverify reads it,
 * as the proposal's second opinion on each OpenPGP line and each unsigned waiver.
 */
final class KeysMapOpinions implements TrustSurvey.Opinions {
    private static final int MAX_MAP_BYTES = 8 * 1024 * 1024;
    private final KeysMap map;
    private final String describe;

    private KeysMapOpinions(KeysMap map, String describe) {
        this.map = map;
        this.describe = describe;
    }

    /**
     * @param coordinates {@code groupId:artifactId[:extension[:classifier]]:version}, as Maven writes them
     */
    static KeysMapOpinions resolve(String coordinates, MavenSession session, MavenProject project,
            RepositorySystem system) throws MojoExecutionException, MojoFailureException {
        DefaultArtifact artifact;
        try {
            artifact = new DefaultArtifact(coordinates);
        } catch (IllegalArgumentException e) {
            throw new MojoFailureException("[airlock] CONFIG_ERROR airlock.keysMap=" + coordinates + " is not"
                    + " groupId:artifactId[:extension[:classifier]]:version. Fix: name the keysmap artifact, e.g."
                    + " -Dairlock.keysMap=org.simplify4u:pgp-keys-map:<version>");
        }
        Path file;
        try {
            file = system.resolveArtifact(session.getRepositorySession(), new ArtifactRequest(artifact,
                    project.getRemoteProjectRepositories(), "project")).getArtifact().getFile().toPath();
        } catch (ArtifactResolutionException e) {
            throw new MojoFailureException("[airlock] airlock.keysMap=" + coordinates + " cannot be resolved through the"
                    + " mirrors: " + dev.airlock.maven.BuildClosure.rootMessage(e) + ". Fix: check the coordinates, or"
                    + " have the mirror proxy it");
        }
        String name;
        String text;
        try {
            if (artifact.getExtension().equals("jar")) {
                String[] entry = onlyMapIn(file, coordinates);
                name = coordinates + " (" + entry[0] + ")";
                text = entry[1];
            } else {
                if (Files.size(file) > MAX_MAP_BYTES) {
                    throw new MojoFailureException("[airlock] airlock.keysMap=" + coordinates + " is larger than "
                            + MAX_MAP_BYTES + " bytes: not a keysmap");
                }
                name = coordinates;
                text = Files.readString(file, StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new MojoExecutionException("[airlock] cannot read the keysmap " + file + ": " + e.getMessage(), e);
        }
        GenericVersionScheme scheme = new GenericVersionScheme();
        try {
            return new KeysMapOpinions(KeysMap.parse(name, text, (a, b) -> compare(scheme, a, b)), name);
        } catch (KeysMapException e) {
            throw new MojoFailureException("[airlock] CONFIG_ERROR the keysmap " + e.getMessage());
        }
    }

    private static int compare(GenericVersionScheme scheme, String a, String b) {
        try {
            org.eclipse.aether.version.Version va = scheme.parseVersion(a);
            return va.compareTo(scheme.parseVersion(b));
        } catch (InvalidVersionSpecificationException e) { // the generic scheme accepts every string
            return a.compareTo(b);
        }
    }

    /** {name, text} of the one {@code .list} or {@code .map} file in the jar. */
    private static String[] onlyMapIn(Path jar, String coordinates) throws IOException, MojoFailureException {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            List<ZipEntry> maps = new ArrayList<>();
            for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements();) {
                ZipEntry z = e.nextElement();
                if (!z.isDirectory() && (z.getName().endsWith(".list") || z.getName().endsWith(".map"))) {
                    maps.add(z);
                }
            }
            if (maps.size() != 1) {
                throw new MojoFailureException("[airlock] airlock.keysMap=" + coordinates + ": the jar holds "
                        + maps.size() + " .list/.map files (" + maps.stream().map(ZipEntry::getName)
                                .collect(Collectors.joining(", ")) + "), not one. Fix: name a keysmap artifact");
            }
            try (InputStream in = zip.getInputStream(maps.get(0))) {
                byte[] b = in.readNBytes(MAX_MAP_BYTES + 1);
                if (b.length > MAX_MAP_BYTES) {
                    throw new MojoFailureException("[airlock] airlock.keysMap=" + coordinates + ": "
                            + maps.get(0).getName() + " is larger than " + MAX_MAP_BYTES + " bytes");
                }
                return new String[] {maps.get(0).getName(), new String(b, StandardCharsets.UTF_8)};
            }
        }
    }

    String describe() {
        return describe;
    }

    @Override
    public SecondOpinion signed(Coordinates c, String fingerprint) {
        return convert(map.opinion(c.groupId(), c.artifactId(), c.extension(), c.version(), fingerprint));
    }

    @Override
    public SecondOpinion unsigned(Coordinates c) {
        return convert(map.opinionUnsigned(c.groupId(), c.artifactId(), c.extension(), c.version()));
    }

    private static SecondOpinion convert(Opinion o) {
        String detail = o.lines().stream().map(Opinion.MapLine::toString).collect(Collectors.joining("; "));
        return new SecondOpinion(switch (o.verdict()) {
            case AGREES -> SecondOpinion.Verdict.AGREES;
            case DISAGREES -> SecondOpinion.Verdict.DISAGREES;
            case SILENT -> SecondOpinion.Verdict.SILENT;
        }, detail);
    }
}
