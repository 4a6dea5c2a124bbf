package dev.airlock.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.airlock.verify.config.AirlockConfigLoader;
import dev.airlock.verify.config.ConfigKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every {@code airlock.*} user property a goal of this plugin reads is a name Airlock knows: the extension must not
 * call a goal's own parameter "not an Airlock configuration key" (docs/configuration.md). Read from the descriptor
 * maven-plugin-plugin generated for this build, so a new parameter cannot be forgotten in {@link ConfigKeys}.
 */
class GoalParametersTest {
    private static final Pattern EXPRESSION = Pattern.compile("\\$\\{(airlock\\.[^}]+)}");

    @Test
    void everyAirlockPropertyOfTheGoalsIsKnown(@TempDir Path root) throws Exception {
        Path descriptor = Path.of("target/classes/META-INF/maven/plugin.xml");
        assertTrue(Files.isRegularFile(descriptor), "the plugin descriptor is generated before the tests run");
        Set<String> properties = new TreeSet<>();
        Matcher m = EXPRESSION.matcher(Files.readString(descriptor));
        while (m.find()) {
            properties.add(m.group(1));
        }
        assertTrue(properties.contains("airlock.record.phases"), "the descriptor was read: " + properties);
        for (String p : properties) {
            assertTrue(ConfigKeys.ALL_KEYS.contains(p) || ConfigKeys.GOAL_PARAMETERS.contains(p),
                    p + " is a goal parameter that ConfigKeys does not know: add it to ConfigKeys.GOAL_PARAMETERS");
        }
        Set<String> goalOnly = new TreeSet<>(properties);
        goalOnly.removeAll(ConfigKeys.ALL_KEYS);
        assertEquals(goalOnly, new TreeSet<>(ConfigKeys.GOAL_PARAMETERS),
                "ConfigKeys.GOAL_PARAMETERS lists exactly the goals' own properties");

        // and the loader, as the extension runs it, warns about none of them
        Files.createDirectories(root.resolve(".mvn"));
        Path file = root.resolve(".mvn/airlock.properties");
        Files.writeString(file, "airlock.mirrors=internal=https://repo.corp.example/maven\n");
        Map<String, String> cli = new java.util.HashMap<>();
        properties.forEach(p -> cli.put(p, p.endsWith("dir") ? "q" : "true"));
        List<String> warnings = AirlockConfigLoader.load(root, List.of(file), cli).warnings();
        assertFalse(warnings.stream().anyMatch(w -> properties.stream().anyMatch(p -> w.startsWith("-D" + p))), warnings.toString());
        assertTrue(warnings.isEmpty(), warnings.toString());
    }
}
