package dev.airlock.verify.pgp;

import dev.airlock.verify.pgp.PgpOutcome.Signer;
import dev.airlock.verify.pgp.PgpOutcome.Status;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.bouncycastle.bcpg.ArmoredInputStream;
import org.bouncycastle.bcpg.BCPGInputStream;
import org.bouncycastle.bcpg.KeyIdentifier;
import org.bouncycastle.bcpg.PublicKeyAlgorithmTags;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPObjectFactory;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureList;
import org.bouncycastle.openpgp.operator.bc.BcKeyFingerprintCalculator;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentVerifierBuilderProvider;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPContentVerifierBuilderProvider;

/**
 * Checks an artifact's OpenPGP detached signature ({@code .asc}, armored or binary) against an offline
 * {@link PgpKeyring}. Offline by construction: no key server, no network. The artifact is streamed (never loaded
 * whole). Any exception from the OpenPGP code ends in an outcome ({@code MALFORMED}), never escapes.
 *
 * <p>Order of checks for each signature (docs/signatures-pgp.md): readable detached signature over a file
 * ({@code MALFORMED}); issuer in the keyring ({@code KEY_NOT_FOUND}); cryptographic verification over the artifact's
 * bytes, then whether the signing key may vouch for its primary key - a subkey must be bound by a valid binding
 * signature, be marked for signing and carry a valid back-signature ({@code INVALID}); revocation ({@code
 * KEY_REVOKED}: hard revocations always, soft ones from their date); expiry at the signature's creation time, and the
 * signature's own expiry ({@code KEY_EXPIRED}); algorithm strength ({@code WEAK}); else {@code VERIFIED}.
 *
 * <p>Stateless apart from its clock: one instance may verify in parallel.
 */
public final class PgpSignatureVerifier {
    /** Larger {@code .asc} files are refused as malformed (a detached signature is a few hundred bytes). */
    static final int MAX_SIGNATURE_BYTES = 1024 * 1024;
    private static final int BUFFER = 64 * 1024;
    private static final String BEGIN_SIGNATURE = "-----BEGIN PGP SIGNATURE-----";
    private static final String END_SIGNATURE = "-----END PGP SIGNATURE-----";

    private final Clock clock;

    /** A verifier that uses the system clock for signature expiry. */
    public PgpSignatureVerifier() {
        this(Clock.systemUTC());
    }

    /** @param clock "now", for a signature's own expiration time (key expiry is judged at signature time) */
    public PgpSignatureVerifier(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * One outcome for the artifact: with several signatures in the {@code .asc}, the first {@code VERIFIED} one, else
     * the most severe failure ({@code INVALID} before {@code KEY_REVOKED}, {@code KEY_EXPIRED}, {@code WEAK},
     * {@code KEY_NOT_FOUND}). When several keys signed, a rule should use {@link #verifyAll} and accept the artifact
     * if any verified signer is allowed by the policy.
     */
    public PgpOutcome verify(Path artifact, Path asc, PgpKeyring keyring) {
        List<PgpOutcome> all = verifyAll(artifact, asc, keyring);
        return all.stream().min(Comparator.comparingInt(PgpSignatureVerifier::rank)).orElseThrow();
    }

    private static int rank(PgpOutcome o) {
        return switch (o.status()) {
            case VERIFIED -> 0;
            case INVALID -> 1;
            case KEY_REVOKED -> 2;
            case KEY_EXPIRED -> 3;
            case WEAK -> 4;
            case KEY_NOT_FOUND -> 5;
            case MALFORMED -> 6;
        };
    }

    /** One outcome per signature packet in the {@code .asc} (at least one; a single MALFORMED when unreadable). */
    public List<PgpOutcome> verifyAll(Path artifact, Path asc, PgpKeyring keyring) {
        Objects.requireNonNull(artifact, "artifact");
        Objects.requireNonNull(asc, "asc");
        Objects.requireNonNull(keyring, "keyring");
        try {
            return check(artifact, asc, keyring);
        } catch (Throwable t) { // fail closed: BouncyCastle can throw anything on hostile input
            return List.of(new PgpOutcome.Malformed(asc, "the signature cannot be checked ("
                    + t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage()) + ")"));
        }
    }

    /** A signature matched with one key of the keyring that has its issuer id. */
    private record Attempt(PGPSignature signature, PgpCertificate certificate, PGPPublicKey key) {}

    private List<PgpOutcome> check(Path artifact, Path asc, PgpKeyring keyring) throws Exception {
        byte[] ascBytes;
        try {
            if (Files.size(asc) > MAX_SIGNATURE_BYTES) {
                return List.of(new PgpOutcome.Malformed(asc, "is larger than " + MAX_SIGNATURE_BYTES
                        + " bytes, not a detached signature"));
            }
            ascBytes = Files.readAllBytes(asc);
        } catch (NoSuchFileException e) {
            return List.of(new PgpOutcome.Malformed(asc, "does not exist"));
        } catch (IOException e) {
            return List.of(new PgpOutcome.Malformed(asc, "cannot be read: " + e.getMessage()));
        }
        List<PGPSignature> signatures = new ArrayList<>();
        String problem = readSignatures(ascBytes, signatures);
        if (problem != null) {
            return List.of(new PgpOutcome.Malformed(asc, problem));
        }

        List<PgpOutcome> outcomes = new ArrayList<>();
        List<List<Attempt>> attempts = new ArrayList<>();
        for (PGPSignature sig : signatures) {
            int type = sig.getSignatureType();
            if (type != PGPSignature.BINARY_DOCUMENT && type != PGPSignature.CANONICAL_TEXT_DOCUMENT) {
                return List.of(new PgpOutcome.Malformed(asc, String.format("holds a signature of type 0x%02X, not a"
                        + " signature over a file (0x00 binary or 0x01 text)", type)));
            }
            if (sig.getCreationTime() == null) {
                return List.of(new PgpOutcome.Malformed(asc, "holds a signature without a creation time"));
            }
            byte[] issuerFingerprint = issuerFingerprint(sig);
            long keyId = issuerFingerprint != null && issuerFingerprint.length == 20
                    ? lowKeyId(issuerFingerprint) : sig.getKeyID();
            if (issuerFingerprint != null && issuerFingerprint.length == 20 && sig.getKeyID() != 0
                    && sig.getKeyID() != keyId) {
                return List.of(new PgpOutcome.Malformed(asc, String.format("names issuer key id %016X but issuer"
                        + " fingerprint %s, which do not agree", sig.getKeyID(), PgpCertificate.hex(issuerFingerprint))));
            }
            if (keyId == 0 && issuerFingerprint == null) {
                return List.of(new PgpOutcome.Malformed(asc, "holds a signature that names no issuer key"));
            }
            List<Attempt> mine = new ArrayList<>();
            for (PgpCertificate cert : keyring.candidates(keyId)) {
                PGPPublicKey key = cert.ring.getPublicKey(keyId);
                if (issuerFingerprint != null && !Arrays.equals(issuerFingerprint, key.getFingerprint())) {
                    continue;
                }
                PGPSignature copy = copy(sig);
                init(copy, key);
                mine.add(new Attempt(copy, cert, key));
            }
            attempts.add(mine);
            if (mine.isEmpty()) {
                outcomes.add(new PgpOutcome.KeyNotFound(String.format("%016X", keyId),
                        issuerFingerprint == null ? null : PgpCertificate.hex(issuerFingerprint),
                        sig.getCreationTime().toInstant(), keyring.source()));
            } else {
                outcomes.add(null);
            }
        }

        if (outcomes.contains(null)) {
            // stream the artifact once into every signature that has a key
            try (InputStream in = Files.newInputStream(artifact)) {
                byte[] buf = new byte[BUFFER];
                int n;
                while ((n = in.read(buf)) > 0) {
                    for (List<Attempt> list : attempts) {
                        for (Attempt a : list) {
                            a.signature().update(buf, 0, n);
                        }
                    }
                }
            } catch (NoSuchFileException e) {
                return List.of(new PgpOutcome.Malformed(artifact, "the artifact does not exist"));
            } catch (IOException e) {
                return List.of(new PgpOutcome.Malformed(artifact, "the artifact cannot be read: " + e.getMessage()));
            }
            for (int i = 0; i < outcomes.size(); i++) {
                if (outcomes.get(i) == null) {
                    PgpOutcome best = null;
                    for (Attempt a : attempts.get(i)) {
                        PgpOutcome o = judge(a);
                        if (best == null || attemptRank(o) < attemptRank(best)) {
                            best = o;
                        }
                    }
                    outcomes.set(i, best);
                }
            }
        }
        return List.copyOf(outcomes);
    }

    /** Among keys sharing a key id, prefer the one for which the signature holds. */
    private static int attemptRank(PgpOutcome o) {
        return o.status() == Status.VERIFIED ? 0 : o.status() == Status.INVALID ? 2 : 1;
    }

    private PgpOutcome judge(Attempt a) throws Exception {
        PGPSignature sig = a.signature();
        PgpCertificate cert = a.certificate();
        PGPPublicKey key = a.key();
        Instant created = sig.getCreationTime().toInstant();
        Signer signer = new Signer(cert.fingerprint(), PgpCertificate.hex(key.getFingerprint()), cert.userIds,
                PgpAlgorithms.keyAlgorithmName(key.getAlgorithm()), key.getBitStrength());

        if (!sig.verify()) {
            return new PgpOutcome.Invalid(signer, created, "the signature does not match the artifact's bytes: the"
                    + " artifact was changed after signing, or the signature was not made with this key");
        }
        PgpCertificate.Sub sub = key.isMasterKey() ? null : cert.subkeys.get(key.getKeyID());
        if (sub != null) {
            if (!sub.bound()) {
                return new PgpOutcome.Invalid(signer, created, "made by subkey " + signer.signingKeyFingerprint()
                        + ", which no valid binding signature ties to primary key " + signer.primaryFingerprint());
            }
            if (!sub.signFlag || !PgpAlgorithms.canSign(key.getAlgorithm())) {
                return new PgpOutcome.Invalid(signer, created, "made by subkey " + signer.signingKeyFingerprint()
                        + ", which its binding signature does not allow to sign data");
            }
            if (!sub.backSigned) {
                return new PgpOutcome.Invalid(signer, created, "made by signing subkey "
                        + signer.signingKeyFingerprint() + ", which has no valid back-signature (primary key binding"
                        + " signature), so it may belong to someone else");
            }
        } else if (!cert.primaryCanSign()) {
            return new PgpOutcome.Invalid(signer, created, "made by primary key " + signer.primaryFingerprint()
                    + ", which its self-signature does not allow to sign data");
        }
        if (created.isBefore(key.getCreationTime().toInstant())) {
            return new PgpOutcome.Invalid(signer, created, "dated " + created + ", before its key was created ("
                    + key.getCreationTime().toInstant() + ")");
        }

        List<String> notes = new ArrayList<>();
        PgpOutcome revoked = revoked(signer, created, signer.primaryFingerprint(), cert.revocation, notes);
        if (revoked == null && sub != null) {
            revoked = revoked(signer, created, signer.signingKeyFingerprint(), sub.revocation, notes);
        }
        if (revoked != null) {
            return revoked;
        }

        Instant now = clock.instant();
        if (cert.expires != null && !created.isBefore(cert.expires)) {
            return new PgpOutcome.KeyExpired(signer, created, PgpOutcome.Expired.PRIMARY_KEY, cert.expires);
        }
        if (sub != null && sub.expires != null && !created.isBefore(sub.expires)) {
            return new PgpOutcome.KeyExpired(signer, created, PgpOutcome.Expired.SUBKEY, sub.expires);
        }
        long sigValidity = sig.getHashedSubPackets() == null ? 0 : sig.getHashedSubPackets().getSignatureExpirationTime();
        if (sigValidity > 0 && !now.isBefore(created.plusSeconds(sigValidity))) {
            return new PgpOutcome.KeyExpired(signer, created, PgpOutcome.Expired.SIGNATURE,
                    created.plusSeconds(sigValidity));
        }
        if (cert.expires != null && !now.isBefore(cert.expires)) {
            notes.add("the key has expired since (" + cert.expires + "); it was valid when it signed");
        } else if (sub != null && sub.expires != null && !now.isBefore(sub.expires)) {
            notes.add("the signing subkey has expired since (" + sub.expires + "); it was valid when it signed");
        }

        if (!PgpAlgorithms.isStrongHash(sig.getHashAlgorithm())) {
            return new PgpOutcome.Weak(signer, created, "hash algorithm " + PgpAlgorithms.hashName(sig.getHashAlgorithm()));
        }
        String weakKey = PgpAlgorithms.weakKey(key.getAlgorithm(), key.getBitStrength());
        if (weakKey != null) {
            return new PgpOutcome.Weak(signer, created, weakKey);
        }
        return new PgpOutcome.Verified(signer, created, PgpAlgorithms.hashName(sig.getHashAlgorithm()), notes);
    }

    private static PgpOutcome revoked(Signer signer, Instant created, String fingerprint, PgpRevocation r,
            List<String> notes) {
        if (r == null) {
            return null;
        }
        if (r.hard() || !created.isBefore(r.at())) {
            return new PgpOutcome.KeyRevoked(signer, created, fingerprint, r);
        }
        notes.add("key " + fingerprint + " has a " + r + ", after this signature");
        return null;
    }

    /**
     * Reads every signature packet, from one or several concatenated armored blocks (co-signers append theirs) or
     * from binary packets; returns why the file is not a detached signature, or null.
     */
    private static String readSignatures(byte[] bytes, List<PGPSignature> out) {
        String head = new String(bytes, 0, Math.min(bytes.length, 4096), StandardCharsets.ISO_8859_1);
        if (bytes.length > 0 && (bytes[0] & 0x80) != 0) {
            String problem = readPackets(new ByteArrayInputStream(bytes), out);
            return problem != null ? problem : out.isEmpty() ? "holds no OpenPGP signature" : null;
        }
        if (!head.contains("-----BEGIN PGP")) {
            return "is not an OpenPGP signature (neither armored nor binary OpenPGP packets)";
        }
        List<String> lines = new String(bytes, StandardCharsets.ISO_8859_1).lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (!line.startsWith("-----BEGIN PGP")) {
                continue;
            }
            if (!line.equals(BEGIN_SIGNATURE)) {
                return "line " + (i + 1) + ": an armored '" + line + "' block, not a '" + BEGIN_SIGNATURE + "' block";
            }
            StringBuilder block = new StringBuilder();
            int end = -1;
            for (int j = i; j < lines.size(); j++) {
                block.append(lines.get(j).strip()).append('\n');
                if (lines.get(j).strip().equals(END_SIGNATURE)) {
                    end = j;
                    break;
                }
            }
            if (end < 0) {
                return "line " + (i + 1) + ": the armored signature has no '" + END_SIGNATURE + "' line";
            }
            String problem;
            try (InputStream in = new ArmoredInputStream(new ByteArrayInputStream(
                    block.toString().getBytes(StandardCharsets.ISO_8859_1)))) {
                problem = readPackets(in, out);
            } catch (IOException | RuntimeException e) {
                problem = "is not a readable OpenPGP signature (" + text(e) + ")";
            }
            if (problem != null) {
                return "line " + (i + 1) + ": " + problem;
            }
            i = end;
        }
        return out.isEmpty() ? "holds no OpenPGP signature" : null;
    }

    private static String readPackets(InputStream in, List<PGPSignature> out) {
        try {
            PGPObjectFactory f = new PGPObjectFactory(BCPGInputStream.wrap(in), new BcKeyFingerprintCalculator());
            Object o;
            int before = out.size();
            while ((o = f.nextObject()) != null) {
                if (o instanceof PGPSignatureList list) {
                    for (PGPSignature s : list) {
                        out.add(s);
                    }
                } else {
                    return "holds a " + o.getClass().getSimpleName().replace("PGP", "") + " packet, not a detached"
                            + " signature";
                }
            }
            while (in.read() >= 0) {
                // read to the end: an armor checksum is verified there
            }
            return out.size() == before ? "holds no OpenPGP signature" : null;
        } catch (IOException | RuntimeException e) {
            return "is not a readable OpenPGP signature (" + text(e) + ")";
        }
    }

    private static String text(Throwable e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static byte[] issuerFingerprint(PGPSignature sig) {
        byte[] unhashed = null;
        for (KeyIdentifier id : sig.getHashedKeyIdentifiers()) {
            if (id.getFingerprint() != null) {
                return id.getFingerprint();
            }
        }
        for (KeyIdentifier id : sig.getUnhashedKeyIdentifiers()) {
            if (id.getFingerprint() != null) {
                unhashed = id.getFingerprint();
            }
        }
        return unhashed;
    }

    private static long lowKeyId(byte[] v4Fingerprint) {
        long id = 0;
        for (int i = v4Fingerprint.length - 8; i < v4Fingerprint.length; i++) {
            id = (id << 8) | (v4Fingerprint[i] & 0xff);
        }
        return id;
    }

    /** The JDK's providers, for the hashing that is the bulk of checking a signature (see {@link #init}). */
    private static final JcaPGPContentVerifierBuilderProvider JDK = new JcaPGPContentVerifierBuilderProvider();

    /**
     * Prepares {@code sig} for checking with {@code key}: with the JDK's providers when they can (their SHA-2 uses the
     * processor's SHA instructions; BouncyCastle's lightweight digests are plain Java and hashed the artifact three
     * to five times slower: the bulk of a build's signature checking, measured in docs/benchmark.md), else with
     * BouncyCastle's own operators (algorithms the JDK lacks, e.g. brainpool curves). The verdict is the same: both
     * implement the same standard algorithms; only the speed differs.
     */
    private static void init(PGPSignature sig, PGPPublicKey key) throws PGPException {
        if (sig.getKeyAlgorithm() == PublicKeyAlgorithmTags.EDDSA_LEGACY) {
            try {
                sig.init(JdkDigestEd25519.INSTANCE, key); // see there: the JDK's Ed25519 is the slow half
                return;
            } catch (PGPException | RuntimeException e) {
                // not Ed25519, or a digest the JDK lacks: the general path below
            }
        }
        try {
            sig.init(JDK, key);
        } catch (PGPException | RuntimeException e) {
            sig.init(new BcPGPContentVerifierBuilderProvider(), key);
        }
    }

    private static PGPSignature copy(PGPSignature sig) throws Exception {
        PGPObjectFactory f = new PGPObjectFactory(sig.getEncoded(), new BcKeyFingerprintCalculator());
        Object o = f.nextObject();
        if (o instanceof PGPSignatureList list) {
            return list.get(0);
        }
        throw new IOException("re-reading a signature packet gave " + o);
    }
}
