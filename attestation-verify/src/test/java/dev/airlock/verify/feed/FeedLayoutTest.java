package dev.airlock.verify.feed;

import static dev.airlock.verify.feed.FeedTestSupport.LAYOUT;
import static dev.airlock.verify.feed.FeedTestSupport.quarantine;
import static dev.airlock.verify.feed.FeedTestSupport.release;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FeedLayoutTest {
    @Test
    void versionIsTimeThenIdPrefixAndNamesTheFiles() {
        FeedEntry e = quarantine(1, "x", 90); // T0 + 90 minutes
        String version = FeedLayout.version(e);
        assertEquals("20261207T113000Z-" + e.id().substring(0, 16), version);
        FeedLayout.Files f = LAYOUT.files(e);
        assertEquals(version, f.version());
        assertEquals("com/acme/fleet/quarantine/" + version, f.directory());
        assertEquals("quarantine-" + version + ".json", f.entryFile());
        assertEquals("quarantine-" + version + ".json.sig", f.signatureFile());
        assertEquals("com/acme/fleet/quarantine/" + version + "/quarantine-" + version + ".json", f.entryPath());
        assertEquals("com/acme/fleet/quarantine/maven-metadata.xml", LAYOUT.metadataPath());
        assertEquals("com.acme.fleet:quarantine:json:" + version, LAYOUT.coordinates(version).toString());
        assertEquals(Optional.of(e.id().substring(0, 16)), FeedLayout.expectedIdPrefix(version));
        assertEquals(Optional.empty(), FeedLayout.expectedIdPrefix("1.0"));
        assertTrue(FeedLayout.isEntryVersion(version));
        assertFalse(FeedLayout.isSnapshotVersion(version));
    }

    @Test
    void versionsSortByTime() {
        List<String> versions = List.of(FeedLayout.version(quarantine(3, "c", 61)),
                FeedLayout.version(quarantine(1, "a", 0)), FeedLayout.version(quarantine(2, "b", 59)));
        assertEquals(List.of(versions.get(1), versions.get(2), versions.get(0)), FeedLayout.entryVersions(versions));
    }

    @Test
    void feedCoordinatesAreGroupAndArtifact() {
        assertEquals("g.h:a", FeedLayout.parse(" g.h:a ").toString());
        assertThrows(IllegalArgumentException.class, () -> FeedLayout.parse("g:a:1"));
        assertThrows(IllegalArgumentException.class, () -> FeedLayout.parse("g/../x:a"));
        assertThrows(IllegalArgumentException.class, () -> FeedLayout.parse(null));
    }

    @Test
    void anEntryIsReadOnlyUnderItsOwnVersion() throws Exception {
        FeedEntry a = quarantine(1, "a", 0);
        FeedEntry b = quarantine(2, "b", 0); // same second, another id
        FeedEntry r = release(a, 5);
        assertEquals(a, FeedLayout.readEntry(FeedLayout.version(a), "a.json", a.canonicalBytes()));
        assertEquals(r, FeedLayout.readEntry(FeedLayout.version(r), "r.json", r.canonicalBytes()));
        // a's bytes under b's version (a replay or a copy): refused, naming both versions
        FeedException e = assertThrows(FeedException.class,
                () -> FeedLayout.readEntry(FeedLayout.version(b), "b.json", a.canonicalBytes()));
        assertTrue(e.getMessage().startsWith("b.json: its content belongs to version " + FeedLayout.version(a)
                + ", not to " + FeedLayout.version(b)), e.getMessage());
        // right id prefix, wrong time
        String shifted = "20261207T100001Z-" + a.id().substring(0, 16);
        assertThrows(FeedException.class, () -> FeedLayout.readEntry(shifted, "a.json", a.canonicalBytes()));
        // a stray version
        FeedException stray = assertThrows(FeedException.class,
                () -> FeedLayout.readEntry("1.0", "x.json", a.canonicalBytes()));
        assertTrue(stray.problem().contains("not a feed entry version"), stray.getMessage());
        // a snapshot version does not hold an entry
        assertThrows(FeedException.class, () -> FeedLayout.readSnapshot("snapshot-20261207T100000Z-"
                + a.id().substring(0, 16), "s.json", a.canonicalBytes()));
        assertTrue(new String(a.canonicalBytes(), StandardCharsets.UTF_8).startsWith("{"));
    }
}
