package dev.airlock.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which plan {@code record} resolves: airlock.record.phases, else the build's own tasks, else clean,deploy. */
class RecordTasksTest {

    @Test
    void theBuildsOwnPhasesAndGoalsByDefault() {
        assertEquals(List.of("verify"), RecordMojo.tasks(null,
                List.of("verify", "dev.airlock:airlock-maven-plugin:0.1.0:record")));
        assertEquals(List.of("clean", "install", "dependency:tree"), RecordMojo.tasks(" ",
                List.of("clean", "install", "airlock:record", "dependency:tree")));
    }

    @Test
    void cleanDeployWhenTheBuildRunsNothingElse() {
        assertEquals(List.of("clean", "deploy"), RecordMojo.tasks(null,
                List.of("dev.airlock:airlock-maven-plugin:0.1.0:record")));
    }

    @Test
    void theParameterWins() {
        assertEquals(List.of("clean", "deploy"), RecordMojo.tasks("clean, deploy", List.of("verify")));
    }
}
