package dev.airlock.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import org.bouncycastle.bcpg.ArmoredOutputStream;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.PublicKeyAlgorithmTags;
import org.bouncycastle.bcpg.PublicKeyPacket;
import org.bouncycastle.bcpg.sig.KeyFlags;
import org.bouncycastle.crypto.generators.Ed25519KeyPairGenerator;
import org.bouncycastle.crypto.params.Ed25519KeyGenerationParameters;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPKeyPair;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureGenerator;
import org.bouncycastle.openpgp.PGPSignatureSubpacketGenerator;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentSignerBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPGPKeyPair;

/**
 * An OpenPGP key made for one scenario run ({@code it.pgp.sign}, {@code it.pgp.sign.N}): a v4 Ed25519 primary key
 * (flags certify and sign), self-certified with one user id, no expiry, created a minute before now. It makes
 * ASCII-armored detached binary signatures (SHA-512), as {@code gpg --armor --detach-sign} and Maven's GPG plugin
 * publish them ({@code x.jar.asc}). The private key lives only in this object: it is never written.
 */
public final class PgpSigner {
    /** The user id of the run's publisher key ({@code it.pgp.sign}). */
    public static final String PUBLISHER = "Airlock IT publisher <publisher@airlock.example>";
    /** The user id of the run's second key, the attacker's ({@code it.pgp.sign.N}). */
    public static final String ATTACKER = "Mallory <mallory@attacker.example>";

    private static final SecureRandom RANDOM = new SecureRandom();

    private final PGPKeyPair pair;
    private final PGPPublicKey certified;
    private final String userId;

    private PgpSigner(PGPKeyPair pair, PGPPublicKey certified, String userId) {
        this.pair = pair;
        this.certified = certified;
        this.userId = userId;
    }

    /** A new key for {@code userId}. */
    public static PgpSigner generate(String userId) {
        try {
            Instant created = Instant.now().minus(1, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
            Ed25519KeyPairGenerator g = new Ed25519KeyPairGenerator();
            g.init(new Ed25519KeyGenerationParameters(RANDOM));
            PGPKeyPair pair = new BcPGPKeyPair(PublicKeyPacket.VERSION_4, PublicKeyAlgorithmTags.EDDSA_LEGACY,
                    g.generateKeyPair(), Date.from(created));
            PGPSignatureGenerator gen = generator(pair);
            gen.init(PGPSignature.POSITIVE_CERTIFICATION, pair.getPrivateKey());
            PGPSignatureSubpacketGenerator h = subpackets(pair, created);
            h.setKeyFlags(true, KeyFlags.CERTIFY_OTHER | KeyFlags.SIGN_DATA);
            h.setPrimaryUserID(false, true);
            gen.setHashedSubpackets(h.generate());
            PGPSignature cert = gen.generateCertification(userId, pair.getPublicKey());
            return new PgpSigner(pair, PGPPublicKey.addCertification(pair.getPublicKey(), userId, cert), userId);
        } catch (PGPException e) {
            throw new IllegalStateException("cannot make an OpenPGP key for " + userId, e);
        }
    }

    private static PGPSignatureGenerator generator(PGPKeyPair signer) {
        return new PGPSignatureGenerator(new BcPGPContentSignerBuilder(signer.getPublicKey().getAlgorithm(),
                HashAlgorithmTags.SHA512), signer.getPublicKey());
    }

    private static PGPSignatureSubpacketGenerator subpackets(PGPKeyPair issuer, Instant at) {
        PGPSignatureSubpacketGenerator h = new PGPSignatureSubpacketGenerator();
        h.setSignatureCreationTime(true, Date.from(at));
        h.setIssuerFingerprint(false, issuer.getPublicKey());
        h.setIssuerKeyID(false, issuer.getKeyID());
        return h;
    }

    public String userId() {
        return userId;
    }

    /** The primary key's fingerprint, 40 upper-case hex digits. */
    public String fingerprint() {
        return KeyServer.hex(certified.getFingerprint());
    }

    /** The key id (low 64 bits of the fingerprint), 16 upper-case hex digits. */
    public String keyId() {
        return KeyServer.keyId(certified);
    }

    /** The certificate (public key, user id, self-signature), armored. */
    public String armoredPublicKey() {
        try {
            return KeyServer.armor(new PGPPublicKeyRing(java.util.List.of(certified)));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An armored detached binary signature over {@code data}, made now. */
    public String sign(byte[] data) {
        try {
            PGPSignatureGenerator gen = generator(pair);
            gen.init(PGPSignature.BINARY_DOCUMENT, pair.getPrivateKey());
            gen.setHashedSubpackets(subpackets(pair, Instant.now().truncatedTo(ChronoUnit.SECONDS)).generate());
            gen.update(data);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (ArmoredOutputStream a = ArmoredOutputStream.builder().clearHeaders().build(out)) {
                gen.generate().encode(a);
            }
            return out.toString(StandardCharsets.US_ASCII);
        } catch (PGPException | IOException e) {
            throw new IllegalStateException("cannot sign with " + userId, e);
        }
    }

    /** Signs {@code file}, writing the armored detached signature to {@code asc}. */
    public void sign(Path file, Path asc) throws IOException {
        String signature = sign(Files.readAllBytes(file));
        if (asc.getParent() != null) {
            Files.createDirectories(asc.getParent());
        }
        Files.writeString(asc, signature, StandardCharsets.US_ASCII);
    }
}
