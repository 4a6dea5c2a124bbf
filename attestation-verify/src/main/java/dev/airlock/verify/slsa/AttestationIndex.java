package dev.airlock.verify.slsa;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Finds, in a directory of attestations ({@code <attestations>} of {@code verifyProvenance}), the files whose
 * in-toto statements name a given SHA-256 as a subject. It reads the statements without verifying anything: it only
 * says where to look; {@link ProvenanceVerifier} then verifies what it found. Built once per build (one pass over the
 * directory); thread-safe after that.
 *
 * <p>Files considered: names ending in {@code .intoto.jsonl}, {@code .jsonl}, {@code .build.slsa}, {@code .slsa},
 * {@code .sigstore.json}, {@code .sigstore} or {@code .json}, at most {@value #MAX_FILE} bytes, in the directory and
 * below. Files that are no attestation are skipped (and listed in {@link #skipped()}).
 *
 * <p>The index reads leniently on purpose (Gson's lenient mode, JSON Lines as a fallback, subjects without checking
 * their digests): it decides nothing, and a file that names the artifact but is not strict JSON must still be found,
 * so that {@link ProvenanceVerifier}, which reads strictly, reports it as malformed instead of the artifact being
 * reported as having no provenance (which a {@code noprovenance} line could waive).
 */
public final class AttestationIndex {
    static final long MAX_FILE = 64L * 1024 * 1024;
    private static final List<String> SUFFIXES = List.of(".intoto.jsonl", ".jsonl", ".build.slsa", ".slsa",
            ".sigstore.json", ".sigstore", ".json");

    private final Path dir;
    private final Map<String, Set<Path>> bySha256;
    private final List<String> skipped;

    private AttestationIndex(Path dir, Map<String, Set<Path>> bySha256, List<String> skipped) {
        this.dir = dir;
        this.bySha256 = bySha256;
        this.skipped = List.copyOf(skipped);
    }

    /**
     * Reads every attestation under {@code dir}.
     *
     * @throws IOException when the directory cannot be listed (the rule reports it as a configuration error)
     */
    public static AttestationIndex scan(Path dir) throws IOException {
        Map<String, Set<Path>> index = new LinkedHashMap<>();
        List<String> skipped = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
                if (attrs.isRegularFile() && SUFFIXES.stream().anyMatch(name::endsWith)) {
                    if (attrs.size() > MAX_FILE) {
                        skipped.add(file + ": larger than " + MAX_FILE + " bytes");
                    } else {
                        files.add(file);
                    }
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException exc) {
                skipped.add(file + ": " + exc.getMessage());
                return FileVisitResult.CONTINUE;
            }
        });
        Collections.sort(files);
        for (Path f : files) {
            byte[] content;
            try {
                content = Files.readAllBytes(f);
            } catch (IOException e) {
                skipped.add(f + ": cannot be read (" + e.getMessage() + ")");
                continue;
            }
            int found = 0;
            for (JsonElement e : lenientDocuments(content)) {
                for (String sha : subjects(e)) {
                    index.computeIfAbsent(sha, k -> new LinkedHashSet<>()).add(f);
                    found++;
                }
            }
            if (found == 0) {
                skipped.add(f + ": no in-toto statement with a sha256 subject");
            }
        }
        return new AttestationIndex(dir, index, skipped);
    }

    /** The sha256 subjects of a bundle's or bare envelope's statement; empty when it is neither. */
    private static Set<String> subjects(JsonElement json) {
        Set<String> out = new LinkedHashSet<>();
        if (json == null || !json.isJsonObject()) {
            return out;
        }
        JsonObject o = json.getAsJsonObject();
        JsonElement env = o.has("dsseEnvelope") ? o.get("dsseEnvelope") : o;
        if (!env.isJsonObject() || !env.getAsJsonObject().has("payload")) {
            return out;
        }
        try {
            byte[] payload = Base64.getDecoder().decode(env.getAsJsonObject().get("payload").getAsString());
            JsonElement st = JsonParser.parseString(new String(payload, StandardCharsets.UTF_8));
            for (JsonElement s : st.getAsJsonObject().getAsJsonArray("subject")) {
                JsonElement sha = s.getAsJsonObject().getAsJsonObject("digest").get("sha256");
                if (sha != null && sha.isJsonPrimitive()) {
                    out.add(sha.getAsString().toLowerCase(Locale.ROOT));
                }
            }
        } catch (RuntimeException | StackOverflowError e) {
            // not an in-toto statement (or not one that names subjects this way): nothing more to index
        }
        return out;
    }

    /** The JSON documents of a file, read leniently: the whole file when Gson reads it as one, else its lines. */
    private static List<JsonElement> lenientDocuments(byte[] content) {
        String text = new String(content, StandardCharsets.UTF_8);
        List<JsonElement> out = new ArrayList<>();
        try {
            JsonElement whole = JsonParser.parseString(text);
            if (whole != null && !whole.isJsonNull()) {
                out.add(whole);
                return out;
            }
        } catch (RuntimeException | StackOverflowError e) {
            // not one document: try JSON Lines
        }
        for (String line : text.split("\\r?\\n")) {
            if (line.isBlank()) {
                continue;
            }
            try {
                out.add(JsonParser.parseString(line));
            } catch (RuntimeException | StackOverflowError e) {
                // not JSON: nothing to index on this line
            }
        }
        return out;
    }

    /** The files naming {@code sha256} (hex) as a subject, in path order; empty when none. */
    public List<Path> find(String sha256) {
        Set<Path> s = bySha256.get(sha256.toLowerCase(Locale.ROOT));
        return s == null ? List.of() : List.copyOf(s);
    }

    public Path dir() {
        return dir;
    }

    /** Number of distinct subject digests indexed. */
    public int size() {
        return bySha256.size();
    }

    /** Files looked at and not indexed, with why. */
    public List<String> skipped() {
        return skipped;
    }

    @Override
    public String toString() {
        return "AttestationIndex[" + dir + ", " + bySha256.size() + " digests]";
    }
}
