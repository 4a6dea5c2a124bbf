package dev.airlock.verify.sbom;

import org.spdx.library.SpdxModelFactory;

/**
 * One-time set-up of spdx-java-library, thread-safe (class initialisation).
 *
 * <p>Offline: the library downloads the SPDX license list unless {@code org.spdx.useJARLicenseInfoOnly} is true.
 * Its {@code org.spdx.Configuration} reads that key from a system property first, then from the class-path resource
 * {@code /resources/spdx-java-library.properties} (loaded through the library's own class loader, which in a Maven
 * plugin realm also sees this jar). This library ships that resource with the key set to true and the download
 * cache off, so no JVM-global system property is set. A user who sets the system property to false on purpose
 * overrides it: that is the library's precedence and documented in docs/sbom.md.
 *
 * <p>Static state: the library keeps singletons ({@code DefaultModelStore}, the model registry, the listed
 * licenses). {@link SpdxModelFactory#init()} is guarded by the library's own lock; each parse and each write uses a
 * fresh in-memory store of its own, so parses and writes may run concurrently.
 */
final class SpdxLibrary {
    private SpdxLibrary() {}

    private static final class Holder {
        static {
            SpdxModelFactory.init();
        }

        static void touch() {
            // class initialisation did the work
        }
    }

    static void init() {
        Holder.touch();
    }
}
