package dev.airlock.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Runs the README's main job (examples/release-gate), so the quick start is tested like everything else. */
class DemoIT {
    @Test
    void theReleaseGateIsGreenOnTheCleanMirrorAndBlocksEveryPlantedAttack() throws Exception {
        ItEnvironment env = ItEnvironment.get();
        ScenarioRun run = new ScenarioRun(env, Demo.scenario(env, false), "3.9.16");
        run.run(); // runs examples/release-gate/verify.groovy
        Demo.Report report = Demo.report(run, "3.9.16");
        assertTrue(report.allHeld(), report.text());
        assertEquals(6, report.verdicts().size(), report.text());
        assertTrue(report.text().contains("2. the release gate on the clean mirror: GREEN"), report.text());
        assertTrue(report.text().contains("PASS mirror-drift [BLOCKED]"), report.text());
        assertTrue(report.text().contains("The injected repository received 0 request(s)."), report.text());
    }
}
