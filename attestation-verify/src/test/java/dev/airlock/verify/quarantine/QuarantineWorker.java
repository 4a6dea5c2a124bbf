package dev.airlock.verify.quarantine;

import java.nio.file.Path;

/** The second JVM of {@link QuarantineStoreTest#twoProcessesQuarantiningAtOnceLoseNothing}. */
public final class QuarantineWorker {
    private QuarantineWorker() {}

    public static void main(String[] args) throws Exception {
        Path store = Path.of(args[0]);
        // start together with the test's own JVM: announce readiness, then wait for the go
        java.nio.file.Files.createDirectories(store.getParent());
        java.nio.file.Files.writeString(store.resolveSibling("ready"), "ready");
        long deadline = System.currentTimeMillis() + 60_000;
        while (!java.nio.file.Files.exists(store.resolveSibling("go")) && System.currentTimeMillis() < deadline) {
            Thread.sleep(1);
        }
        run(store, Path.of(args[1]), args[2], Integer.parseInt(args[3]));
    }

    static void run(Path store, Path repository, String groupId, int count) throws Exception {
        QuarantineStore s = new QuarantineStore(store);
        for (int i = 0; i < count; i++) {
            Path f = repository.resolve(groupId.replace('.', '/')).resolve("lib" + i).resolve("1.0")
                    .resolve("lib" + i + "-1.0.jar");
            s.quarantine(f, QuarantineStoreTest.evidence(groupId + ":lib" + i + ":jar:1.0", null));
        }
    }
}
