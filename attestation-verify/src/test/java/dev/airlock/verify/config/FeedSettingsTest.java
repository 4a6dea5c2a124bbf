package dev.airlock.verify.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code airlock.feed*} keys: parsed, defaulted, and what the command line may not do to them. */
class FeedSettingsTest {
    @TempDir
    Path root;

    private AirlockConfig load(String file, Map<String, String> cli) throws Exception {
        Path f = Files.writeString(root.resolve("airlock.properties"),
                "airlock.mirrors=m=https://repo.corp.example/maven\n" + file, StandardCharsets.UTF_8);
        return AirlockConfigLoader.load(root, List.of(f), cli);
    }

    @Test
    void aFeedWithItsDefaults() throws Exception {
        FeedSettings f = load("airlock.feed=com.acme.fleet:quarantine\n", Map.of()).feed();
        assertEquals("com.acme.fleet:quarantine", f.coordinates());
        assertTrue(f.required());
        assertEquals(root.resolve(".mvn/airlock-policy").toAbsolutePath().normalize(), f.policy());
        assertFalse(f.publishes());
        assertNull(f.runner());
        assertNull(load("", Map.of()).feed());
    }

    @Test
    void aPublishingRunner() throws Exception {
        FeedSettings f = load("airlock.feed=com.acme.fleet:quarantine\n", Map.of(
                "airlock.feed.publish", "fleet-feed::https://repo.corp.example/feed/",
                "airlock.feed.signingKey", "ci/feed.key", "airlock.feed.runner", "ci-7.example")).feed();
        assertTrue(f.publishes());
        assertEquals("fleet-feed", f.publishId());
        assertEquals("https://repo.corp.example/feed", f.publishUrl());
        assertEquals(root.resolve("ci/feed.key").toAbsolutePath().normalize(), f.signingKey());
        assertEquals("ci-7.example", f.runner());
    }

    @Test
    void mistakesAreNamedWithWhereAndFix() {
        ConfigException noKey = assertThrows(ConfigException.class, () -> load("airlock.feed=g.x:feed\n"
                + "airlock.feed.publish=fleet::https://repo.corp.example/feed\n", Map.of()));
        assertTrue(noKey.getMessage().contains("airlock.properties:3"), noKey.getMessage());
        assertTrue(noKey.getMessage().contains("airlock.feed.signingKey"), noKey.getMessage());

        ConfigException badTarget = assertThrows(ConfigException.class, () -> load("airlock.feed=g.x:feed\n",
                Map.of("airlock.feed.publish", "https://repo.corp.example/feed", "airlock.feed.signingKey", "k")));
        assertTrue(badTarget.getMessage().contains("id::url"), badTarget.getMessage());

        ConfigException badFeed = assertThrows(ConfigException.class, () -> load("airlock.feed=just-a-name\n",
                Map.of()));
        assertTrue(badFeed.getMessage().contains("groupId:artifactId"), badFeed.getMessage());

        ConfigException orphan = assertThrows(ConfigException.class, () -> load("airlock.feed.required=false\n",
                Map.of()));
        assertTrue(orphan.getMessage().contains("airlock.feed is not"), orphan.getMessage());
    }

    @Test
    void theCommandLineMayAddAFeedAndRequireItButNotChangeOrRelaxIt() throws Exception {
        assertEquals("g.x:feed", load("", Map.of("airlock.feed", "g.x:feed")).feed().coordinates());
        assertThrows(ConfigException.class, () -> load("airlock.feed=g.x:feed\n", Map.of("airlock.feed",
                "g.x:other")));
        assertThrows(ConfigException.class, () -> load("airlock.feed=g.x:feed\n", Map.of("airlock.feed.required",
                "false")));
        assertThrows(ConfigException.class, () -> load("airlock.feed=g.x:feed\nairlock.feed.policy=p\n",
                Map.of("airlock.feed.policy", "q")));
        assertFalse(load("airlock.feed=g.x:feed\nairlock.feed.required=false\n", Map.of()).feed().required());
        assertTrue(load("airlock.feed=g.x:feed\nairlock.feed.required=false\n", Map.of("airlock.feed.required",
                "true")).feed().required());
    }
}
