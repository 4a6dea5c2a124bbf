package dev.airlock.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The README's main job: runs {@code examples/demo} on Maven 3.9.16 against a loopback mirror and a decoy that
 * this command starts itself, first without Airlock, then with it, and prints what happened.
 * Run with {@code mvn -B -Pdemo verify} from the project root.
 */
public final class Demo {
    private Demo() {}

    public static void main(String[] args) throws Exception {
        ItEnvironment env = ItEnvironment.get();
        Path dir = env.scenarioDir.resolve(System.getProperty("demo.dir", "../../examples/demo")).normalize();
        String version = System.getProperty("demo.maven", "3.9.16");
        ScenarioRun run = new ScenarioRun(env, new Scenario(dir), version);
        AssertionError failed = null;
        try {
            run.run();
        } catch (AssertionError e) {
            failed = e;
        }
        System.out.println(report(run, version));
        if (failed != null) {
            throw new IllegalStateException("The demo did not go as expected: " + failed.getMessage(), failed);
        }
    }

    static String report(ScenarioRun run, String version) {
        StringBuilder out = new StringBuilder();
        String line = "-".repeat(100);
        out.append('\n').append(line).append('\n');
        out.append("Airlock demo: a repository injected by a dependency's POM (Maven ").append(version).append(")\n");
        out.append("  mirror  internal  ").append(run.servers().get("internal").url()).append('\n');
        out.append("  decoy   (the repository the SDK's POM injects)  ").append(run.servers().get("decoy").url())
                .append('\n');
        out.append('\n');
        out.append("1. Without Airlock (settings.xml mirror for central only): the injected repository received ")
                .append(run.controlDecoyRequests()).append(" request(s)\n");
        out.append("   and the build used what it served (see ").append(run.work().resolve("build-control.log"))
                .append(")\n");
        String log = run.logs().isEmpty() ? "" : run.logs().get(run.logs().size() - 1);
        boolean failed = log.contains("BUILD FAILURE");
        out.append("2. With Airlock: the build ").append(failed ? "FAILED" : "passed")
                .append(", and the injected repository received ").append(run.servers().get("decoy").count())
                .append(" request(s)\n");
        List<Map<String, Object>> lines = run.evidence().isEmpty() ? List.of()
                : run.evidence().get(run.evidence().size() - 1);
        for (Map<String, Object> l : lines) {
            if ("finding".equals(l.get("kind")) && !"info".equals(l.get("severity"))) {
                out.append("   ").append(String.valueOf(l.get("severity")).toUpperCase()).append(' ')
                        .append(l.get("code")).append(' ').append(l.get("coordinates")).append("\n     ")
                        .append(l.get("message")).append("\n     fix: ").append(l.get("fix")).append('\n');
            }
        }
        long requests = lines.stream().filter(l -> "request".equals(l.get("kind"))).count();
        long artifacts = lines.stream().filter(l -> "artifact".equals(l.get("kind"))).count();
        Path evidence = run.work().resolve("resolution-" + run.logs().size() + ".jsonl");
        out.append('\n');
        out.append("Evidence: ").append(evidence).append(Files.exists(evidence) ? "" : " (missing)").append('\n');
        out.append("  ").append(lines.size()).append(" lines: ").append(requests).append(" requests, ")
                .append(artifacts).append(" artifacts, ")
                .append(lines.stream().filter(l -> "finding".equals(l.get("kind"))).count()).append(" findings\n");
        out.append("Build logs: ").append(run.work()).append("/build-*.log\n");
        out.append(line).append('\n');
        return out.toString();
    }
}
