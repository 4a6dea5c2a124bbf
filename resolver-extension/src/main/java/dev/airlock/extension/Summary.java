package dev.airlock.extension;

import dev.airlock.verify.finding.Finding;
import dev.airlock.verify.finding.Severity;
import dev.airlock.verify.report.BuildOutcome;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console summary that closes every guarded build: artifacts per mirror, requests to mirrors and to anything
 * else ("public contacts", 0 when the lock held), how Maven ended the build when it failed, findings by code and
 * severity (the build's {@code report.json}: the extension's and the rules'), then one line per error and warning,
 * grouped by code, errors first, and one line per code for the {@code info} findings, which need no action (their
 * detail stays in {@code report.json}, {@code report.sarif} and {@code resolution.jsonl}).
 */
final class Summary {
    private static final Logger LOG = LoggerFactory.getLogger("dev.airlock.extension.Summary");

    /** How many subjects a collapsed info line names before "and n more". */
    static final int SUBJECTS = 3;

    private Summary() {}

    static void print(BuildSession s, List<Finding> reported, BuildOutcome outcome) {
        List<String[]> lines = lines(s, reported, outcome);
        for (String[] l : lines) {
            switch (l[0]) {
                case "error" -> LOG.error(l[1]);
                case "warn" -> LOG.warn(l[1]);
                default -> LOG.info(l[1]);
            }
        }
    }

    /** The summary as {@code {level, text}} pairs, in order (a unit test reads them). */
    static List<String[]> lines(BuildSession s, List<Finding> reported, BuildOutcome outcome) {
        List<String[]> out = new ArrayList<>();
        Consumer<String> info = t -> out.add(new String[] {"info", t});
        Consumer<String> error = t -> out.add(new String[] {"error", t});
        List<Finding> findings = new ArrayList<>(reported);
        findings.sort(Comparator.comparing((Finding f) -> -f.severity().ordinal())
                .thenComparing(f -> f.code().name())
                .thenComparing(f -> String.valueOf(f.subject())));
        Map<Severity, Integer> bySeverity = new EnumMap<>(Severity.class);
        Map<String, Integer> byCode = new TreeMap<>();
        for (Finding f : findings) {
            bySeverity.merge(f.severity(), 1, Integer::sum);
            byCode.merge(f.code().name() + " (" + f.severity().id() + ")", 1, Integer::sum);
        }

        info.accept("[airlock] ------------------------------------------------------------------------");
        String mode = s.config() == null ? "configuration error" : s.config().mode().id() + " mode";
        info.accept("[airlock] Airlock summary (" + mode + ", session " + s.id() + ")");
        if (s.config() != null) {
            String perMirror = s.artifactsPerMirror().entrySet().stream()
                    .map(e -> e.getKey() + " " + e.getValue())
                    .collect(Collectors.joining(", "));
            info.accept("[airlock] artifacts: " + s.artifactsPerMirror().values().stream().mapToInt(Integer::intValue)
                    .sum() + " from mirrors (" + perMirror + "), " + s.fromReactor() + " from the reactor, "
                    + s.fromLocal() + " from the local repository, " + s.refused() + " refused");
            info.accept("[airlock] requests: " + s.requestsToMirrors() + " to mirrors, " + s.requestsElsewhere()
                    + " to other repositories (public contacts: " + s.requestsElsewhere() + ")");
        }
        int errors = bySeverity.getOrDefault(Severity.ERROR, 0);
        if (outcome != null && outcome.failed()) {
            error.accept("[airlock] build: " + (outcome.raisedByAirlock()
                    ? "FAILED on what Airlock reported; Maven's first error: "
                    : "FAILED for a reason Airlock did not raise" + (errors == 0 ? " (Airlock found nothing that fails"
                            + " it)" : "") + "; Maven's first error: ") + outcome.firstError());
        }
        info.accept("[airlock] findings: " + errors + " error(s), " + bySeverity.getOrDefault(Severity.WARN, 0)
                + " warning(s), " + bySeverity.getOrDefault(Severity.INFO, 0) + " info"
                + (byCode.isEmpty() ? "" : " - " + byCode.entrySet().stream()
                        .map(e -> e.getKey() + " x" + e.getValue())
                        .collect(Collectors.joining(", "))));
        Map<String, List<Finding>> infoByCode = new LinkedHashMap<>();
        for (Finding f : findings) {
            switch (f.severity()) {
                case ERROR -> error.accept("[airlock] " + f.oneLine());
                case WARN -> out.add(new String[] {"warn", "[airlock] " + f.oneLine()});
                default -> infoByCode.computeIfAbsent(f.code().name(), k -> new ArrayList<>()).add(f);
            }
        }
        infoByCode.forEach((code, list) -> info.accept("[airlock] " + collapsed(code, list)));
        for (String q : s.quarantinedLines()) {
            error.accept("[airlock] quarantined " + q);
        }
        for (String line : s.feedLines()) {
            info.accept("[airlock] " + line);
        }
        if (s.log().file() != null) {
            info.accept("[airlock] evidence: " + s.log().file());
            info.accept("[airlock] reports: " + s.log().file().resolveSibling("report.json") + ", "
                    + s.log().file().resolveSibling("report.sarif"));
        }
        info.accept("[airlock] ------------------------------------------------------------------------");
        return out;
    }

    /**
     * One line for the {@code info} findings of one code: the finding itself when it is alone, otherwise how many,
     * what they are about (repositories or coordinates, the first few) and where the detail is.
     */
    static String collapsed(String code, List<Finding> list) {
        if (list.size() == 1) {
            return code + " (info)" + list.get(0).oneLine().substring(code.length());
        }
        Set<String> subjects = new LinkedHashSet<>();
        for (Finding f : list) {
            subjects.add(f.subject() != null ? f.subject()
                    : f.repositoryId() != null ? f.repositoryId() : f.source());
        }
        List<String> named = new ArrayList<>(subjects);
        String about = named.size() <= SUBJECTS ? String.join(", ", named)
                : String.join(", ", named.subList(0, SUBJECTS)) + " and " + (named.size() - SUBJECTS) + " more";
        return code + " x" + list.size() + " (info, nothing to do): " + about + "; e.g. " + list.get(0).message()
                + " (each in report.json)";
    }
}
