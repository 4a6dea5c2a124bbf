package dev.airlock.rules;

import dev.airlock.verify.digest.Digests;
import dev.airlock.verify.digest.HashAlgorithm;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * SHA-256 of resolved files for the signature and provenance rules, through the one digest cache every rule of every
 * module shares ({@link Digests#shared()}): each file is read once per build, whichever rule asks first.
 */
final class Hashes {
    private Hashes() {}

    static String sha256(Path file) {
        try {
            return Digests.shared().digest(file, HashAlgorithm.SHA256);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot hash " + file, e);
        }
    }
}
