package dev.airlock.verify.check;

import java.util.function.Supplier;

/**
 * An artifact's digest for one check, computed on the first ask and then kept: the signature and provenance checks
 * need it only for some signatures and for findings. Not thread-safe: one per artifact's check.
 */
final class LazyDigest {
    private final Supplier<String> supplier;
    private String value;

    LazyDigest(Supplier<String> supplier) {
        this.supplier = supplier;
    }

    String get() {
        if (value == null) {
            value = supplier.get();
        }
        return value;
    }
}
