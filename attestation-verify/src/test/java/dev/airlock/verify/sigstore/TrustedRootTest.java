package dev.airlock.verify.sigstore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.airlock.verify.digest.DigestCache;
import dev.airlock.verify.testing.Fixtures;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrustedRootTest {
    static final Path FIXTURE = Fixtures.file("sigstore/trusted_root.public-good.json");

    @Test
    void theBundledRootIsThePublicGoodRootOfTheFixtures() throws Exception {
        TrustedRoot root = TrustedRoot.publicGood();
        assertEquals(TrustedRoot.PUBLIC_GOOD_SHA256, root.sha256());
        assertEquals(DigestCache.sha256Uncached(FIXTURE), root.sha256());
        assertEquals(TrustedRoot.BUNDLED_ORIGIN, root.origin());
        assertEquals(2, root.tlogs().size());
    }

    @Test
    void theBundledRootIsParsedOnFirstUseAndThenVerifiesARealBundle() throws Exception {
        TrustedRoot root = TrustedRoot.publicGood(TrustedRoot.PUBLIC_GOOD_SHA256);
        assertFalse(root.isParsed(), "a build without Sigstore material must not pay for parsing the bundled root");
        SigstoreBundleVerifier verifier = new SigstoreBundleVerifier(root);
        assertFalse(root.isParsed());
        String sha = Files.readAllLines(Fixtures.file("maven-central/SHA256SUMS")).stream()
                .map(l -> l.trim().split("\\s+")).filter(p -> p[1].equals("sigstore-java-2.0.0.jar"))
                .findFirst().orElseThrow()[0];
        SignatureOutcome o = verifier.verify(CentralBundlesTest.bundle("sigstore-java-2.0.0.jar"), sha);
        assertEquals(SignatureOutcome.Status.VERIFIED, o.status(), o.toString());
        assertTrue(root.isParsed());
        // a file named by <trustedRoot> is configuration: it is parsed (and refused if broken) when loaded
        assertTrue(TrustedRoot.load(FIXTURE, null).isParsed());
    }

    @Test
    void aPinnedRootLoadsFromAFile() throws Exception {
        TrustedRoot root = TrustedRoot.load(FIXTURE, TrustedRoot.PUBLIC_GOOD_SHA256.toUpperCase(Locale.ROOT));
        assertEquals(TrustedRoot.PUBLIC_GOOD_SHA256, root.sha256());
        assertEquals(FIXTURE.toString(), root.origin());
    }

    @Test
    void aPinMismatchNamesBothValues() {
        String pin = "00".repeat(32);
        TrustedRootException e = assertThrows(TrustedRootException.class, () -> TrustedRoot.load(FIXTURE, pin));
        assertTrue(e.getMessage().contains(FIXTURE.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("expected " + pin), e.getMessage());
        assertTrue(e.getMessage().contains("actual " + TrustedRoot.PUBLIC_GOOD_SHA256), e.getMessage());
        assertTrue(e.fix().contains("<trustedRootSha256>"));
        TrustedRootException bundled = assertThrows(TrustedRootException.class, () -> TrustedRoot.publicGood(pin));
        assertTrue(bundled.getMessage().startsWith(TrustedRoot.BUNDLED_ORIGIN), bundled.getMessage());
    }

    @Test
    void aPinThatIsNoSha256IsRefused() {
        TrustedRootException e = assertThrows(TrustedRootException.class, () -> TrustedRoot.load(FIXTURE, "abc"));
        assertTrue(e.getMessage().contains("'abc' is not a SHA-256"), e.getMessage());
    }

    @Test
    void aMissingFileIsNamed(@TempDir Path tmp) {
        Path f = tmp.resolve("nope.json");
        TrustedRootException e = assertThrows(TrustedRootException.class, () -> TrustedRoot.load(f, null));
        assertTrue(e.getMessage().startsWith(f.toString() + ": cannot be read"), e.getMessage());
    }

    @Test
    void truncatedJsonIsRefused(@TempDir Path tmp) throws Exception {
        String json = Files.readString(FIXTURE);
        Path f = write(tmp, json.substring(0, json.length() / 2));
        TrustedRootException e = assertThrows(TrustedRootException.class, () -> TrustedRoot.load(f, null));
        assertTrue(e.getMessage().contains("is not a Sigstore trusted root"), e.getMessage());
    }

    @Test
    void aLogWithoutValidityStartIsRefused(@TempDir Path tmp) throws Exception {
        Path f = edited(tmp, o -> o.getAsJsonArray("tlogs").get(1).getAsJsonObject().getAsJsonObject("publicKey")
                .getAsJsonObject("validFor").remove("start"));
        TrustedRootException e = assertThrows(TrustedRootException.class, () -> TrustedRoot.load(f, null));
        assertTrue(e.getMessage().contains("tlogs[1] (https://log2025-1.rekor.sigstore.dev).publicKey has no"
                + " validFor.start"), e.getMessage());
    }

    @Test
    void anAuthorityWithoutValidityIsRefused(@TempDir Path tmp) throws Exception {
        Path f = edited(tmp, o -> o.getAsJsonArray("certificateAuthorities").get(0).getAsJsonObject()
                .remove("validFor"));
        TrustedRootException e = assertThrows(TrustedRootException.class, () -> TrustedRoot.load(f, null));
        assertTrue(e.getMessage().contains("certificateAuthorities[0]"), e.getMessage());
        assertTrue(e.getMessage().contains("no validFor.start"), e.getMessage());
    }

    @Test
    void aCtLogWithoutValidityIsRefused(@TempDir Path tmp) throws Exception {
        Path f = edited(tmp, o -> o.getAsJsonArray("ctlogs").get(0).getAsJsonObject().getAsJsonObject("publicKey")
                .remove("validFor"));
        TrustedRootException e = assertThrows(TrustedRootException.class, () -> TrustedRoot.load(f, null));
        assertTrue(e.getMessage().contains("ctlogs[0]"), e.getMessage());
    }

    @Test
    void anEndBeforeTheStartIsRefused(@TempDir Path tmp) throws Exception {
        Path f = edited(tmp, o -> o.getAsJsonArray("tlogs").get(0).getAsJsonObject().getAsJsonObject("publicKey")
                .getAsJsonObject("validFor").addProperty("end", "2020-01-01T00:00:00Z"));
        TrustedRootException e = assertThrows(TrustedRootException.class, () -> TrustedRoot.load(f, null));
        assertTrue(e.getMessage().contains("validFor.end before validFor.start"), e.getMessage());
    }

    @Test
    void anotherMediaTypeOrMissingPartsAreRefused(@TempDir Path tmp) throws Exception {
        Path media = edited(tmp, o -> o.addProperty("mediaType", "application/json"));
        assertTrue(assertThrows(TrustedRootException.class, () -> TrustedRoot.load(media, null)).getMessage()
                .contains("mediaType is 'application/json'"));
        Path noLogs = edited(tmp, o -> o.remove("tlogs"));
        assertTrue(assertThrows(TrustedRootException.class, () -> TrustedRoot.load(noLogs, null)).getMessage()
                .contains("has no tlogs"));
        Path noCas = edited(tmp, o -> o.remove("certificateAuthorities"));
        assertTrue(assertThrows(TrustedRootException.class, () -> TrustedRoot.load(noCas, null)).getMessage()
                .contains("has no certificateAuthorities"));
        Path wrongType = write(tmp, "{\"mediaType\":\"" + TrustedRoot.MEDIA_TYPE + "\",\"tlogs\":\"x\"}");
        assertTrue(assertThrows(TrustedRootException.class, () -> TrustedRoot.load(wrongType, null)).getMessage()
                .contains("is not a Sigstore trusted root"));
    }

    @Test
    void aKeyThatDoesNotParseIsRefused(@TempDir Path tmp) throws Exception {
        Path f = edited(tmp, o -> o.getAsJsonArray("tlogs").get(0).getAsJsonObject().getAsJsonObject("publicKey")
                .addProperty("rawBytes", "AAAA"));
        TrustedRootException e = assertThrows(TrustedRootException.class, () -> TrustedRoot.load(f, null));
        assertTrue(e.getMessage().contains("cannot be used"), e.getMessage());
    }

    private static int n;

    private static Path edited(Path tmp, Consumer<JsonObject> edit) throws Exception {
        JsonObject o = JsonParser.parseString(Files.readString(FIXTURE)).getAsJsonObject();
        edit.accept(o);
        return write(tmp, o.toString());
    }

    private static Path write(Path tmp, String json) throws Exception {
        Path f = tmp.resolve("root" + (n++) + ".json");
        Files.writeString(f, json, StandardCharsets.UTF_8);
        return f;
    }
}
