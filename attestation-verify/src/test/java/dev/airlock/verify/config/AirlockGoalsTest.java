package dev.airlock.verify.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class AirlockGoalsTest {

    @Test
    void recordGoalAsTasksNameIt() {
        assertTrue(AirlockGoals.isRecordGoal("dev.airlock:airlock-maven-plugin:0.1.0:record"));
        assertTrue(AirlockGoals.isRecordGoal("dev.airlock:airlock-maven-plugin:record"));
        assertTrue(AirlockGoals.isRecordGoal("airlock:record"));
        assertFalse(AirlockGoals.isRecordGoal("dev.airlock:airlock-maven-plugin:0.1.0:seal"));
        assertFalse(AirlockGoals.isRecordGoal("verify"));
        assertFalse(AirlockGoals.isRecordGoal(null));
        assertFalse(AirlockGoals.isRecordGoal("devXairlock:airlock-maven-plugin:record"));
        assertTrue(AirlockGoals.recording(List.of("-Prelease-gate", "verify", "airlock:record")));
        assertFalse(AirlockGoals.recording(List.of("verify")));
    }

    @Test
    void airlockGoalsAreLeftOutOfTheBuildsTasks() {
        assertEquals(List.of("clean", "verify"), AirlockGoals.withoutAirlockGoals(List.of("clean", "verify",
                "dev.airlock:airlock-maven-plugin:0.1.0:record", "airlock:quarantine", "airlock:audit",
                "dev.airlock:airlock-maven-plugin:audit")));
    }
}
