package dev.airlock.plugin;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.airlock.verify.digest.DigestCache;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The goal runs the library's audit and fails where the command exits 1, stops where it exits 2. */
class AuditMojoTest {
    @TempDir
    Path tmp;

    private AuditMojo mojo(Path repo, Path lock) {
        AuditMojo m = new AuditMojo();
        m.dir = repo.toFile();
        m.lock = lock == null ? null : lock.toFile();
        return m;
    }

    private Path repo() throws Exception {
        Path repo = tmp.resolve("repo");
        Path a = repo.resolve("com/acme/a/1.0/a-1.0.jar");
        Files.createDirectories(a.getParent());
        Files.writeString(a, "a");
        Path b = repo.resolve("com/acme/b/1.0/b-1.0.jar");
        Files.createDirectories(b.getParent());
        Files.writeString(b, "b");
        return repo;
    }

    private Path lock(String bOf) throws Exception {
        Path lock = tmp.resolve("airlock.lock");
        Files.writeString(lock, DigestCache.sha256("a".getBytes(StandardCharsets.UTF_8)) + "  com.acme:a:jar:1.0\n"
                + (bOf == null ? "" : DigestCache.sha256(bOf.getBytes(StandardCharsets.UTF_8))
                        + "  com.acme:b:jar:1.0\n"));
        return lock;
    }

    @Test
    void aDriftedFileFailsTheBuild() throws Exception {
        AuditMojo m = mojo(repo(), lock("b, as recorded"));
        MojoFailureException e = assertThrows(MojoFailureException.class, m::execute);
        assertTrue(e.getMessage().contains("LOCK_HASH_MISMATCH com.acme:b:jar:1.0"), e.getMessage());
    }

    @Test
    void aFileNotInTheLockFailsOnlyAStrictAudit() throws Exception {
        Path repo = repo();
        Path lock = lock(null);
        assertDoesNotThrow(mojo(repo, lock)::execute);
        AuditMojo strict = mojo(repo, lock);
        strict.strict = true;
        strict.reportDir = tmp.resolve("reports").toFile();
        MojoFailureException e = assertThrows(MojoFailureException.class, strict::execute);
        assertTrue(e.getMessage().contains("NOT_IN_LOCK com.acme:b:jar:1.0"), e.getMessage());
        assertTrue(Files.isRegularFile(tmp.resolve("reports/report.sarif")));
    }

    @Test
    void aMalformedLockStopsTheBuildNamingIt() throws Exception {
        Path lock = tmp.resolve("airlock.lock");
        Files.writeString(lock, "garbage\n");
        MojoExecutionException e = assertThrows(MojoExecutionException.class, mojo(repo(), lock)::execute);
        assertTrue(e.getMessage().contains(lock + ":1"), e.getMessage());
    }
}
