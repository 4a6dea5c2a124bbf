package dev.airlock.verify.digest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DigestsTest {
    @TempDir
    Path dir;

    // FIPS 180 / FIPS 202 test vectors for "abc"
    private static final Map<HashAlgorithm, String> ABC = Map.of(
            HashAlgorithm.SHA1, "a9993e364706816aba3e25717850c26c9cd0d89d",
            HashAlgorithm.SHA256, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
            HashAlgorithm.SHA384, "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7",
            HashAlgorithm.SHA512, "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f",
            HashAlgorithm.SHA3_256, "3a985da74fe225b2045c172d6bd390bd855f086e3e9d525b46bfe24511431532");

    @Test
    void everyAlgorithmInOneRead() throws Exception {
        Path f = dir.resolve("abc");
        Files.writeString(f, "abc");
        Digests d = new Digests(100);
        Map<HashAlgorithm, String> all = d.digests(f, ABC.keySet());
        assertEquals(ABC, all);
        assertEquals(1, d.filesRead());
        assertEquals(3, d.bytesRead());
        assertEquals(ABC, Digests.compute(new ByteArrayInputStream("abc".getBytes(StandardCharsets.US_ASCII)),
                ABC.keySet()));
    }

    @Test
    void onlyWhatIsAskedIsComputedAndEachFileIsReadOnce() throws Exception {
        Path f = dir.resolve("a.jar");
        Files.writeString(f, "abc");
        Digests d = new Digests(100);
        assertEquals(Set.of(HashAlgorithm.SHA512), d.digests(f, EnumSet.of(HashAlgorithm.SHA512)).keySet());
        assertEquals(ABC.get(HashAlgorithm.SHA512), d.digest(f, HashAlgorithm.SHA512));
        assertEquals(1, d.filesRead());
        // another path to the same file (a symbolic link): device and inode are the key
        Path link = Files.createSymbolicLink(dir.resolve("link.jar"), f);
        assertEquals(ABC.get(HashAlgorithm.SHA512), d.digest(link, HashAlgorithm.SHA512));
        assertEquals(1, d.filesRead());
        // a new algorithm: one more read, for that algorithm only
        assertEquals(ABC.get(HashAlgorithm.SHA256), d.digest(f, HashAlgorithm.SHA256));
        assertEquals(2, d.filesRead());
        assertEquals(ABC.get(HashAlgorithm.SHA256), d.digest(link, HashAlgorithm.SHA256));
        assertEquals(2, d.filesRead());
    }

    @Test
    void aChangedFileIsReadAgain() throws Exception {
        Path f = dir.resolve("a.jar");
        Files.writeString(f, "abc");
        Digests d = new Digests(100);
        String first = d.digest(f, HashAlgorithm.SHA256);
        Files.writeString(f, "abd");
        Files.setLastModifiedTime(f, FileTime.fromMillis(Files.getLastModifiedTime(f).toMillis() + 5000));
        assertNotEquals(first, d.digest(f, HashAlgorithm.SHA256));
        assertEquals(2, d.filesRead());
    }

    @Test
    void aFileRewrittenWithItsSizeAndModificationTimePutBackIsReadAgain() throws Exception {
        Path f = dir.resolve("a.jar");
        Files.writeString(f, "abc");
        FileTime mtime = Files.getLastModifiedTime(f);
        Digests d = new Digests(100);
        assertEquals(ABC.get(HashAlgorithm.SHA512), d.digest(f, HashAlgorithm.SHA512));
        Thread.sleep(20); // a later ctime even on coarse clocks
        Files.writeString(f, "abd"); // same size
        Files.setLastModifiedTime(f, mtime); // and the mtime put back: only ctime (and here the content) differ
        assertEquals(mtime, Files.getLastModifiedTime(f));
        assertNotEquals(ABC.get(HashAlgorithm.SHA512), d.digest(f, HashAlgorithm.SHA512));
        assertEquals(2, d.filesRead());
        // replaced by a new file (new inode) with the old content, size and mtime: read again too
        Path tmp = dir.resolve("a.jar.tmp");
        Files.writeString(tmp, "abc");
        Files.setLastModifiedTime(tmp, mtime);
        Files.move(tmp, f, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertEquals(ABC.get(HashAlgorithm.SHA512), d.digest(f, HashAlgorithm.SHA512));
        assertEquals(3, d.filesRead());
    }

    @Test
    @org.junit.jupiter.api.Timeout(30) // a FIFO without a writer blocks its reader: without the check this hangs
    void aFifoIsNotReadAndDoesNotBlock() throws Exception {
        Path fifo = dir.resolve("pipe.jar");
        Process p;
        try {
            p = new ProcessBuilder("mkfifo", fifo.toString()).start();
        } catch (java.io.IOException e) {
            org.junit.jupiter.api.Assumptions.abort("no mkfifo here: " + e.getMessage());
            return;
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(p.waitFor() == 0 && Files.exists(fifo), "mkfifo failed");
        Path jar = dir.resolve("a.jar");
        Files.writeString(jar, "abc");
        Map<Path, Set<HashAlgorithm>> req = new LinkedHashMap<>();
        req.put(fifo, EnumSet.of(HashAlgorithm.SHA256));
        req.put(jar, EnumSet.of(HashAlgorithm.SHA256));
        Map<Path, Digests.Result> all = new Digests(10).digestAll(req);
        assertFalse(all.get(fifo).ok());
        assertTrue(all.get(fifo).error().getMessage().contains("not a regular file"), all.get(fifo).error().getMessage());
        assertEquals(ABC.get(HashAlgorithm.SHA256), all.get(jar).digests().get(HashAlgorithm.SHA256));
    }

    @Test
    void anInterruptedCallerGetsAResultForEveryFileAndKeepsItsInterrupt() throws Exception {
        Map<Path, Set<HashAlgorithm>> req = new LinkedHashMap<>();
        for (int i = 0; i < 20; i++) {
            Path f = dir.resolve("f" + i + ".jar");
            Files.writeString(f, "abc");
            req.put(f, EnumSet.of(HashAlgorithm.SHA256));
        }
        Map<Path, Digests.Result> all;
        Thread.currentThread().interrupt();
        try {
            all = new Digests(100).digestAll(req);
            assertTrue(Thread.currentThread().isInterrupted());
        } finally {
            Thread.interrupted();
        }
        assertEquals(new ArrayList<>(req.keySet()), new ArrayList<>(all.keySet()));
        for (Digests.Result r : all.values()) {
            // each file is hashed right or reported as not hashed (the interrupted thread's reads fail): never wrong
            if (r.ok()) {
                assertEquals(ABC.get(HashAlgorithm.SHA256), r.digests().get(HashAlgorithm.SHA256));
            } else {
                assertTrue(r.digests().isEmpty());
            }
        }
    }

    @Test
    void theCacheIsBounded() throws Exception {
        Digests d = new Digests(3);
        for (int i = 0; i < 10; i++) {
            Path f = dir.resolve("f" + i);
            Files.writeString(f, "x" + i);
            d.digest(f, HashAlgorithm.SHA256);
        }
        assertEquals(3, d.size());
    }

    @Test
    void digestAllInParallelMatchesOneByOneAndReportsUnreadableFiles() throws Exception {
        Random r = new Random(42);
        Map<Path, Set<HashAlgorithm>> req = new LinkedHashMap<>();
        for (int i = 0; i < 40; i++) {
            Path f = dir.resolve("file-" + i + ".jar");
            byte[] b = new byte[r.nextInt(300_000)];
            r.nextBytes(b);
            Files.write(f, b);
            req.put(f, EnumSet.of(i % 2 == 0 ? HashAlgorithm.SHA256 : HashAlgorithm.SHA512));
        }
        Path missing = dir.resolve("missing.jar");
        req.put(missing, EnumSet.of(HashAlgorithm.SHA256));
        req.put(dir, EnumSet.of(HashAlgorithm.SHA256));
        Digests d = new Digests(1000);
        Map<Path, Digests.Result> all = d.digestAll(req);
        assertEquals(new ArrayList<>(req.keySet()), new ArrayList<>(all.keySet()));
        for (Map.Entry<Path, Set<HashAlgorithm>> e : req.entrySet()) {
            Digests.Result res = all.get(e.getKey());
            if (e.getKey().equals(missing) || e.getKey().equals(dir)) {
                assertFalse(res.ok());
                continue;
            }
            assertTrue(res.ok(), String.valueOf(res.error()));
            HashAlgorithm alg = e.getValue().iterator().next();
            try (var in = Files.newInputStream(e.getKey())) {
                assertEquals(Digests.compute(in, Set.of(alg)).get(alg), res.digests().get(alg));
            }
        }
        assertEquals(40, d.filesRead());
    }

    @Test
    void concurrentRequestsForOneFileReadItOnce() throws Exception {
        Path f = dir.resolve("big.jar");
        byte[] b = new byte[8 * 1024 * 1024];
        new Random(1).nextBytes(b);
        Files.write(f, b);
        Digests d = new Digests(10);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<String>> fs = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                fs.add(pool.submit(() -> {
                    go.await();
                    return d.digest(f, HashAlgorithm.SHA512);
                }));
            }
            go.countDown();
            String first = fs.get(0).get();
            for (Future<String> x : fs) {
                assertEquals(first, x.get());
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, d.filesRead());
    }

    @Test
    void algorithmNamesOfEveryFormat() {
        assertEquals(Optional.of(HashAlgorithm.SHA256), HashAlgorithm.fromName("SHA-256"));
        assertEquals(Optional.of(HashAlgorithm.SHA256), HashAlgorithm.fromName("SHA256"));
        assertEquals(Optional.of(HashAlgorithm.SHA256), HashAlgorithm.fromName("sha256"));
        assertEquals(Optional.of(HashAlgorithm.SHA1), HashAlgorithm.fromName("SHA1"));
        assertEquals(Optional.of(HashAlgorithm.SHA3_256), HashAlgorithm.fromName("sha3_256"));
        assertEquals(Optional.of(HashAlgorithm.SHA3_512), HashAlgorithm.fromName("SHA3-512"));
        assertEquals(Optional.empty(), HashAlgorithm.fromName("MD5"));
        assertEquals(Optional.empty(), HashAlgorithm.fromName("BLAKE2b-256"));
        assertTrue(HashAlgorithm.SHA512.strength() > HashAlgorithm.SHA3_512.strength());
        assertTrue(HashAlgorithm.SHA3_512.strength() > HashAlgorithm.SHA384.strength());
        assertTrue(HashAlgorithm.SHA256.strength() > HashAlgorithm.SHA1.strength());
        assertEquals("sha512", HashAlgorithm.SHA512.id());
        assertEquals("sha3-256", HashAlgorithm.SHA3_256.id());
    }
}
