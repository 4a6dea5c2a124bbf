package dev.airlock.verify.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/configuration.md's key reference is generated from {@link ConfigKeys#KEYS}: this test fails when the page and the
 * code differ. {@code mvn test -Dtest=ConfigurationPageTest -Dairlock.docs.write=true} (in attestation-verify)
 * rewrites the generated part of the page.
 */
class ConfigurationPageTest {
    static final String BEGIN = "<!-- generated from dev.airlock.verify.config.ConfigKeys.KEYS by ConfigurationPageTest;"
            + " edit ConfigKeys, not this table -->";
    static final String END = "<!-- end of the generated key reference -->";

    static String render() {
        StringBuilder sb = new StringBuilder();
        sb.append(BEGIN).append('\n');
        sb.append("| key | type | values | default | security key | since | meaning |\n");
        sb.append("|---|---|---|---|---|---|---|\n");
        for (ConfigKeys.Key k : ConfigKeys.KEYS) {
            String name = "`" + k.name() + "`";
            if (k.security()) {
                name = "[" + name + "](#" + k.name().replace(".", "").toLowerCase(java.util.Locale.ROOT) + ")";
            }
            String values = k.values().isEmpty() ? "" : "`" + String.join("` \\| `", k.values()) + "`";
            String def = k.defaultValue() == null ? "none" : "`" + k.defaultValue() + "`";
            sb.append("| ").append(name).append(" | ").append(k.type().id()).append(" | ").append(values)
                    .append(" | ").append(def).append(" | ").append(k.security() ? "yes" : "no").append(" | ")
                    .append(k.since()).append(" | ").append(k.meaning().replace("|", "\\|")).append(" |\n");
        }
        sb.append(END);
        return sb.toString();
    }

    private static Path page() {
        return Path.of(System.getProperty("airlock.docs", "../docs"), "configuration.md");
    }

    @Test
    void theKeyReferenceOfConfigurationMdIsWhatConfigKeysSays() throws IOException {
        Path page = page();
        String text = Files.readString(page, StandardCharsets.UTF_8);
        int b = text.indexOf(BEGIN);
        int e = text.indexOf(END);
        assertTrue(b >= 0 && e > b, page + " has no generated key reference (" + BEGIN + " ... " + END + ")");
        String current = text.substring(b, e + END.length());
        String expected = render();
        if (!current.equals(expected)) {
            if (Boolean.getBoolean("airlock.docs.write")) {
                Files.writeString(page, text.substring(0, b) + expected + text.substring(e + END.length()),
                        StandardCharsets.UTF_8);
                return;
            }
            fail(page + ": the key reference differs from ConfigKeys.KEYS; run mvn test -Dtest=ConfigurationPageTest"
                    + " -Dairlock.docs.write=true in attestation-verify to regenerate it.\nexpected:\n" + expected
                    + "\nfound:\n" + current);
        }
    }

    @Test
    void everySecurityKeyHasItsOwnSectionOnThePage() throws IOException {
        String text = Files.readString(page(), StandardCharsets.UTF_8);
        for (ConfigKeys.Key k : ConfigKeys.KEYS) {
            if (k.security()) {
                assertTrue(text.contains("\n### `" + k.name() + "`\n"), "docs/configuration.md has no section for "
                        + k.name() + " (the generated table links to it)");
            }
        }
    }

    @Test
    void theLoaderUsesTheDefaultsConfigKeysDeclares(@TempDir Path root) throws IOException {
        Path f = Files.writeString(root.resolve("airlock.properties"),
                ConfigKeys.MIRRORS + "=m=https://repo.corp.example/maven\n", StandardCharsets.UTF_8);
        AirlockConfig c = AirlockConfigLoader.load(root, java.util.List.of(f), java.util.Map.of());
        assertEquals(ConfigKeys.key(ConfigKeys.MODE).defaultValue(), c.mode().id());
        assertEquals(ConfigKeys.key(ConfigKeys.FLOATING_VERSIONS).defaultValue(), c.floatingVersions().id());
        assertEquals(ConfigKeys.key(ConfigKeys.LOCAL_ORIGIN).defaultValue(), c.localOrigin().id());
        assertEquals(ConfigKeys.key(ConfigKeys.DIGEST_INDEX).defaultValue(), String.valueOf(c.digestIndex()));
        assertEquals(ConfigKeys.key(ConfigKeys.ALLOW_INSECURE_MIRRORS).defaultValue(),
                String.valueOf(c.allowInsecureMirrors()));
    }
}
