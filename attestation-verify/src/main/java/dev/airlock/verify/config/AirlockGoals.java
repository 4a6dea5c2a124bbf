package dev.airlock.verify.config;

import java.util.Collection;
import java.util.List;

/**
 * The goals of {@code dev.airlock:airlock-maven-plugin} as a build's tasks name them (full coordinates, with or
 * without a version, or the {@code airlock:} prefix). The extension, the rules and the goals ask the same question:
 * does this session record the lock and the SBOMs?
 */
public final class AirlockGoals {
    private static final String PLUGIN = "dev.airlock:airlock-maven-plugin:";

    private AirlockGoals() {}

    /** {@code dev.airlock:airlock-maven-plugin[:version]:record}, or {@code airlock:record}. */
    public static boolean isRecordGoal(String task) {
        return task != null && (task.matches("dev\\.airlock:airlock-maven-plugin(:[^:]+)?:record")
                || task.equals("airlock:record"));
    }

    /** Whether the session's tasks run {@code record}. */
    public static boolean recording(Collection<String> tasks) {
        return tasks != null && tasks.stream().anyMatch(AirlockGoals::isRecordGoal);
    }

    /**
     * Any goal of the Airlock plugin ({@code record}, {@code seal}, {@code quarantine}, {@code release},
     * {@code audit}).
     */
    public static boolean isAirlockGoal(String task) {
        return task != null && (task.startsWith(PLUGIN) || task.startsWith("airlock:"));
    }

    /** The session's tasks (phases and goals) without Airlock's own goals. */
    public static List<String> withoutAirlockGoals(Collection<String> tasks) {
        return tasks == null ? List.of() : tasks.stream().filter(t -> !isAirlockGoal(t)).toList();
    }
}
