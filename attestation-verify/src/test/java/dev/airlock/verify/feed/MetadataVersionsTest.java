package dev.airlock.verify.feed;

import static dev.airlock.verify.feed.FeedTestSupport.quarantine;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MetadataVersionsTest {
    private static byte[] metadata(String versions) {
        return ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<metadata>\n  <groupId>com.acme.fleet</groupId>\n"
                + "  <artifactId>quarantine</artifactId>\n  <versioning>\n    <latest>x</latest>\n    <versions>\n"
                + versions + "    </versions>\n    <lastUpdated>20261207100000</lastUpdated>\n  </versioning>\n"
                + "</metadata>\n").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void readsTheVersionsList() throws Exception {
        assertEquals(List.of("20261207T100000Z-0123456789abcdef", "1.0", "snapshot-20261207T110000Z-0123456789abcdef"),
                MetadataVersions.read("m.xml", metadata("      <version>20261207T100000Z-0123456789abcdef</version>\n"
                        + "      <version> 1.0 </version>\n"
                        + "      <version>snapshot-20261207T110000Z-0123456789abcdef</version>\n")));
        assertEquals(List.of(), MetadataVersions.read("m.xml", metadata("")));
        assertEquals(List.of(), MetadataVersions.read("m.xml", "<metadata/>".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void refusesEntitiesMalformedXmlAndOtherDocuments() {
        String xxe = "<?xml version=\"1.0\"?>\n<!DOCTYPE metadata [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n"
                + "<metadata><versioning><versions><version>&x;</version></versions></versioning></metadata>";
        FeedException e = assertThrows(FeedException.class,
                () -> MetadataVersions.read("m.xml", xxe.getBytes(StandardCharsets.UTF_8)));
        assertTrue(e.problem().contains("DOCTYPE"), e.getMessage());
        assertEquals(2, e.line(), e.getMessage());

        FeedException broken = assertThrows(FeedException.class, () -> MetadataVersions.read("m.xml",
                "<metadata>\n<versioning>\n</metadata>".getBytes(StandardCharsets.UTF_8)));
        assertTrue(broken.problem().contains("not well-formed XML"), broken.getMessage());
        assertEquals(3, broken.line(), broken.getMessage());
        assertTrue(broken.getMessage().startsWith("m.xml:3:"), broken.getMessage());

        FeedException other = assertThrows(FeedException.class,
                () -> MetadataVersions.read("m.xml", "<project/>".getBytes(StandardCharsets.UTF_8)));
        assertTrue(other.problem().contains("not <metadata>"), other.getMessage());
        assertThrows(FeedException.class, () -> MetadataVersions.read("m.xml",
                new byte[MetadataVersions.MAX_BYTES + 1]));
    }

    @Test
    void mergeLosesNothingInEitherOrder() {
        // two runners deployed at once: each wrote the metadata it read plus its own version
        List<String> base = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            base.add(FeedLayout.version(quarantine(i, "b" + i, i)));
        }
        List<String> a = new ArrayList<>(base);
        a.add(FeedLayout.version(quarantine(100, "runner a", 30)));
        List<String> b = new ArrayList<>(base);
        b.add(FeedLayout.version(quarantine(101, "runner b", 30)));
        b.add(FeedLayout.version(quarantine(102, "runner b 2", 5)));
        Set<String> all = new HashSet<>(a);
        all.addAll(b);
        List<String> ab = MetadataVersions.merge(a, b);
        assertEquals(ab, MetadataVersions.merge(b, a));
        assertEquals(all, new HashSet<>(ab));
        assertEquals(all.size(), ab.size());
        List<String> sorted = new ArrayList<>(all);
        Collections.sort(sorted);
        assertEquals(sorted, ab);
        // the overwritten runner sees what it must merge in again; after the merge nothing is missing
        assertEquals(List.of(a.get(a.size() - 1)), MetadataVersions.missing(b, a));
        assertEquals(List.of(), MetadataVersions.missing(ab, a));
        assertEquals(List.of(), MetadataVersions.missing(ab, b));
        // shuffled inputs, any grouping: the same result
        Random random = new Random(19);
        for (int i = 0; i < 50; i++) {
            List<String> x = new ArrayList<>(a);
            List<String> y = new ArrayList<>(b);
            Collections.shuffle(x, random);
            Collections.shuffle(y, random);
            assertEquals(ab, MetadataVersions.merge(y, x));
            assertEquals(ab, MetadataVersions.merge(MetadataVersions.merge(x, List.of()), y));
        }
    }
}
