package dev.airlock.verify.judge;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.airlock.verify.config.AirlockConfig;
import dev.airlock.verify.config.AirlockConfigLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NamespaceJudgementTest {
    @TempDir
    Path root;

    private NamespaceJudgement judgement;

    @BeforeEach
    void config() throws IOException {
        Path f = root.resolve(".mvn/airlock.properties");
        Files.createDirectories(f.getParent());
        Files.writeString(f, "airlock.mirrors=proxy=https://repo.corp.example/proxy,"
                + "internal=https://repo.corp.example/releases\n"
                + "airlock.namespaces=com.acme.*=internal\n");
        AirlockConfig config = AirlockConfigLoader.load(root, List.of(f), Map.of());
        judgement = new NamespaceJudgement(config);
    }

    private static RepositoryRequest request(String mirrorId, String groupId) {
        return new RepositoryRequest(mirrorId, "https://repo.corp.example/" + mirrorId, mirrorId, groupId,
                groupId + ":lib:jar:1.0", groupId.replace('.', '/') + "/lib/1.0/lib-1.0.jar");
    }

    @Test
    void aRoutedGroupIsAskedOfItsMirrorOnly() {
        assertEquals(Verdict.none(), judgement.judge(request("internal", "com.acme.core")));
        Verdict v = judgement.judge(request("proxy", "com.acme.core"));
        assertEquals(List.of(), v.findings());
        assertEquals(List.of("com.acme.core is routed to internal by airlock.namespaces (com.acme.*=internal), not to"
                + " proxy"), v.refusals());
    }

    @Test
    void anUnroutedGroupMayComeFromAnyMirror() {
        assertEquals(Verdict.none(), judgement.judge(request("proxy", "org.other")));
        assertEquals(Verdict.none(), judgement.judge(request("internal", "org.other")));
    }

    @Test
    void noGroupOrNoMirrorIsNotRouted() {
        assertEquals(Verdict.none(), judgement.judge(request("proxy", "")));
        assertEquals(Verdict.none(), judgement.judge(new RepositoryRequest("evil", "http://evil/", null,
                "com.acme.core", "com.acme.core:lib:jar:1.0", "x")));
    }
}
