package dev.airlock.verify.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The grammar of the trust-policy file and every error it reports. */
class PolicyParserTest {
    static final String FPR = "B46DC71E03FEEB7F89D1F2491F7A8F87B9D8F501";

    @TempDir
    Path dir;

    static TrustPolicy parse(String content) throws PolicyException {
        return TrustPolicy.parse("p", content, KeyResolver.NONE);
    }

    static List<PolicyError> errors(String content) {
        return assertThrows(PolicyException.class, () -> parse(content)).errors();
    }

    static PolicyError only(String content) {
        List<PolicyError> e = errors(content);
        assertEquals(1, e.size(), e.toString());
        return e.get(0);
    }

    static void assertAt(PolicyError e, int line, int col, String problemPart) {
        assertEquals(line, e.line(), e.toString());
        assertEquals(col, e.column(), e.toString());
        assertTrue(e.problem().contains(problemPart), e.toString());
        assertFalse(e.fix().isBlank(), e.toString());
    }

    // ------------------------------------------------------------ grammar

    @Test
    void commentsBlankLinesAndWhitespace() throws Exception {
        TrustPolicy p = parse("""
                # a comment line
                   # an indented comment

                com.acme:*\tpgp   fingerprint=%s   # a trailing comment
                \t
                """.formatted(FPR));
        assertEquals(1, p.lines().size());
        PolicyLine.Pgp l = (PolicyLine.Pgp) p.lines().get(0);
        assertEquals(4, l.line());
        assertEquals(FPR, l.fingerprint());
        assertEquals("com.acme:*", l.pattern().text());
    }

    @Test
    void hashInsideQuotesIsLiteral() throws Exception {
        TrustPolicy p = parse("* unsigned reason=\"see ticket #123 # not a comment\" # but this is\n");
        assertEquals("see ticket #123 # not a comment", ((PolicyLine.Unsigned) p.lines().get(0)).reason());
    }

    @Test
    void hashInsideAnUnquotedValueIsAnErrorNotACut() {
        // a silent cut would turn san=...#x into a shorter (or, with a glob, broader) value
        PolicyError e = only("* sigstore san=https://x.example/a#frag issuer=https://i.example\n");
        assertAt(e, 1, 35, "'#' inside the unquoted field");
        assertTrue(e.fix().contains("quote it"), e.fix());
    }

    @Test
    void quotedValuesWithEscapes() throws Exception {
        TrustPolicy p = parse("* unsigned reason=\"a \\\"quoted\\\" word and a \\\\ backslash\"\n");
        assertEquals("a \"quoted\" word and a \\ backslash", ((PolicyLine.Unsigned) p.lines().get(0)).reason());
        TrustPolicy q = parse("* sigstore san=\"https://x.example/a#b\" issuer=\"regex:https://(a|b)\\.example\"\n");
        PolicyLine.Sigstore s = (PolicyLine.Sigstore) q.lines().get(0);
        assertEquals("https://x.example/a#b", s.san().text());
        assertTrue(s.issuer().matches("https://b.example"));
    }

    @Test
    void trailingBackslashContinuesALine() throws Exception {
        TrustPolicy p = parse("""
                # header
                com.acme:*  slsa \\
                    builder=https://github.com/slsa-framework/slsa-github-generator/.github/workflows/builder_maven_slsa3.yml@refs/tags/v2.* \\
                    source=git+https://github.com/acme/lib.git/ \\   # comments may follow the backslash
                    ref=refs/tags/v*
                * noprovenance reason="a long \\
                   reason"
                """);
        assertEquals(2, p.lines().size());
        PolicyLine.Slsa s = (PolicyLine.Slsa) p.lines().get(0);
        assertEquals(2, s.line(), "a continued line is reported at its first physical line");
        assertEquals("git+https://github.com/acme/lib.git/", s.source().text());
        assertTrue(s.source().matches("https://github.com/acme/lib"));
        assertEquals("refs/tags/v*", s.ref().text());
        assertEquals("a long reason", ((PolicyLine.NoProvenance) p.lines().get(1)).reason());
        assertEquals(6, p.lines().get(1).line());
    }

    @Test
    void aCommentLineEndsAContinuedLine() {
        // documented: comment-only lines do not continue, so the continued line ends there
        List<PolicyError> e = errors("""
                com.acme:* sigstore \\
                # san comes next
                  san=https://x.example issuer=https://i.example
                """);
        assertEquals(4, e.size(), e.toString());
        assertAt(e.get(0), 1, 12, "sigstore needs san=");
        assertAt(e.get(1), 1, 12, "sigstore needs issuer=");
        // the next line is read as a line of its own: its first field is not a pattern
        assertAt(e.get(2), 3, 3, "pattern 'san=https://x.example' contains characters");
        assertAt(e.get(3), 3, 25, "unknown directive 'issuer=https://i.example'");
    }

    @Test
    void backslashOnTheLastLineIsAnError() {
        List<PolicyError> e = errors("* unsigned reason=\"x\" \\");
        assertAt(e.get(0), 1, 23, "no line follows");
    }

    @Test
    void crlfCrAndBomAreAccepted() throws Exception {
        byte[] crlf = ("\uFEFF# c\r\n* unsigned reason=\"x\"\r\n\r\ncom.acme pgp \\\r\n fingerprint=" + FPR + "\r\n")
                .getBytes(StandardCharsets.UTF_8);
        TrustPolicy p = TrustPolicy.parse("p", new java.io.ByteArrayInputStream(crlf), KeyResolver.NONE);
        assertEquals(2, p.lines().size());
        assertEquals(2, p.lines().get(0).line());
        assertEquals(4, p.lines().get(1).line());
        assertEquals("x", ((PolicyLine.Unsigned) p.lines().get(0)).reason(), "no stray CR in values");
        TrustPolicy cr = parse("# c\r* unsigned reason=\"y\"\r");
        assertEquals(2, cr.lines().get(0).line());
    }

    @Test
    void invalidUtf8IsAnErrorWithItsLine() {
        byte[] bad = "# ok\n* unsigned reason=\"\u00ff\"\n".getBytes(StandardCharsets.ISO_8859_1);
        PolicyException e = assertThrows(PolicyException.class,
                () -> TrustPolicy.parse("p", new java.io.ByteArrayInputStream(bad), KeyResolver.NONE));
        assertEquals(2, e.errors().get(0).line());
        assertTrue(e.getMessage().contains("not valid UTF-8"), e.getMessage());
    }

    @Test
    void fingerprintsAreNormalised() throws Exception {
        TrustPolicy p = parse("""
                a pgp fingerprint=b46dc71e03feeb7f89d1f2491f7a8f87b9d8f501
                b pgp fingerprint="B46D C71E 03FE EB7F 89D1  F249 1F7A 8F87 B9D8 F501"
                c pgp fingerprint=0xB46DC71E03FEEB7F89D1F2491F7A8F87B9D8F501
                """);
        for (PolicyLine l : p.lines()) {
            assertEquals(FPR, ((PolicyLine.Pgp) l).fingerprint());
        }
    }

    @Test
    void slsaRefDefaultsToTagsAndOptionalKeys() throws Exception {
        TrustPolicy p = parse("""
                a slsa builder=https://b.example/x source=https://github.com/acme/lib
                b slsa builder=https://b.example/x source=https://github.com/acme/lib ref=refs/heads/main \
                buildType=https://slsa-framework.github.io/github-actions-buildtypes/workflow/v1
                c sigstore san=s issuer=i repository=git+https://github.com/acme/lib.git
                """);
        PolicyLine.Slsa a = (PolicyLine.Slsa) p.lines().get(0);
        assertEquals("refs/tags/*", a.ref().text());
        assertTrue(a.ref().matches("refs/tags/v1.0"));
        assertFalse(a.ref().matches("refs/heads/main"));
        assertFalse(a.ref().matches(null));
        assertTrue(a.buildTypeConstraint().isEmpty());
        PolicyLine.Slsa b = (PolicyLine.Slsa) p.lines().get(1);
        assertTrue(b.ref().matches("refs/heads/main"));
        assertEquals(ValueMatcher.Kind.EXACT, b.buildTypeConstraint().orElseThrow().kind());
        PolicyLine.Sigstore c = (PolicyLine.Sigstore) p.lines().get(2);
        assertTrue(c.matches("s", "i", "https://github.com/acme/lib/"), "repository is normalised like source");
        assertFalse(c.matches("s", "i", null));
    }

    // ------------------------------------------------------------ errors

    @Test
    void unknownDirectiveSuggestsTheClosestOne() {
        PolicyError e = only("com.acme:*  sigstor san=a issuer=b\n");
        assertAt(e, 1, 13, "unknown directive 'sigstor'");
        assertTrue(e.fix().contains("did you mean 'sigstore'"), e.fix());
        assertTrue(e.fix().contains("noprovenance"), e.fix());
    }

    @Test
    void unknownKeySuggestsTheClosestOne() {
        PolicyError e = only("* slsa builder=b source=s buildtype=t\n");
        assertAt(e, 1, 27, "unknown key 'buildtype' for slsa");
        assertTrue(e.fix().contains("did you mean 'buildType'"), e.fix());
    }

    @Test
    void missingRequiredKeys() {
        List<PolicyError> e = errors("* sigstore san=a\n* slsa source=s\n* cosign\n* pgp\n");
        assertEquals(4, e.size(), e.toString());
        assertAt(e.get(0), 1, 3, "sigstore needs issuer=");
        assertAt(e.get(1), 2, 3, "slsa needs builder=");
        assertAt(e.get(2), 3, 3, "cosign needs key=");
        assertAt(e.get(3), 4, 3, "pgp needs fingerprint=");
    }

    @Test
    void missingOrBlankReason() {
        List<PolicyError> e = errors("* unsigned\n* noprovenance reason=\"  \"\n* unsigned reason=\n");
        assertEquals(3, e.size(), e.toString());
        assertAt(e.get(0), 1, 3, "unsigned needs reason=");
        assertAt(e.get(1), 2, 24, "reason is blank");
        assertAt(e.get(2), 3, 12, "has an empty value");
    }

    @Test
    void duplicateKeyAndNonKeyValueFields() {
        List<PolicyError> e = errors("* sigstore san=a san=b issuer=c\n* pgp " + FPR + "\n");
        assertAt(e.get(0), 1, 18, "key 'san' is given twice on this line (first at column 12)");
        assertAt(e.get(1), 2, 7, "expected key=value after 'pgp'");
    }

    @Test
    void badFingerprints() {
        List<PolicyError> e = errors("""
                a pgp fingerprint=B46DC71E03FEEB7F89D1F2491F7A8F87B9D8F50
                b pgp fingerprint=1F7A8F87B9D8F501
                c pgp fingerprint=Z46DC71E03FEEB7F89D1F2491F7A8F87B9D8F501
                d pgp fingerprint=B46DC71E*
                """);
        assertEquals(4, e.size(), e.toString());
        assertAt(e.get(0), 1, 19, "has 39 hex digits, not 40");
        assertAt(e.get(1), 2, 19, "16-digit key id");
        assertAt(e.get(2), 3, 19, "is not hexadecimal");
        assertAt(e.get(3), 4, 19, "is a pattern");
        for (PolicyError x : e) {
            assertTrue(x.fix().contains("out of band"), x.fix());
            assertFalse(x.toString().contains("pgp fingerprint="), "no ready-made line: " + x);
        }
    }

    @Test
    void badRegexNamesTheColumn() {
        PolicyError e = only("* sigstore san=regex:https://(a|b issuer=x\n");
        assertEquals(1, e.line());
        assertTrue(e.problem().startsWith("bad regular expression in san=: Unclosed group"), e.problem());
        assertTrue(e.column() > 16, e.toString());
        PolicyError empty = only("* sigstore san=regex: issuer=x\n");
        assertAt(empty, 1, 16, "empty regular expression");
    }

    @Test
    void badPatterns() {
        List<PolicyError> e = errors("""
                a:b:c:d unsigned reason="x"
                com/acme unsigned reason="x"
                *:lib unsigned reason="x"
                com.acme::1 unsigned reason="x"
                "com.acme" unsigned reason="x"
                """);
        assertEquals(5, e.size(), e.toString());
        assertAt(e.get(0), 1, 1, "has 4 segments");
        assertAt(e.get(1), 2, 1, "contains characters that cannot occur");
        assertAt(e.get(2), 3, 1, "has the groupId '*'");
        assertAt(e.get(3), 4, 1, "has an empty segment");
        assertAt(e.get(4), 5, 1, "unexpected '\"'");
    }

    @Test
    void patternWithoutDirective() {
        assertAt(only("com.acme:*\n"), 1, 1, "but no directive");
    }

    @Test
    void quotingErrors() {
        List<PolicyError> e = errors("* unsigned reason=\"open\n* unsigned reason=\"a\"b\n* unsigned reason=a\"b\"\n");
        assertEquals(3, e.size(), e.toString());
        assertAt(e.get(0), 1, 19, "unterminated quoted value");
        assertAt(e.get(1), 2, 22, "text directly after the closing quote");
        assertAt(e.get(2), 3, 20, "unexpected '\"'");
    }

    @Test
    void controlAndNonBreakingSpaceCharacters() {
        PolicyError e = only("* unsigned\u00a0reason=\"x\"\n");
        assertAt(e, 1, 11, "unexpected character U+00A0");
    }

    @Test
    void sourceMustNotCarryARef() {
        PolicyError e = only("* slsa builder=b source=git+https://github.com/acme/lib@refs/tags/v1\n");
        assertAt(e, 1, 56, "names a ref ('@refs/tags/v1')");
        assertTrue(e.fix().contains("ref="), e.fix());
        PolicyError mono = only("* slsa builder=b source=https://github.com/acme/mono@refs/tags/lib@1.2\n");
        assertAt(mono, 1, 53, "names a ref ('@refs/tags/lib@1.2')");
        assertTrue(mono.fix().contains("source=https://github.com/acme/mono "), mono.fix());
    }

    @Test
    void cosignKeyErrorsNameThePathAndLine() throws Exception {
        Path keys = Files.createDirectories(dir.resolve("keys"));
        Files.writeString(keys.resolve("text.pub"), "just text\n");
        Files.writeString(keys.resolve("private.pem"), "-----BEGIN EC PRIVATE KEY-----\nAAAA\n"
                + "-----END EC PRIVATE KEY-----\n");
        Files.writeString(keys.resolve("cert.pem"), "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n");
        Files.writeString(keys.resolve("garbage.pub"), "-----BEGIN PUBLIC KEY-----\nAAAAAAAA\n"
                + "-----END PUBLIC KEY-----\n");
        Files.copy(Path.of("src/test/resources/policy/keys/test-cosign.pub"), keys.resolve("good.pub"));
        java.security.KeyPairGenerator p384 = java.security.KeyPairGenerator.getInstance("EC");
        p384.initialize(new java.security.spec.ECGenParameterSpec("secp384r1"));
        Files.writeString(keys.resolve("p384.pub"), "-----BEGIN PUBLIC KEY-----\n" + java.util.Base64.getMimeEncoder()
                .encodeToString(p384.generateKeyPair().getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----\n");
        Path policy = dir.resolve("airlock-policy");
        Files.writeString(policy, """
                a cosign key=keys/missing.pub
                b cosign key=keys/text.pub
                c cosign key=keys/private.pem
                d cosign key=keys/cert.pem
                e cosign key=keys/garbage.pub
                f cosign key=keys
                g cosign key=keys/good.pub
                h cosign key=keys/p384.pub
                """);
        PolicyException ex = assertThrows(PolicyException.class, () -> TrustPolicy.parse(policy));
        List<PolicyError> e = ex.errors();
        assertEquals(7, e.size(), ex.getMessage());
        assertAt(e.get(0), 1, 14, "cosign key file keys/missing.pub does not exist");
        assertTrue(e.get(0).problem().contains(keys.resolve("missing.pub").toString()), e.get(0).problem());
        assertAt(e.get(1), 2, 14, "found no PEM block");
        assertAt(e.get(2), 3, 14, "holds a private key");
        assertAt(e.get(3), 4, 14, "found a certificate");
        assertAt(e.get(4), 5, 14, "is not a PKIX public key");
        assertAt(e.get(5), 6, 14, "cannot be read");
        // the cosign check's own parser: a curve it cannot verify is refused with the policy, not when a check runs
        assertAt(e.get(6), 8, 14, "on a curve other than P-256");
        assertTrue(ex.getMessage().startsWith("Trust policy has 7 errors:\n  " + policy + ":1:14: "),
                ex.getMessage());
    }

    @Test
    void cosignWithoutLocationIsAnError() {
        assertAt(only("a cosign key=k.pub\n"), 1, 14, "cannot be read");
    }

    @Test
    void allErrorsOfAFileAreReportedAtOnceInOrder() {
        List<PolicyError> e = errors("""
                com.acme:* pgp fingerprint=123
                com.acme:* unsigned reason="fine"
                org.x      cosgn key=a
                *          slsa builder=regex:( source=s
                """);
        assertEquals(3, e.size(), e.toString());
        assertEquals(List.of(1, 3, 4), e.stream().map(PolicyError::line).toList());
        assertEquals("p:1:28", e.get(0).where());
    }

    @Test
    void errorMessageFormat() {
        PolicyException e = assertThrows(PolicyException.class, () -> parse("* bogus\n"));
        assertEquals("Trust policy error: p:1:3: unknown directive 'bogus'. Fix: use one of sigstore, cosign, pgp,"
                + " unsigned, slsa, noprovenance", e.getMessage());
    }

    @Test
    void oversizedFileIsRefused() {
        byte[] big = new byte[PolicyParser.MAX_BYTES + 1];
        java.util.Arrays.fill(big, (byte) '#');
        PolicyException e = assertThrows(PolicyException.class,
                () -> TrustPolicy.parse("p", new java.io.ByteArrayInputStream(big), KeyResolver.NONE));
        assertTrue(e.getMessage().contains("bytes long"), e.getMessage());
    }

    // ------------------------------------------------------------ values

    @Test
    void valueMatchers() {
        ValueMatcher exact = ValueMatcher.of("https://a.example/x");
        assertEquals(ValueMatcher.Kind.EXACT, exact.kind());
        assertTrue(exact.matches("https://a.example/x"));
        assertFalse(exact.matches("https://a.example/x/"));
        assertFalse(exact.matches(null));

        ValueMatcher glob = ValueMatcher.of("https://github.com/acme/*@refs/tags/v*");
        assertEquals(ValueMatcher.Kind.GLOB, glob.kind());
        assertTrue(glob.matches("https://github.com/acme/lib/.github/workflows/r.yml@refs/tags/v1.2"),
                "'*' matches '/'");
        assertTrue(glob.matches("https://github.com/acme/a@b@refs/tags/v1"), "'*' matches '@'");
        assertFalse(glob.matches("https://github.com/acme/lib@refs/heads/main"));
        assertFalse(ValueMatcher.of("a.b*").matches("aXb"), "'.' is literal in a glob");

        ValueMatcher regex = ValueMatcher.of("regex:https://github\\.com/(acme|acme-labs)/[a-z]+");
        assertEquals(ValueMatcher.Kind.REGEX, regex.kind());
        assertTrue(regex.matches("https://github.com/acme-labs/lib"));
        assertFalse(regex.matches("https://github.com/acme/lib/evil"), "regex is anchored at the end");
        assertFalse(regex.matches("xhttps://github.com/acme/lib"), "regex is anchored at the start");
        assertThrows(java.util.regex.PatternSyntaxException.class, () -> ValueMatcher.of("regex:("));
    }

    @Test
    void sourceUriNormalisation() {
        for (String s : List.of("https://github.com/acme/lib", "git+https://github.com/acme/lib",
                "https://github.com/acme/lib.git", "git+https://github.com/acme/lib.git/", "https://GitHub.com/acme/lib/",
                " https://github.com/acme/lib// ")) {
            assertEquals("https://github.com/acme/lib", SourceUri.normalise(s), s);
        }
        assertEquals("https://github.com/Acme/Lib", SourceUri.normalise("https://github.com/Acme/Lib"),
                "the path keeps its case");
        SourceUri.Split split = SourceUri.split("git+https://github.com/slsa-framework/example-package@refs/heads/main");
        assertEquals("https://github.com/slsa-framework/example-package", split.repository());
        assertEquals("refs/heads/main", split.ref());
        SourceUri.Split user = SourceUri.split("https://user@git.example/acme/lib.git");
        assertEquals("https://user@git.example/acme/lib", user.repository(), "user-info '@' is not a ref");
        assertNull(user.ref());
        assertNull(SourceUri.normalise(null));
    }

    @Test
    void sourceUriSplit() {
        // {uri, repository, ref}: what provenance writes and what the facts hold
        String[][] cases = {
            {"git+https://github.com/acme/lib@refs/tags/v1", "https://github.com/acme/lib", "refs/tags/v1"},
            {"https://github.com/acme/lib.git", "https://github.com/acme/lib", null},
            {"https://github.com/acme/lib/", "https://github.com/acme/lib", null},
            {"git+https://github.com/acme/lib.git@refs/heads/main", "https://github.com/acme/lib", "refs/heads/main"},
            {"git+ssh://git@github.com/acme/lib.git@v1", "ssh://git@github.com/acme/lib", "v1"},
            {"https://github.com/acme/lib@", "https://github.com/acme/lib", null},
            // a ref may hold '@' (monorepo tags); the first '@' after the host separates, as slsa-verifier does
            {"git+https://github.com/acme/mono@refs/tags/@acme/lib@1.2.0", "https://github.com/acme/mono",
                "refs/tags/@acme/lib@1.2.0"},
            {"git+https://github.com/acme/mono@refs/tags/lib@1.2.0", "https://github.com/acme/mono",
                "refs/tags/lib@1.2.0"},
            {"github.com/acme/lib@refs/tags/v1", "github.com/acme/lib", "refs/tags/v1"},
        };
        for (String[] c : cases) {
            SourceUri.Split s = SourceUri.split(c[0]);
            assertEquals(c[1], s.repository(), c[0]);
            assertEquals(c[2], s.ref(), c[0]);
        }
    }

    @Test
    void sourceGlobAndRegexMatchNormalisedFacts() throws Exception {
        TrustPolicy p = parse("""
                a slsa builder=b source=https://github.com/acme/*
                b slsa builder=b source=regex:https://github\\.com/acme/(lib|app)
                """);
        PolicyLine.Slsa glob = (PolicyLine.Slsa) p.lines().get(0);
        assertTrue(glob.source().matches("git+https://github.com/acme/lib.git"));
        PolicyLine.Slsa regex = (PolicyLine.Slsa) p.lines().get(1);
        assertTrue(regex.source().matches("git+https://github.com/acme/app.git/"));
        assertFalse(regex.source().matches("https://github.com/acme/other"));
        assertInstanceOf(ValueMatcher.class, regex.source());
    }
}
