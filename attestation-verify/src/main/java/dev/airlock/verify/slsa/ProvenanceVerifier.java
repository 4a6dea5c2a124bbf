package dev.airlock.verify.slsa;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.airlock.verify.json.StrictJson;
import dev.airlock.verify.policy.SourceUri;
import dev.airlock.verify.sigstore.InTotoStatement;
import dev.airlock.verify.sigstore.SignatureOutcome;
import dev.airlock.verify.sigstore.SigstoreBundleVerifier;
import dev.airlock.verify.sigstore.TrustedKey;
import dev.airlock.verify.sigstore.TrustedRoot;
import dev.airlock.verify.slsa.ProvenanceOutcome.Status;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Verifies SLSA provenance offline for an artifact: Sigstore bundles holding a DSSE envelope with an in-toto
 * Statement ({@code _type} v0.1 or v1) and a SLSA provenance predicate (v0.2 or v1), logged as {@code dsse:0.0.1},
 * {@code intoto:0.0.2} (slsa-github-generator's Maven and Gradle builders) or Rekor v2 entries. That covers
 * slsa-github-generator's {@code <artifactId>-<version>-jar.build.slsa} and bundle-style {@code .intoto.jsonl}, and
 * GitHub artifact attestations. A file may hold one JSON document or JSON Lines (one bundle per line).
 *
 * <p>Checks: the signature, certificate chain, log inclusion and times as {@link SigstoreBundleVerifier} does them
 * (shared with signature verification), then the predicate type, then that a subject's {@code sha256} is the
 * artifact's. The facts are returned for the policy; {@link SlsaParity} and the trust policy
 * ({@link dev.airlock.verify.policy.ProvenanceDecision#slsaMatch}) judge them.
 * A legacy bare DSSE envelope (no bundle, no inclusion proof) is refused as unverifiable offline.
 *
 * <p>Thread-safe; build one per build.
 */
public final class ProvenanceVerifier {
    /** SLSA provenance v0.2. */
    public static final String SLSA_V02 = "https://slsa.dev/provenance/v0.2";
    /** SLSA provenance v1. */
    public static final String SLSA_V1 = "https://slsa.dev/provenance/v1";

    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-fA-F]{64}");
    private static final long MAX_FILE = 64L * 1024 * 1024;

    private final SigstoreBundleVerifier bundles;
    private final List<TrustedKey> keys;

    /** Keyless provenance only. */
    public ProvenanceVerifier(TrustedRoot root) {
        this(new SigstoreBundleVerifier(root), List.of());
    }

    /**
     * @param bundles the (shared) bundle verifier
     * @param keys trusted keys for key-signed provenance; may be empty
     */
    public ProvenanceVerifier(SigstoreBundleVerifier bundles, List<TrustedKey> keys) {
        this.bundles = Objects.requireNonNull(bundles, "bundles");
        this.keys = List.copyOf(keys);
    }

    /**
     * Verifies a provenance file for the artifact with this SHA-256 (hex). With several entries (JSON Lines), the
     * first that verifies and names the artifact wins; otherwise the most serious failure is returned (a bad
     * signature before a subject mismatch before unverifiable before malformed). {@link #verifyAll} has each.
     */
    public ProvenanceOutcome verify(Path file, String artifactSha256) {
        return pick(verifyAll(file, artifactSha256));
    }

    /** As {@link #verify(Path, String)}, for bytes; {@code source} names them. */
    public ProvenanceOutcome verify(String source, byte[] content, String artifactSha256) {
        return pick(verifyAll(source, content, artifactSha256));
    }

    /** One outcome per entry of the file (one for a single JSON document). */
    public List<ProvenanceOutcome> verifyAll(Path file, String artifactSha256) {
        byte[] content;
        try {
            if (Files.size(file) > MAX_FILE) {
                return List.of(fail(Status.MALFORMED, file.toString(), "is larger than " + MAX_FILE + " bytes"));
            }
            content = Files.readAllBytes(file);
        } catch (IOException e) {
            return List.of(fail(Status.MALFORMED, file.toString(), "cannot be read (" + e.getClass().getSimpleName()
                    + ": " + e.getMessage() + ")"));
        }
        return verifyAll(file.toString(), content, artifactSha256);
    }

    /** One outcome per entry of the content. */
    public List<ProvenanceOutcome> verifyAll(String source, byte[] content, String artifactSha256) {
        if (artifactSha256 == null || !SHA256_HEX.matcher(artifactSha256).matches()) {
            return List.of(fail(Status.NOT_EVALUATED, source, "the artifact's SHA-256 '" + artifactSha256
                    + "' is not 64 hex digits"));
        }
        String sha = artifactSha256.toLowerCase(Locale.ROOT);
        List<Entry> entries = entries(source, content);
        if (entries.isEmpty()) {
            return List.of(fail(Status.MALFORMED, source, "holds no provenance (empty file)"));
        }
        List<ProvenanceOutcome> out = new ArrayList<>();
        for (Entry e : entries) {
            out.add(verifyEntry(e, sha));
        }
        return out;
    }

    /**
     * The JSON documents of a file, read strictly ({@link StrictJson}: no key twice, no comments, nothing after a
     * value): the whole file when it is one JSON value; else, when every non-blank line is one strict JSON value, its
     * lines (JSON Lines); else one entry with the reason the file is neither. A file with one line that is not JSON is
     * not JSON Lines: no line of it is read, so no reader can take another line of it for the file.
     */
    static List<Entry> entries(String source, byte[] content) {
        String whole;
        try {
            whole = StrictJson.check(content);
            return List.of(new Entry(source, JsonParser.parseString(whole), whole, null));
        } catch (StrictJson.Violation v) {
            String text = utf8(content);
            if (text == null) {
                return List.of(new Entry(source, null, null, "is not JSON: " + v.getMessage()));
            }
            if (text.isBlank()) {
                return List.of();
            }
            String[] lines = text.split("\\r?\\n", -1);
            long nonBlank = java.util.Arrays.stream(lines).filter(l -> !l.isBlank()).count();
            if (nonBlank < 2) {
                return List.of(new Entry(source, null, null, "is not strict JSON (" + v.getMessage() + ")"));
            }
            List<Entry> out = new ArrayList<>();
            for (int i = 0; i < lines.length; i++) {
                String line = lines[i].trim();
                if (line.isEmpty()) {
                    continue;
                }
                try {
                    StrictJson.check(line);
                    out.add(new Entry(source + "#line " + (i + 1), JsonParser.parseString(line), line, null));
                } catch (StrictJson.Violation lv) {
                    String why = v.afterFirstValue() || v.line() <= 1
                            ? "is neither one JSON value nor JSON Lines: line " + (i + 1) + " is not strict JSON ("
                                    + lv.getMessage() + ")"
                            : "is not strict JSON (" + v.getMessage() + ")";
                    return List.of(new Entry(source, null, null, why));
                }
            }
            return out;
        } catch (RuntimeException | StackOverflowError e) {
            return List.of(new Entry(source, null, null, "is not JSON (" + e.getMessage() + ")"));
        }
    }

    private static String utf8(byte[] content) {
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(content)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            return null;
        }
    }

    /** One JSON document of a provenance file, with its text, or the reason it is not JSON. */
    record Entry(String source, JsonElement json, String text, String error) {}

    private ProvenanceOutcome verifyEntry(Entry e, String sha) {
        if (e.error() != null) {
            return fail(Status.MALFORMED, e.source(), e.error());
        }
        if (!e.json().isJsonObject()) {
            return fail(Status.MALFORMED, e.source(), "is not a JSON object");
        }
        JsonObject o = e.json().getAsJsonObject();
        if (!o.has("mediaType") && o.has("payloadType") && o.has("payload") && o.has("signatures")) {
            return fail(Status.UNVERIFIABLE_OFFLINE, e.source(), "is a bare DSSE envelope (the legacy"
                    + " slsa-github-generator format) without a transparency-log inclusion proof: only an online"
                    + " Rekor search could verify it, and Airlock verifies offline. Use provenance in Sigstore bundle"
                    + " format (slsa-github-generator v2 builders, GitHub artifact attestations)");
        }
        byte[] json = e.text().getBytes(StandardCharsets.UTF_8);
        SignatureOutcome sig = bundles.verifyAttestation(e.source(), json, keys);
        switch (sig.status()) {
            case VERIFIED -> {
                return judge(e.source(), sig, sha);
            }
            case MALFORMED -> {
                return new ProvenanceOutcome(Status.MALFORMED, e.source(), sig.reason(), null, null, null, sig);
            }
            case KEY_NOT_TRUSTED -> {
                return new ProvenanceOutcome(Status.KEY_NOT_TRUSTED, e.source(), sig.reason(), null, null, null, sig);
            }
            case NOT_EVALUATED -> {
                return new ProvenanceOutcome(Status.NOT_EVALUATED, e.source(), sig.reason(), null, null, null, sig);
            }
            default -> {
                return new ProvenanceOutcome(Status.SIGNATURE_INVALID, e.source(), sig.reason(), sig.expected(),
                        sig.actual(), null, sig);
            }
        }
    }

    private ProvenanceOutcome judge(String source, SignatureOutcome sig, String sha) {
        var env = sig.envelope().orElseThrow();
        if (!InTotoStatement.PAYLOAD_TYPE.equals(env.payloadType())) {
            return new ProvenanceOutcome(Status.MALFORMED, source, "the DSSE payload type is '" + env.payloadType()
                    + "', not in-toto (" + InTotoStatement.PAYLOAD_TYPE + ")", null, null, null, sig);
        }
        InTotoStatement st;
        ProvenanceFacts facts;
        try {
            st = InTotoStatement.parse(env.payload());
            if (!SLSA_V1.equals(st.predicateType()) && !SLSA_V02.equals(st.predicateType())) {
                return new ProvenanceOutcome(Status.MALFORMED, source, "the attestation is not SLSA provenance"
                        + " (predicateType " + st.predicateType() + "; supported: " + SLSA_V02 + ", " + SLSA_V1 + ")",
                        null, null, null, sig);
            }
            facts = facts(st, sig);
        } catch (IllegalArgumentException | IllegalStateException | ClassCastException | UnsupportedOperationException ex) {
            return new ProvenanceOutcome(Status.MALFORMED, source, "the signed provenance cannot be read: "
                    + ex.getMessage(), null, null, null, sig);
        }
        if (!st.hasSubjectSha256(sha)) {
            return new ProvenanceOutcome(Status.SUBJECT_MISMATCH, source, "the provenance is about other artifacts:"
                    + " no subject has the artifact's SHA-256", sha, st.describeSubjects(), facts, sig);
        }
        return new ProvenanceOutcome(Status.VERIFIED, source, "verified: " + facts.describe(), null, null, facts, sig);
    }

    /** Reads the predicate's facts (the statement's signature already verified). */
    static ProvenanceFacts facts(InTotoStatement st, SignatureOutcome sig) {
        JsonObject p = st.predicate();
        String builderId;
        String buildType;
        SourceUri.Split source = null;
        String sourceDigest = null;
        SourceUri.Split trigger = null;
        if (SLSA_V1.equals(st.predicateType())) {
            JsonObject def = obj(p, "buildDefinition");
            builderId = str(obj(obj(p, "runDetails"), "builder"), "id");
            buildType = str(def, "buildType");
            JsonObject ext = obj(def, "externalParameters");
            JsonObject workflow = obj(ext, "workflow");
            JsonObject firstDep = first(def, "resolvedDependencies");
            if (workflow != null && str(workflow, "repository") != null) {
                // GitHub artifact attestations (buildType https://actions.github.io/buildtypes/workflow/v1)
                String ref = str(workflow, "ref");
                source = SourceUri.split(str(workflow, "repository") + (ref == null ? "" : "@" + ref));
                trigger = source;
            } else if (ext != null && ext.has("source")) {
                JsonElement s = ext.get("source");
                String uri = s.isJsonObject() ? str(s.getAsJsonObject(), "uri") : s.isJsonPrimitive() ? s.getAsString()
                        : null;
                source = uri == null ? null : SourceUri.split(uri);
            } else if (firstDep != null && str(firstDep, "uri") != null) {
                source = SourceUri.split(str(firstDep, "uri"));
            }
            if (firstDep != null) {
                sourceDigest = digest(obj(firstDep, "digest"));
            }
            String wfRef = str(obj(def, "internalParameters"), "GITHUB_WORKFLOW_REF");
            if (trigger == null && wfRef != null) {
                trigger = workflowRef(wfRef);
            }
        } else {
            builderId = str(obj(p, "builder"), "id");
            buildType = str(p, "buildType");
            JsonObject config = obj(obj(p, "invocation"), "configSource");
            JsonObject material = first(p, "materials");
            if (material != null && str(material, "uri") != null) {
                source = SourceUri.split(str(material, "uri"));
                sourceDigest = digest(obj(material, "digest"));
            }
            if (config != null && str(config, "uri") != null) {
                trigger = SourceUri.split(str(config, "uri"));
                if (source == null) {
                    source = trigger;
                    sourceDigest = digest(obj(config, "digest"));
                }
            }
        }
        if (builderId == null || builderId.isEmpty()) {
            throw new IllegalArgumentException("the provenance has no builder id");
        }
        String sourceRef = source == null ? null : source.ref() != null ? source.ref()
                : trigger == null ? null : trigger.ref();
        return new ProvenanceFacts(st.type(), st.predicateType(), builderId, buildType,
                source == null ? null : source.repository(), sourceRef, sourceDigest,
                trigger == null ? null : trigger.repository(), trigger == null ? null : trigger.ref(), st.subjects(),
                sig.identity().orElse(null), sig.keyName().orElse(null), sig.entryKind().orElse(null));
    }

    /** {@code owner/repo/path/to/workflow.yml@ref} (GITHUB_WORKFLOW_REF) to the repository and ref. */
    private static SourceUri.Split workflowRef(String ref) {
        int at = ref.indexOf('@');
        String path = at < 0 ? ref : ref.substring(0, at);
        String[] parts = path.split("/");
        if (parts.length < 2) {
            return null;
        }
        return new SourceUri.Split("https://github.com/" + parts[0] + "/" + parts[1],
                at < 0 ? null : ref.substring(at + 1));
    }

    private static String digest(JsonObject d) {
        if (d == null) {
            return null;
        }
        for (String k : List.of("gitCommit", "sha1", "sha256")) {
            if (str(d, k) != null) {
                return str(d, k);
            }
        }
        return null;
    }

    private static JsonObject first(JsonObject o, String key) {
        JsonElement e = o == null ? null : o.get(key);
        if (e != null && e.isJsonArray() && !e.getAsJsonArray().isEmpty() && e.getAsJsonArray().get(0).isJsonObject()) {
            return e.getAsJsonArray().get(0).getAsJsonObject();
        }
        return null;
    }

    private static JsonObject obj(JsonObject o, String key) {
        JsonElement e = o == null ? null : o.get(key);
        return e != null && e.isJsonObject() ? e.getAsJsonObject() : null;
    }

    private static String str(JsonObject o, String key) {
        JsonElement e = o == null ? null : o.get(key);
        return e != null && e.isJsonPrimitive() && e.getAsJsonPrimitive().isString() ? e.getAsString() : null;
    }

    private static ProvenanceOutcome fail(Status status, String source, String reason) {
        return new ProvenanceOutcome(status, source, reason, null, null, null, null);
    }

    private static final List<Status> SEVERITY = List.of(Status.SIGNATURE_INVALID, Status.SUBJECT_MISMATCH,
            Status.UNVERIFIABLE_OFFLINE, Status.KEY_NOT_TRUSTED, Status.MALFORMED, Status.NOT_EVALUATED);

    private static ProvenanceOutcome pick(List<ProvenanceOutcome> all) {
        for (ProvenanceOutcome o : all) {
            if (o.isVerified()) {
                return o;
            }
        }
        for (Status s : SEVERITY) {
            for (ProvenanceOutcome o : all) {
                if (o.status() == s) {
                    return o;
                }
            }
        }
        return all.get(0);
    }
}
