package dev.airlock.it;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Builds the real plugins the scenarios use ({@code src/it/_fixtures/plugins/<name>/}: {@code pom.xml},
 * {@code plugin.xml}, {@code src/}) into a repository folder: compiled with the JDK's compiler against the
 * maven-plugin-api on the test class path, packed into a deterministic jar (fixed entry times, sorted entries), so
 * the same sources give the same bytes.
 */
public final class PluginFixtures {
    private static final long FIXED_TIME = 1577836800000L;
    private static final Map<Path, byte[]> JARS = new ConcurrentHashMap<>();

    private PluginFixtures() {}

    /** Builds every plugin under {@code pluginsDir} into {@code repository} (Maven layout). */
    public static void buildAll(Path pluginsDir, Path repository) throws IOException {
        if (!Files.isDirectory(pluginsDir)) {
            return;
        }
        try (Stream<Path> s = Files.list(pluginsDir)) {
            for (Path p : s.filter(Files::isDirectory).sorted().toList()) {
                build(p, repository);
            }
        }
    }

    static void build(Path source, Path repository) throws IOException {
        String pom = Files.readString(source.resolve("pom.xml"), StandardCharsets.UTF_8);
        String g = tag(pom, "groupId");
        String a = tag(pom, "artifactId");
        String v = tag(pom, "version");
        Path dir = repository.resolve(g.replace('.', '/')).resolve(a).resolve(v);
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(a + "-" + v + ".pom"), pom, StandardCharsets.UTF_8);
        byte[] jar = JARS.computeIfAbsent(source.toAbsolutePath().normalize(), PluginFixtures::compile);
        Files.write(dir.resolve(a + "-" + v + ".jar"), jar);
    }

    private static String tag(String xml, String name) {
        int i = xml.indexOf("<" + name + ">");
        int j = xml.indexOf("</" + name + ">", i);
        return xml.substring(i + name.length() + 2, j).trim();
    }

    private static byte[] compile(Path source) {
        try {
            Path out = Files.createTempDirectory("it-plugin-classes");
            List<String> files = new ArrayList<>();
            try (Stream<Path> s = Files.walk(source.resolve("src"))) {
                s.filter(p -> p.toString().endsWith(".java")).forEach(p -> files.add(p.toString()));
            }
            String api = jarOf(org.apache.maven.plugin.AbstractMojo.class);
            JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
            List<String> args = new ArrayList<>(List.of("--release", "17", "-nowarn", "-cp", api, "-d", out.toString()));
            args.addAll(files);
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int rc = javac.run(null, null, err, args.toArray(String[]::new));
            if (rc != 0) {
                throw new IllegalStateException("cannot compile " + source + ": " + err);
            }
            Map<String, byte[]> entries = new TreeMap<>();
            entries.put("META-INF/MANIFEST.MF", "Manifest-Version: 1.0\r\nCreated-By: airlock-its\r\n\r\n"
                    .getBytes(StandardCharsets.UTF_8));
            entries.put("META-INF/maven/plugin.xml", Files.readAllBytes(source.resolve("plugin.xml")));
            try (Stream<Path> s = Files.walk(out)) {
                for (Path c : s.filter(Files::isRegularFile).toList()) {
                    entries.put(out.relativize(c).toString().replace(File.separatorChar, '/'), Files.readAllBytes(c));
                }
            }
            ScenarioRun.deleteTree(out);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
                for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                    ZipEntry z = new ZipEntry(e.getKey());
                    z.setTime(FIXED_TIME);
                    zip.putNextEntry(z);
                    zip.write(e.getValue());
                    zip.closeEntry();
                }
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The jar a class was loaded from (works under failsafe and under exec:java, whose class path differs). */
    private static String jarOf(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (java.net.URISyntaxException | RuntimeException e) {
            return classPathEntry("maven-plugin-api");
        }
    }

    private static String classPathEntry(String fragment) {
        for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (Path.of(e).getFileName().toString().startsWith(fragment)) {
                return e;
            }
        }
        throw new IllegalStateException(fragment + " is not on the test class path");
    }
}
