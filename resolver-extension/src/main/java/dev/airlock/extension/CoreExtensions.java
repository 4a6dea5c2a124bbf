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

    static List<Jar> jars(ClassLoader loader, Path localRepository) {
        if (!(loader instanceof ClassRealm realm) || localRepository == null) {
            return List.of();
        }
        Path repo = localRepository.toAbsolutePath().normalize();
        Map<String, Jar> out = new TreeMap<>();
        for (ClassRealm r : realm.getWorld().getRealms()) {
            if (!r.getId().startsWith("coreExtension>")) {
                continue;
            }
            for (URL url : r.getURLs()) {
                Path file;
                try {
                    file = Path.of(url.toURI()).toAbsolutePath().normalize();
                } catch (URISyntaxException | IllegalArgumentException e) {
                    continue;
                }
                if (!file.startsWith(repo) || !Files.isRegularFile(file)) {
                    continue;
                }
                String coords = coordinates(repo.relativize(file));
                if (coords != null) {
                    out.put(coords, new Jar(coords, file));
                }
            }
        }
        return new ArrayList<>(out.values());
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
