package dev.airlock.verify.judge;

import dev.airlock.verify.finding.FindingCode;
import dev.airlock.verify.finding.Severity;
import dev.airlock.verify.secrets.SecretScanner;
import java.util.List;
import java.util.Optional;

/**
 * Refuses a request whose path would carry a secret of this build (docs/extension.md): the coordinates and the
 * request path, each as written and with separators taken out, are scanned. Found, it is an
 * {@code EXFILTRATION_SUSPECTED} error in every mode (a secret that left cannot be called back), named by the
 * secret's name and encoding, never its value.
 */
public final class ExfiltrationJudgement {
    private final SecretScanner secrets;
    private final JudgeMode mode;

    public ExfiltrationJudgement(SecretScanner secrets, JudgeMode mode) {
        this.secrets = secrets;
        this.mode = mode;
    }

    /** The secret the request would carry, if any. */
    public Optional<SecretScanner.Match> find(RepositoryRequest r) {
        // a secret split across groupId and artifactId, or version and classifier, is found in one or the other
        return secrets.find(r.coordinates(), r.path());
    }

    /** The finding and the refusal (filter reasoning) when the request would carry a secret; none otherwise. */
    public Verdict judge(RepositoryRequest r) {
        Optional<SecretScanner.Match> found = find(r);
        if (found.isEmpty()) {
            return Verdict.none();
        }
        SecretScanner.Match m = found.get();
        String coordinates = r.coordinates();
        // a secret found only in the request path (e.g. split across version and classifier, which the
        // coordinates' notation writes in the other order) cannot be blanked out of the coordinates: none of
        // them is shown then
        String shown = secrets.redact(coordinates).equals(coordinates) ? "<redacted>" : coordinates;
        return new Verdict(List.of(mode.finding(FindingCode.EXFILTRATION_SUSPECTED, Severity.ERROR)
                .subject(shown)
                .repository(r.repositoryId(), r.repositoryUrl())
                .message("a request to " + r.repositoryId() + " for " + shown + " would carry the value of "
                        + m.secretName() + " (" + m.encoding() + ") in its path; it was not sent")
                .expected("request paths free of credentials")
                .actual(m.secretName() + ", " + m.encoding())
                .fix("find the POM that declares these coordinates (a dependency or plugin of this build) and"
                        + " remove it; treat " + m.secretName() + " as exposed to whoever wrote that POM"
                        + " and rotate it")
                .build()),
                List.of("refused: the request path would carry the value of " + m.secretName() + " ("
                        + m.encoding() + "); see EXFILTRATION_SUSPECTED"));
    }
}
