package dev.airlock.verify.sigstore;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.protobuf.util.JsonFormat;
import dev.airlock.verify.json.StrictJson;
import dev.airlock.verify.sigstore.SignatureOutcome.Check;
import dev.airlock.verify.sigstore.SignatureOutcome.Status;
import dev.airlock.verify.sigstore.SignatureOutcome.VerifiedEnvelope;
import dev.sigstore.encryption.signers.Verifiers;
import dev.sigstore.proto.ProtoMutators;
import dev.sigstore.proto.bundle.v1.Bundle;
import dev.sigstore.proto.bundle.v1.VerificationMaterial;
import dev.sigstore.proto.common.v1.X509Certificate;
import dev.sigstore.proto.rekor.v1.TransparencyLogEntry;
import dev.sigstore.rekor.client.RekorEntry;
import dev.sigstore.timestamp.client.ImmutableTimestampResponse;
import dev.sigstore.trustroot.TransparencyLog;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.cert.CertPath;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Verifies Sigstore bundles ({@code <file>.sigstore.json}, {@code .build.slsa}, {@code .intoto.jsonl} lines) fully
 * offline against a {@link TrustedRoot}: keyless (Fulcio certificate) and key-based ({@code publicKey}, cosign v3),
 * message signatures ({@code hashedrekord}) and DSSE envelopes ({@code dsse}, {@code intoto}, and Rekor v2's
 * hashedrekord-over-DSSE).
 *
 * <p>Checks, in this order (the first failure decides the outcome): bundle structure and media type; the bundle's
 * message digest against the artifact; certificate chain to a Fulcio CA valid at issuance plus one valid SCT
 * (keyless) or one of the trusted keys (key-based); the signature (DSSE: over the spec's pre-authentication encoding
 * with byte lengths); the DSSE subject against the artifact; each transparency-log entry's body against the
 * signature, digest and certificate/key; inclusion proof, checkpoint and signed entry timestamp (sigstore-java's
 * {@code RekorVerifier}); RFC 3161 timestamps; and that every verified time lies within the certificate's validity
 * and the log key's {@code validFor}. sigstore-java 2.0.0 supplies the primitives (chain and SCT, Rekor proofs,
 * timestamps, signature algorithms); the orchestration is ours because its {@code KeylessVerifier} misses the time
 * checks, rejects {@code intoto:0.0.2} entries and key-based bundles, and computes the DSSE encoding wrongly
 * (docs/signatures-sigstore.md, "sigstore-java 2.0.0 gaps").
 *
 * <p>Never throws for bad input and never fetches anything; any exception from the libraries becomes an INVALID
 * (or MALFORMED) outcome. Thread-safe; build one per build and reuse it.
 */
public final class SigstoreBundleVerifier {
    static final Set<String> MEDIA_TYPES = Set.of(
            "application/vnd.dev.sigstore.bundle+json;version=0.1",
            "application/vnd.dev.sigstore.bundle+json;version=0.2",
            "application/vnd.dev.sigstore.bundle+json;version=0.3",
            "application/vnd.dev.sigstore.bundle.v0.3+json");
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-fA-F]{64}");
    private static final JsonFormat.Parser PARSER = JsonFormat.parser().ignoringUnknownFields();
    private static final HexFormat HEX = HexFormat.of();

    private final TrustedRoot root;

    public SigstoreBundleVerifier(TrustedRoot root) {
        this.root = Objects.requireNonNull(root, "root");
    }

    public TrustedRoot trustedRoot() {
        return root;
    }

    /** Verifies a keyless bundle file for the artifact with this SHA-256 (hex). */
    public SignatureOutcome verify(Path bundle, String artifactSha256) {
        return verify(bundle, artifactSha256, List.of());
    }

    /**
     * Verifies a bundle file for the artifact with this SHA-256 (hex). A key-based bundle verifies only with one of
     * {@code keys}; a keyless one ignores them.
     */
    public SignatureOutcome verify(Path bundle, String artifactSha256, List<TrustedKey> keys) {
        byte[] json;
        try {
            json = Files.readAllBytes(bundle);
        } catch (IOException e) {
            return SignatureOutcome.failure(Status.MALFORMED, Check.FORMAT, bundle.toString(), "the bundle cannot be"
                    + " read (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
        }
        return verify(bundle.toString(), json, artifactSha256, keys);
    }

    /** Verifies bundle bytes; {@code source} names them in the outcome. */
    public SignatureOutcome verify(String source, byte[] json, String artifactSha256, List<TrustedKey> keys) {
        if (artifactSha256 == null || !SHA256_HEX.matcher(artifactSha256).matches()) {
            return SignatureOutcome.failure(Status.NOT_EVALUATED, Check.INTERNAL, source, "the artifact's SHA-256 '"
                    + artifactSha256 + "' is not 64 hex digits");
        }
        return run(source, json, HEX.parseHex(artifactSha256.toLowerCase(Locale.ROOT)), keys);
    }

    /**
     * Verifies a DSSE bundle (an attestation) without asking which artifact it is about: signature, certificate or
     * key, log entry and times. The verified payload is in {@link SignatureOutcome#envelope()}; matching its
     * subjects against an artifact is the caller's job (provenance reports a subject mismatch apart from a bad
     * signature).
     */
    public SignatureOutcome verifyAttestation(String source, byte[] json, List<TrustedKey> keys) {
        return run(source, json, null, keys);
    }

    private SignatureOutcome run(String source, byte[] json, byte[] digest, List<TrustedKey> keys) {
        Objects.requireNonNull(json, "json");
        try {
            return new Run(source, digest, keys == null ? List.of() : keys).verify(json);
        } catch (Failure f) {
            return SignatureOutcome.builder(f.status, source).check(f.check).reason(f.getMessage())
                    .expected(f.expected).actual(f.actual).key(null, f.keySha256).build();
        } catch (LinkageError e) {
            return SignatureOutcome.failure(Status.NOT_EVALUATED, Check.INTERNAL, source, "the Sigstore verifier"
                    + " cannot run (" + e.getClass().getSimpleName() + ": " + e.getMessage() + "): a library is"
                    + " missing from the classpath of the rule (see docs/signatures-sigstore.md, \"Footprint\")");
        } catch (VirtualMachineError e) {
            if (e instanceof StackOverflowError) {
                return SignatureOutcome.failure(Status.MALFORMED, Check.FORMAT, source, "the bundle is nested too"
                        + " deeply to be parsed");
            }
            throw e;
        } catch (Throwable t) {
            // fail closed: whatever sigstore-java or the JDK threw is a failed verification, reported, never passed
            return SignatureOutcome.failure(Status.INVALID, Check.INTERNAL, source, "verification failed: "
                    + t.getClass().getSimpleName() + ": " + t.getMessage());
        }
    }

    /** One verification; holds what the steps share. */
    private final class Run {
        private final String source;
        private final byte[] digest;
        private final List<TrustedKey> keys;
        private java.security.cert.X509Certificate leaf;
        private TrustedKey key;
        private PublicKey signingKey;
        private byte[] signature;
        private byte[] payload;
        private String payloadType;
        private byte[] pae;
        private byte[] signedDigest;

        Run(String source, byte[] digest, List<TrustedKey> keys) {
            this.source = source;
            this.digest = digest;
            this.keys = keys;
        }

        SignatureOutcome verify(byte[] json) throws Failure {
            Bundle bundle = parse(json);
            boolean dsse = bundle.hasDsseEnvelope();
            readContent(bundle, dsse);
            VerificationMaterial vm = bundle.getVerificationMaterial();
            if (vm.getTlogEntriesCount() == 0) {
                throw new Failure(Status.INVALID, Check.TLOG_INCLUSION, "the bundle has no transparency-log entry;"
                        + " Airlock verifies only logged signatures, offline");
            }
            for (TransparencyLogEntry e : vm.getTlogEntriesList()) {
                if (e.getLogIndex() < 0 || (e.hasInclusionProof() && e.getInclusionProof().getLogIndex() < 0)) {
                    throw new Failure(Status.MALFORMED, Check.FORMAT, "the transparency-log entry has a negative"
                            + " log index (" + e.getLogIndex() + ")");
                }
            }
            if (!dsse && bundle.getMessageSignature().hasMessageDigest()) {
                var md = bundle.getMessageSignature().getMessageDigest();
                byte[] bundleDigest = md.getDigest().toByteArray();
                if (md.getAlgorithm() != dev.sigstore.proto.common.v1.HashAlgorithm.SHA2_256) {
                    throw new Failure(Status.INVALID, Check.ARTIFACT_DIGEST, "the bundle's message digest uses "
                            + md.getAlgorithm() + "; only SHA2_256 is supported");
                }
                if (!MessageDigest.isEqual(bundleDigest, digest)) {
                    throw new Failure(Status.INVALID, Check.ARTIFACT_DIGEST, "the artifact's SHA-256 is not the"
                            + " digest the bundle signs").values(HEX.formatHex(digest), HEX.formatHex(bundleDigest));
                }
            }
            readMaterial(vm);
            verifySignature(dsse);
            if (dsse && digest != null) {
                checkSubject();
            }
            List<Instant> logTimes = new ArrayList<>();
            String kind = null;
            long index = -1;
            for (TransparencyLogEntry e : vm.getTlogEntriesList()) {
                kind = checkEntryBody(e, dsse);
                index = e.getLogIndex();
                RekorEntry entry = ProtoMutators.toRekorEntry(e);
                if (!e.hasInclusionProof()) {
                    throw new Failure(Status.INVALID, Check.TLOG_INCLUSION, "the transparency-log entry has no"
                            + " inclusion proof; Airlock never queries the log, so it cannot be verified offline");
                }
                try {
                    root.logEntries().verify(entry);
                } catch (Exception ex) {
                    throw new Failure(Status.INVALID, Check.TLOG_INCLUSION, "the transparency-log entry does not"
                            + " verify: " + message(ex));
                }
                boolean set = e.hasInclusionPromise() && !e.getInclusionPromise().getSignedEntryTimestamp().isEmpty();
                if (set) {
                    logTimes.add(Instant.ofEpochSecond(e.getIntegratedTime()));
                }
            }
            List<Instant> tsaTimes = verifyTimestamps(vm);
            if (logTimes.isEmpty() && tsaTimes.isEmpty()) {
                throw new Failure(Status.INVALID, Check.TIMESTAMP, "the bundle has no verified time: neither a signed"
                        + " entry timestamp from the log nor an RFC 3161 timestamp");
            }
            checkTimes(vm, logTimes, tsaTimes);

            SignatureOutcome.Builder ok = SignatureOutcome.builder(Status.VERIFIED, source)
                    .entry(kind, index).timestamps(tsaTimes);
            if (!logTimes.isEmpty()) {
                ok.integratedTime(logTimes.get(0));
            }
            if (leaf != null) {
                SignerIdentity id = SignerIdentity.of(leaf);
                ok.identity(id).reason("signed by " + id.describe());
            } else {
                ok.key(key.name(), key.sha256()).reason("signed with key " + key.name());
            }
            if (dsse) {
                ok.envelope(new VerifiedEnvelope(payloadType, payload));
            }
            return ok.build();
        }

        private Bundle parse(byte[] json) throws Failure {
            // protobuf's JsonFormat reads through a lenient Gson: comments, single quotes, unquoted keys, a second
            // value after the first, and the last of two equal keys; only what passes the strict check reaches it
            String text;
            try {
                text = StrictJson.check(json);
            } catch (StrictJson.Violation v) {
                throw new Failure(Status.MALFORMED, Check.FORMAT, "not a Sigstore bundle: it is not strict JSON ("
                        + v.getMessage() + ")");
            }
            Bundle.Builder b = Bundle.newBuilder();
            try {
                PARSER.merge(text, b);
            } catch (Exception e) {
                throw new Failure(Status.MALFORMED, Check.FORMAT, "not a Sigstore bundle: " + message(e));
            }
            Bundle bundle = b.build();
            if (!MEDIA_TYPES.contains(bundle.getMediaType())) {
                throw new Failure(Status.MALFORMED, Check.FORMAT, "unsupported bundle mediaType '"
                        + bundle.getMediaType() + "' (supported: bundle v0.1, v0.2, v0.3)");
            }
            if (bundle.hasDsseEnvelope() == bundle.hasMessageSignature()) {
                throw new Failure(Status.MALFORMED, Check.FORMAT, "the bundle must hold exactly one of"
                        + " messageSignature and dsseEnvelope");
            }
            return bundle;
        }

        private void readContent(Bundle bundle, boolean dsse) throws Failure {
            if (digest == null && !dsse) {
                throw new Failure(Status.MALFORMED, Check.FORMAT, "not an attestation: the bundle holds a message"
                        + " signature, not a DSSE envelope");
            }
            if (dsse) {
                var env = bundle.getDsseEnvelope();
                if (env.getSignaturesCount() != 1) {
                    throw new Failure(Status.MALFORMED, Check.FORMAT, "the DSSE envelope must have exactly one"
                            + " signature, it has " + env.getSignaturesCount());
                }
                signature = env.getSignatures(0).getSig().toByteArray();
                payload = env.getPayload().toByteArray();
                payloadType = env.getPayloadType();
                pae = Dsse.pae(payloadType, payload);
            } else {
                signature = bundle.getMessageSignature().getSignature().toByteArray();
                signedDigest = digest;
            }
            if (signature.length == 0) {
                throw new Failure(Status.MALFORMED, Check.FORMAT, "the bundle's signature is empty");
            }
        }

        private void readMaterial(VerificationMaterial vm) throws Failure {
            switch (vm.getContentCase()) {
                case CERTIFICATE -> chain(List.of(vm.getCertificate()));
                case X509_CERTIFICATE_CHAIN -> chain(vm.getX509CertificateChain().getCertificatesList());
                case PUBLIC_KEY -> chooseKey(vm.getPublicKey().getHint());
                default -> throw new Failure(Status.MALFORMED, Check.FORMAT, "the bundle has no certificate,"
                        + " certificate chain or public key");
            }
        }

        private void chain(List<X509Certificate> certs) throws Failure {
            if (certs.isEmpty()) {
                throw new Failure(Status.MALFORMED, Check.FORMAT, "the bundle's certificate chain is empty");
            }
            CertPath path;
            try {
                CertificateFactory cf = CertificateFactory.getInstance("X.509");
                List<java.security.cert.Certificate> list = new ArrayList<>();
                for (X509Certificate c : certs) {
                    if (c.getRawBytes().isEmpty()) {
                        throw new Failure(Status.MALFORMED, Check.FORMAT, "the bundle holds an empty certificate");
                    }
                    list.add(cf.generateCertificate(new ByteArrayInputStream(c.getRawBytes().toByteArray())));
                }
                path = cf.generateCertPath(list);
            } catch (CertificateException e) {
                throw new Failure(Status.MALFORMED, Check.FORMAT, "the bundle's certificate cannot be parsed: "
                        + message(e));
            }
            leaf = (java.security.cert.X509Certificate) path.getCertificates().get(0);
            try {
                root.fulcio().verifySigningCertificate(path);
            } catch (Exception e) {
                throw new Failure(Status.INVALID, Check.CERTIFICATE_CHAIN, "the signing certificate is not valid: "
                        + message(e));
            }
            try {
                SignerIdentity.of(leaf);
            } catch (IllegalArgumentException e) {
                throw new Failure(Status.INVALID, Check.CERTIFICATE_CHAIN, "the signing certificate's identity"
                        + " cannot be read: " + e.getMessage());
            }
            signingKey = leaf.getPublicKey();
        }

        private void chooseKey(String hint) throws Failure {
            String hintHex = null;
            if (hint != null && !hint.isEmpty()) {
                try {
                    byte[] h = Base64.getDecoder().decode(hint);
                    hintHex = h.length == 32 ? HEX.formatHex(h) : null;
                } catch (IllegalArgumentException e) {
                    hintHex = null;
                }
            }
            if (keys.isEmpty()) {
                throw new Failure(Status.KEY_NOT_TRUSTED, Check.KEY, "the bundle is signed with a public key"
                        + (hintHex == null ? "" : " (sha256 " + hintHex + ")") + " and no trusted key was given")
                        .key(hintHex);
            }
            for (TrustedKey k : keys) {
                if (verifies(k.key())) {
                    key = k;
                    signingKey = k.key();
                    return;
                }
            }
            final String hh = hintHex;
            boolean hinted = hh != null && keys.stream().anyMatch(k -> k.sha256().equals(hh));
            if (hinted) {
                throw new Failure(Status.INVALID, Check.SIGNATURE, "the signature does not verify under the trusted"
                        + " key it names (sha256 " + hh + ")").key(hh);
            }
            throw new Failure(Status.KEY_NOT_TRUSTED, Check.KEY, "the signature verifies under none of the trusted"
                    + " keys (" + String.join(", ", keys.stream().map(TrustedKey::name).toList()) + ")"
                    + (hh == null ? "" : "; the bundle names key sha256 " + hh)).key(hh);
        }

        private boolean verifies(PublicKey k) {
            try {
                var v = Verifiers.newVerifier(k);
                return pae != null ? v.verify(pae, signature) : v.verifyDigest(signedDigest, signature);
            } catch (Exception e) {
                return false;
            }
        }

        private void verifySignature(boolean dsse) throws Failure {
            if (key != null) {
                return; // chosen because it verifies
            }
            boolean ok;
            try {
                var v = Verifiers.newVerifier(signingKey);
                ok = dsse ? v.verify(pae, signature) : v.verifyDigest(signedDigest, signature);
            } catch (Exception e) {
                throw new Failure(Status.INVALID, Check.SIGNATURE, "the signature cannot be checked: " + message(e));
            }
            if (!ok) {
                throw new Failure(Status.INVALID, Check.SIGNATURE, dsse ? "the DSSE signature does not verify"
                        + " under the signing certificate's key" : "the signature over the artifact does not verify"
                        + " under the signing certificate's key");
            }
        }

        private void checkSubject() throws Failure {
            if (!InTotoStatement.PAYLOAD_TYPE.equals(payloadType)) {
                throw new Failure(Status.INVALID, Check.ARTIFACT_DIGEST, "the DSSE payload type '" + payloadType
                        + "' is not in-toto, so it names no artifact");
            }
            InTotoStatement st;
            try {
                st = InTotoStatement.parse(payload);
            } catch (IllegalArgumentException e) {
                throw new Failure(Status.INVALID, Check.FORMAT, e.getMessage());
            }
            String want = HEX.formatHex(digest);
            if (!st.hasSubjectSha256(want)) {
                throw new Failure(Status.INVALID, Check.ARTIFACT_DIGEST, "the artifact's SHA-256 is not a subject of"
                        + " the signed statement").values(want, st.describeSubjects());
            }
        }

        /** Checks that the log entry's body describes this signature; returns {@code kind:version}. */
        private String checkEntryBody(TransparencyLogEntry e, boolean dsse) throws Failure {
            JsonObject body;
            try {
                body = JsonParser.parseString(StrictJson.check(e.getCanonicalizedBody().toByteArray()))
                        .getAsJsonObject();
            } catch (StrictJson.Violation v) {
                throw new Failure(Status.INVALID, Check.TLOG_ENTRY, "the transparency-log entry body is not JSON"
                        + " (read strictly: " + v.getMessage() + ")");
            } catch (RuntimeException ex) {
                throw new Failure(Status.INVALID, Check.TLOG_ENTRY, "the transparency-log entry body is not JSON");
            }
            String kind = str(body, "kind");
            String version = str(body, "apiVersion");
            String kv = kind + ":" + version;
            if (!Set.of("hashedrekord:0.0.1", "hashedrekord:0.0.2", "dsse:0.0.1", "dsse:0.0.2", "intoto:0.0.2")
                    .contains(kv)) {
                throw new Failure(Status.INVALID, Check.TLOG_ENTRY, "unsupported transparency-log entry kind " + kv
                        + " (supported: hashedrekord 0.0.1/0.0.2, dsse 0.0.1/0.0.2, intoto 0.0.2)");
            }
            JsonObject spec = obj(body, "spec");
            switch (kv) {
                case "hashedrekord:0.0.1" -> {
                    if (dsse) {
                        throw entryMismatch(kv, "a hashedrekord:0.0.1 entry cannot log a DSSE envelope");
                    }
                    JsonObject hash = obj(obj(spec, "data"), "hash");
                    require(kv, "sha256".equals(str(hash, "algorithm")), "hash algorithm is not sha256");
                    require(kv, HEX.formatHex(digest).equalsIgnoreCase(str(hash, "value")),
                            "the logged digest is not the artifact's");
                    JsonObject sig = obj(spec, "signature");
                    require(kv, Arrays.equals(signature, b64(str(sig, "content"))),
                            "the logged signature is not the bundle's");
                    require(kv, pemMatches(str(obj(sig, "publicKey"), "content")),
                            "the logged certificate or key is not the bundle's");
                }
                case "hashedrekord:0.0.2" -> {
                    JsonObject h = obj(spec, "hashedRekordV002");
                    JsonObject data = obj(h, "data");
                    require(kv, "SHA2_256".equals(str(data, "algorithm")), "digest algorithm is not SHA2_256");
                    byte[] expected = dsse ? sha256(pae) : digest;
                    require(kv, Arrays.equals(expected, b64(str(data, "digest"))), dsse
                            ? "the logged digest is not the digest of the envelope's signed encoding"
                            : "the logged digest is not the artifact's");
                    JsonObject sig = obj(h, "signature");
                    require(kv, Arrays.equals(signature, b64(str(sig, "content"))),
                            "the logged signature is not the bundle's");
                    require(kv, verifierMatches(obj(sig, "verifier")),
                            "the logged certificate or key is not the bundle's");
                }
                case "dsse:0.0.1" -> {
                    requireDsse(kv, dsse);
                    JsonObject ph = obj(spec, "payloadHash");
                    require(kv, "sha256".equals(str(ph, "algorithm")), "payload hash algorithm is not sha256");
                    require(kv, HEX.formatHex(sha256(payload)).equalsIgnoreCase(str(ph, "value")),
                            "the logged payload hash is not the envelope payload's");
                    JsonObject sig = single(kv, spec.getAsJsonArray("signatures"));
                    require(kv, Arrays.equals(signature, b64(str(sig, "signature"))),
                            "the logged signature is not the envelope's");
                    require(kv, pemMatches(str(sig, "verifier")), "the logged certificate or key is not the bundle's");
                }
                case "dsse:0.0.2" -> {
                    requireDsse(kv, dsse);
                    JsonObject d = obj(spec, "dsseV002");
                    JsonObject ph = obj(d, "payloadHash");
                    require(kv, "SHA2_256".equals(str(ph, "algorithm")), "payload hash algorithm is not SHA2_256");
                    require(kv, Arrays.equals(sha256(payload), b64(str(ph, "digest"))),
                            "the logged payload hash is not the envelope payload's");
                    JsonObject sig = single(kv, d.getAsJsonArray("signatures"));
                    require(kv, Arrays.equals(signature, b64(str(sig, "content"))),
                            "the logged signature is not the envelope's");
                    require(kv, verifierMatches(obj(sig, "verifier")),
                            "the logged certificate or key is not the bundle's");
                }
                case "intoto:0.0.2" -> {
                    requireDsse(kv, dsse);
                    JsonObject content = obj(spec, "content");
                    JsonObject ph = obj(content, "payloadHash");
                    require(kv, "sha256".equals(str(ph, "algorithm")), "payload hash algorithm is not sha256");
                    require(kv, HEX.formatHex(sha256(payload)).equalsIgnoreCase(str(ph, "value")),
                            "the logged payload hash is not the envelope payload's");
                    JsonObject env = obj(content, "envelope");
                    require(kv, payloadType.equals(str(env, "payloadType")),
                            "the logged payload type is not the envelope's");
                    JsonObject sig = single(kv, env.getAsJsonArray("signatures"));
                    // intoto:0.0.2 stores the signature base64-encoded twice
                    byte[] once = b64(str(sig, "sig"));
                    byte[] twice;
                    try {
                        twice = Base64.getDecoder().decode(once);
                    } catch (IllegalArgumentException ex) {
                        twice = once;
                    }
                    require(kv, Arrays.equals(signature, twice), "the logged signature is not the envelope's");
                    require(kv, pemMatches(str(sig, "publicKey")), "the logged certificate or key is not the bundle's");
                }
                default -> throw new Failure(Status.INVALID, Check.TLOG_ENTRY, "unsupported transparency-log entry"
                        + " kind " + kv + " (supported: hashedrekord 0.0.1/0.0.2, dsse 0.0.1/0.0.2, intoto 0.0.2)");
            }
            return kv;
        }

        private void requireDsse(String kv, boolean dsse) throws Failure {
            if (!dsse) {
                throw entryMismatch(kv, "a " + kv + " entry cannot log a message signature");
            }
        }

        private boolean verifierMatches(JsonObject verifier) throws Failure {
            JsonObject cert = verifier.getAsJsonObject("x509Certificate");
            JsonObject pk = verifier.getAsJsonObject("publicKey");
            if (cert != null) {
                return leaf != null && Arrays.equals(encoded(), b64(str(cert, "rawBytes")));
            }
            if (pk != null) {
                return key != null && Arrays.equals(key.key().getEncoded(), b64(str(pk, "rawBytes")));
            }
            return false;
        }

        /** A base64 PEM (certificate or public key) as Rekor v1 bodies hold it, compared with the bundle's. */
        private boolean pemMatches(String b64Pem) throws Failure {
            String pem = new String(b64(b64Pem), StandardCharsets.US_ASCII);
            int begin = pem.indexOf("-----BEGIN ");
            int bodyStart = begin < 0 ? -1 : pem.indexOf('\n', begin);
            int end = bodyStart < 0 ? -1 : pem.indexOf("-----END ", bodyStart);
            if (end < 0) {
                return false;
            }
            String header = pem.substring(begin, bodyStart);
            byte[] der;
            try {
                der = Base64.getMimeDecoder().decode(pem.substring(bodyStart, end).trim());
            } catch (IllegalArgumentException ex) {
                return false;
            }
            if (header.contains("CERTIFICATE")) {
                return leaf != null && Arrays.equals(encoded(), der);
            }
            if (header.contains("PUBLIC KEY")) {
                return key != null && Arrays.equals(key.key().getEncoded(), der);
            }
            return false;
        }

        private byte[] encoded() throws Failure {
            try {
                return leaf.getEncoded();
            } catch (CertificateException e) {
                throw new Failure(Status.MALFORMED, Check.FORMAT, "the certificate cannot be encoded");
            }
        }

        private List<Instant> verifyTimestamps(VerificationMaterial vm) throws Failure {
            List<Instant> times = new ArrayList<>();
            if (!vm.hasTimestampVerificationData()) {
                return times;
            }
            for (var ts : vm.getTimestampVerificationData().getRfc3161TimestampsList()) {
                byte[] bytes = ts.getSignedTimestamp().toByteArray();
                if (bytes.length == 0) {
                    throw new Failure(Status.INVALID, Check.TIMESTAMP, "the bundle holds an empty RFC 3161 timestamp");
                }
                try {
                    var resp = ImmutableTimestampResponse.builder().encoded(bytes).build();
                    root.timestamps().verify(resp, signature);
                    times.add(resp.getGenTime().toInstant());
                } catch (Exception e) {
                    throw new Failure(Status.INVALID, Check.TIMESTAMP, "an RFC 3161 timestamp does not verify: "
                            + message(e));
                }
            }
            return times;
        }

        private void checkTimes(VerificationMaterial vm, List<Instant> logTimes, List<Instant> tsaTimes)
                throws Failure {
            if (leaf != null) {
                Instant nb = leaf.getNotBefore().toInstant();
                Instant na = leaf.getNotAfter().toInstant();
                List<Instant> all = new ArrayList<>(logTimes);
                all.addAll(tsaTimes);
                for (Instant t : all) {
                    if (t.isBefore(nb) || t.isAfter(na)) {
                        String what = logTimes.contains(t) ? "the log's integrated time" : "an RFC 3161 timestamp";
                        throw new Failure(Status.INVALID, Check.TIME_VALIDITY, what + " " + t + " lies outside the"
                                + " signing certificate's validity [" + nb + ", " + na + "]")
                                .values("within [" + nb + ", " + na + "]", t.toString());
                    }
                }
            }
            // the log key must have been valid when the entry was made: its integrated time or, without one
            // (Rekor v2), the timestamps
            for (TransparencyLogEntry e : vm.getTlogEntriesList()) {
                byte[] logId = e.getLogId().getKeyId().toByteArray();
                boolean set = e.hasInclusionPromise() && !e.getInclusionPromise().getSignedEntryTimestamp().isEmpty();
                List<Instant> times = set ? List.of(Instant.ofEpochSecond(e.getIntegratedTime())) : tsaTimes;
                for (Instant t : times) {
                    boolean valid = false;
                    for (TransparencyLog log : root.tlogs()) {
                        if (Arrays.equals(log.getLogId().getKeyId(), logId)
                                && log.getPublicKey().getValidFor().contains(t)) {
                            valid = true;
                            break;
                        }
                    }
                    if (!valid) {
                        throw new Failure(Status.INVALID, Check.TIME_VALIDITY, "the transparency log's key was not"
                                + " valid at " + t + " according to the trusted root (" + root.origin() + ")");
                    }
                }
            }
        }

        private Failure entryMismatch(String kv, String why) {
            return new Failure(Status.INVALID, Check.TLOG_ENTRY, "the " + kv + " transparency-log entry does not"
                    + " match the bundle: " + why);
        }

        private void require(String kv, boolean ok, String why) throws Failure {
            if (!ok) {
                throw entryMismatch(kv, why);
            }
        }

        private JsonObject single(String kv, JsonArray sigs) throws Failure {
            if (sigs == null || sigs.size() != 1 || !sigs.get(0).isJsonObject()) {
                throw entryMismatch(kv, "the entry must hold exactly one signature");
            }
            return sigs.get(0).getAsJsonObject();
        }

        private JsonObject obj(JsonObject o, String key) throws Failure {
            JsonElement e = o == null ? null : o.get(key);
            if (e == null || !e.isJsonObject()) {
                throw new Failure(Status.INVALID, Check.TLOG_ENTRY, "the transparency-log entry body has no object '"
                        + key + "'");
            }
            return e.getAsJsonObject();
        }

        private String str(JsonObject o, String key) {
            JsonElement e = o == null ? null : o.get(key);
            return e != null && e.isJsonPrimitive() ? e.getAsString() : null;
        }

        private byte[] b64(String s) throws Failure {
            if (s == null) {
                return new byte[0];
            }
            try {
                return Base64.getDecoder().decode(s);
            } catch (IllegalArgumentException e) {
                throw new Failure(Status.INVALID, Check.TLOG_ENTRY, "the transparency-log entry holds invalid"
                        + " base64");
            }
        }
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The message of an exception and its causes, on one line. */
    static String message(Throwable t) {
        StringBuilder sb = new StringBuilder();
        Throwable c = t;
        int depth = 0;
        while (c != null && depth++ < 4) {
            String m = c.getMessage();
            if (m != null && !m.isBlank() && sb.indexOf(m) < 0) {
                if (sb.length() > 0) {
                    sb.append(": ");
                }
                sb.append(m.replace('\n', ' ').trim());
            }
            c = c.getCause();
        }
        return sb.length() == 0 ? t.getClass().getSimpleName() : sb.toString();
    }

    /** A failed check, carried out of the steps; no stack trace (it is an outcome, not an error). */
    private static final class Failure extends Exception {
        private static final long serialVersionUID = 1L;
        final Status status;
        final Check check;
        String expected;
        String actual;
        String keySha256;

        Failure(Status status, Check check, String message) {
            super(message, null, false, false);
            this.status = status;
            this.check = check;
        }

        Failure values(String expected, String actual) {
            this.expected = expected;
            this.actual = actual;
            return this;
        }

        Failure key(String sha256) {
            this.keySha256 = sha256;
            return this;
        }
    }
}
