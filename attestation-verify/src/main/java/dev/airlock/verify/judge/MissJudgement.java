package dev.airlock.verify.judge;

import dev.airlock.verify.finding.FindingCode;
import java.util.ArrayList;
import java.util.List;

/**
 * An artifact nothing resolved (docs/findings.md): {@code REPOSITORY_BLOCKED} for each refused repository outside the
 * mirrors, or {@code NOT_ON_MIRROR} when the mirrors asked did not have it. Findings only: the artifact is already
 * unresolved, and the extension holds them until the build's end, where their severity follows what the build did
 * without it.
 */
public final class MissJudgement {
    private final String mirrors;
    private final JudgeMode mode;

    /** {@code configuredMirrorIds}: airlock.mirrors, in order. */
    public MissJudgement(List<String> configuredMirrorIds, JudgeMode mode) {
        this.mirrors = String.join(", ", configuredMirrorIds);
        this.mode = mode;
    }

    /** One {@code REPOSITORY_BLOCKED} per refused repository of {@code m}. */
    public Verdict repositoryBlocked(Miss m) {
        String coords = m.coordinates();
        List<dev.airlock.verify.finding.Finding> out = new ArrayList<>();
        for (Miss.RefusedRepository repo : m.refused()) {
            out.add(mode.finding(FindingCode.REPOSITORY_BLOCKED, mode.failing())
                    .coordinatesOrSubject(coords)
                    .repository(repo.id(), repo.url())
                    .path(m.path())
                    .message("repository " + repo.description() + declared(repo.declaredIn())
                            + " was not contacted for " + coords + ", and no configured mirror (" + mirrors
                            + ") has it" + requestedBy(m))
                    .fix("publish " + coords + " to a configured mirror, or remove the dependency that needs it")
                    .detail("declaredIn", repo.declaredIn())
                    .detail("requestedBy", m.requestedBy())
                    .build());
        }
        return new Verdict(out, List.of());
    }

    /** {@code NOT_ON_MIRROR}: no mirror could be asked, the build is offline, or the mirrors asked did not have it. */
    public Verdict notOnMirror(Miss m) {
        String coords = m.coordinates();
        String asked = m.mirrorsAsked().stream().map(r -> r.id() + " (" + r.url() + ")")
                .reduce((x, y) -> x + ", " + y).orElse(null);
        String what;
        if (asked == null) {
            what = coords + " was not resolved, and no configured mirror (" + mirrors + ") could be asked for it (the"
                    + " request named none whose release/snapshot policy or airlock.namespaces route allows it)";
        } else if (m.offline()) {
            what = coords + " is not in the local repository, and the build is offline: the mirrors (" + asked
                    + ") were not asked";
        } else {
            what = coords + " is not on the configured mirrors: " + asked + " answered not found";
        }
        Miss.Repository first = m.mirrorsAsked().isEmpty() ? null : m.mirrorsAsked().get(0);
        return new Verdict(List.of(mode.finding(FindingCode.NOT_ON_MIRROR, mode.failing())
                .coordinatesOrSubject(coords)
                .repository(first == null ? null : first.id(), first == null ? null : first.url())
                .path(m.path())
                .message(what + requestedBy(m))
                .fix(m.reactorModule() ? coords + " is a module of this reactor: build it in the same build (-am) or"
                        + " install it first"
                        : m.offline() ? "run the build online once (or seal the local repository) so that " + coords
                                + " is fetched from a mirror"
                        : "publish " + coords + " to a configured mirror (or have the mirror proxy the repository that"
                                + " has it), or remove what needs it")
                .detail("mirrors", m.mirrorsAsked().stream().map(Miss.Repository::id)
                        .reduce((x, y) -> x + ", " + y).orElse(null))
                .detail("requestedBy", m.requestedBy())
                .build()), List.of());
    }

    private static String declared(String declaredIn) {
        return declaredIn == null ? "" : " declared in " + declaredIn;
    }

    private static String requestedBy(Miss m) {
        return m.requestedBy() != null ? "; requested by " + m.requestedBy() : "";
    }
}
