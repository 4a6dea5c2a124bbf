package dev.airlock.it;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every scenario folder under {@code src/it/} on every supported Maven version, one dynamic test each, named
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
            for (String version : env.mavenVersions) {
                if (!selected(env.mavenFilter, version) || !scenario.runsOn(version)) {
                    continue;
                }
                tests.add(DynamicTest.dynamicTest("[" + version + "] " + scenario.name, () -> {
                    boolean held = false;
                    try {
                        new ScenarioRun(env, scenario, version).run();
                        held = true;
                    } finally {
                        AttackTable.record(env, scenario, version, held);
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
