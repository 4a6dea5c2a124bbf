package dev.airlock.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The README's main job: runs {@code examples/release-gate} on Maven 3.9.16 against a loopback mirror and a decoy
 * public repository that this command starts itself — record, the release gate on the clean mirror, then one planted
 * attack per build ({@code demo.attack.N} in the example's {@code invoker.properties}) — and prints the verdict table.
 * {@code -Ddemo.clean=true} runs the clean part only. Run with {@code mvn -B -Pdemo verify} from the project root.
 */
public final class Demo {
    static final int CLEAN_BUILDS = 2;

    private Demo() {}

    public static void main(String[] args) throws Exception {
        ItEnvironment env = ItEnvironment.get();
        boolean clean = Boolean.parseBoolean(System.getProperty("demo.clean", "false"));
        String version = System.getProperty("demo.maven", "3.9.16");
        ScenarioRun run = new ScenarioRun(env, scenario(env, clean), version)
                .progress(line -> System.out.println("[demo] " + line));
        run.onBuildEnd(n -> {
            if (n == 1) {
                System.out.println("[demo]     recorded: .mvn/airlock.lock and each module's airlock.spdx.json");
            } else if (n == CLEAN_BUILDS) {
                System.out.println("[demo]     the release gate on the clean mirror: "
                        + (run.exitCode(n) == 0 ? "GREEN" : "FAILED"));
            } else if (n > CLEAN_BUILDS) {
                System.out.println("[demo]     verdict: " + verdict(run, n).line());
            }
        });
        System.out.println("[demo] examples/release-gate on Maven " + version + " (loopback mirror and decoy started by"
                + " this command; work folder " + run.work() + ")");
        Throwable failed = null;
        try {
            run.run();
        } catch (AssertionError | Exception e) {
            failed = e;
        }
        Report r = report(run, version);
        System.out.println(r.text());
        if (failed != null || !r.allHeld()) {
            // the table above says what went wrong; the full detail goes to a file, not the console (a build log
            // nested in Maven's [ERROR] lines helps nobody)
            Path detail = run.work().resolve("demo-failure.txt");
            Files.createDirectories(detail.getParent());
            Files.writeString(detail, failed == null ? r.text() : stackTrace(failed));
            throw new IllegalStateException("the demo did not go as expected: see the table above and " + detail);
        }
    }

    /** The example as a scenario; clean: its first two builds only. */
    static Scenario scenario(ItEnvironment env, boolean clean) {
        Scenario s = new Scenario(env.scenarioDir.resolve("../../examples/release-gate").normalize());
        if (clean) {
            for (String key : s.props.stringPropertyNames()) {
                int dot = key.lastIndexOf('.');
                if (dot > 0 && key.substring(dot + 1).matches("\\d+")
                        && Integer.parseInt(key.substring(dot + 1)) > CLEAN_BUILDS) {
                    s.props.remove(key);
                }
            }
        }
        return s;
    }

    /** The verdict of each attack and the text printed. */
    record Report(String text, List<String> verdicts, boolean allHeld) {}

    @SuppressWarnings("unchecked")
    static Report report(ScenarioRun run, String version) {
        StringBuilder out = new StringBuilder();
        String line = "-".repeat(100);
        Scenario s = run.scenario();
        out.append('\n').append(line).append('\n');
        out.append("Airlock release gate: examples/release-gate on Maven ").append(version).append('\n');
        out.append("  mirror  internal  ").append(run.servers().get("internal").url()).append('\n');
        out.append("  decoy   (a public repository)  ").append(run.servers().get("decoy").url()).append('\n');
        List<String> logs = run.logs();
        List<Map<String, Object>> reports = run.reports();
        out.append('\n');
        out.append("1. record: ").append(logs.size() > 0 && logs.get(0).contains("BUILD SUCCESS")
                ? "the lock and each module's SBOM recorded on the clean mirror" : "FAILED").append('\n');
        boolean gateGreen = logs.size() > 1 && logs.get(1).contains("BUILD SUCCESS");
        Map<String, Object> gate = reports.size() > 1 ? reports.get(1) : null;
        out.append("2. the release gate on the clean mirror: ").append(gateGreen ? "GREEN" : "FAILED");
        if (gate != null) {
            out.append(" (").append(gate.get("sources")).append(")");
        }
        out.append('\n');
        List<String> verdicts = new ArrayList<>();
        boolean allHeld = gateGreen;
        if (s.invocations().size() > CLEAN_BUILDS) {
            out.append("3. attacks, one build each:\n");
        }
        for (int n = CLEAN_BUILDS + 1; n <= logs.size(); n++) {
            Verdict v = verdict(run, n);
            allHeld &= v.held();
            verdicts.add(v.line());
            out.append("   ").append(v.line()).append('\n');
            String attack = s.get("demo.attack." + n, "build " + n);
            out.append("        ").append(attack.substring(attack.indexOf(':') + 1).trim()).append('\n');
            if (v.hit() != null) {
                out.append("        ").append(v.hit().get("code")).append(' ')
                        .append(v.hit().get("coordinates") == null ? "" : v.hit().get("coordinates")).append(": ")
                        .append(truncate(String.valueOf(v.hit().get("message")))).append('\n');
            }
        }
        int planned = s.invocations().size();
        for (int n = Math.max(logs.size() + 1, CLEAN_BUILDS + 1); n <= planned; n++) {
            String attack = s.get("demo.attack." + n, "build " + n);
            String id = attack.contains(":") ? attack.substring(0, attack.indexOf(':')) : attack;
            String v = "FAIL " + id + " [NOT RUN: an earlier build did not go as expected]";
            verdicts.add(v);
            allHeld = false;
            out.append("   ").append(v).append('\n');
        }
        out.append('\n');
        out.append("The injected repository received ").append(run.servers().get("decoy").count())
                .append(" request(s).\n");
        out.append("Reports of each build: ").append(run.work()).append("/report-<n>.json, evidence ")
                .append(run.work()).append("/resolution-<n>.jsonl, logs ").append(run.work()).append("/build-<n>.log\n");
        Path q = run.work().resolve("airlock-quarantine");
        out.append("Quarantine: ").append(q).append(Files.isDirectory(q) ? "" : " (empty)").append('\n');
        out.append(line).append('\n');
        return new Report(out.toString(), verdicts, allHeld);
    }

    /** One attack build's outcome: the table's line, whether it was blocked as expected, the expected finding. */
    record Verdict(String line, boolean held, Map<String, Object> hit) {}

    /** The verdict of attack build n (n > CLEAN_BUILDS), from its exit, its evidence and its report. */
    @SuppressWarnings("unchecked")
    static Verdict verdict(ScenarioRun run, int n) {
        Scenario s = run.scenario();
        String attack = s.get("demo.attack." + n, "build " + n);
        String id = attack.contains(":") ? attack.substring(0, attack.indexOf(':')) : attack;
        String expect = s.get("demo.expect." + n, "?");
        List<Map<String, Object>> errors = new ArrayList<>();
        for (Map<String, Object> l : run.evidence().get(n - 1)) {
            if ("finding".equals(l.get("kind")) && "error".equals(l.get("severity"))) {
                errors.add(l);
            }
        }
        Map<String, Object> rep = run.reports().get(n - 1);
        if (rep != null) {
            for (Map<String, Object> f : (List<Map<String, Object>>) rep.get("findings")) {
                if ("error".equals(f.get("severity")) && !"extension".equals(f.get("source"))) {
                    errors.add(f);
                }
            }
        }
        Map<String, Object> hit = errors.stream().filter(f -> expect.equals(f.get("code"))).findFirst().orElse(null);
        boolean failedBuild = run.logs().get(n - 1).contains("BUILD FAILURE");
        boolean held = hit != null && failedBuild;
        Set<String> codes = new LinkedHashSet<>();
        errors.forEach(f -> codes.add(String.valueOf(f.get("code"))));
        // a build that succeeded let the attack through; one that failed without the expected finding could not show
        // a verdict (its log says why: a missing artifact, a broken set-up)
        String word = held ? " [BLOCKED] " : failedBuild ? " [NOT RUN: failed for another reason, see "
                + run.work().resolve("build-" + n + ".log") + "] " : " [NOT BLOCKED] ";
        return new Verdict((held ? "PASS " : "FAIL ") + id + word + codes, held, hit);
    }

    private static String stackTrace(Throwable e) {
        java.io.StringWriter w = new java.io.StringWriter();
        e.printStackTrace(new java.io.PrintWriter(w));
        return w.toString();
    }

    private static String truncate(String s) {
        return s.length() > 200 ? s.substring(0, 200) + "..." : s;
    }
}
