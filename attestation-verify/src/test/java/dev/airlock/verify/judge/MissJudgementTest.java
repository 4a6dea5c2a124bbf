package dev.airlock.verify.judge;

import static dev.airlock.verify.judge.JudgeTestSupport.ENFORCE;
import static dev.airlock.verify.judge.JudgeTestSupport.WARN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.airlock.verify.finding.Coordinates;
import dev.airlock.verify.finding.Finding;
import dev.airlock.verify.finding.FindingCode;
import dev.airlock.verify.finding.Severity;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MissJudgementTest {
    private static final String COORDS = "com.acme:lib:jar:1.0";
    private static final Coordinates TYPED = new Coordinates("com.acme", "lib", "jar", null, "1.0");
    private static final List<String> PATH = List.of("com.acme:app:jar:1", COORDS);
    private static final Miss.Repository INTERNAL = new Miss.Repository("internal", "http://m/internal");
    private static final Miss.Repository PROXY = new Miss.Repository("proxy", "http://m/proxy");
    private static final MissJudgement JUDGE = new MissJudgement(List.of("internal", "proxy"), ENFORCE);

    private static Miss miss(List<Miss.Repository> asked, boolean offline, boolean reactor, String by) {
        return new Miss(COORDS, TYPED, by, by == null ? List.of() : PATH, asked, offline, reactor, List.of());
    }

    @Test
    void eachRefusedRepositoryIsNamed() {
        Miss m = new Miss(COORDS, TYPED, "com.acme:app:pom:1", PATH, List.of(), false, false, List.of(
                new Miss.RefusedRepository("evil", "http://evil/", "evil (http://evil/)", "com.acme:parent:pom:1"),
                new Miss.RefusedRepository("other", "http://other/", "other (http://other/), a settings mirror of"
                        + " central (https://repo.central.example/maven2)", null)));
        Verdict v = JUDGE.repositoryBlocked(m);
        assertFalse(v.refused(), "already unresolved: nothing to refuse");
        assertEquals(2, v.findings().size());
        Finding f = v.findings().get(0);
        assertEquals(FindingCode.REPOSITORY_BLOCKED, f.code());
        assertEquals(Severity.ERROR, f.severity());
        assertEquals("extension", f.source());
        assertEquals(COORDS, f.subject());
        assertEquals("evil", f.repositoryId());
        assertEquals("http://evil/", f.repositoryUrl());
        assertEquals(PATH, f.path());
        assertEquals("repository evil (http://evil/) declared in com.acme:parent:pom:1 was not contacted for " + COORDS
                + ", and no configured mirror (internal, proxy) has it; requested by com.acme:app:pom:1", f.message());
        assertEquals("publish " + COORDS + " to a configured mirror, or remove the dependency that needs it", f.fix());
        assertEquals(Map.of("declaredIn", "com.acme:parent:pom:1", "requestedBy", "com.acme:app:pom:1"), f.details());
        Finding g = v.findings().get(1);
        assertEquals("repository other (http://other/), a settings mirror of central"
                + " (https://repo.central.example/maven2) was not contacted for " + COORDS + ", and no configured"
                + " mirror (internal, proxy) has it; requested by com.acme:app:pom:1", g.message());
        assertNull(g.details().get("declaredIn"));
    }

    @Test
    void aCachedCopyServedAlthoughEveryRepositoryWasRefusedIsNotUsedInTheirPlace() {
        List<Miss.RefusedRepository> refused = List.of(
                new Miss.RefusedRepository("internal", "http://evil/", "internal", "com.acme:parent:pom:1"),
                new Miss.RefusedRepository("other", "http://other/", "other", null));
        String sha = "ab".repeat(32);
        Verdict v = JUDGE.cachedCopyOfRefused(COORDS, "/repo/com/acme/lib/1.0/lib-1.0.jar", sha,
                "downloaded from internal", refused);
        assertEquals(List.of("REPOSITORY_BLOCKED: every repository for " + COORDS + " was refused and a cached copy"
                + " is not used in their place"), v.refusals());
        Finding f = v.findings().get(0);
        assertEquals(FindingCode.REPOSITORY_BLOCKED, f.code());
        assertEquals(Severity.ERROR, f.severity());
        assertEquals(COORDS, f.subject());
        assertEquals(sha, f.sha256());
        assertEquals("/repo/com/acme/lib/1.0/lib-1.0.jar", f.file());
        assertEquals("internal", f.repositoryId());
        assertEquals("http://evil/", f.repositoryUrl());
        assertEquals("every repository asked for " + COORDS + " was refused (internal (http://evil/), other"
                + " (http://other/)); the copy downloaded from internal in the local repository is not used in their"
                + " place (the resolver itself would have served it: Resolver bug GH-1703)", f.message());
        assertEquals(Map.of("declaredIn", "com.acme:parent:pom:1"), f.details());

        Verdict warned = new MissJudgement(List.of("internal"), WARN).cachedCopyOfRefused(COORDS, "f", sha, "o",
                refused);
        assertFalse(warned.refused(), "warn mode reports and refuses nothing");
        assertEquals(Severity.WARN, warned.findings().get(0).severity());
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> JUDGE.cachedCopyOfRefused(COORDS, "f", sha, "o", List.of()));
    }

    @Test
    void theMirrorsAskedDidNotHaveIt() {
        Finding f = JUDGE.notOnMirror(miss(List.of(INTERNAL, PROXY), false, false, "com.acme:app:pom:1"))
                .findings().get(0);
        assertEquals(FindingCode.NOT_ON_MIRROR, f.code());
        assertEquals(Severity.ERROR, f.severity());
        assertEquals("internal", f.repositoryId());
        assertEquals("http://m/internal", f.repositoryUrl());
        assertEquals(PATH, f.path());
        assertEquals(COORDS + " is not on the configured mirrors: internal (http://m/internal), proxy (http://m/proxy)"
                + " answered not found; requested by com.acme:app:pom:1", f.message());
        assertEquals("publish " + COORDS + " to a configured mirror (or have the mirror proxy the repository that has"
                + " it), or remove what needs it", f.fix());
        assertEquals(Map.of("mirrors", "internal, proxy", "requestedBy", "com.acme:app:pom:1"), f.details());
    }

    @Test
    void offlineTheMirrorsWereNotAsked() {
        Finding f = new MissJudgement(List.of("internal"), WARN).notOnMirror(miss(List.of(INTERNAL), true, false,
                null)).findings().get(0);
        assertEquals(Severity.WARN, f.severity());
        assertEquals(COORDS + " is not in the local repository, and the build is offline: the mirrors (internal"
                + " (http://m/internal)) were not asked", f.message());
        assertEquals("run the build online once (or seal the local repository) so that " + COORDS + " is fetched from"
                + " a mirror", f.fix());
        assertEquals(List.of(), f.path());
        assertEquals(Map.of("mirrors", "internal"), f.details());
    }

    @Test
    void noMirrorCouldBeAsked() {
        Finding f = JUDGE.notOnMirror(miss(List.of(), false, false, null)).findings().get(0);
        assertEquals(COORDS + " was not resolved, and no configured mirror (internal, proxy) could be asked for it (the"
                + " request named none whose release/snapshot policy or airlock.namespaces route allows it)",
                f.message());
        assertNull(f.repositoryId());
        assertNull(f.repositoryUrl());
        assertEquals(Map.of(), f.details());
    }

    @Test
    void aReactorModuleIsToBeBuiltFirst() {
        Finding f = JUDGE.notOnMirror(miss(List.of(INTERNAL), true, true, null)).findings().get(0);
        assertEquals(COORDS + " is a module of this reactor: build it in the same build (-am) or install it first",
                f.fix());
    }

    @Test
    void aMissCarriesItsTypedCoordinatesIntoEveryFindingAndInvalidOnesAsTheSubject() {
        Finding notOnMirror = JUDGE.notOnMirror(miss(List.of(INTERNAL), false, false, null)).findings().get(0);
        assertSame(TYPED, notOnMirror.coordinates(), "typed from the resolver's fields, not parsed back from text");
        Miss.RefusedRepository evil = new Miss.RefusedRepository("evil", "http://evil/", "evil (http://evil/)", null);
        Finding blocked = JUDGE.repositoryBlocked(new Miss(COORDS, TYPED, null, List.of(), List.of(), false, false,
                List.of(evil))).findings().get(0);
        assertSame(TYPED, blocked.coordinates());

        String invalid = "com.acme:lib:jar:1.0 (no such)"; // no valid coordinates: they are the finding's subject
        Finding untyped = JUDGE.notOnMirror(new Miss(invalid, null, null, List.of(), List.of(INTERNAL), false, false,
                List.of())).findings().get(0);
        assertNull(untyped.coordinates());
        assertEquals(invalid, untyped.subject());
    }

    @Test
    void typedCoordinatesThatAreNotTheTextAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Miss("com.acme:other:jar:1.0", TYPED, null, List.of(),
                List.of(), false, false, List.of()));
    }
}
