package dev.airlock.extension;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the local repository's origin record ({@code _remote.repositories}, written by the resolver's enhanced
 * local repository manager: one {@code file>repositoryId=} line per repository a file was downloaded from,
 * {@code file>=} for a file installed locally). The resolver calls the format internal; Airlock only reads it,
 * to tell an installed file from an untracked one and to name where a cached file came from.
 */
final class LocalOrigins {
    private LocalOrigins() {}

    enum Kind {
        /** Installed by {@code mvn install} (or the like) into this local repository. */
        INSTALLED,
        /** No origin record at all: copied in by hand, or by a tool that bypasses the resolver. */
        UNTRACKED,
        /** Downloaded earlier from a remote repository (named by id only: the record keeps no URL). */
        CACHED
    }

    record Origin(Kind kind, List<String> repositoryIds) {
        String describe() {
            return switch (kind) {
                case INSTALLED -> "installed locally (origin record '>=')";
                case UNTRACKED -> "untracked (no origin record in _remote.repositories)";
                case CACHED -> "cached from a repository with id " + String.join(", ", repositoryIds);
            };
        }

        String id() {
            return switch (kind) {
                case INSTALLED -> "installed";
                case UNTRACKED -> "untracked";
                case CACHED -> "cached:" + String.join(",", repositoryIds);
            };
        }
    }

    static Origin of(Path file) {
        Path record = file.getParent() == null ? null : file.getParent().resolve("_remote.repositories");
        if (record == null || !Files.isRegularFile(record)) {
            return new Origin(Kind.UNTRACKED, List.of());
        }
        String name = file.getFileName().toString() + ">";
        List<String> ids = new ArrayList<>();
        boolean installed = false;
        try {
            for (String line : Files.readAllLines(record, StandardCharsets.UTF_8)) {
                if (line.startsWith(name) && line.endsWith("=")) {
                    String id = line.substring(name.length(), line.length() - 1);
                    if (id.isEmpty()) {
                        installed = true;
                    } else {
                        ids.add(id);
                    }
                }
            }
        } catch (IOException e) {
            return new Origin(Kind.UNTRACKED, List.of());
        }
        if (installed) {
            return new Origin(Kind.INSTALLED, List.of());
        }
        return ids.isEmpty() ? new Origin(Kind.UNTRACKED, List.of()) : new Origin(Kind.CACHED, ids);
    }
}
