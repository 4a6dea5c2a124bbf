package dev.airlock.verify.propose;

/** Writing values the way the policy parser reads them (docs/policy.md, "Lines"). */
final class PolicyText {
    private PolicyText() {}

    /** The value as it is, or quoted when it holds whitespace, {@code #}, a quote or a backslash. */
    static String value(String v) {
        boolean plain = !v.isEmpty() && v.chars().noneMatch(c -> Character.isWhitespace(c) || c == '#' || c == '"'
                || c == '\\' || Character.isISOControl(c));
        if (plain) {
            return v;
        }
        return "\"" + v.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** A comment line's text with control characters (a hostile user id) made visible. */
    static String comment(String text) {
        StringBuilder sb = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            if (Character.isISOControl(c) || c == 0x2028 || c == 0x2029) {
                sb.append(String.format("\\u%04X", c));
            } else {
                sb.appendCodePoint(c);
            }
        });
        return sb.toString();
    }
}
