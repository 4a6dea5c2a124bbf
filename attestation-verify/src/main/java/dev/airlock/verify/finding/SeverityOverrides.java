package dev.airlock.verify.finding;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The {@code <fail>}, {@code <warn>} and {@code <ignore>} parameters of every Airlock rule: comma-separated finding
 * codes whose severity replaces the rule's documented default ({@code fail} = error, {@code warn} = warn,
 * {@code ignore} = not reported). A code in two lists, or a code that does not exist, is a configuration error:
 * a typo must not leave a check weaker than intended.
 */
public final class SeverityOverrides {
    private final Map<FindingCode, Optional<Severity>> overrides;

    private SeverityOverrides(Map<FindingCode, Optional<Severity>> overrides) {
        this.overrides = overrides;
    }

    public static SeverityOverrides none() {
        return new SeverityOverrides(new EnumMap<>(FindingCode.class));
    }

    /**
     * Parses the three lists (each may be null or blank).
     *
     * @throws IllegalArgumentException naming the parameter, the offending value and the valid codes
     */
    public static SeverityOverrides parse(String fail, String warn, String ignore) {
        Map<FindingCode, Optional<Severity>> m = new EnumMap<>(FindingCode.class);
        Map<FindingCode, String> from = new EnumMap<>(FindingCode.class);
        add(m, from, "fail", fail, Optional.of(Severity.ERROR));
        add(m, from, "warn", warn, Optional.of(Severity.WARN));
        add(m, from, "ignore", ignore, Optional.empty());
        return new SeverityOverrides(m);
    }

    private static void add(Map<FindingCode, Optional<Severity>> m, Map<FindingCode, String> from, String parameter,
            String list, Optional<Severity> severity) {
        if (list == null || list.isBlank()) {
            return;
        }
        for (String raw : list.split(",")) {
            String name = raw.strip();
            if (name.isEmpty()) {
                continue;
            }
            FindingCode code;
            try {
                code = FindingCode.valueOf(name.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("<" + parameter + "> names '" + name + "', which is not a finding"
                        + " code; valid codes: " + Arrays.stream(FindingCode.values()).map(Enum::name)
                                .collect(Collectors.joining(", ")));
            }
            String earlier = from.putIfAbsent(code, parameter);
            if (earlier != null && !earlier.equals(parameter)) {
                throw new IllegalArgumentException(code + " is listed in both <" + earlier + "> and <" + parameter
                        + ">; keep it in one of them");
            }
            m.put(code, severity);
        }
    }

    /** The finding with its overridden severity, or empty when its code is ignored. */
    public Optional<Finding> apply(Finding f) {
        Optional<Severity> o = overrides.get(f.code());
        if (o == null) {
            return Optional.of(f);
        }
        return o.map(s -> s == f.severity() ? f : f.withSeverity(s));
    }

    /** True when {@code code} is listed in {@code <ignore>}. */
    public boolean ignores(FindingCode code) {
        Optional<Severity> o = overrides.get(code);
        return o != null && o.isEmpty();
    }

    @Override
    public String toString() {
        return overrides.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue().map(Severity::id).orElse("ignore"))
                .collect(Collectors.joining(", ", "{", "}"));
    }
}
