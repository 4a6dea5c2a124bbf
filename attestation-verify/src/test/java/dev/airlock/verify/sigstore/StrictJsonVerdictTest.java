package dev.airlock.verify.sigstore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.airlock.verify.digest.DigestCache;
import dev.airlock.verify.json.StrictJson;
import dev.airlock.verify.sigstore.SignatureOutcome.Check;
import dev.airlock.verify.sigstore.SignatureOutcome.Status;
import dev.airlock.verify.slsa.ProvenanceOutcome;
import dev.airlock.verify.slsa.ProvenanceVerifier;
import dev.airlock.verify.testing.Fixtures;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Hardening item 3: verdicts are made on strict JSON only. Bundles verified although they carried trailing data, comments,
 * single-quoted or unquoted keys, or a duplicate {@code mediaType} whose first copy was bogus (protobuf's JsonFormat
 * reads through a lenient Gson that keeps the last value); the in-toto reader took a duplicate {@code _type} and
 * subject digests {@code "ab"} or {@code null}. Another tool reading the same bytes strictly would reach another
 * verdict.
 */
class StrictJsonVerdictTest {
    static final String SHA = "f338c08740cdb2e663737abaf372fc3c442210ab7291c991e180797bd886cd61";
    static final String V1 = "https://in-toto.io/Statement/v1";
    static final String SLSA = "https://slsa.dev/provenance/v1";
    static final String SUBJECT = "a".repeat(64);
    static SigstoreBundleVerifier verifier;
    static String good;

    @BeforeAll
    static void setUp() throws Exception {
        verifier = new SigstoreBundleVerifier(TrustedRoot.publicGood());
        good = Files.readString(Fixtures.file("maven-central/sigstore-java-2.0.0.jar.sigstore.json"));
        assertEquals(Status.VERIFIED, check(good).status(), "the unedited bundle verifies");
        assertTrue(good.startsWith("{\n  \"mediaType\": \"application/vnd.dev.sigstore.bundle.v0.3+json\","));
    }

    static SignatureOutcome check(String json) {
        return verifier.verify("test.sigstore.json", json.getBytes(StandardCharsets.UTF_8), SHA, List.of());
    }

    static void assertMalformed(String json, String text) {
        SignatureOutcome o = check(json);
        assertEquals(Status.MALFORMED, o.status(), o.toString());
        assertEquals(Check.FORMAT, o.check(), o.toString());
        assertTrue(o.reason().contains("not strict JSON"), o.reason());
        assertTrue(o.reason().contains(text), o.reason());
    }

    @Test
    void aBundleWithASecondDocumentAfterItIsMalformed() {
        assertMalformed(good + "\n" + good, "content follows the end of the JSON value");
        assertMalformed(good + "{\"mediaType\": \"x\"}", "line ");
        assertMalformed(good + " garbage", "content follows the end of the JSON value");
    }

    @Test
    void commentsAndNonStandardKeysAreMalformed() {
        assertMalformed("/* signed */" + good, "comment");
        assertMalformed(good.replaceFirst("\\{", "{ // note\n"), "comment");
        assertMalformed(good.replaceFirst("\"mediaType\"", "'mediaType'"), "line 2, column 3");
        assertMalformed(good.replaceFirst("\"mediaType\"", "mediaType"), "line 2, column 3");
        assertMalformed(good.replaceFirst("\"verificationMaterial\"", "'verificationMaterial'"), "line 3");
        assertMalformed(good.replaceFirst("\\}\\s*$", ",}"), "");
    }

    @Test
    void aDuplicateKeyIsMalformedWhicheverCopyIsBogus() {
        // the first copy bogus, the last the real one: Gson (inside JsonFormat) kept the last and verified
        assertMalformed(good.replaceFirst("\\{", "{\"mediaType\": \"bogus\","), "Duplicate field 'mediaType'");
        assertMalformed(good.replaceFirst("\"logIndex\": \"711312233\",",
                "\"logIndex\": \"1\", \"logIndex\": \"711312233\","), "Duplicate field 'logIndex'");
        // one field under its JSON name and its proto name: two keys to JSON, one field to protobuf, which refuses
        SignatureOutcome twoNames = check(good.replaceFirst("\\{", "{\"media_type\": \"bogus\","));
        assertEquals(Status.MALFORMED, twoNames.status(), twoNames.toString());
        assertTrue(twoNames.reason().contains("media_type has already been set"), twoNames.reason());
    }

    @Test
    void aBomOrInvalidUtf8IsMalformed() {
        assertMalformed("\uFEFF" + good, "byte-order mark");
        byte[] bytes = good.getBytes(StandardCharsets.UTF_8);
        bytes[bytes.length - 3] = (byte) 0xC3;
        SignatureOutcome o = verifier.verify("test.sigstore.json", bytes, SHA, List.of());
        assertEquals(Status.MALFORMED, o.status(), o.toString());
        assertTrue(o.reason().contains("UTF-8"), o.reason());
    }

    static byte[] statement(String body) {
        return body.getBytes(StandardCharsets.UTF_8);
    }

    static String stmt(String type, String digest) {
        return "{\"_type\":\"" + type + "\",\"subject\":[{\"name\":\"a.jar\",\"digest\":" + digest + "}],"
                + "\"predicateType\":\"" + SLSA + "\",\"predicate\":{}}";
    }

    @Test
    void theInTotoReaderRefusesADuplicateTypeAndBadDigests() {
        InTotoStatement ok = InTotoStatement.parse(statement(stmt(V1, "{\"sha256\":\"" + SUBJECT + "\"}")));
        assertTrue(ok.hasSubjectSha256(SUBJECT));

        IllegalArgumentException dup = assertThrows(IllegalArgumentException.class, () -> InTotoStatement.parse(
                statement("{\"_type\":\"bogus\"," + stmt(V1, "{\"sha256\":\"" + SUBJECT + "\"}").substring(1))));
        assertTrue(dup.getMessage().contains("Duplicate field '_type'"), dup.getMessage());

        for (Map.Entry<String, String> bad : Map.of(
                "{\"sha256\":\"ab\"}", "not 64 lowercase hex digits",
                "{\"sha256\":null}", "is null, not a string",
                "{\"sha256\":12}", "not a string",
                "{\"sha256\":\"" + SUBJECT.toUpperCase() + "\"}", "not 64 lowercase hex digits",
                "{\"sha256\":\"" + "g".repeat(64) + "\"}", "not 64 lowercase hex digits",
                "{\"sha512\":\"" + SUBJECT + "\"}", "not 128 lowercase hex digits",
                "{\"gitCommit\":\"abc\"}", "not 40 or 64 lowercase hex digits",
                "{}", "has an empty digest",
                "{\"sha256\":\"" + SUBJECT + "\",\"sha256\":\"" + "b".repeat(64) + "\"}", "Duplicate field 'sha256'")
                .entrySet()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> InTotoStatement.parse(statement(stmt(V1, bad.getKey()))), bad.getKey());
            assertTrue(e.getMessage().contains(bad.getValue()), bad.getKey() + ": " + e.getMessage());
        }
        // algorithm names are taken as written: SHA256 is not sha256 (slsa-verifier looks up "sha256" exactly)
        InTotoStatement upper = InTotoStatement.parse(statement(stmt(V1, "{\"SHA256\":\"" + SUBJECT + "\"}")));
        assertFalse(upper.hasSubjectSha256(SUBJECT));
        // trailing data and comments, as for bundles
        assertThrows(IllegalArgumentException.class, () -> InTotoStatement.parse(statement(
                stmt(V1, "{\"sha256\":\"" + SUBJECT + "\"}") + "{}")));
        assertThrows(IllegalArgumentException.class, () -> InTotoStatement.parse(statement(
                stmt(V1, "/* x */ {\"sha256\":\"" + SUBJECT + "\"}"))));
    }

    @Test
    void provenanceFilesAreReadStrictlyAndJsonLinesStillWork() throws Exception {
        ProvenanceVerifier prov = new ProvenanceVerifier(TrustedRoot.publicGood());
        Path file = Fixtures.file("slsa-verifier/gha_maven/v2.1.0/binary-linux-amd64-push-v14.2.build.slsa");
        String sha = DigestCache.sha256Uncached(
                Fixtures.file("slsa-verifier/gha_maven/v2.1.0/binary-linux-amd64-push-v14.2"));
        String text = Files.readString(file);
        assertEquals(ProvenanceOutcome.Status.VERIFIED, prov.verify(file, sha).status());

        List<ProvenanceOutcome> dup = prov.verifyAll("dup.build.slsa", ("{\"mediaType\":\"bogus\","
                + text.substring(1)).getBytes(StandardCharsets.UTF_8), sha);
        assertEquals(1, dup.size(), dup.toString());
        assertEquals(ProvenanceOutcome.Status.MALFORMED, dup.get(0).status(), dup.toString());
        assertTrue(dup.get(0).reason().contains("Duplicate field 'mediaType'"), dup.get(0).reason());

        List<ProvenanceOutcome> comment = prov.verifyAll("c.build.slsa", ("// signed by us\n" + text)
                .getBytes(StandardCharsets.UTF_8), sha);
        assertEquals(1, comment.size(), comment.toString());
        assertEquals(ProvenanceOutcome.Status.MALFORMED, comment.get(0).status(), comment.toString());
        assertTrue(comment.get(0).reason().contains("neither one JSON value nor JSON Lines: line 1"),
                comment.get(0).reason());
        List<ProvenanceOutcome> trailingComment = prov.verifyAll("t.build.slsa", (text + "\n// end")
                .getBytes(StandardCharsets.UTF_8), sha);
        assertEquals(1, trailingComment.size(), trailingComment.toString());
        assertEquals(ProvenanceOutcome.Status.MALFORMED, trailingComment.get(0).status());

        // JSON Lines: each line one strict value; a line that is not JSON makes the file no JSON Lines at all
        List<ProvenanceOutcome> notJsonLines = prov.verifyAll("x.intoto.jsonl", (text.strip() + "\n{'a':1}\n")
                .getBytes(StandardCharsets.UTF_8), sha);
        assertEquals(1, notJsonLines.size(), notJsonLines.toString());
        assertEquals(ProvenanceOutcome.Status.MALFORMED, notJsonLines.get(0).status());
        // a JSON line that is no bundle is one malformed entry among others, as before
        List<ProvenanceOutcome> lines = prov.verifyAll("x.intoto.jsonl", (text.strip() + "\n{\"a\":1}\n")
                .getBytes(StandardCharsets.UTF_8), sha);
        assertEquals(2, lines.size(), lines.toString());
        assertEquals(ProvenanceOutcome.Status.VERIFIED, lines.get(0).status(), lines.toString());
        assertEquals(ProvenanceOutcome.Status.MALFORMED, lines.get(1).status(), lines.toString());
        assertTrue(lines.get(1).source().endsWith("#line 2"), lines.get(1).source());
    }

    @Test
    void theStrictReaderNamesLineAndColumn() {
        StrictJson.Violation v = assertThrows(StrictJson.Violation.class, () -> StrictJson.check("{\n  \"a\": 1,\n  \"a\": 2\n}"));
        assertEquals(3, v.line());
        assertTrue(v.getMessage().startsWith("line 3, column "), v.getMessage());
        assertThrows(StrictJson.Violation.class, () -> StrictJson.check(""));
        assertThrows(StrictJson.Violation.class, () -> StrictJson.check("{\"a\": NaN}"));
        assertThrows(StrictJson.Violation.class, () -> StrictJson.check("{\"a\": 01}"));
        assertThrows(StrictJson.Violation.class, () -> StrictJson.check("[1,]"));
        assertThrows(StrictJson.Violation.class, () -> StrictJson.check("{\"a\": \"x\ty\"}"));
        assertThrows(StrictJson.Violation.class, () -> StrictJson.check("{\"a\": 1} {\"a\": 1}"));
        assertTrue(assertThrows(StrictJson.Violation.class, () -> StrictJson.check("{\"a\": 1}\n{")).afterFirstValue());
    }
}
