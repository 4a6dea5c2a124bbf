package dev.airlock.it;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every scenario folder under {@code src/it/} on every supported Maven version (and on an unsupported one where the
 * scenario names it), one dynamic test each, named
 * {@code [version] scenario}. Select with {@code -Dit.scenario=name[,name]} and {@code -Dit.maven=version}.
 */
class ScenariosIT {

    @TestFactory
    Stream<DynamicTest> scenarios() throws Exception {
        ItEnvironment env = ItEnvironment.get();
        AttackTable.reset(env);
        List<DynamicTest> tests = new ArrayList<>();
        for (Scenario scenario : Scenario.all(env.scenarioDir)) {
            if (!selected(env.scenarioFilter, scenario.name)) {
                continue;
            }
            List<String> versions = new ArrayList<>(env.mavenVersions);
            versions.addAll(env.unsupportedMavenVersions);
            for (String version : versions) {
                boolean supported = env.mavenVersions.contains(version);
                if (!selected(env.mavenFilter, version) || !scenario.runsOn(version, supported)) {
                    continue;
                }
                tests.add(DynamicTest.dynamicTest("[" + version + "] " + scenario.name, () -> {
                    ScenarioRun run = new ScenarioRun(env, scenario, version);
                    AttackTable.Outcome outcome = AttackTable.Outcome.NOT_RUN;
                    try {
                        run.run();
                        outcome = AttackTable.Outcome.HELD;
                    } catch (Throwable e) {
                        outcome = run.unexpectedSuccess() ? AttackTable.Outcome.GOT_THROUGH : AttackTable.Outcome.NOT_RUN;
                        throw e;
                    } finally {
                        AttackTable.record(env, scenario, version, outcome, run.work());
                    }
                }));
            }
        }
        if (tests.isEmpty()) {
            throw new IllegalStateException("no scenario selected (it.scenario=" + env.scenarioFilter + ", it.maven="
                    + env.mavenFilter + ")");
        }
        return tests.stream();
    }

    private static boolean selected(String filter, String value) {
        if (filter == null || filter.isBlank()) {
            return true;
        }
        for (String f : filter.split(",")) {
            if (f.trim().equals(value)) {
                return true;
            }
        }
        return false;
    }
}
