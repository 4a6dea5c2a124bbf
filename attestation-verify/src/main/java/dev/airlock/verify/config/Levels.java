package dev.airlock.verify.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The ordered settings of the security keys: a higher ordinal is stricter. */
public final class Levels {
    private Levels() {}

    /** {@code airlock.mode}. */
    public enum Mode {
        OFF,
        WARN,
        ENFORCE;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** {@code airlock.floatingVersions}. */
    public enum FloatingVersions {
        ALLOW,
        WARN,
        DENY;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** {@code airlock.localOrigin}. */
    public enum LocalOrigin {
        WARN,
        VERIFY,
        DENY;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    static <E extends Enum<E>> E parse(Class<E> type, String key, String value, String where) {
        String v = value.trim().toUpperCase(Locale.ROOT);
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(v)) {
                return e;
            }
        }
        throw new ConfigException(where, key + "=" + value.trim() + " is not a valid value",
                "use one of " + Arrays.stream(type.getEnumConstants())
                        .map(e -> e.name().toLowerCase(Locale.ROOT))
                        .collect(Collectors.joining(", ")));
    }
}
