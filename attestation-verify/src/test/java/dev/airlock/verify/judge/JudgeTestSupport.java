package dev.airlock.verify.judge;

import java.nio.file.Path;

/** Resolutions for the judgement tests. */
final class JudgeTestSupport {
    static final JudgeMode ENFORCE = new JudgeMode(true, "extension");
    static final JudgeMode WARN = new JudgeMode(false, "extension");

    private JudgeTestSupport() {}

    /** {@code g:a:ext[:classifier]:version} resolved from {@code repoId} (null: the local repository). */
    static Resolution resolution(String coords, Path file, String sha256, String repoId, String repoUrl) {
        String[] p = coords.split(":");
        String classifier = p.length == 5 ? p[3] : null;
        String version = p[p.length - 1];
        return new Resolution(p[0], p[1], p[2], classifier, version, version, file, sha256, repoId, repoUrl, null);
    }
}
