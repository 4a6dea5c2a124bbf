package dev.airlock.verify.sigstore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.airlock.verify.sigstore.SignatureOutcome.Check;
import dev.airlock.verify.sigstore.SignatureOutcome.Status;
import dev.airlock.verify.testing.Fixtures;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Broken bundles end in a clean outcome naming the problem: never an exception, never VERIFIED. */
class MalformedBundleTest {
    static final String SHA = "f338c08740cdb2e663737abaf372fc3c442210ab7291c991e180797bd886cd61";
    static SigstoreBundleVerifier verifier;
    static String good;

    @BeforeAll
    static void setUp() throws Exception {
        verifier = new SigstoreBundleVerifier(TrustedRoot.publicGood());
        good = Files.readString(Fixtures.file("maven-central/sigstore-java-2.0.0.jar.sigstore.json"));
        assertEquals(Status.VERIFIED, check(good).status(), "the unedited bundle verifies");
    }

    static SignatureOutcome check(String json) {
        return verifier.verify("test.sigstore.json", json.getBytes(StandardCharsets.UTF_8), SHA, List.of());
    }

    static SignatureOutcome edited(Consumer<JsonObject> edit) {
        JsonObject o = JsonParser.parseString(good).getAsJsonObject();
        edit.accept(o);
        return check(o.toString());
    }

    static void assertOutcome(SignatureOutcome o, Status status, Check check, String text) {
        assertEquals(status, o.status(), o.toString());
        assertEquals(check, o.check(), o.toString());
        assertTrue(o.reason().contains(text), o.reason());
        assertEquals("test.sigstore.json", o.source());
    }

    @Test
    void truncatedJson() {
        assertOutcome(check(good.substring(0, good.length() / 2)), Status.MALFORMED, Check.FORMAT,
                "not a Sigstore bundle");
    }

    @Test
    void emptyFileAndNonObjects() {
        assertOutcome(check(""), Status.MALFORMED, Check.FORMAT, "not a Sigstore bundle");
        assertOutcome(check("[]"), Status.MALFORMED, Check.FORMAT, "not a Sigstore bundle");
        assertOutcome(check("\u0000\u0001garbage"), Status.MALFORMED, Check.FORMAT, "not a Sigstore bundle");
        assertOutcome(check("[".repeat(100_000)), Status.MALFORMED, Check.FORMAT, "");
    }

    @Test
    void wrongTypes() {
        assertOutcome(edited(o -> o.addProperty("verificationMaterial", "x")), Status.MALFORMED, Check.FORMAT,
                "not a Sigstore bundle");
        assertOutcome(edited(o -> o.getAsJsonObject("verificationMaterial").addProperty("tlogEntries", 5)),
                Status.MALFORMED, Check.FORMAT, "not a Sigstore bundle");
        assertOutcome(edited(o -> o.getAsJsonObject("messageSignature").addProperty("signature", "%%%")),
                Status.MALFORMED, Check.FORMAT, "not a Sigstore bundle");
    }

    @Test
    void unknownMediaType() {
        assertOutcome(edited(o -> o.addProperty("mediaType", "application/vnd.dev.sigstore.bundle+json;version=9")),
                Status.MALFORMED, Check.FORMAT, "unsupported bundle mediaType");
    }

    @Test
    void emptyCertificateChain() {
        assertOutcome(edited(o -> {
            JsonObject vm = o.getAsJsonObject("verificationMaterial");
            vm.remove("certificate");
            JsonObject chain = new JsonObject();
            chain.add("certificates", new JsonArray());
            vm.add("x509CertificateChain", chain);
        }), Status.MALFORMED, Check.FORMAT, "certificate chain is empty");
    }

    @Test
    void garbageCertificate() {
        assertOutcome(edited(o -> o.getAsJsonObject("verificationMaterial").getAsJsonObject("certificate")
                .addProperty("rawBytes", "AAAAAAAA")), Status.MALFORMED, Check.FORMAT, "certificate cannot be parsed");
    }

    @Test
    void noSignatureNoMaterialNoEntries() {
        assertOutcome(edited(o -> o.remove("messageSignature")), Status.MALFORMED, Check.FORMAT,
                "exactly one of messageSignature and dsseEnvelope");
        assertOutcome(edited(o -> o.getAsJsonObject("verificationMaterial").remove("certificate")),
                Status.MALFORMED, Check.FORMAT, "no certificate");
        assertOutcome(edited(o -> o.getAsJsonObject("verificationMaterial").add("tlogEntries", new JsonArray())),
                Status.INVALID, Check.TLOG_INCLUSION, "no transparency-log entry");
        assertOutcome(edited(o -> o.getAsJsonObject("messageSignature").addProperty("signature", "")),
                Status.MALFORMED, Check.FORMAT, "signature is empty");
    }

    @Test
    void entryWithoutInclusionProofOrWithABrokenBody() {
        assertOutcome(edited(o -> entry(o).remove("inclusionProof")), Status.INVALID, Check.TLOG_INCLUSION,
                "no inclusion proof");
        assertOutcome(edited(o -> entry(o).addProperty("canonicalizedBody", "e30=")), Status.INVALID,
                Check.TLOG_ENTRY, "unsupported transparency-log entry kind null:null");
        assertOutcome(edited(o -> entry(o).addProperty("canonicalizedBody", "bm90IGpzb24=")), Status.INVALID,
                Check.TLOG_ENTRY, "not JSON");
        assertOutcome(edited(o -> entry(o).addProperty("logIndex", "-5")), Status.MALFORMED, Check.FORMAT,
                "negative log index");
    }

    @Test
    void aMissingFileIsNamed() {
        Path f = Path.of("does-not-exist.sigstore.json");
        SignatureOutcome o = verifier.verify(f, SHA);
        assertEquals(Status.MALFORMED, o.status());
        assertEquals(f.toString(), o.source());
        assertTrue(o.reason().contains("cannot be read"), o.reason());
    }

    @Test
    void aBadDigestArgumentIsNotEvaluated() {
        SignatureOutcome o = verifier.verify("x", good.getBytes(StandardCharsets.UTF_8), "abc", List.of());
        assertEquals(Status.NOT_EVALUATED, o.status());
        assertNotEquals(Status.VERIFIED, o.status());
    }

    private static JsonObject entry(JsonObject o) {
        return o.getAsJsonObject("verificationMaterial").getAsJsonArray("tlogEntries").get(0).getAsJsonObject();
    }
}
