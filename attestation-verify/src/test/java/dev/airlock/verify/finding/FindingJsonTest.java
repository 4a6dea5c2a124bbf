package dev.airlock.verify.finding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** Findings carry typed {@link Coordinates}; reports carry their text, and reading a report back types them again. */
class FindingJsonTest {
    private static final JsonFactory JSON = new JsonFactory();

    private static String write(Finding f) throws IOException {
        StringWriter w = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(w)) {
            g.writeStartObject();
            FindingJson.writeFields(g, f);
            g.writeEndObject();
        }
        return w.toString();
    }

    private static Finding read(String json) throws IOException {
        try (JsonParser p = JSON.createParser(json)) {
            p.nextToken();
            return FindingJson.read(p);
        }
    }

    private static Finding.Builder base() {
        return Finding.builder(FindingCode.SBOM_HASH_MISMATCH, Severity.ERROR).source("verifySbom").message("m");
    }

    @Test
    void typedCoordinatesRoundTripThroughTheReportAsTyped() throws IOException {
        Coordinates c = new Coordinates("com.acme", "lib", "jar", "tests", "1.0");
        Finding f = base().coordinates(c).build();
        assertSame(c, f.coordinates());
        assertEquals("com.acme:lib:jar:tests:1.0", f.subject());
        String json = write(f);
        assertEquals("{\"code\":\"SBOM_HASH_MISMATCH\",\"severity\":\"error\",\"coordinates\":\"com.acme:lib:jar:tests:1.0\","
                + "\"source\":\"verifySbom\",\"message\":\"m\"}", json, "the report field is the coordinates' text");
        Finding back = read(json);
        assertEquals(c, back.coordinates());
        assertEquals(f.subject(), back.subject());
        assertEquals(json, write(back), "written again, byte for byte");
    }

    @Test
    void aPartialSbomLabelStaysALabel() throws IOException {
        Finding f = base().subject("org.slf4j:slf4j-api:*:2.0.16").build();
        assertNull(f.coordinates());
        assertEquals("org.slf4j:slf4j-api:*:2.0.16", f.subject());
        assertEquals("SBOM_HASH_MISMATCH org.slf4j:slf4j-api:*:2.0.16: m", f.oneLine());
        Finding back = read(write(f));
        assertNull(back.coordinates(), "g:a:*:v is not coordinates");
        assertEquals("org.slf4j:slf4j-api:*:2.0.16", back.subject());
    }

    @Test
    void textThatParsesOnlyLooselyIsKeptAsItWasWritten() throws IOException {
        // Coordinates.parse accepts these, but its notation would write them differently: the report keeps the text
        for (String text : new String[] {"g:a:jar::1", " g:a:jar:1", "<redacted>", "g:a:1"}) {
            Finding f = base().coordinatesOrSubject(text).build();
            assertNull(f.coordinates(), text);
            assertEquals(text, f.subject());
            assertEquals(text, read(write(f)).subject());
        }
        assertEquals(Coordinates.parse("g:a:jar:1"), base().coordinatesOrSubject("g:a:jar:1").build().coordinates());
        Finding none = base().coordinatesOrSubject(null).build();
        assertNull(none.coordinates());
        assertNull(none.subject());
    }

    @Test
    void theLastOfCoordinatesAndSubjectWins() {
        Coordinates c = Coordinates.parse("g:a:jar:1");
        assertNull(base().coordinates(c).subject("label").build().coordinates());
        Finding typed = base().subject("label").coordinates(c).build();
        assertEquals(c, typed.coordinates());
        assertEquals("g:a:jar:1", typed.subject());
        Finding cleared = typed.toBuilder().coordinates(null).build();
        assertNull(cleared.coordinates());
        assertNull(cleared.subject());
        assertEquals(c, typed.toBuilder().message("other").build().coordinates(), "toBuilder keeps them typed");
        assertEquals("label", base().subject("label").build().toBuilder().build().subject());
    }

    @Test
    void blankingTextOutOfTheCoordinatesLeavesALabel() {
        Finding f = base().coordinates(Coordinates.parse("g:secret-value:jar:1")).build();
        assertEquals(Coordinates.parse("g:secret-value:jar:1"), f.mapText(s -> s).coordinates(),
                "text that does not change keeps the coordinates");
        Finding blanked = f.mapText(s -> s == null ? null : s.replace("secret-value", "<redacted>"));
        assertNull(blanked.coordinates());
        assertEquals("g:<redacted>:jar:1", blanked.subject());
        assertEquals("SBOM_HASH_MISMATCH|ERROR|g:<redacted>:jar:1|null|verifySbom|m", blanked.key());
    }
}
