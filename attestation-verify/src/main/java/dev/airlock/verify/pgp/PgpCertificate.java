package dev.airlock.verify.pgp;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.bouncycastle.bcpg.SignatureSubpacketTags;
import org.bouncycastle.bcpg.sig.KeyFlags;
import org.bouncycastle.bcpg.sig.RevocationReason;
import org.bouncycastle.bcpg.sig.RevocationReasonTags;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureList;
import org.bouncycastle.openpgp.PGPSignatureSubpacketVector;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentVerifierBuilderProvider;
import org.bouncycastle.util.encoders.Hex;

/**
 * One key of the keyring with its self-signatures checked: which user ids, subkey bindings, back-signatures and
 * revocations verify, and what the latest valid self-signatures say about expiry and capabilities.
 *
 * <p>Written on BouncyCastle's low-level API on purpose. Its high-level {@code OpenPGPCertificate} evaluates a key
 * <em>at the signature's creation time</em>; keys on Maven Central are routinely re-published with refreshed
 * self-signatures (an extended expiry) and the old ones stripped, and that evaluation then finds no binding at the
 * time of an older artifact signature. Like GnuPG and pgpverify, Airlock takes the latest valid self-signature as the
 * key's current statement and compares the artifact signature's time with the expiry and revocation it states
 * (docs/signatures-pgp.md). Every signature is verified cryptographically; nothing is taken from an unverified
 * packet.
 */
final class PgpCertificate {
    private static final BcPGPContentVerifierBuilderProvider VERIFIER = new BcPGPContentVerifierBuilderProvider();

    final PGPPublicKeyRing ring;
    final PGPPublicKey primary;
    final int line;
    /** Latest valid self-signature of the primary key (direct-key or user-id certification); null if none. */
    final PGPSignature selfSignature;
    final List<String> userIds;
    final Instant expires;
    final PgpRevocation revocation;
    final Map<Long, Sub> subkeys = new LinkedHashMap<>();

    /** A subkey's evaluated state. */
    static final class Sub {
        final PGPPublicKey key;
        final PGPSignature binding;
        final boolean backSigned;
        final Instant expires;
        final PgpRevocation revocation;
        final boolean signFlag;

        Sub(PGPPublicKey key, PGPSignature binding, boolean backSigned, Instant expires, PgpRevocation revocation,
                boolean signFlag) {
            this.key = key;
            this.binding = binding;
            this.backSigned = backSigned;
            this.expires = expires;
            this.revocation = revocation;
            this.signFlag = signFlag;
        }

        boolean bound() {
            return binding != null;
        }

        boolean signing() {
            return bound() && signFlag && backSigned && PgpAlgorithms.canSign(key.getAlgorithm());
        }

        /** Why this subkey cannot sign for its primary key, or null. */
        String problem() {
            if (!bound()) {
                return "no valid binding signature by the primary key";
            }
            if (!signFlag || !PgpAlgorithms.canSign(key.getAlgorithm())) {
                return null; // an encryption or authentication subkey: not a problem, just not for signing
            }
            if (!backSigned) {
                return "signing subkey without a valid back-signature (primary key binding signature)";
            }
            return null;
        }
    }

    PgpCertificate(PGPPublicKeyRing ring, int line) {
        this.ring = ring;
        this.primary = ring.getPublicKey();
        this.line = line;

        // user ids: valid self-certification, not followed by a valid later certification revocation
        List<String> ids = new ArrayList<>();
        PGPSignature latest = null;
        Iterator<byte[]> raw = primary.getRawUserIDs();
        while (raw.hasNext()) {
            byte[] id = raw.next();
            PGPSignature cert = null;
            PGPSignature rev = null;
            for (Iterator<PGPSignature> it = primary.getSignaturesForID(id); it.hasNext(); ) {
                PGPSignature s = it.next();
                int t = s.getSignatureType();
                boolean certification = t == PGPSignature.DEFAULT_CERTIFICATION || t == PGPSignature.NO_CERTIFICATION
                        || t == PGPSignature.CASUAL_CERTIFICATION || t == PGPSignature.POSITIVE_CERTIFICATION;
                if ((certification || t == PGPSignature.CERTIFICATION_REVOCATION) && verifiesUserId(s, id)) {
                    if (certification) {
                        cert = later(cert, s);
                    } else {
                        rev = later(rev, s);
                    }
                }
            }
            if (cert != null && (rev == null || rev.getCreationTime().before(cert.getCreationTime()))) {
                ids.add(new String(id, StandardCharsets.UTF_8));
                latest = later(latest, cert);
            }
        }
        for (Iterator<PGPSignature> it = primary.getSignaturesOfType(PGPSignature.DIRECT_KEY); it.hasNext(); ) {
            PGPSignature s = it.next();
            if (verifiesKey(s, primary)) {
                latest = later(latest, s);
            }
        }
        this.userIds = List.copyOf(ids);
        this.selfSignature = latest;
        this.expires = primary.getVersion() <= 3 ? v3Expiry(primary) : expiry(primary, latest);
        this.revocation = revocation(primary.getSignaturesOfType(PGPSignature.KEY_REVOCATION), null);

        for (Iterator<PGPPublicKey> it = ring.getPublicKeys(); it.hasNext(); ) {
            PGPPublicKey k = it.next();
            if (k.isMasterKey()) {
                continue;
            }
            PGPSignature binding = null;
            for (Iterator<PGPSignature> b = k.getSignaturesOfType(PGPSignature.SUBKEY_BINDING); b.hasNext(); ) {
                PGPSignature s = b.next();
                if (verifiesBinding(s, k)) {
                    binding = later(binding, s);
                }
            }
            boolean signFlag = binding != null && (hasFlags(binding)
                    ? (binding.getHashedSubPackets().getKeyFlags() & KeyFlags.SIGN_DATA) != 0
                    : PgpAlgorithms.canSign(k.getAlgorithm()));
            boolean back = binding != null && backSigned(binding, k);
            subkeys.put(k.getKeyID(), new Sub(k, binding, back, binding == null ? null : expiry(k, binding),
                    revocation(k.getSignaturesOfType(PGPSignature.SUBKEY_REVOCATION), k), signFlag));
        }
    }

    private static PGPSignature later(PGPSignature a, PGPSignature b) {
        if (a == null) {
            return b;
        }
        return b.getCreationTime().after(a.getCreationTime()) ? b : a;
    }

    private static boolean hasFlags(PGPSignature s) {
        PGPSignatureSubpacketVector h = s.getHashedSubPackets();
        return h != null && h.hasSubpacket(SignatureSubpacketTags.KEY_FLAGS);
    }

    /** True when the primary key may sign data by its latest self-signature (flags, or the algorithm without). */
    boolean primaryCanSign() {
        if (!PgpAlgorithms.canSign(primary.getAlgorithm())) {
            return false;
        }
        if (selfSignature == null || !hasFlags(selfSignature)) {
            return true;
        }
        return (selfSignature.getHashedSubPackets().getKeyFlags() & KeyFlags.SIGN_DATA) != 0;
    }

    private boolean verifiesUserId(PGPSignature s, byte[] id) {
        try {
            s.init(VERIFIER, primary);
            return s.verifyCertification(id, primary);
        } catch (Exception e) {
            return false;
        }
    }

    private boolean verifiesKey(PGPSignature s, PGPPublicKey key) {
        try {
            s.init(VERIFIER, primary);
            return s.verifyCertification(key);
        } catch (Exception e) {
            return false;
        }
    }

    private boolean verifiesBinding(PGPSignature s, PGPPublicKey sub) {
        try {
            s.init(VERIFIER, primary);
            return s.verifyCertification(primary, sub);
        } catch (Exception e) {
            return false;
        }
    }

    /** A signing subkey must cross-certify its primary (an embedded primary-key binding signature, RFC 4880 5.2.1). */
    private boolean backSigned(PGPSignature binding, PGPPublicKey sub) {
        for (PGPSignatureSubpacketVector v : new PGPSignatureSubpacketVector[] {binding.getHashedSubPackets(),
                binding.getUnhashedSubPackets()}) {
            if (v == null) {
                continue;
            }
            try {
                PGPSignatureList embedded = v.getEmbeddedSignatures();
                for (PGPSignature e : embedded) {
                    if (e.getSignatureType() == PGPSignature.PRIMARYKEY_BINDING) {
                        e.init(VERIFIER, sub);
                        if (e.verifyCertification(primary, sub)) {
                            return true;
                        }
                    }
                }
            } catch (Exception e) {
                // a damaged embedded signature is no back-signature
            }
        }
        return false;
    }

    private static Instant expiry(PGPPublicKey key, PGPSignature selfSig) {
        if (selfSig == null || selfSig.getHashedSubPackets() == null) {
            return null;
        }
        long seconds = selfSig.getHashedSubPackets().getKeyExpirationTime();
        return seconds <= 0 ? null : key.getCreationTime().toInstant().plusSeconds(seconds);
    }

    private static Instant v3Expiry(PGPPublicKey key) {
        long seconds = key.getValidSeconds();
        return seconds <= 0 ? null : key.getCreationTime().toInstant().plusSeconds(seconds);
    }

    /** The strongest verified revocation: a hard one if any, else the earliest soft one; null if none verifies. */
    private PgpRevocation revocation(Iterator<PGPSignature> sigs, PGPPublicKey sub) {
        PgpRevocation best = null;
        while (sigs.hasNext()) {
            PGPSignature s = sigs.next();
            boolean ok;
            try {
                s.init(VERIFIER, primary);
                ok = sub == null ? s.verifyCertification(primary) : s.verifyCertification(primary, sub);
            } catch (Exception e) {
                ok = false;
            }
            if (!ok) {
                continue;
            }
            PgpRevocation r = describe(s);
            if (best == null || (r.hard() && !best.hard())
                    || (r.hard() == best.hard() && r.at().isBefore(best.at()))) {
                best = r;
            }
        }
        return best;
    }

    private static PgpRevocation describe(PGPSignature s) {
        RevocationReason reason = s.getHashedSubPackets() == null ? null
                : s.getHashedSubPackets().getRevocationReason();
        String name;
        String text = "";
        if (reason == null) {
            name = "no reason given";
        } else {
            text = reason.getRevocationDescription() == null ? "" : reason.getRevocationDescription();
            name = switch (reason.getRevocationReason()) {
                case RevocationReasonTags.NO_REASON -> "no reason";
                case RevocationReasonTags.KEY_SUPERSEDED -> "key superseded";
                case RevocationReasonTags.KEY_COMPROMISED -> "key compromised";
                case RevocationReasonTags.KEY_RETIRED -> "key retired";
                case RevocationReasonTags.USER_NO_LONGER_VALID -> "user id no longer valid";
                default -> "reason " + reason.getRevocationReason();
            };
        }
        return new PgpRevocation(s.getCreationTime().toInstant(), name, text, s.isHardRevocation());
    }

    static String hex(byte[] fingerprint) {
        return Hex.toHexString(fingerprint).toUpperCase(Locale.ROOT);
    }

    String fingerprint() {
        return hex(primary.getFingerprint());
    }

    PgpKeyInfo info() {
        List<PgpSubkeyInfo> subs = new ArrayList<>();
        for (Sub s : subkeys.values()) {
            subs.add(new PgpSubkeyInfo(hex(s.key.getFingerprint()), PgpAlgorithms.keyAlgorithmName(s.key.getAlgorithm()),
                    s.key.getBitStrength(), s.key.getCreationTime().toInstant(), s.expires, s.bound(), s.signing(),
                    s.revocation, s.problem()));
        }
        return new PgpKeyInfo(fingerprint(), String.format("%016X", primary.getKeyID()),
                PgpAlgorithms.keyAlgorithmName(primary.getAlgorithm()), primary.getBitStrength(),
                primary.getCreationTime().toInstant(), expires, userIds, revocation, subs, line);
    }
}
