package dev.airlock.verify.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The real public test data in the repository's {@code fixtures/} (Sigstore trusted root, Maven Central bundles, the
 * Sigstore conformance cases, slsa-verifier provenance; {@code fixtures/README.md} names each source). Its location comes from the system property
 * {@code airlock.fixtures} that this module's POM sets for surefire. A test that needs it fails when it is absent: a
 * verification test that silently skips would report a check it never made.
 */
public final class Fixtures {
    private Fixtures() {}

    public static Path dir() {
        String p = System.getProperty("airlock.fixtures");
        if (p == null || p.isBlank()) {
            throw new IllegalStateException("system property airlock.fixtures is not set (surefire sets it from"
                    + " attestation-verify/pom.xml)");
        }
        Path dir = Path.of(p).toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("the test fixtures are not at " + dir + ": they are part of the"
                    + " repository (fixtures/ at its root); restore them with git checkout -- fixtures");
        }
        return dir;
    }

    /** A path inside the fixtures, which must exist. */
    public static Path file(String relative) {
        Path f = dir().resolve(relative);
        if (!Files.exists(f)) {
            throw new IllegalStateException("missing fixture " + f);
        }
        return f;
    }
}
