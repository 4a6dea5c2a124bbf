package dev.airlock.verify.finding;

import java.util.Locale;

/**
 * How a finding counts. {@code error} fails the build (in enforce mode), {@code warn} is reported,
 * {@code info} is evidence only. The severity settings of the rules ({@code fail/warn/ignore}) map onto these:
 * fail = error, ignore = not reported.
 */
public enum Severity {
    INFO,
    WARN,
    ERROR;

    /** The name used in reports and resolution.jsonl. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Severity fromId(String id) {
        return valueOf(id.toUpperCase(Locale.ROOT));
    }
}
