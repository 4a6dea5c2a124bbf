package dev.airlock.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The adversarial suite's verdicts. Each scenario that stands for an attack ({@code it.attack=<id>} in its
 * {@code invoker.properties}, {@code it.attack.verdict=FLAGGED} where Airlock warns rather than blocks) records, per
 * Maven version, its outcome. {@link #main} prints one line per attack at the end of the build:
 * {@code PASS <id> [BLOCKED]} (or {@code [FLAGGED]}) when it held on every Maven version;
 * {@code FAIL <id> [NOT BLOCKED]} when the build that plants the attack succeeded (the attack got through);
 * {@code FAIL <id> [NOT RUN]} when the scenario could not run to its verdict (its set-up failed, or a build failed for
 * another reason, e.g. an artifact missing from the IT mirror), naming the work folder with the logs. The build fails
 * on any FAIL line.
 */
public final class AttackTable {
    static final String FILE = "attack-results.tsv";

    private AttackTable() {}

    static Path file(ItEnvironment env) {
        return env.workDir.resolveSibling(FILE);
    }

    /** How one run of an attack scenario ended. */
    enum Outcome {
        /** Every assertion held: the attack was blocked (or flagged). */
        HELD("held"),
        /** The build that plants the attack succeeded. */
        GOT_THROUGH("through"),
        /** The scenario did not get to its verdict: set-up failed, or a build failed for another reason. */
        NOT_RUN("not-run");

        final String word;

        Outcome(String word) {
            this.word = word;
        }
    }

    /** Records one run of an attack scenario. */
    static synchronized void record(ItEnvironment env, Scenario scenario, String mavenVersion, Outcome outcome,
            Path work) throws IOException {
        String attack = scenario.get("it.attack", null);
        if (attack == null) {
            return;
        }
        String verdict = scenario.get("it.attack.verdict", "BLOCKED");
        Files.createDirectories(file(env).getParent());
        Files.writeString(file(env), attack + "\t" + verdict + "\t" + mavenVersion + "\t" + scenario.name + "\t"
                + outcome.word + "\t" + work + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }

    /** Starts a fresh table (the IT run begins). */
    static synchronized void reset(ItEnvironment env) throws IOException {
        Files.deleteIfExists(file(env));
    }

    public static void main(String[] args) throws IOException {
        Path f = Path.of(args[0]);
        if (!Files.isRegularFile(f)) {
            System.out.println("[airlock-its] no attack scenario ran (" + f + " is absent)");
            return;
        }
        // id -> {verdict, versions got through, versions all, scenario, versions not run, a work folder not run}
        Map<String, String[]> byAttack = new TreeMap<>();
        for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
            String[] p = line.split("\t");
            if (p.length < 5) {
                continue;
            }
            String[] a = byAttack.computeIfAbsent(p[0], k -> new String[] {p[1], "", "", p[3], "", ""});
            a[2] = join(a[2], p[2]);
            if (p[4].equals("through") || p[4].equals("failed")) {
                a[1] = join(a[1], p[2]);
            } else if (p[4].equals("not-run")) {
                a[4] = join(a[4], p[2]);
                a[5] = p.length > 5 ? p[5] : "";
            }
        }
        StringBuilder out = new StringBuilder();
        String rule = "-".repeat(100);
        out.append(rule).append("\nAirlock adversarial suite: one line per attack (scenario; Maven versions)\n");
        int failed = 0;
        int notRun = 0;
        for (Map.Entry<String, String[]> e : byAttack.entrySet()) {
            String[] a = e.getValue();
            boolean through = !a[1].isEmpty();
            boolean skipped = !through && !a[4].isEmpty();
            failed += through ? 1 : 0;
            notRun += skipped ? 1 : 0;
            if (through) {
                out.append("FAIL ").append(e.getKey()).append(" [NOT BLOCKED]   (").append(a[3]).append("; ")
                        .append(a[2]).append("; got through on ").append(a[1]).append(")\n");
            } else if (skipped) {
                out.append("FAIL ").append(e.getKey()).append(" [NOT RUN]   (").append(a[3]).append("; ").append(a[2])
                        .append("; could not run on ").append(a[4]).append(": see ").append(a[5]).append(")\n");
            } else {
                out.append("PASS ").append(e.getKey()).append(" [").append(a[0]).append("]   (").append(a[3])
                        .append("; ").append(a[2]).append(")\n");
            }
        }
        out.append(byAttack.size() - failed - notRun).append(" of ").append(byAttack.size())
                .append(" attacks blocked");
        if (notRun > 0) {
            out.append("; ").append(notRun).append(" could not run (no verdict: a failure of the test set-up, not an"
                    + " attack that got through)");
        }
        out.append('\n').append(rule);
        System.out.println(out);
        if (failed > 0 || notRun > 0) {
            throw new IllegalStateException((failed > 0 ? failed + " attack(s) got through" : "")
                    + (failed > 0 && notRun > 0 ? "; " : "") + (notRun > 0 ? notRun + " attack scenario(s) could not run"
                    : "") + ": see the FAIL lines above");
        }
    }

    private static String join(String list, String v) {
        return list.isEmpty() ? v : list + "," + v;
    }

    static List<String> lines(ItEnvironment env) throws IOException {
        return Files.isRegularFile(file(env)) ? Files.readAllLines(file(env)) : List.of();
    }
}
