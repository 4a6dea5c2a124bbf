package dev.airlock.verify.config;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * The definitions of a properties file in order, each with the line it starts on: the logical lines of
 * {@link Properties#load(java.io.Reader)} (comments {@code #} and {@code !}, blank lines, a line ending in an odd
 * number of backslashes continued by the next, whose leading whitespace is dropped). Each logical line's key is read by
 * {@link Properties} itself, so escapes in keys mean what they mean there. Used only to say where a key is written;
 * {@link AirlockConfigLoader} checks that this reading agrees with Properties' before it trusts the line numbers.
 */
final class PropertyLines {
    private PropertyLines() {}

    /** One definition: its key and the 1-based line it starts on. */
    record Definition(String key, int line) {}

    static List<Definition> of(String text) {
        String[] physical = text.split("\r\n|\r|\n", -1);
        List<Definition> out = new ArrayList<>();
        StringBuilder current = null;
        int start = 0;
        for (int i = 0; i < physical.length; i++) {
            String segment = stripLeading(physical[i]);
            if (current == null) {
                if (segment.isEmpty() || segment.charAt(0) == '#' || segment.charAt(0) == '!') {
                    continue;
                }
                current = new StringBuilder();
                start = i + 1;
            }
            if (trailingBackslashes(segment) % 2 == 1) {
                current.append(segment, 0, segment.length() - 1);
                continue;
            }
            current.append(segment);
            out.add(new Definition(keyOf(current.toString()), start));
            current = null;
        }
        if (current != null) {
            out.add(new Definition(keyOf(current.toString()), start));
        }
        return out;
    }

    private static String keyOf(String logicalLine) {
        Properties p = new Properties();
        try {
            p.load(new StringReader(logicalLine));
        } catch (IOException | IllegalArgumentException e) {
            return "";
        }
        return p.isEmpty() ? "" : p.stringPropertyNames().iterator().next();
    }

    private static String stripLeading(String s) {
        int i = 0;
        while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t' || s.charAt(i) == '\f')) {
            i++;
        }
        return s.substring(i);
    }

    private static int trailingBackslashes(String s) {
        int n = 0;
        for (int i = s.length() - 1; i >= 0 && s.charAt(i) == '\\'; i--) {
            n++;
        }
        return n;
    }
}
