package dev.airlock.extension;

import dev.airlock.verify.finding.Finding;
import dev.airlock.verify.finding.Severity;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console summary that closes every guarded build: artifacts per mirror, requests to mirrors and to anything
 * else ("public contacts", 0 when the lock held), findings by code and severity, then one line per finding, grouped
 * by code, errors first.
 */
final class Summary {
    private static final Logger LOG = LoggerFactory.getLogger("dev.airlock.extension.Summary");

    private Summary() {}

    static void print(BuildSession s) {
        List<Finding> findings = new ArrayList<>(s.findings());
        findings.sort(Comparator.comparing((Finding f) -> -f.severity().ordinal())
                .thenComparing(f -> f.code().name())
                .thenComparing(f -> String.valueOf(f.coordinates())));
        Map<Severity, Integer> bySeverity = new EnumMap<>(Severity.class);
        Map<String, Integer> byCode = new TreeMap<>();
        for (Finding f : findings) {
            bySeverity.merge(f.severity(), 1, Integer::sum);
            byCode.merge(f.code().name() + " (" + f.severity().id() + ")", 1, Integer::sum);
        }

        LOG.info("[airlock] ------------------------------------------------------------------------");
        String mode = s.config() == null ? "configuration error" : s.config().mode().id() + " mode";
        LOG.info("[airlock] Airlock summary ({}, session {})", mode, s.id());
        if (s.config() != null) {
            String perMirror = s.artifactsPerMirror().entrySet().stream()
                    .map(e -> e.getKey() + " " + e.getValue())
                    .collect(Collectors.joining(", "));
            LOG.info("[airlock] artifacts: {} from mirrors ({}), {} from the reactor, {} from the local repository,"
                    + " {} refused", s.artifactsPerMirror().values().stream().mapToInt(Integer::intValue).sum(),
                    perMirror, s.fromReactor(), s.fromLocal(), s.refused());
            LOG.info("[airlock] requests: {} to mirrors, {} to other repositories (public contacts: {})",
                    s.requestsToMirrors(), s.requestsElsewhere(), s.requestsElsewhere());
        }
        LOG.info("[airlock] findings: {} error(s), {} warning(s), {} info{}",
                bySeverity.getOrDefault(Severity.ERROR, 0), bySeverity.getOrDefault(Severity.WARN, 0),
                bySeverity.getOrDefault(Severity.INFO, 0),
                byCode.isEmpty() ? "" : " - " + byCode.entrySet().stream()
                        .map(e -> e.getKey() + " x" + e.getValue())
                        .collect(Collectors.joining(", ")));
        for (Finding f : findings) {
            String line = "[airlock] " + f.oneLine();
            switch (f.severity()) {
                case ERROR -> LOG.error(line);
                case WARN -> LOG.warn(line);
                default -> LOG.info(line);
            }
        }
        for (String q : s.quarantinedLines()) {
            LOG.error("[airlock] quarantined {}", q);
        }
        if (s.log().file() != null) {
            LOG.info("[airlock] evidence: {}", s.log().file());
            LOG.info("[airlock] reports: {}, {}", s.log().file().resolveSibling("report.json"),
                    s.log().file().resolveSibling("report.sarif"));
        }
        LOG.info("[airlock] ------------------------------------------------------------------------");
    }
}
