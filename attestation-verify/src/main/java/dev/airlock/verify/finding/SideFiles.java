package dev.airlock.verify.finding;

import java.util.List;
import java.util.Locale;

/**
 * The optional files published next to an artifact: signatures ({@code .asc}, {@code .sig}), Sigstore bundles
 * ({@code .sigstore.json}), provenance ({@code -jar.build.slsa}, {@code .intoto.jsonl}) and checksums. One list for the
 * extension (a side file missing from the mirrors is never an error, and never needs a lock entry), the rules (which
 * verify side files against what they sign, never as artifacts) and {@code record} (which never locks one).
 */
public final class SideFiles {
    private SideFiles() {}

    /** Endings of an artifact extension that make it a side file ({@code jar.asc}, {@code pom.sigstore.json}, {@code slsa}). */
    public static final List<String> SUFFIXES = List.of(".asc", ".sig", ".sigstore.json", ".sigstore", ".slsa",
            ".intoto.jsonl", ".intoto", ".md5", ".sha1", ".sha256", ".sha512");

    /** True when an artifact of this extension is a side file. */
    public static boolean isSideFile(String extension) {
        if (extension == null || extension.isEmpty()) {
            return false;
        }
        String e = "." + extension.toLowerCase(Locale.ROOT);
        return SUFFIXES.stream().anyMatch(e::endsWith);
    }

    /** True when these coordinates name a side file. */
    public static boolean isSideFile(Coordinates c) {
        return isSideFile(c.extension());
    }
}
