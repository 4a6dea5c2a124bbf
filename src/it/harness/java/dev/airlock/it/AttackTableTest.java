package dev.airlock.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The adversarial table tells an attack that got through from a scenario that could not run; both fail the build. */
class AttackTableTest {
    @TempDir
    Path dir;

    private String print(String tsv, boolean expectFailure) throws Exception {
        Path f = Files.writeString(dir.resolve("attack-results.tsv"), tsv);
        PrintStream old = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            if (expectFailure) {
                IllegalStateException e = assertThrows(IllegalStateException.class,
                        () -> AttackTable.main(new String[] {f.toString()}));
                return out.toString(StandardCharsets.UTF_8) + "\nEXCEPTION " + e.getMessage();
            }
            AttackTable.main(new String[] {f.toString()});
            return out.toString(StandardCharsets.UTF_8);
        } finally {
            System.setOut(old);
        }
    }

    @Test
    void heldOnEveryMavenIsAPass() throws Exception {
        String out = print("typosquat\tFLAGGED\t3.9.16\tsig-typosquat\theld\t/w/1\n"
                + "typosquat\tFLAGGED\t4.0.0-rc-4\tsig-typosquat\theld\t/w/2\n"
                + "sbom-drift\tBLOCKED\t3.9.16\tsbom-drift-fail\theld\t/w/3\n", false);
        assertTrue(out.contains("PASS sbom-drift [BLOCKED]   (sbom-drift-fail; 3.9.16)"), out);
        assertTrue(out.contains("PASS typosquat [FLAGGED]   (sig-typosquat; 3.9.16,4.0.0-rc-4)"), out);
        assertTrue(out.contains("2 of 2 attacks blocked\n"), out);
    }

    @Test
    void aScenarioThatCouldNotRunIsNotReportedAsAnAttackThatGotThrough() throws Exception {
        String out = print("sbom-drift\tBLOCKED\t3.9.16\tsbom-drift-fail\theld\t/w/1\n"
                + "sbom-drift\tBLOCKED\t3.10.0\tsbom-drift-fail\tnot-run\t/w/it/3.10.0/sbom-drift-fail\n", true);
        assertTrue(out.contains("FAIL sbom-drift [NOT RUN]   (sbom-drift-fail; 3.9.16,3.10.0; could not run on 3.10.0:"
                + " see /w/it/3.10.0/sbom-drift-fail)"), out);
        assertFalse(out.contains("NOT BLOCKED"), out);
        assertTrue(out.contains("0 of 1 attacks blocked; 1 could not run"), out);
        assertTrue(out.contains("EXCEPTION 1 attack scenario(s) could not run"), out);
    }

    @Test
    void anAttackThatGotThroughSaysSoEvenWhereAnotherMavenCouldNotRun() throws Exception {
        String out = print("typosquat\tFLAGGED\t3.9.16\tsig-typosquat\tthrough\t/w/1\n"
                + "typosquat\tFLAGGED\t3.10.0\tsig-typosquat\tnot-run\t/w/2\n", true);
        assertTrue(out.contains("FAIL typosquat [NOT BLOCKED]   (sig-typosquat; 3.9.16,3.10.0; got through on 3.9.16)"),
                out);
        assertTrue(out.contains("EXCEPTION 1 attack(s) got through"), out);
        assertEquals(1, out.lines().filter(l -> l.startsWith("FAIL ")).count(), out);
    }
}
