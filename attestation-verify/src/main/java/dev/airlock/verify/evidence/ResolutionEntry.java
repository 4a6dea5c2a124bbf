package dev.airlock.verify.evidence;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One {@code request}, {@code artifact} or {@code incomplete} line of {@code resolution.jsonl} (docs/evidence.md),
 * typed: what the extension writes ({@link ResolutionLog#write(ResolutionEntry)}) and what the record goal and the
 * rules read back ({@link ResolutionLogReader.Session#entries(String)}). Absent values are null and left out of the
 * line. The fields are written in the order of their kind (as they always were), which {@link #fields()} gives.
 *
 * @param kind {@code request}, {@code artifact} or {@code incomplete}
 * @param coordinates the artifact ({@code g:a:ext[:classifier]:v}) or metadata ({@code g:a:v (maven-metadata.xml)})
 * @param repository the repository id
 * @param repositoryUrl the repository URL
 * @param url the full URL requested (request)
 * @param origin where an artifact came from: {@code remote}, {@code cache}, {@code verified:<mirror>}, {@code locked},
 *     {@code installed}, {@code untracked}, {@code cached:<ids>}, {@code reactor}, {@code core-extension}
 * @param outcome {@code ok}, {@code not-found}, {@code failed} (request); {@code resolved}, {@code refused},
 *     {@code missing} (artifact)
 * @param mirror true when the request went to a configured mirror (request)
 * @param detail the failure of a failed request
 * @param purpose set when Airlock made the request itself ({@code verify local origin})
 * @param sha256 the SHA-256 of the artifact's file
 * @param sha256Source {@code index} when the SHA-256 came from the digest index
 * @param hashError why the file could not be hashed
 * @param file the path of the file in the local repository
 * @param reason why the evidence is incomplete (incomplete)
 * @param session the build session's id (read back; written by the log itself)
 * @param time when it happened (read back; null when writing: the log writes the time of writing, unless {@link
 *     #stamped()} fixed it)
 */
public record ResolutionEntry(String kind, String coordinates, String repository, String repositoryUrl, String url,
        String origin, String outcome, Boolean mirror, String detail, String purpose, String sha256,
        String sha256Source, String hashError, String file, String reason, String session, String time) {

    public static final String REQUEST = "request";
    public static final String ARTIFACT = "artifact";
    public static final String INCOMPLETE = "incomplete";

    /** The order of an artifact line's fields. */
    private static final List<String> ARTIFACT_ORDER = List.of("coordinates", "repository", "repositoryUrl", "origin",
            "outcome", "sha256", "sha256Source", "hashError", "file");
    /** The order of a request line's fields. */
    private static final List<String> REQUEST_ORDER = List.of("repository", "repositoryUrl", "url", "coordinates",
            "outcome", "mirror", "detail", "purpose");
    /** Every field, for a line of another kind. */
    private static final List<String> ALL = List.of("coordinates", "repository", "repositoryUrl", "url", "origin",
            "outcome", "mirror", "detail", "purpose", "sha256", "sha256Source", "hashError", "file", "reason");

    /** An artifact line: {@code coordinates}, where it came from, what became of it. */
    public static ResolutionEntry artifact(String coordinates, String repository, String repositoryUrl, String origin,
            String outcome) {
        return new ResolutionEntry(ARTIFACT, coordinates, repository, repositoryUrl, null, origin, outcome, null,
                null, null, null, null, null, null, null, null, null);
    }

    /** A request line: a request to {@code repository}, and how it went. */
    public static ResolutionEntry request(String repository, String repositoryUrl, String url, String coordinates,
            String outcome, boolean mirror) {
        return new ResolutionEntry(REQUEST, coordinates, repository, repositoryUrl, url, null, outcome, mirror, null,
                null, null, null, null, null, null, null, null);
    }

    /** An incomplete line: the evidence misses something, for {@code reason}. */
    public static ResolutionEntry incomplete(String reason) {
        return new ResolutionEntry(INCOMPLETE, null, null, null, null, null, null, null, null, null, null, null, null,
                null, reason, null, null);
    }

    /** This entry with the time it happened, now: for a line written later (after its file is hashed). */
    public ResolutionEntry stamped() {
        return stampedAt(java.time.Instant.now());
    }

    /**
     * This entry with the time it happened, {@code at}: a line written later takes {@code Instant.now()} where it
     * happens (the resolving thread) and formats it here, where the line is made (the background thread).
     */
    public ResolutionEntry stampedAt(java.time.Instant at) {
        return new ResolutionEntry(kind, coordinates, repository, repositoryUrl, url, origin, outcome, mirror, detail,
                purpose, sha256, sha256Source, hashError, file, reason, session, at.toString());
    }

    public ResolutionEntry withDetail(String newDetail) {
        return new ResolutionEntry(kind, coordinates, repository, repositoryUrl, url, origin, outcome, mirror,
                newDetail, purpose, sha256, sha256Source, hashError, file, reason, session, time);
    }

    public ResolutionEntry withPurpose(String newPurpose) {
        return new ResolutionEntry(kind, coordinates, repository, repositoryUrl, url, origin, outcome, mirror, detail,
                newPurpose, sha256, sha256Source, hashError, file, reason, session, time);
    }

    /** The file's SHA-256, and where it came from ({@code index}, or null when hashed in this build). */
    public ResolutionEntry withSha256(String newSha256, String newSha256Source) {
        return new ResolutionEntry(kind, coordinates, repository, repositoryUrl, url, origin, outcome, mirror, detail,
                purpose, newSha256, newSha256Source, hashError, file, reason, session, time);
    }

    public ResolutionEntry withHashError(String newHashError) {
        return new ResolutionEntry(kind, coordinates, repository, repositoryUrl, url, origin, outcome, mirror, detail,
                purpose, sha256, sha256Source, newHashError, file, reason, session, time);
    }

    public ResolutionEntry withFile(String newFile) {
        return new ResolutionEntry(kind, coordinates, repository, repositoryUrl, url, origin, outcome, mirror, detail,
                purpose, sha256, sha256Source, hashError, newFile, reason, session, time);
    }

    /** True for an artifact this build resolved (not refused, not missing). */
    public boolean resolved() {
        return "resolved".equals(outcome);
    }

    /**
     * True when the artifact came from the local repository without a download record: built on this machine
     * ({@code installed}, or {@code untracked}). Such a copy of an artifact the reactor builds is exempt from the lock
     * ({@link dev.airlock.verify.judge.Reactor}).
     */
    public boolean builtLocally() {
        return "installed".equals(origin) || "untracked".equals(origin);
    }

    /** True for an artifact the reactor itself supplied (its workspace). */
    public boolean fromReactor() {
        return "reactor".equals(origin);
    }

    /**
     * The fields of the line after {@code session}, {@code time} and {@code kind}, in their kind's order, absent ones
     * left out; {@code mirror} as a JSON boolean.
     */
    public Map<String, Object> fields() {
        List<String> order = ARTIFACT.equals(kind) ? ARTIFACT_ORDER : REQUEST.equals(kind) ? REQUEST_ORDER : ALL;
        Map<String, Object> out = new LinkedHashMap<>();
        for (String name : order) {
            Object v = value(name);
            if (v != null) {
                out.put(name, v);
            }
        }
        return out;
    }

    private Object value(String name) {
        return switch (name) {
            case "coordinates" -> coordinates;
            case "repository" -> repository;
            case "repositoryUrl" -> repositoryUrl;
            case "url" -> url;
            case "origin" -> origin;
            case "outcome" -> outcome;
            case "mirror" -> mirror;
            case "detail" -> detail;
            case "purpose" -> purpose;
            case "sha256" -> sha256;
            case "sha256Source" -> sha256Source;
            case "hashError" -> hashError;
            case "file" -> file;
            case "reason" -> reason;
            default -> throw new IllegalArgumentException(name);
        };
    }

    /** The entry of a line read back as its top-level values ({@link ResolutionLogReader}); other keys are ignored. */
    public static ResolutionEntry of(Map<String, String> line) {
        String m = line.get("mirror");
        return new ResolutionEntry(line.get("kind"), line.get("coordinates"), line.get("repository"),
                line.get("repositoryUrl"), line.get("url"), line.get("origin"), line.get("outcome"),
                m == null ? null : Boolean.valueOf("true".equals(m)), line.get("detail"), line.get("purpose"),
                line.get("sha256"), line.get("sha256Source"), line.get("hashError"), line.get("file"),
                line.get("reason"), line.get("session"), line.get("time"));
    }
}
