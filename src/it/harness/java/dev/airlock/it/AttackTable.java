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
 * Maven version, whether its assertions held. {@link #main} prints one line per attack at the end of the build —
 * {@code PASS <id> [BLOCKED]} (or {@code [FLAGGED]}) when it held on every Maven version,
 * {@code FAIL <id> [NOT BLOCKED]} otherwise — and fails the build on any FAIL.
 */
public final class AttackTable {
    static final String FILE = "attack-results.tsv";

    private AttackTable() {}

    static Path file(ItEnvironment env) {
        return env.workDir.resolveSibling(FILE);
    }

    /** Records one run of an attack scenario. */
    static synchronized void record(ItEnvironment env, Scenario scenario, String mavenVersion, boolean held)
            throws IOException {
        String attack = scenario.get("it.attack", null);
        if (attack == null) {
            return;
        }
        String verdict = scenario.get("it.attack.verdict", "BLOCKED");
        Files.createDirectories(file(env).getParent());
        Files.writeString(file(env), attack + "\t" + verdict + "\t" + mavenVersion + "\t" + scenario.name + "\t"
                + (held ? "held" : "failed") + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
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
        Map<String, String[]> byAttack = new TreeMap<>(); // id -> {verdict, failedOn or "", versions, scenario}
        for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
            String[] p = line.split("\t");
            if (p.length < 5) {
                continue;
            }
            String[] a = byAttack.computeIfAbsent(p[0], k -> new String[] {p[1], "", "", p[3]});
            a[2] = a[2].isEmpty() ? p[2] : a[2] + "," + p[2];
            if (p[4].equals("failed")) {
                a[1] = a[1].isEmpty() ? p[2] : a[1] + "," + p[2];
            }
        }
        StringBuilder out = new StringBuilder();
        String rule = "-".repeat(100);
        out.append(rule).append("\nAirlock adversarial suite: one line per attack (scenario; Maven versions)\n");
        int failed = 0;
        for (Map.Entry<String, String[]> e : byAttack.entrySet()) {
            String[] a = e.getValue();
            boolean ok = a[1].isEmpty();
            failed += ok ? 0 : 1;
            out.append(ok ? "PASS " : "FAIL ").append(e.getKey()).append(ok ? " [" + a[0] + "]" : " [NOT BLOCKED]")
                    .append("   (").append(a[3]).append("; ").append(a[2])
                    .append(ok ? "" : "; not held on " + a[1]).append(")\n");
        }
        out.append(byAttack.size() - failed).append(" of ").append(byAttack.size()).append(" attacks blocked\n")
                .append(rule);
        System.out.println(out);
        if (failed > 0) {
            throw new IllegalStateException(failed + " attack(s) got through: see the FAIL lines above");
        }
    }

    static List<String> lines(ItEnvironment env) throws IOException {
        return Files.isRegularFile(file(env)) ? Files.readAllLines(file(env)) : List.of();
    }
}
