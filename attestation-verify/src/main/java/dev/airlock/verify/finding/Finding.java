package dev.airlock.verify.finding;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * One outcome of one check, in the shape every Airlock component reports: a stable code, a severity, what it is
 * about (coordinates, file, sha256, repository), who raised it, what was expected and found, and what to do.
 * Immutable; build with {@link #builder(FindingCode, Severity)}.
 *
 * <p>What the finding is about is either one full artifact, {@link #coordinates()} (typed), or a label that is not
 * one artifact's full coordinates (an SBOM entry whose purl names only {@code groupId:artifactId:version}, written
 * {@code groupId:artifactId:*:version}; a request shown redacted): {@link #subject()} is the text reports and consoles
 * show for either.
 */
public final class Finding {
    private final FindingCode code;
    private final Severity severity;
    private final Coordinates coordinates;
    private final String subject;
    private final String file;
    private final String sha256;
    private final String repositoryId;
    private final String repositoryUrl;
    private final String source;
    private final String message;
    private final String expected;
    private final String actual;
    private final String fix;
    private final List<String> path;
    private final Map<String, String> details;

    private Finding(Builder b) {
        this.code = Objects.requireNonNull(b.code, "code");
        this.severity = Objects.requireNonNull(b.severity, "severity");
        this.coordinates = b.coordinates;
        this.subject = b.coordinates != null ? b.coordinates.toString() : b.subject;
        this.file = b.file;
        this.sha256 = b.sha256;
        this.repositoryId = b.repositoryId;
        this.repositoryUrl = b.repositoryUrl;
        this.source = Objects.requireNonNull(b.source, "source");
        this.message = Objects.requireNonNull(b.message, "message");
        this.expected = b.expected;
        this.actual = b.actual;
        this.fix = b.fix;
        this.path = Collections.unmodifiableList(new ArrayList<>(b.path));
        this.details = Collections.unmodifiableMap(new LinkedHashMap<>(b.details));
    }

    public static Builder builder(FindingCode code, Severity severity) {
        return new Builder(code, severity);
    }

    public FindingCode code() {
        return code;
    }

    public Severity severity() {
        return severity;
    }

    /** The one artifact the finding is about, or null when it is not about one full artifact's coordinates. */
    public Coordinates coordinates() {
        return coordinates;
    }

    /**
     * What the finding is about as reports show it ({@code coordinates} in report.json): {@link #coordinates()} in
     * Airlock's notation, {@code groupId:artifactId:extension[:classifier]:version}, when there are coordinates;
     * otherwise a label (e.g. an SBOM entry's {@code groupId:artifactId:*:version}), or null when the finding is not
     * about an artifact (e.g. one about a repository).
     */
    public String subject() {
        return subject;
    }

    public String file() {
        return file;
    }

    public String sha256() {
        return sha256;
    }

    public String repositoryId() {
        return repositoryId;
    }

    public String repositoryUrl() {
        return repositoryUrl;
    }

    /** The component or rule that raised it: {@code extension}, {@code verifySbom}, ... */
    public String source() {
        return source;
    }

    public String message() {
        return message;
    }

    public String expected() {
        return expected;
    }

    public String actual() {
        return actual;
    }

    public String fix() {
        return fix;
    }

    /** The dependency path that brought the coordinate in, root first; empty when not known. */
    public List<String> path() {
        return path;
    }

    /** Further named facts (e.g. {@code declaredIn}); insertion-ordered. */
    public Map<String, String> details() {
        return details;
    }

    /** Identity for de-duplication: the same code, severity, subject, source and message is the same finding. */
    public String key() {
        return code + "|" + severity + "|" + subject + "|" + repositoryId + "|" + source + "|" + message;
    }

    /** The same finding with {@code fn} applied to every text it carries (used to blank out secrets). */
    public Finding mapText(UnaryOperator<String> fn) {
        Builder b = toBuilder();
        String mapped = fn.apply(subject);
        if (!Objects.equals(mapped, subject)) {
            // the text changed (e.g. a secret blanked out): what is left is a label, not these coordinates
            b.coordinates = null;
            b.subject = mapped;
        }
        b.file = fn.apply(file);
        b.repositoryUrl = fn.apply(repositoryUrl);
        b.message = fn.apply(message);
        b.expected = fn.apply(expected);
        b.actual = fn.apply(actual);
        b.fix = fn.apply(fix);
        b.path.replaceAll(fn);
        b.details.replaceAll((k, v) -> fn.apply(v));
        return b.build();
    }

    public Finding withSeverity(Severity newSeverity) {
        return toBuilder().severity(newSeverity).build();
    }

    public Builder toBuilder() {
        Builder b = new Builder(code, severity);
        b.coordinates = coordinates;
        b.subject = coordinates == null ? subject : null;
        b.file = file;
        b.sha256 = sha256;
        b.repositoryId = repositoryId;
        b.repositoryUrl = repositoryUrl;
        b.source = source;
        b.message = message;
        b.expected = expected;
        b.actual = actual;
        b.fix = fix;
        b.path.addAll(path);
        b.details.putAll(details);
        return b;
    }

    /**
     * One line for a console: {@code CODE subject: message (via path) (expected X, actual Y) Fix: fix}; the
     * path, what was expected and found, and the fix where the finding has them.
     */
    public String oneLine() {
        StringBuilder sb = new StringBuilder(code.name());
        if (subject != null) {
            sb.append(' ').append(subject);
        }
        sb.append(": ").append(message);
        if (!path.isEmpty()) {
            sb.append(" (via ").append(String.join(" -> ", path)).append(')');
        }
        if (expected != null && actual != null) {
            sb.append(" (expected ").append(expected).append(", actual ").append(actual).append(')');
        } else if (expected != null) {
            sb.append(" (expected ").append(expected).append(')');
        } else if (actual != null) {
            sb.append(" (actual ").append(actual).append(')');
        }
        if (fix != null) {
            sb.append(" Fix: ").append(fix);
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return severity.id() + ' ' + oneLine();
    }

    public static final class Builder {
        private FindingCode code;
        private Severity severity;
        private Coordinates coordinates;
        private String subject;
        private String file;
        private String sha256;
        private String repositoryId;
        private String repositoryUrl;
        private String source;
        private String message;
        private String expected;
        private String actual;
        private String fix;
        private final List<String> path = new ArrayList<>();
        private final Map<String, String> details = new LinkedHashMap<>();

        private Builder(FindingCode code, Severity severity) {
            this.code = code;
            this.severity = severity;
        }

        public Builder severity(Severity severity) {
            this.severity = severity;
            return this;
        }

        /** The one artifact the finding is about (null: none); replaces any {@link #subject(String)}. */
        public Builder coordinates(Coordinates coordinates) {
            this.coordinates = coordinates;
            this.subject = null;
            return this;
        }

        /**
         * A label for what the finding is about when it is not one full artifact's coordinates (an SBOM entry's
         * {@code groupId:artifactId:*:version}, a request shown redacted); the finding then has no
         * {@link Finding#coordinates()}. Replaces any {@link #coordinates(Coordinates)}.
         */
        public Builder subject(String label) {
            this.coordinates = null;
            this.subject = label;
            return this;
        }

        /**
         * Coordinates known only as text (a resolver's artifact, a report read back): typed when {@code text} is
         * exactly Airlock's notation of valid coordinates (so that {@link Finding#subject()} is {@code text} again),
         * otherwise kept as the {@link #subject(String)} label; null for none.
         */
        public Builder coordinatesOrSubject(String text) {
            Coordinates c = null;
            if (text != null) {
                try {
                    c = Coordinates.parse(text);
                } catch (IllegalArgumentException e) {
                    c = null;
                }
            }
            return c != null && c.toString().equals(text) ? coordinates(c) : subject(text);
        }

        public Builder file(String file) {
            this.file = file;
            return this;
        }

        public Builder sha256(String sha256) {
            this.sha256 = sha256;
            return this;
        }

        public Builder repository(String id, String url) {
            this.repositoryId = id;
            this.repositoryUrl = url;
            return this;
        }

        public Builder source(String source) {
            this.source = source;
            return this;
        }

        public Builder message(String message) {
            this.message = message;
            return this;
        }

        public Builder expected(String expected) {
            this.expected = expected;
            return this;
        }

        public Builder actual(String actual) {
            this.actual = actual;
            return this;
        }

        public Builder fix(String fix) {
            this.fix = fix;
            return this;
        }

        public Builder path(List<String> path) {
            this.path.clear();
            if (path != null) {
                this.path.addAll(path);
            }
            return this;
        }

        public Builder detail(String key, String value) {
            if (value != null) {
                details.put(key, value);
            }
            return this;
        }

        public Finding build() {
            return new Finding(this);
        }
    }
}
