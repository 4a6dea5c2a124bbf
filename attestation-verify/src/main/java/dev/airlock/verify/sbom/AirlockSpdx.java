package dev.airlock.verify.sbom;

import dev.airlock.verify.artifact.ResolvedArtifact;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * How Airlock marks the SBOM its {@code record} goal writes, so that {@link SbomParser} recognises it and reads back
 * what brought each artifact in. Shared by {@link SpdxRecordWriter} and the parser.
 *
 * <ul>
 *   <li>The document's creators include {@code Tool: airlock-<version>}.</li>
 *   <li>Each package carries one annotation (type {@code OTHER}, annotator {@code Tool: airlock-<version>}) whose
 *       comment is {@code airlock:kinds=dependency,plugin;scope=compile}: the kinds (dependency, plugin, extension)
 *       and, for dependencies, the Maven scope.</li>
 * </ul>
 */
final class AirlockSpdx {
    static final String TOOL_PREFIX = "Tool: airlock-";
    static final String MARK = "airlock:";

    private AirlockSpdx() {}

    static boolean isAirlockCreator(String creator) {
        return creator != null && creator.strip().startsWith(TOOL_PREFIX);
    }

    static String annotation(Set<ResolvedArtifact.Kind> kinds, String scope) {
        StringBuilder sb = new StringBuilder(MARK).append("kinds=");
        boolean first = true;
        for (ResolvedArtifact.Kind k : kinds) {
            sb.append(first ? "" : ",").append(k.name().toLowerCase(Locale.ROOT));
            first = false;
        }
        if (scope != null && !scope.isEmpty()) {
            sb.append(";scope=").append(scope);
        }
        return sb.toString();
    }

    /** The kinds of an annotation comment; empty when it is not Airlock's. */
    static Set<ResolvedArtifact.Kind> kinds(String comment) {
        EnumSet<ResolvedArtifact.Kind> out = EnumSet.noneOf(ResolvedArtifact.Kind.class);
        String v = value(comment, "kinds");
        if (v != null) {
            for (String k : v.split(",")) {
                try {
                    out.add(ResolvedArtifact.Kind.valueOf(k.strip().toUpperCase(Locale.ROOT)));
                } catch (IllegalArgumentException e) {
                    // an unknown kind from a newer Airlock: ignored
                }
            }
        }
        return out;
    }

    static String scope(String comment) {
        return value(comment, "scope");
    }

    private static String value(String comment, String key) {
        if (comment == null || !comment.strip().startsWith(MARK)) {
            return null;
        }
        for (String part : comment.strip().substring(MARK.length()).split(";")) {
            int eq = part.indexOf('=');
            if (eq > 0 && part.substring(0, eq).strip().equals(key)) {
                return part.substring(eq + 1).strip();
            }
        }
        return null;
    }
}
