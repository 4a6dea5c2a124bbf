package dev.airlock.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Runs the README's main job (examples/demo), so the quick start is tested like everything else. */
class DemoIT {
    @Test
    void demoShowsTheInjectedRepositoryBlocked() throws Exception {
        ItEnvironment env = ItEnvironment.get();
        ScenarioRun run = new ScenarioRun(env, new Scenario(env.scenarioDir.resolve("../../examples/demo").normalize()),
                "3.9.16");
        run.run(); // runs examples/demo/verify.groovy: control contacted the decoy, Airlock did not
        String report = Demo.report(run, "3.9.16");
        assertTrue(report.contains("REPOSITORY_BLOCKED com.example:payment-native:jar:2.4"), report);
        assertTrue(report.contains("injected repository received 0 request(s)"), report);
    }
}
