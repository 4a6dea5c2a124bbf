package dev.airlock.extension;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.airlock.verify.config.AirlockConfig;
import dev.airlock.verify.config.AirlockConfigLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The extension fails closed when Maven handed it the request but its lifecycle participant never started. */
class SessionStartTest {
    @TempDir
    Path root;

    BuildSession session(String mode) throws IOException {
        Path props = root.resolve(".mvn/airlock.properties");
        Files.createDirectories(props.getParent());
        Files.writeString(props, "airlock.mirrors=internal=http://127.0.0.1:1/\nairlock.mode=" + mode + "\n");
        AirlockConfig config = AirlockConfigLoader.load(root, List.of(props), Map.of());
        return new BuildSession(0, config, null, root);
    }

    @Test
    void startedFromTheRequestButNeverStartedIsRefusedInEveryActiveMode() throws IOException {
        for (String mode : List.of("enforce", "warn")) {
            BuildSession s = session(mode);
            s.fromRequest();
            assertEquals(BuildSession.START_MISSING, s.startMissing(), mode);
            assertTrue(s.startMissing().contains("airlock-maven-support"));
            assertTrue(s.firstToReportStartMissing());
            assertFalse(s.firstToReportStartMissing(), "reported once");
            s.sessionStarted();
            assertNull(s.startMissing(), mode);
        }
    }

    @Test
    void aSessionNoRequestStartedIsNotRefused() throws IOException {
        // the core-extension bootstrap of Maven's launcher and embedders without event spies: no request event
        assertNull(session("enforce").startMissing());
    }

    @Test
    void offModeIsNotRefused() throws IOException {
        BuildSession s = session("off");
        s.fromRequest();
        assertNull(s.startMissing());
        assertFalse(s.firstToReportStartMissing());
    }
}
