package dev.airlock.verify.slsa;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.airlock.verify.sigstore.InTotoStatement;
import java.io.IOException;
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
            for (ProvenanceVerifier.Entry e : ProvenanceVerifier.entries(f.toString(), content)) {
                for (String sha : subjects(e.json())) {
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
            for (InTotoStatement.Subject s : InTotoStatement.parse(payload).subjects()) {
                if (s.sha256() != null) {
                    out.add(s.sha256());
                }
            }
        } catch (RuntimeException e) {
            // not an in-toto statement: nothing to index
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
