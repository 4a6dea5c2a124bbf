package dev.airlock.extension;

import dev.airlock.verify.finding.Finding;
import dev.airlock.verify.finding.Severity;
import dev.airlock.verify.report.BuildOutcome;
import java.util.Collection;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * How Maven ended the build, from the exceptions of its result: a build without any succeeded; otherwise its first
 * error, on one line, and whether that error is one Airlock raised. An error is Airlock's when its messages (the
 * exception and its causes) carry Airlock's mark (a refusal's {@code airlock: }, a {@code [airlock]} message, a rule
 * class {@code dev.airlock.}) or the coordinates of one of the build's findings (an artifact no mirror had, a mirror
 * that failed); anything else (a compile error, a missing plugin, a failing test) is not.
 */
final class MavenOutcome {
    private static final Pattern ANSI = Pattern.compile("\u001B\\[[;\\d]*[A-Za-z]");
    private static final Pattern LINES = Pattern.compile("\\s*\\R\\s*");
    static final int MAX_LENGTH = 600;

    private MavenOutcome() {}

    /**
     * @param exceptions Maven's result's exceptions (empty: the build succeeded)
     * @param findings the build's findings (the extension's and the rules'); those of severity warn or error whose
     *     coordinates Maven's error names make it Airlock's
     * @param redact blanks out the build's secrets
     */
    static BuildOutcome of(List<Throwable> exceptions, Collection<Finding> findings, UnaryOperator<String> redact) {
        if (exceptions == null || exceptions.isEmpty()) {
            return BuildOutcome.success();
        }
        Throwable first = exceptions.get(0);
        String all = chain(first);
        boolean airlock = all.contains("airlock: ") || all.contains("[airlock]") || all.contains("dev.airlock.");
        if (!airlock) {
            for (Finding f : findings) {
                if (f.severity() != Severity.INFO && f.subject() != null && all.contains(f.subject())) {
                    airlock = true;
                    break;
                }
            }
        }
        return BuildOutcome.failure(redact.apply(firstError(first)), airlock);
    }

    /** The first error as Maven states it, on one line: the exception's message, and its causes' where they add. */
    static String firstError(Throwable t) {
        String msg = clean(t.getMessage());
        if (msg.isEmpty()) {
            msg = t.getClass().getName();
        }
        int depth = 0;
        for (Throwable c = t.getCause(); c != null && c != t && depth < 8; c = c.getCause(), depth++) {
            String m = clean(c.getMessage());
            if (!m.isEmpty() && !msg.contains(m)) {
                msg += ": " + m;
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return msg.length() <= MAX_LENGTH ? msg : msg.substring(0, MAX_LENGTH - 1) + "\u2026";
    }

    /** Every message of every exception and its causes, as written (ANSI colours removed). */
    static String text(List<Throwable> exceptions) {
        StringBuilder sb = new StringBuilder();
        for (Throwable t : exceptions) {
            sb.append(chain(t));
        }
        return sb.toString();
    }

    /** Every message of {@code t} and its causes, as written. */
    private static String chain(Throwable t) {
        StringBuilder sb = new StringBuilder();
        int depth = 0;
        for (Throwable c = t; c != null && depth < 16; c = c.getCause() == c ? null : c.getCause(), depth++) {
            sb.append(c.getMessage()).append('\n');
            for (Throwable s : c.getSuppressed()) {
                sb.append(s.getMessage()).append('\n');
            }
        }
        return ANSI.matcher(sb).replaceAll("");
    }

    private static String clean(String message) {
        if (message == null) {
            return "";
        }
        return LINES.matcher(ANSI.matcher(message).replaceAll("")).replaceAll(" ").trim();
    }
}
