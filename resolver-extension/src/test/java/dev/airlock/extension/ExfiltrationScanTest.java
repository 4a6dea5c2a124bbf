package dev.airlock.extension;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.airlock.verify.secrets.SecretScanner;
import java.util.List;
import java.util.Map;
import org.apache.maven.execution.DefaultMavenExecutionRequest;
import org.apache.maven.settings.Proxy;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.building.SettingsProblem;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecryptionResult;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.metadata.DefaultMetadata;
import org.eclipse.aether.metadata.Metadata;
import org.junit.jupiter.api.Test;

/** What the filter hands the secret scanner: the coordinates and the request path the resolver would send. */
class ExfiltrationScanTest {
    private static final String HEX_TOKEN = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b";

    @Test
    void requestPathInMavenLayout() {
        assertEquals("com/example/lib/1.0/lib-1.0-tests.jar",
                Coords.path(new DefaultArtifact("com.example", "lib", "tests", "jar", "1.0")));
        assertEquals("com/example/lib/1.0-SNAPSHOT/lib-1.0-20260101.120000-1.pom",
                Coords.path(new DefaultArtifact("com.example", "lib", "", "pom", "1.0-20260101.120000-1")));
        assertEquals("com/example/lib/maven-metadata.xml", Coords.path(new DefaultMetadata("com.example", "lib",
                "maven-metadata.xml", Metadata.Nature.RELEASE)));
    }

    @Test
    void secretSplitAcrossVersionAndClassifierIsFoundInThePathOnly() {
        SecretScanner scanner = SecretScanner.of(Map.of("SONAR_TOKEN", HEX_TOKEN), Map.of());
        DefaultArtifact a = new DefaultArtifact("com.example", "lib", HEX_TOKEN.substring(20), "jar",
                "1.0-" + HEX_TOKEN.substring(0, 20));
        // Airlock's notation puts the classifier before the version: the halves are not next to each other there
        assertTrue(scanner.find(Coords.of(a)).isEmpty(), Coords.of(a));
        assertEquals("environment variable SONAR_TOKEN",
                scanner.find(Coords.of(a), Coords.path(a)).orElseThrow().secretName());
    }

    @Test
    void decryptedSettingsPasswordsAreSecretsToo() {
        DefaultMavenExecutionRequest request = new DefaultMavenExecutionRequest();
        Server server = new Server();
        server.setId("internal");
        server.setPassword("{COQLCE6DU6GtcS5P=}");
        request.addServer(server);
        Server decrypted = server.clone();
        decrypted.setPassword("decrypted-deploy-pass");
        SettingsDecrypter decrypter = r -> new SettingsDecryptionResult() {
            @Override
            public Server getServer() {
                return decrypted;
            }

            @Override
            public List<Server> getServers() {
                return List.of(decrypted);
            }

            @Override
            public Proxy getProxy() {
                return null;
            }

            @Override
            public List<Proxy> getProxies() {
                return List.of();
            }

            @Override
            public List<SettingsProblem> getProblems() {
                return List.of();
            }
        };
        Map<String, String> secrets = AirlockEventSpy.settingsSecrets(request, () -> decrypter);
        assertEquals("{COQLCE6DU6GtcS5P=}", secrets.get("settings.xml server 'internal' password"));
        assertEquals("decrypted-deploy-pass", secrets.get("settings.xml server 'internal' password (decrypted)"));
        // a decrypter that cannot run leaves the values as written
        Map<String, String> asWritten = AirlockEventSpy.settingsSecrets(request, () -> {
            throw new IllegalStateException("no settings-security.xml");
        });
        assertEquals(Map.of("settings.xml server 'internal' password", "{COQLCE6DU6GtcS5P=}"), asWritten);
    }
}
