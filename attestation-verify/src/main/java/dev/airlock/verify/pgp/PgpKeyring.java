package dev.airlock.verify.pgp;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bouncycastle.bcpg.ArmoredInputStream;
import org.bouncycastle.bcpg.ArmoredOutputStream;
import org.bouncycastle.bcpg.BCPGInputStream;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPObjectFactory;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.operator.bc.BcKeyFingerprintCalculator;

/**
 * The offline keyring of {@code verifySignatures}' {@code <keyring>}: one file with one or several ASCII-armored
 * OpenPGP public key blocks (as {@code gpg --armor --export} writes them, or an Apache-style {@code KEYS} file, whose
 * text between the blocks is ignored). No key server is ever contacted: a key that is not in this file is
 * {@code KEY_NOT_FOUND}.
 *
 * <p>Every key's self-signatures, subkey bindings, back-signatures and revocations are verified when loading
 * ({@link #keys()} reports them). A key without any valid self-signature is refused: the file is damaged or was
 * tampered with. Copies of the same key in several blocks are merged (so a revocation in one copy counts).
 *
 * <p>Immutable once loaded: one instance may serve parallel verifications.
 */
public final class PgpKeyring {
    static final String BEGIN = "-----BEGIN PGP PUBLIC KEY BLOCK-----";
    static final String END = "-----END PGP PUBLIC KEY BLOCK-----";
    /** Larger keyring files are refused. */
    static final long MAX_BYTES = 64L * 1024 * 1024;

    private static final String EXPORT_FIX = "export the signers' public keys armored, e.g."
            + " 'gpg --armor --export <fingerprint> >> keyring.asc', after confirming each fingerprint out of band";

    private final String source;
    private final List<PgpCertificate> certificates;

    private PgpKeyring(String source, List<PgpCertificate> certificates) {
        this.source = source;
        this.certificates = List.copyOf(certificates);
    }

    /**
     * Reads an armored keyring file.
     *
     * @throws PgpKeyringException naming the file (and line) and the fix, when it is missing, unreadable, not armored,
     *     damaged, or holds a key without a valid self-signature
     */
    public static PgpKeyring load(Path armored) throws PgpKeyringException {
        String name = armored.toString();
        byte[] bytes;
        try {
            if (Files.isDirectory(armored)) {
                throw new PgpKeyringException(name, "the keyring is a directory", "point <keyring> at the armored"
                        + " public keys file");
            }
            if (Files.size(armored) > MAX_BYTES) {
                throw new PgpKeyringException(name, "the keyring is larger than " + MAX_BYTES + " bytes",
                        "keep only the keys of the signers the trust policy names");
            }
            bytes = Files.readAllBytes(armored);
        } catch (NoSuchFileException e) {
            throw new PgpKeyringException(name, "the keyring file does not exist", "create it: " + EXPORT_FIX);
        } catch (IOException e) {
            throw new PgpKeyringException(name, "the keyring cannot be read: " + e.getMessage(),
                    "make the file readable");
        }
        return parse(name, bytes);
    }

    /** Reads armored keys from memory (a {@code classpath:} resource, a test) under a display name. */
    public static PgpKeyring parse(String displayName, byte[] armored) throws PgpKeyringException {
        try {
            return read(displayName, armored);
        } catch (PgpKeyringException e) {
            throw e;
        } catch (Throwable t) { // fail closed on anything BouncyCastle throws on hostile input
            throw new PgpKeyringException(displayName, "the keyring cannot be parsed (" + t.getClass().getSimpleName()
                    + (t.getMessage() == null ? "" : ": " + t.getMessage()) + ")", EXPORT_FIX);
        }
    }

    private static PgpKeyring read(String name, byte[] bytes) throws PgpKeyringException {
        if (bytes.length == 0) {
            throw new PgpKeyringException(name, "the keyring file is empty", EXPORT_FIX);
        }
        if ((bytes[0] & 0x80) != 0 || looksBinary(bytes)) {
            throw new PgpKeyringException(name, "the keyring is not ASCII-armored (it looks like a binary keyring such"
                    + " as pubring.gpg or pubring.kbx); Airlock reads armored public keys only", EXPORT_FIX);
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        if (text.contains("-----BEGIN PGP PRIVATE KEY BLOCK-----")) {
            throw new PgpKeyringException(name, "the keyring holds a PRIVATE key block", "remove it at once (and"
                    + " consider that key exposed); the keyring needs only public keys: " + EXPORT_FIX);
        }
        List<String> lines = text.lines().toList();
        Map<String, PgpCertificate> byFingerprint = new LinkedHashMap<>();
        int blocks = 0;
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).strip().equals(BEGIN)) {
                continue;
            }
            int start = i;
            int end = -1;
            for (int j = i + 1; j < lines.size(); j++) {
                if (lines.get(j).strip().equals(END)) {
                    end = j;
                    break;
                }
                if (lines.get(j).strip().equals(BEGIN)) {
                    break;
                }
            }
            String where = name + ":" + (start + 1);
            if (end < 0) {
                throw new PgpKeyringException(where, "the armored key block that starts here has no '" + END
                        + "' line", "restore the complete block (" + EXPORT_FIX + ")");
            }
            blocks++;
            StringBuilder block = new StringBuilder();
            for (int j = start; j <= end; j++) {
                block.append(lines.get(j).strip()).append('\n');
            }
            for (PGPPublicKeyRing ring : decodeBlock(where, block.toString())) {
                String fpr = PgpCertificate.hex(ring.getPublicKey().getFingerprint());
                PgpCertificate known = byFingerprint.get(fpr);
                if (known != null) {
                    try {
                        ring = PGPPublicKeyRing.join(known.ring, ring, false, false);
                    } catch (PGPException e) {
                        throw new PgpKeyringException(where, "key " + fpr + " appears twice and the copies cannot be"
                                + " merged (" + e.getMessage() + ")", "keep one complete copy of the key");
                    }
                }
                PgpCertificate cert = new PgpCertificate(ring, known != null ? known.line : start + 1);
                if (cert.selfSignature == null) {
                    throw new PgpKeyringException(where, "key " + fpr + " has no valid self-signature (no user id or"
                            + " direct-key signature made by the key itself verifies), so nothing it says about"
                            + " itself can be trusted", "replace it with an intact copy obtained from its owner out"
                            + " of band, or remove it");
                }
                byFingerprint.put(fpr, cert);
            }
            i = end;
        }
        if (blocks == 0) {
            throw new PgpKeyringException(name, "the keyring holds no '" + BEGIN + "' block", EXPORT_FIX);
        }
        return new PgpKeyring(name, new ArrayList<>(byFingerprint.values()));
    }

    private static boolean looksBinary(byte[] bytes) {
        int n = Math.min(bytes.length, 512);
        for (int i = 0; i < n; i++) {
            int b = bytes[i] & 0xff;
            if (b == 0 || (b < 0x20 && b != '\n' && b != '\r' && b != '\t')) {
                return true;
            }
        }
        return false;
    }

    private static List<PGPPublicKeyRing> decodeBlock(String where, String block) throws PgpKeyringException {
        List<PGPPublicKeyRing> rings = new ArrayList<>();
        try (InputStream in = new ArmoredInputStream(new ByteArrayInputStream(block.getBytes(StandardCharsets.UTF_8)))) {
            PGPObjectFactory f = new PGPObjectFactory(BCPGInputStream.wrap(in), new BcKeyFingerprintCalculator());
            Object o;
            while ((o = f.nextObject()) != null) {
                if (o instanceof PGPPublicKeyRing r) {
                    rings.add(r);
                } else {
                    throw new PgpKeyringException(where, "the armored block holds a " + o.getClass().getSimpleName()
                            .replace("PGP", "") + ", not public keys", EXPORT_FIX);
                }
            }
            // reading to the end checks the armor's CRC
            while (in.read() >= 0) {
                // drain
            }
        } catch (PgpKeyringException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new PgpKeyringException(where, "the armored key block that starts here is damaged ("
                    + e.getMessage() + ")", "restore the block from its source (" + EXPORT_FIX + ")");
        }
        if (rings.isEmpty()) {
            throw new PgpKeyringException(where, "the armored key block that starts here holds no key", EXPORT_FIX);
        }
        return rings;
    }

    /** A keyring without keys: every signature checked against it is {@code KEY_NOT_FOUND}, naming its issuer. */
    public static PgpKeyring empty(String source) {
        return new PgpKeyring(source, List.of());
    }

    /** The keyring's display name. */
    public String source() {
        return source;
    }

    /** Every key, in file order, with what was verified about it. */
    public List<PgpKeyInfo> keys() {
        return certificates.stream().map(PgpCertificate::info).toList();
    }

    /** The key with this primary fingerprint (spaces and case ignored). */
    public Optional<PgpKeyInfo> key(String fingerprint) {
        String f = fingerprint.replace(" ", "").toUpperCase(java.util.Locale.ROOT);
        return certificates.stream().filter(c -> c.fingerprint().equals(f)).map(PgpCertificate::info).findFirst();
    }

    /**
     * One certificate of this keyring, alone, as an armored public key block: the key with this primary fingerprint
     * (spaces and case ignored) with all its packets as loaded (copies of the key merged), without trust packets.
     * Deterministic: no {@code Version} or {@code Comment} header, {@code \n} line ends, so the same certificate gives
     * the same text on every platform and run. {@link #parse} reads it back.
     *
     * @return empty when no certificate of this keyring has that primary fingerprint
     */
    public Optional<String> armored(String fingerprint) {
        String f = fingerprint.replace(" ", "").toUpperCase(java.util.Locale.ROOT);
        for (PgpCertificate c : certificates) {
            if (c.fingerprint().equals(f)) {
                try {
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    try (ArmoredOutputStream a = ArmoredOutputStream.builder().clearHeaders().build(out)) {
                        a.write(c.ring.getEncoded(true));
                    }
                    return Optional.of(out.toString(StandardCharsets.US_ASCII).replace("\r\n", "\n"));
                } catch (IOException e) { // in memory: cannot happen
                    throw new java.io.UncheckedIOException(e);
                }
            }
        }
        return Optional.empty();
    }

    /** Every certificate holding a (sub)key with this key id: candidates for a signature's issuer. */
    List<PgpCertificate> candidates(long keyId) {
        List<PgpCertificate> out = new ArrayList<>();
        for (PgpCertificate c : certificates) {
            PGPPublicKey k = c.ring.getPublicKey(keyId);
            if (k != null) {
                out.add(c);
            }
        }
        return out;
    }

    /** A report of every key, one paragraph each (for logs). */
    public String describe() {
        StringBuilder sb = new StringBuilder(source).append(": ").append(certificates.size()).append(" key(s)");
        for (PgpKeyInfo k : keys()) {
            sb.append('\n').append(k.describe());
        }
        return sb.toString();
    }
}
