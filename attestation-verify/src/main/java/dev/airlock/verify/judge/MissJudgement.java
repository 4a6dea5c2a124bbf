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
            out.add(mode.finding(FindingCode.REPOSITORY_BLOCKED, mode.failing(), m)
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

    /**
     * {@code REPOSITORY_BLOCKED} for a copy in the local repository that the resolver served although every
     * repository of the request was refused: Resolver GH-1703 (Resolver <= 1.9.25 / 2.0.13, e.g. Maven 4.0.0-rc-4)
     * serves a cached copy when the filter refuses every repository; fixed resolvers leave the artifact unresolved,
     * and in enforce mode Airlock refuses it so that every Maven behaves the same.
     *
     * @param refused the request's repositories, all refused (at least one)
     * @param origin how the local copy came there ({@code LocalOrigins}' description)
     */
    public Verdict cachedCopyOfRefused(String coordinates, String file, String sha256, String origin,
            List<Miss.RefusedRepository> refused) {
        if (refused.isEmpty()) {
            throw new IllegalArgumentException("no refused repository for " + coordinates);
        }
        String names = refused.stream().map(x -> x.id() + " (" + x.url() + ")").reduce((x, y) -> x + ", " + y)
                .orElseThrow();
        Miss.RefusedRepository first = refused.get(0);
        dev.airlock.verify.finding.Finding f = mode.finding(FindingCode.REPOSITORY_BLOCKED, mode.failing())
                .coordinatesOrSubject(coordinates)
                .file(file)
                .sha256(sha256)
                .repository(first.id(), first.url())
                .message("every repository asked for " + coordinates + " was refused (" + names + "); the copy "
                        + origin + " in the local repository is not used in their place (the resolver itself would"
                        + " have served it: Resolver bug GH-1703)")
                .fix("resolve " + coordinates + " through a configured mirror; if a POM redeclares a mirror's id with"
                        + " another URL, remove that repository")
                .detail("declaredIn", first.declaredIn())
                .build();
        return Verdict.of(f, mode.enforce() ? "REPOSITORY_BLOCKED: every repository for " + coordinates + " was"
                + " refused and a cached copy is not used in their place" : null);
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
        return new Verdict(List.of(mode.finding(FindingCode.NOT_ON_MIRROR, mode.failing(), m)
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
