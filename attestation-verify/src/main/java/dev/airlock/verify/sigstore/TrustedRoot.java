package dev.airlock.verify.sigstore;

import com.google.protobuf.util.JsonFormat;
import dev.airlock.verify.digest.DigestCache;
import dev.sigstore.fulcio.client.FulcioVerifier;
import dev.sigstore.proto.common.v1.TimeRange;
import dev.sigstore.proto.trustroot.v1.CertificateAuthority;
import dev.sigstore.proto.trustroot.v1.TransparencyLogInstance;
import dev.sigstore.timestamp.client.TimestampVerifier;
import dev.sigstore.trustroot.SigstoreTrustedRoot;
import dev.sigstore.trustroot.TransparencyLog;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A Sigstore trusted root ({@code trusted_root.json}: Fulcio CAs, Rekor transparency logs, CT logs, timestamp
 * authorities), loaded strictly and once per build, with the sigstore-java verifiers built from it. Nothing is ever
 * fetched: the root comes from a file or from the copy of the public-good root bundled in this library
 * ({@link #PUBLIC_GOOD_SHA256}). The user may pin the root's SHA-256; a different file is refused.
 *
 * <p>Strict means: the media type is the trusted-root v0.1 one; there is at least one certificate authority, one
 * transparency log and one CT log; every log key and every authority has a {@code validFor} with a {@code start}
 * (sigstore-java would treat a missing start as "valid since 1970", see docs/signatures-sigstore.md) and an end
 * not before it; every key and certificate parses. Any failure is a {@link TrustedRootException} naming the file.
 *
 * <p>Immutable and thread-safe; share one instance between all verifications of a build.
 */
public final class TrustedRoot {
    /** SHA-256 of the bundled public-good root (sigstore/root-signing {@code targets/trusted_root.json}, TUF v14). */
    public static final String PUBLIC_GOOD_SHA256 = "6494e21ea73fa7ee769f85f57d5a3e6a08725eae1e38c755fc3517c9e6bc0b66";

    /** How the bundled root is named in messages. */
    public static final String BUNDLED_ORIGIN = "bundled public-good trusted root";

    static final String MEDIA_TYPE = "application/vnd.dev.sigstore.trustedroot+json;version=0.1";
    private static final String RESOURCE = "trusted_root.public-good.json";
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-fA-F]{64}");

    private final String origin;
    private final String sha256;
    /** The parsed root and its verifiers; null until first used when deferred (see {@link #publicGood(String)}). */
    private volatile Parsed parsed;
    private final byte[] deferredJson;

    /** What parsing the root gives: sigstore-java's root and the verifiers built from it. */
    private record Parsed(SigstoreTrustedRoot root, FulcioVerifier fulcio, TimestampVerifier timestamps,
            LogEntryVerifier logEntries) {}

    private TrustedRoot(String origin, String sha256, Parsed parsed, byte[] deferredJson) {
        this.origin = origin;
        this.sha256 = sha256;
        this.parsed = parsed;
        this.deferredJson = deferredJson;
    }

    /** The bundled public-good root, unpinned. */
    public static TrustedRoot publicGood() throws TrustedRootException {
        return publicGood(null);
    }

    /**
     * The bundled public-good root.
     *
     * @param pinnedSha256 the SHA-256 the user pinned ({@code <trustedRootSha256>}), or null
     */
    public static TrustedRoot publicGood(String pinnedSha256) throws TrustedRootException {
        byte[] json;
        try (InputStream in = TrustedRoot.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new TrustedRootException(BUNDLED_ORIGIN, "resource " + RESOURCE + " is missing from the"
                        + " Airlock jar", "use an unmodified airlock-attestation-verify jar", null);
            }
            json = in.readAllBytes();
        } catch (IOException e) {
            throw new TrustedRootException(BUNDLED_ORIGIN, "cannot be read: " + e.getMessage(),
                    "use an unmodified airlock-attestation-verify jar", e);
        }
        String actual = checkPin(BUNDLED_ORIGIN, json, pinnedSha256);
        if (PUBLIC_GOOD_SHA256.equals(actual)) {
            // the very bytes this library was tested with (TrustedRootTest parses them): parsed on first use, so a
            // build whose closure has no Sigstore bundle, cosign signature or attestation does not pay for loading
            // protobuf and sigstore-java (0.6 s of a warm build, docs/benchmark.md)
            return new TrustedRoot(BUNDLED_ORIGIN, actual, null, json);
        }
        return parse(BUNDLED_ORIGIN, json, pinnedSha256);
    }

    /**
     * A root read from a file ({@code <trustedRoot>}).
     *
     * @param pinnedSha256 the SHA-256 the user pinned ({@code <trustedRootSha256>}), or null
     */
    public static TrustedRoot load(Path file, String pinnedSha256) throws TrustedRootException {
        String origin = file.toString();
        byte[] json;
        try {
            json = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new TrustedRootException(origin, "cannot be read (" + e.getClass().getSimpleName() + ": "
                    + e.getMessage() + ")", "point <trustedRoot> at a readable trusted_root.json", e);
        }
        return parse(origin, json, pinnedSha256);
    }

    /**
     * A root from bytes.
     *
     * @param origin how to name it in messages (a file path)
     * @param pinnedSha256 the expected SHA-256 of {@code json}, or null
     */
    public static TrustedRoot parse(String origin, byte[] json, String pinnedSha256) throws TrustedRootException {
        String actual = checkPin(origin, json, pinnedSha256);
        return new TrustedRoot(origin, actual, parseRoot(origin, json), null);
    }

    /** The SHA-256 of {@code json}, after checking it against the pin (if any). */
    private static String checkPin(String origin, byte[] json, String pinnedSha256) throws TrustedRootException {
        String actual = DigestCache.sha256(json);
        if (pinnedSha256 != null && !pinnedSha256.isBlank()) {
            String pin = pinnedSha256.trim();
            if (!SHA256_HEX.matcher(pin).matches()) {
                throw new TrustedRootException(origin, "the pinned <trustedRootSha256> '" + pin + "' is not a SHA-256"
                        + " (64 hex digits)", "set <trustedRootSha256> to the sha256sum of the trusted root file",
                        null);
            }
            if (!pin.toLowerCase(Locale.ROOT).equals(actual)) {
                throw new TrustedRootException(origin, "SHA-256 mismatch: expected " + pin.toLowerCase(Locale.ROOT)
                        + " (<trustedRootSha256>), actual " + actual,
                        "if the root was rotated on purpose, verify the new root out of band and update"
                                + " <trustedRootSha256> (docs/signatures-sigstore.md, \"Rotation\")", null);
            }
        }
        return actual;
    }

    private static Parsed parseRoot(String origin, byte[] json) throws TrustedRootException {
        String text;
        try {
            // protobuf's JsonFormat is lenient (comments, a second value, the last of two equal keys): the root is
            // read only when it is strict JSON, so every reader of these bytes sees the same keys
            text = dev.airlock.verify.json.StrictJson.check(json);
        } catch (dev.airlock.verify.json.StrictJson.Violation v) {
            throw new TrustedRootException(origin, "is not a Sigstore trusted root: not strict JSON ("
                    + v.getMessage() + ")",
                    "use the trusted_root.json exactly as published by the Sigstore instance's TUF repository", null);
        }
        dev.sigstore.proto.trustroot.v1.TrustedRoot proto;
        try {
            var builder = dev.sigstore.proto.trustroot.v1.TrustedRoot.newBuilder();
            // unknown fields are ignored: newer roots may add some; everything verification needs is checked below
            JsonFormat.parser().ignoringUnknownFields().merge(text, builder);
            proto = builder.build();
        } catch (Exception | StackOverflowError e) {
            throw new TrustedRootException(origin, "is not a Sigstore trusted root (" + e.getMessage() + ")",
                    "use a trusted_root.json as published by the Sigstore instance's TUF repository", e);
        }
        validate(origin, proto);
        try {
            SigstoreTrustedRoot root = SigstoreTrustedRoot.from(proto);
            FulcioVerifier fulcio = FulcioVerifier.newFulcioVerifier(root);
            TimestampVerifier timestamps = TimestampVerifier.newTimestampVerifier(root);
            for (TransparencyLog log : root.getTLogs()) {
                log.getPublicKey().toJavaPublicKey();
            }
            return new Parsed(root, fulcio, timestamps, new LogEntryVerifier(root.getTLogs()));
        } catch (Exception | LinkageError e) {
            throw new TrustedRootException(origin, "cannot be used: " + e.getClass().getSimpleName() + ": "
                    + e.getMessage(), "use a trusted_root.json as published by the Sigstore instance's TUF repository",
                    e);
        }
    }

    private static void validate(String origin, dev.sigstore.proto.trustroot.v1.TrustedRoot proto)
            throws TrustedRootException {
        String fix = "use a complete trusted_root.json as published by the Sigstore instance's TUF repository";
        if (!MEDIA_TYPE.equals(proto.getMediaType())) {
            throw new TrustedRootException(origin, "mediaType is '" + proto.getMediaType() + "', expected '"
                    + MEDIA_TYPE + "'", fix, null);
        }
        if (proto.getCertificateAuthoritiesCount() == 0) {
            throw new TrustedRootException(origin, "has no certificateAuthorities", fix, null);
        }
        if (proto.getTlogsCount() == 0) {
            throw new TrustedRootException(origin, "has no tlogs (transparency logs)", fix, null);
        }
        if (proto.getCtlogsCount() == 0) {
            throw new TrustedRootException(origin, "has no ctlogs (certificate transparency logs)", fix, null);
        }
        checkLogs(origin, "tlogs", proto.getTlogsList(), fix);
        checkLogs(origin, "ctlogs", proto.getCtlogsList(), fix);
        checkAuthorities(origin, "certificateAuthorities", proto.getCertificateAuthoritiesList(), fix);
        checkAuthorities(origin, "timestampAuthorities", proto.getTimestampAuthoritiesList(), fix);
    }

    private static void checkLogs(String origin, String field, List<TransparencyLogInstance> logs, String fix)
            throws TrustedRootException {
        for (int i = 0; i < logs.size(); i++) {
            TransparencyLogInstance log = logs.get(i);
            String where = field + "[" + i + "] (" + log.getBaseUrl() + ")";
            if (log.getBaseUrl().isEmpty()) {
                throw new TrustedRootException(origin, where + " has no baseUrl", fix, null);
            }
            if (!log.hasLogId() || log.getLogId().getKeyId().isEmpty()) {
                throw new TrustedRootException(origin, where + " has no logId.keyId", fix, null);
            }
            if (!log.hasPublicKey() || log.getPublicKey().getRawBytes().isEmpty()) {
                throw new TrustedRootException(origin, where + " has no publicKey.rawBytes", fix, null);
            }
            checkValidFor(origin, where + ".publicKey", log.getPublicKey().hasValidFor(),
                    log.getPublicKey().getValidFor(), fix);
        }
    }

    private static void checkAuthorities(String origin, String field, List<CertificateAuthority> cas, String fix)
            throws TrustedRootException {
        for (int i = 0; i < cas.size(); i++) {
            CertificateAuthority ca = cas.get(i);
            String where = field + "[" + i + "] (" + ca.getUri() + ")";
            if (ca.getCertChain().getCertificatesCount() == 0) {
                throw new TrustedRootException(origin, where + " has an empty certChain", fix, null);
            }
            checkValidFor(origin, where, ca.hasValidFor(), ca.getValidFor(), fix);
        }
    }

    private static void checkValidFor(String origin, String where, boolean present, TimeRange range, String fix)
            throws TrustedRootException {
        if (!present || !range.hasStart()) {
            throw new TrustedRootException(origin, where + " has no validFor.start: a key or authority without"
                    + " the start of its validity cannot be bounded in time", fix, null);
        }
        if (range.hasEnd()) {
            var start = range.getStart();
            var end = range.getEnd();
            if (end.getSeconds() < start.getSeconds()
                    || (end.getSeconds() == start.getSeconds() && end.getNanos() < start.getNanos())) {
                throw new TrustedRootException(origin, where + " has validFor.end before validFor.start", fix, null);
            }
        }
    }

    /** The file the root came from, or {@link #BUNDLED_ORIGIN}. */
    public String origin() {
        return origin;
    }

    /** Lowercase hex SHA-256 of the root's bytes. */
    public String sha256() {
        return sha256;
    }

    /** Whether the root has been parsed (it is deferred for the bundled root until first used). */
    boolean isParsed() {
        return parsed != null;
    }

    private Parsed parsed() {
        Parsed p = parsed;
        if (p == null) {
            synchronized (this) {
                p = parsed;
                if (p == null) {
                    try {
                        p = parseRoot(origin, deferredJson);
                    } catch (TrustedRootException e) {
                        // cannot happen for the tested bytes; if it does, every verification that needs the root
                        // fails (the verifiers turn this into an INVALID outcome), never a pass
                        throw new IllegalStateException(e.getMessage(), e);
                    }
                    parsed = p;
                }
            }
        }
        return p;
    }

    SigstoreTrustedRoot sigstoreRoot() {
        return parsed().root();
    }

    FulcioVerifier fulcio() {
        return parsed().fulcio();
    }

    TimestampVerifier timestamps() {
        return parsed().timestamps();
    }

    LogEntryVerifier logEntries() {
        return parsed().logEntries();
    }

    List<TransparencyLog> tlogs() {
        return parsed().root().getTLogs();
    }

    @Override
    public String toString() {
        return "TrustedRoot[" + origin + ", sha256=" + sha256 + "]";
    }
}
