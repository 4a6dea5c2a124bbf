package dev.airlock.extension;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.codehaus.plexus.classworlds.realm.ClassRealm;

/**
 * The jars of the core extensions ({@code .mvn/extensions.xml}, Maven 4's user and installation
 * {@code extensions.xml}): Maven resolves and loads them before any extension exists, so no resolver hook ever sees
 * them. Their class realms ({@code coreExtension>groupId:artifactId:version}) still name their jars; jars inside the
 * local repository are identified by its layout.
 */
final class CoreExtensions {
    private CoreExtensions() {}

    /** A jar of a core extension: its coordinates and file. */
    record Jar(String coordinates, Path file) {}

    /** A class-path entry of a core extension's realm that cannot be mapped to a jar of the local repository. */
    record Unmapped(String realm, String entry, String reason) {}

    /** The jars found, and the entries that could not be mapped (each a check that could not run). */
    record Scan(List<Jar> jars, List<Unmapped> unmapped) {}

    static List<Jar> jars(ClassLoader loader, Path localRepository) {
        return scan(loader, localRepository).jars();
    }

    static Scan scan(ClassLoader loader, Path localRepository) {
        if (!(loader instanceof ClassRealm realm) || localRepository == null) {
            return new Scan(List.of(), List.of());
        }
        Path repo = localRepository.toAbsolutePath().normalize();
        Map<String, Jar> out = new TreeMap<>();
        List<Unmapped> unmapped = new ArrayList<>();
        for (ClassRealm r : realm.getWorld().getRealms()) {
            if (!r.getId().startsWith("coreExtension>")) {
                continue;
            }
            for (URL url : r.getURLs()) {
                Path file;
                try {
                    file = Path.of(url.toURI()).toAbsolutePath().normalize();
                } catch (URISyntaxException | IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
                    unmapped.add(new Unmapped(r.getId(), String.valueOf(url), "not a file URL (" + e.getMessage() + ")"));
                    continue;
                }
                String why = unmappable(file, repo);
                if (why != null) {
                    unmapped.add(new Unmapped(r.getId(), file.toString(), why));
                    continue;
                }
                String coords = coordinates(repo.relativize(file));
                out.put(coords, new Jar(coords, file));
            }
        }
        return new Scan(new ArrayList<>(out.values()), unmapped);
    }

    /** Why {@code file} is not a jar of the local repository {@code repo} that can be named, or null when it is. */
    static String unmappable(Path file, Path repo) {
        if (!file.startsWith(repo)) {
            return "outside the local repository " + repo;
        }
        if (!Files.isRegularFile(file)) {
            return Files.exists(file) ? "not a regular file" : "no such file";
        }
        if (coordinates(repo.relativize(file)) == null) {
            return "its path does not follow the repository layout (group/artifact/version/artifact-version.ext)";
        }
        return null;
    }

    /** {@code g/r/o/u/p/artifact/version/artifact-version[-classifier].ext} to coordinates, or null. */
    static String coordinates(Path relative) {
        int n = relative.getNameCount();
        if (n < 4) {
            return null;
        }
        String file = relative.getName(n - 1).toString();
        String version = relative.getName(n - 2).toString();
        String artifactId = relative.getName(n - 3).toString();
        StringBuilder group = new StringBuilder();
        for (int i = 0; i < n - 3; i++) {
            if (i > 0) {
                group.append('.');
            }
            group.append(relative.getName(i));
        }
        String prefix = artifactId + "-" + version;
        if (!file.startsWith(prefix) || file.lastIndexOf('.') <= prefix.length() - 1) {
            return null;
        }
        String rest = file.substring(prefix.length());
        int dot = rest.lastIndexOf('.');
        String ext = rest.substring(dot + 1);
        String classifier = "";
        if (rest.startsWith("-") && dot > 1) {
            classifier = rest.substring(1, dot);
        } else if (dot != 0) {
            return null;
        }
        return group + ":" + artifactId + ":" + ext + (classifier.isEmpty() ? "" : ":" + classifier) + ":" + version;
    }
}
