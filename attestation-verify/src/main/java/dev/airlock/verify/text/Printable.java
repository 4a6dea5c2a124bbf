package dev.airlock.verify.text;

/** Renders untrusted text for an error message: control and non-ASCII characters escaped, at most 80 characters. */
public final class Printable {
    private Printable() {
    }

    public static String of(String s) {
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) {
            sb.append(c >= 32 && c < 127 ? String.valueOf(c) : String.format("\\u%04x", (int) c));
        }
        return sb.length() > 80 ? sb.substring(0, 80) + "..." : sb.toString();
    }
}
