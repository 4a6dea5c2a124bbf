package dev.airlock.verify.audit;

import dev.airlock.verify.finding.Coordinates;
import dev.airlock.verify.finding.SideFiles;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads a directory in the Maven repository layout (a local repository, or a directory of a mirror):
 * {@code <groupId as path>/<artifactId>/<version>/<artifactId>-<version>[-<classifier>].<extension>}. Every regular
 * file is sorted into an artifact, a side file ({@link SideFiles}: signatures, provenance, checksums), repository
 * bookkeeping (metadata, {@code _remote.repositories}, {@code *.lastUpdated}, resolver locks and partial downloads) or
 * a file outside the layout. Symbolic links below the directory are not followed: each is a file outside the layout
 * (an audit reads what is there, not what a link points to); the directory itself may be one.
 */
public final class RepositoryLayout {
    private static final Pattern TIMESTAMP = Pattern.compile("[0-9]{8}\\.[0-9]{6}-[0-9]+");

    /** What a file of the directory is. */
    public enum Kind {
        ARTIFACT,
        SIDE_FILE,
        METADATA,
        UNKNOWN
    }

    /**
     * One file.
     *
     * @param file the absolute path
     * @param relative the path below the directory, with {@code /}
     * @param coordinates the coordinates of an artifact or side file; null for metadata and unknown files
     * @param reason why an unknown file is not an artifact of the layout; null otherwise
     */
    public record Entry(Path file, String relative, Kind kind, Coordinates coordinates, String reason) {}

    private RepositoryLayout() {}

    /**
     * Every regular file under {@code dir}, in path order.
     *
     * @param known coordinates whose file names are taken as given (a lock's): they settle what the layout leaves
     *     ambiguous, a classifier with a dot in it
     */
    public static List<Entry> scan(Path dir, Collection<Coordinates> known) throws IOException {
        Path root = dir.toRealPath(); // a link to the repository is followed, links inside it are not
        Map<String, Coordinates> byPath = new HashMap<>();
        for (Coordinates c : known) {
            byPath.put(relativePath(c), c);
        }
        List<Path> files = new ArrayList<>();
        List<Path> links = new ArrayList<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
                // resolver's named locks (.locks) and other hidden folders are never artifacts
                return !d.equals(root) && d.getFileName().toString().startsWith(".") ? FileVisitResult.SKIP_SUBTREE
                        : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) {
                if (attrs.isRegularFile()) {
                    files.add(f);
                } else if (attrs.isSymbolicLink()) {
                    links.add(f);
                }
                return FileVisitResult.CONTINUE;
            }
        });
        files.addAll(links);
        files.sort(null);
        List<Entry> out = new ArrayList<>(files.size());
        for (Path f : files) {
            out.add(Files.isSymbolicLink(f) ? unknown(f, root.relativize(f).toString().replace('\\', '/'),
                    "a symbolic link (to " + Files.readSymbolicLink(f) + "), not followed")
                    : classify(root, f, byPath));
        }
        return out;
    }

    /** {@code <groupId as path>/<artifactId>/<base version>/<file name>} of these coordinates. */
    public static String relativePath(Coordinates c) {
        return c.groupId().replace('.', '/') + '/' + c.artifactId() + '/' + baseVersion(c.version()) + '/'
                + fileName(c);
    }

    /** {@code <artifactId>-<version>[-<classifier>].<extension>}. */
    public static String fileName(Coordinates c) {
        return c.artifactId() + '-' + c.version() + (c.classifier().isEmpty() ? "" : '-' + c.classifier()) + '.'
                + c.extension();
    }

    /** A timestamped snapshot version ({@code 1.0-20240101.101010-3}) as its folder names it ({@code 1.0-SNAPSHOT}). */
    static String baseVersion(String version) {
        int dash = version.lastIndexOf('-', version.lastIndexOf('-') - 1);
        if (dash > 0 && TIMESTAMP.matcher(version.substring(dash + 1)).matches()) {
            return version.substring(0, dash) + "-SNAPSHOT";
        }
        return version;
    }

    /** True for repository bookkeeping that is never an artifact. */
    static boolean isMetadata(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.equals("_remote.repositories") || n.equals("_maven.repositories")
                || n.equals("resolver-status.properties") || n.startsWith("maven-metadata")
                || n.endsWith(".lastupdated") || n.endsWith(".part") || n.endsWith(".lock")
                || n.startsWith(".");
    }

    private static Entry classify(Path root, Path f, Map<String, Coordinates> byPath) {
        String rel = root.relativize(f).toString().replace('\\', '/');
        String name = f.getFileName().toString();
        if (isMetadata(name)) {
            return new Entry(f, rel, Kind.METADATA, null, null);
        }
        Coordinates given = byPath.get(rel);
        if (given != null) {
            return new Entry(f, rel, kindOf(given), given, null);
        }
        String[] parts = rel.split("/");
        if (parts.length < 4) {
            return unknown(f, rel, "not in a <groupId>/<artifactId>/<version>/ folder");
        }
        String version = parts[parts.length - 2];
        String artifactId = parts[parts.length - 3];
        String groupId = String.join(".", java.util.Arrays.copyOf(parts, parts.length - 3));
        String prefix = artifactId + '-' + version;
        String fileVersion = version;
        String rest;
        if (name.startsWith(prefix) && name.length() > prefix.length()
                && (name.charAt(prefix.length()) == '.' || name.charAt(prefix.length()) == '-')) {
            rest = name.substring(prefix.length());
        } else if (version.endsWith("-SNAPSHOT") && name.startsWith(artifactId + '-'
                + version.substring(0, version.length() - "SNAPSHOT".length()))) {
            String after = name.substring(artifactId.length() + 1 + version.length() - "SNAPSHOT".length());
            java.util.regex.Matcher m = Pattern.compile("^([0-9]{8}\\.[0-9]{6}-[0-9]+)([.-].*)$").matcher(after);
            if (!m.matches()) {
                return unknown(f, rel, "its name does not start with " + prefix);
            }
            fileVersion = version.substring(0, version.length() - "SNAPSHOT".length()) + m.group(1);
            rest = m.group(2);
        } else {
            return unknown(f, rel, "its name does not start with " + prefix + " (the folder's artifactId and"
                    + " version)");
        }
        String classifier = null;
        String extension;
        if (rest.charAt(0) == '.') {
            extension = rest.substring(1);
        } else {
            int dot = rest.indexOf('.');
            if (dot < 0) {
                return unknown(f, rel, "its name has no extension");
            }
            classifier = rest.substring(1, dot);
            extension = rest.substring(dot + 1);
        }
        Coordinates c;
        try {
            c = new Coordinates(groupId, artifactId, extension, classifier, fileVersion);
        } catch (IllegalArgumentException e) {
            return unknown(f, rel, "its path does not make Maven coordinates: " + e.getMessage());
        }
        return new Entry(f, rel, kindOf(c), c, null);
    }

    private static Kind kindOf(Coordinates c) {
        return SideFiles.isSideFile(c) ? Kind.SIDE_FILE : Kind.ARTIFACT;
    }

    private static Entry unknown(Path f, String rel, String reason) {
        return new Entry(f, rel, Kind.UNKNOWN, null, reason);
    }
}
