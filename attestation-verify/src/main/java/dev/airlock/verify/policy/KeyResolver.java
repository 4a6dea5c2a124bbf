package dev.airlock.verify.policy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Finds the file a {@code cosign key=} value names, relative to the policy it appears in: next to a policy file on
 * disk, or next to a {@code classpath:} policy resource.
 */
public interface KeyResolver {

    /** What was found for a key path. */
    record Resolved(String display, byte[] content) {}

    /**
     * @param relativePath the {@code key=} value as written
     * @return the file's display name and content; content is null when there is no such file
     * @throws IOException when it exists but cannot be read
     */
    Resolved resolve(String relativePath) throws IOException;

    /** Key paths relative to a directory (the policy file's). Absolute paths are taken as they are. */
    static KeyResolver relativeTo(Path directory) {
        return relativePath -> {
            Path p = directory.resolve(relativePath).toAbsolutePath().normalize();
            try {
                if (Files.isDirectory(p)) {
                    throw new IOException(p + " is a directory");
                }
                return new Resolved(p.toString(), Files.readAllBytes(p));
            } catch (NoSuchFileException e) {
                return new Resolved(p.toString(), null);
            }
        };
    }

    /**
     * Key paths relative to a class-path resource (the policy's), e.g. policy {@code airlock/policy} and
     * {@code key=keys/acme.pub} give {@code airlock/keys/acme.pub}.
     */
    static KeyResolver classpath(ClassLoader loader, String policyResource) {
        String base = policyResource.startsWith("/") ? policyResource.substring(1) : policyResource;
        int slash = base.lastIndexOf('/');
        String dir = slash < 0 ? "" : base.substring(0, slash + 1);
        return relativePath -> {
            String name = resolveResource(dir, relativePath);
            if (name == null) {
                return new Resolved("classpath:" + dir + relativePath, null);
            }
            try (InputStream in = loader.getResourceAsStream(name)) {
                return new Resolved("classpath:" + name, in == null ? null : in.readAllBytes());
            }
        };
    }

    /** {@code dir} + {@code relative} with {@code .} and {@code ..} folded; null when it climbs above the root. */
    private static String resolveResource(String dir, String relative) {
        java.util.ArrayDeque<String> parts = new java.util.ArrayDeque<>();
        String whole = relative.startsWith("/") ? relative.substring(1) : dir + relative;
        for (String p : whole.replace('\\', '/').split("/")) {
            if (p.isEmpty() || p.equals(".")) {
                continue;
            }
            if (p.equals("..")) {
                if (parts.isEmpty()) {
                    return null;
                }
                parts.removeLast();
            } else {
                parts.addLast(p);
            }
        }
        return String.join("/", parts);
    }

    /** For policies without a location: every {@code cosign key=} line is an error saying so. */
    KeyResolver NONE = relativePath -> {
        throw new IOException("this policy has no location to resolve key files against");
    };
}
