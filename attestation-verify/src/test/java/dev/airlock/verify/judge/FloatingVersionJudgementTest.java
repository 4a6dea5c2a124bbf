package dev.airlock.verify.judge;

import static dev.airlock.verify.judge.JudgeTestSupport.ENFORCE;
import static dev.airlock.verify.judge.JudgeTestSupport.WARN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.airlock.verify.config.Levels;
import dev.airlock.verify.finding.Finding;
import dev.airlock.verify.finding.FindingCode;
import dev.airlock.verify.finding.Severity;
import java.util.List;
import org.junit.jupiter.api.Test;

class FloatingVersionJudgementTest {
    private static final FloatingVersion RANGE = new FloatingVersion("version range", "[1.0,2.0)",
            List.of("com.acme:app:jar:1", "com.acme:lib:jar:1.5"));
    private static final FloatingVersion PLUGIN = new FloatingVersion(FloatingVersion.PLUGIN_FROM_METADATA, "(none)",
            List.of());

    private static Resolution lib(FloatingVersion f) {
        return new Resolution("com.acme", "lib", "jar", null, "1.5", "1.5", null, null, "internal", "http://m/", f);
    }

    private static Verdict judge(Levels.FloatingVersions level, JudgeMode mode, Resolution r) {
        return new FloatingVersionJudgement(level, ".mvn/airlock.properties", mode).judge(r);
    }

    @Test
    void aWrittenDownVersionPasses() {
        assertEquals(Verdict.none(), judge(Levels.FloatingVersions.DENY, ENFORCE, lib(null)));
    }

    @Test
    void allowReportsNothing() {
        assertEquals(Verdict.none(), judge(Levels.FloatingVersions.ALLOW, ENFORCE, lib(RANGE)));
    }

    @Test
    void denyRefusesARangeWhenEnforcing() {
        Verdict v = judge(Levels.FloatingVersions.DENY, ENFORCE, lib(RANGE));
        Finding f = v.findings().get(0);
        assertEquals(FindingCode.FLOATING_VERSION, f.code());
        assertEquals(Severity.ERROR, f.severity());
        assertEquals("extension", f.source());
        assertEquals("com.acme:lib:jar:1.5", f.subject());
        assertEquals(RANGE.path(), f.path());
        assertEquals("internal", f.repositoryId());
        assertEquals("http://m/", f.repositoryUrl());
        assertEquals("version range [1.0,2.0) of com.acme:lib resolved to 1.5", f.message());
        assertEquals("an exact version", f.expected());
        assertEquals("[1.0,2.0)", f.actual());
        assertEquals("declare an exact version (e.g. in <dependencyManagement>); to allow floating versions set"
                + " airlock.floatingVersions=warn in .mvn/airlock.properties (now deny from .mvn/airlock.properties)",
                f.fix());
        assertEquals(List.of("FLOATING_VERSION: version range [1.0,2.0) of com.acme:lib resolved to 1.5"),
                v.refusals());
    }

    @Test
    void denyInWarnModeWarns() {
        Verdict v = judge(Levels.FloatingVersions.DENY, WARN, lib(RANGE));
        assertEquals(Severity.WARN, v.findings().get(0).severity());
        assertFalse(v.refused());
    }

    @Test
    void warnWarnsAndNeverRefuses() {
        Verdict v = judge(Levels.FloatingVersions.WARN, ENFORCE, lib(RANGE));
        assertEquals(Severity.WARN, v.findings().get(0).severity());
        assertTrue(v.refusals().isEmpty());
        assertTrue(v.findings().get(0).fix().endsWith("(now warn from .mvn/airlock.properties)"));
    }

    @Test
    void aPluginWithoutAVersionNamesTheMetadataVersion() {
        Resolution r = new Resolution("org.apache.maven.plugins", "maven-x-plugin", "jar", null, "3.1", "3.1", null,
                null, null, null, PLUGIN);
        Verdict v = judge(Levels.FloatingVersions.DENY, ENFORCE, r);
        Finding f = v.findings().get(0);
        assertEquals("plugin org.apache.maven.plugins:maven-x-plugin has no version in the POM; Maven read one from"
                + " repository metadata (3.1)", f.message());
        assertEquals("(none)", f.actual());
        assertEquals(List.of(), f.path());
        assertEquals("pin the plugin's version in <pluginManagement> (or call it as groupId:artifactId:version:goal);"
                + " to allow floating versions set airlock.floatingVersions=warn in .mvn/airlock.properties (now deny"
                + " from .mvn/airlock.properties)", f.fix());
        assertEquals(List.of("FLOATING_VERSION: " + f.message()), v.refusals());
        assertTrue(PLUGIN.isPlugin());
        assertEquals("g:a:(none)", PLUGIN.key("g", "a"));
    }

    @Test
    void aTimestampedSnapshotIsNamedByItsBaseVersion() {
        FloatingVersion snap = new FloatingVersion("SNAPSHOT not built by this reactor", "1.0-SNAPSHOT", List.of());
        Resolution r = new Resolution("com.acme", "lib", "jar", null, "1.0-20261206.101010-3", "1.0-SNAPSHOT", null,
                null, null, null, snap);
        Finding f = judge(Levels.FloatingVersions.WARN, WARN, r).findings().get(0);
        assertEquals("SNAPSHOT not built by this reactor 1.0-SNAPSHOT of com.acme:lib resolved to 1.0-SNAPSHOT",
                f.message());
        assertEquals("com.acme:lib:jar:1.0-20261206.101010-3", f.subject());
    }
}
