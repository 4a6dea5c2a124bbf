package dev.airlock.verify.feed;

import static dev.airlock.verify.feed.FeedTestSupport.T0;
import static dev.airlock.verify.feed.FeedTestSupport.quarantine;
import static dev.airlock.verify.feed.FeedTestSupport.release;
import static dev.airlock.verify.feed.FeedTestSupport.sha;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.airlock.verify.digest.DigestCache;
import dev.airlock.verify.finding.Coordinates;
import dev.airlock.verify.finding.FindingCode;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class FeedEntryTest {
    private static final String SRC = "feed/quarantine-x.json";

    @Test
    void canonicalBytesAreTheDocumentedFixedOrderWithoutWhitespace() {
        FeedEntry e = FeedEntry.quarantine(Coordinates.parse("com.acme:lib:jar:1.0"), sha("a"),
                FindingCode.SBOM_HASH_MISMATCH, "verifySbom", T0.plusMillis(999), "ci-1.example", sha("ev"));
        String expected = "{\"format\":1,\"kind\":\"QUARANTINE\",\"coordinates\":\"com.acme:lib:jar:1.0\",\"sha256\":\""
                + sha("a") + "\",\"code\":\"SBOM_HASH_MISMATCH\",\"rule\":\"verifySbom\",\"evidenceSha256\":\""
                + sha("ev") + "\",\"runner\":\"ci-1.example\",\"time\":\"2026-12-07T10:00:00Z\"}";
        assertEquals(expected, new String(e.canonicalBytes(), StandardCharsets.UTF_8));
        assertEquals(DigestCache.sha256(expected.getBytes(StandardCharsets.UTF_8)), e.id());
        // stable: a second encoding, and an equal entry built again, give the same bytes and id
        assertArrayEquals(e.canonicalBytes(), e.canonicalBytes());
        FeedEntry again = FeedEntry.quarantine(Coordinates.parse("com.acme:lib:jar:1.0"), sha("a"),
                FindingCode.SBOM_HASH_MISMATCH, "verifySbom", T0, "ci-1.example", sha("ev"));
        assertEquals(e.id(), again.id());
        assertFalse(e.id().equals(quarantine(1, "a", 0).id()));
    }

    @Test
    void entryAndReleaseRoundTrip() throws Exception {
        FeedEntry q = quarantine(1, "bytes", 0);
        FeedEntry r = FeedEntry.release(q, "upstream re-signed it; \"checked\" with ü", T0.plusSeconds(3600),
                "ci-2.example");
        for (FeedEntry e : new FeedEntry[] {q, r}) {
            FeedEntry back = FeedEntry.parse(SRC, e.canonicalBytes());
            assertEquals(e, back);
            assertEquals(e.id(), back.id());
            assertArrayEquals(e.canonicalBytes(), back.canonicalBytes());
        }
        assertEquals(q.id(), r.lifts());
        assertTrue(new String(r.canonicalBytes(), StandardCharsets.UTF_8).contains("\"lifts\":\"" + q.id()
                + "\",\"reason\":"));
    }

    @Test
    void onlyIntegrityCodesCanBeQuarantined() {
        for (FindingCode c : FindingCode.values()) {
            if (c.isIntegrityFailure()) {
                FeedEntry.quarantine(Coordinates.parse("g:a:jar:1"), sha("x"), c, "r", T0, "h", sha("e"));
            } else {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FeedEntry
                        .quarantine(Coordinates.parse("g:a:jar:1"), sha("x"), c, "r", T0, "h", sha("e")));
                assertTrue(e.getMessage().contains("not an integrity failure"), e.getMessage());
            }
        }
        assertEquals("LOCK_HASH_MISMATCH, SIGNATURE_INVALID, SBOM_HASH_MISMATCH, PROVENANCE_SUBJECT_MISMATCH,"
                + " PROVENANCE_SIGNATURE_INVALID", sortedLike(FeedEntry.integrityCodes()));
    }

    private static String sortedLike(String codes) {
        String[] a = codes.split(", ");
        String[] order = {"LOCK_HASH_MISMATCH", "SIGNATURE_INVALID", "SBOM_HASH_MISMATCH",
            "PROVENANCE_SUBJECT_MISMATCH", "PROVENANCE_SIGNATURE_INVALID"};
        assertEquals(order.length, a.length, codes);
        assertTrue(Arrays.asList(a).containsAll(Arrays.asList(order)), codes);
        return String.join(", ", order);
    }

    @Test
    void releaseNeedsANonBlankReason() {
        FeedEntry q = quarantine(1, "x", 0);
        assertThrows(IllegalArgumentException.class, () -> FeedEntry.release(q, "  ", T0, "h"));
        assertThrows(IllegalArgumentException.class, () -> FeedEntry.release(q, null, T0, "h"));
        assertThrows(IllegalArgumentException.class, () -> FeedEntry.release(release(q, 1), "r", T0, "h"));
    }

    /** Replaces {@code from} in the canonical text of a quarantine entry and parses the result. */
    private static FeedException malformed(String from, String to) {
        String text = new String(quarantine(1, "x", 0).canonicalBytes(), StandardCharsets.UTF_8);
        assertTrue(text.contains(from), from);
        return malformed(text.replace(from, to).getBytes(StandardCharsets.UTF_8));
    }

    private static FeedException malformed(byte[] bytes) {
        FeedException e = assertThrows(FeedException.class, () -> FeedEntry.parse(SRC, bytes));
        assertTrue(e.getMessage().startsWith(SRC), e.getMessage());
        assertTrue(e.getMessage().contains(". Fix: "), e.getMessage());
        assertFalse(e.fix().isBlank());
        return e;
    }

    private static void at(FeedException e, int column, String problem) {
        assertEquals(1, e.line(), e.getMessage());
        assertEquals(column, e.column(), e.getMessage());
        assertTrue(e.problem().contains(problem), e.getMessage());
        assertTrue(e.getMessage().startsWith(SRC + ":1:" + column + ": "), e.getMessage());
    }

    @Test
    void malformedEntriesAreRefusedWithFileAndPosition() {
        // unknown key, at the key
        at(malformed("\"format\":1,", "\"format\":1,\"extra\":\"x\","), 13, "unknown key 'extra'");
        // a key twice (strict JSON)
        at(malformed("\"format\":1,", "\"format\":1,\"format\":1,"), 21, "Duplicate field 'format'");
        // wrong type: a number where a string belongs, at the value
        at(malformed("\"kind\":\"QUARANTINE\"", "\"kind\":7"), 20, "'kind' is a number, not a string");
        // bad coordinates
        at(malformed("com.acme:lib1:jar:1.0", "com.acme:../x:jar:1.0"), 47, "'coordinates'");
        // a policy outcome is no integrity failure
        FeedException policy = malformed("LOCK_HASH_MISMATCH", "SIGNATURE_MISSING");
        assertTrue(policy.problem().contains("SIGNATURE_MISSING is not an integrity failure"), policy.getMessage());
        assertTrue(policy.fix().contains("LOCK_HASH_MISMATCH"), policy.fix());
        // upper-case hex
        assertTrue(malformed("\"sha256\":\"", "\"sha256\":\"A").problem().contains("not 64 lower-case hex"));
        // a time with fractions
        assertTrue(malformed("10:00:00Z", "10:00:00.5Z").problem().contains("not UTC time to the second"));
        // a newer format
        assertTrue(malformed("\"format\":1", "\"format\":2").fix().contains("newer Airlock"));
        // missing keys
        assertTrue(malformed(",\"runner\":\"ci-1.example\"", "").problem().contains("lacks runner"));
        // a quarantine entry carrying a reason
        assertTrue(malformed("\"runner\"", "\"reason\":\"x\",\"runner\"").problem().contains("no 'reason'"));
    }

    @Test
    void syntaxErrorsAndNonCanonicalBytesAreRefusedWithPosition() {
        byte[] canonical = quarantine(1, "x", 0).canonicalBytes();
        // truncated
        FeedException t = malformed(Arrays.copyOf(canonical, canonical.length - 1));
        assertTrue(t.problem().contains("truncated"), t.getMessage());
        assertEquals(1, t.line());
        // a second value after the object
        assertTrue(malformed((new String(canonical, StandardCharsets.UTF_8) + "{}").getBytes(StandardCharsets.UTF_8))
                .problem().contains("content follows"));
        // valid JSON, same content, pretty-printed: not canonical, refused at the first difference (line 1, col 2)
        String pretty = new String(canonical, StandardCharsets.UTF_8).replace(",\"", ",\n  \"").replace("{", "{\n  ");
        FeedException p = malformed(pretty.getBytes(StandardCharsets.UTF_8));
        assertEquals(1, p.line());
        assertEquals(2, p.column());
        assertTrue(p.problem().contains("not in canonical form"), p.getMessage());
        // keys reordered: not canonical
        String text = new String(canonical, StandardCharsets.UTF_8);
        String reordered = text.replace("\"format\":1,\"kind\":\"QUARANTINE\"", "\"kind\":\"QUARANTINE\",\"format\":1");
        assertTrue(malformed(reordered.getBytes(StandardCharsets.UTF_8)).problem().contains("canonical"));
        // not JSON at all, empty, too large, not UTF-8
        assertTrue(malformed("<xml/>".getBytes(StandardCharsets.UTF_8)).problem().contains("not strict JSON"));
        assertTrue(malformed(new byte[0]).problem().contains("empty"));
        assertTrue(malformed(new byte[FeedEntry.MAX_BYTES + 1]).problem().contains("larger than"));
        assertTrue(malformed(new byte[] {'{', '"', (byte) 0xff, '"', ':', '1', '}'}).problem().contains("UTF-8"));
        // an array instead of an object
        assertTrue(malformed("[]".getBytes(StandardCharsets.UTF_8)).problem().contains("not a JSON object"));
    }
}
