package dev.airlock.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Makes the jars of fixture artifacts, so scenarios keep only text in the repository: {@code X.jar.txt} becomes
 * {@code X.jar}, a real (deterministic) jar whose {@code fixture.txt} holds that text. Two fixtures that differ in
 * their text (an internal artifact and its look-alike) differ in bytes and hashes.
 */
public final class FixtureJars {
    private static final long FIXED_TIME = 1577836800000L; // 2020-01-01T00:00:00Z

    private FixtureJars() {}

    /** Turns every {@code *.jar.txt} under {@code dir} into its jar (and deletes the text). */
    public static void materialise(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        List<Path> texts;
        try (Stream<Path> s = Files.walk(dir)) {
            texts = s.filter(p -> p.getFileName().toString().endsWith(".jar.txt")).toList();
        }
        for (Path text : texts) {
            String name = text.getFileName().toString();
            Path jar = text.resolveSibling(name.substring(0, name.length() - ".txt".length()));
            Files.write(jar, jar(Files.readString(text, StandardCharsets.UTF_8)));
            Files.delete(text);
        }
    }

    public static byte[] jar(String content) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            put(zip, "META-INF/MANIFEST.MF", "Manifest-Version: 1.0\r\nCreated-By: airlock-its\r\n\r\n");
            put(zip, "fixture.txt", content);
        }
        return bytes.toByteArray();
    }

    private static void put(ZipOutputStream zip, String name, String content) throws IOException {
        ZipEntry e = new ZipEntry(name);
        e.setTime(FIXED_TIME);
        zip.putNextEntry(e);
        zip.write(content.getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
    }
}
