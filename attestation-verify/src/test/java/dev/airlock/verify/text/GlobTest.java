package dev.airlock.verify.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.airlock.verify.artifact.ArtifactPattern;
import dev.airlock.verify.finding.Coordinates;
import dev.airlock.verify.policy.PolicyPattern;
import dev.airlock.verify.policy.ValueMatcher;
import java.time.Duration;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Hardening item 4: a policy glob could take forever ({@code *a} six times then {@code *b} against 60 characters took
 * 2.4 s in java.util.regex; eight times did not finish in 80 s). Globs are now matched in time linear in the input,
 * and a {@code regex:} value has a step budget.
 */
class GlobTest {
    static String starA(int n) {
        return "*a".repeat(n) + "*b";
    }

    @Test
    void pathologicalGlobsAreFast() {
        String sixty = "a".repeat(60);
        String long100k = "a".repeat(100_000);
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            for (int n : new int[] {6, 8, 20}) {
                assertFalse(ValueMatcher.of(starA(n)).matches(sixty), starA(n));
                assertFalse(ValueMatcher.of(starA(n)).matches(long100k), starA(n));
                assertTrue(ValueMatcher.of(starA(n)).matches(sixty + "b"), starA(n));
                assertFalse(Glob.of(starA(n)).matches(long100k));
            }
            // policy patterns and <excludes> use the same matcher
            String seg = "com" + "*a".repeat(8) + "*b";
            assertFalse(PolicyPattern.parse(seg).matches(Coordinates.parse("com" + "a".repeat(150) + ":x:jar:1")));
            assertFalse(ArtifactPattern.parse(seg).matches(Coordinates.parse("com" + "a".repeat(150) + ":x:jar:1")));
            assertTrue(ArtifactPattern.parse(seg).matches(Coordinates.parse("com" + "a".repeat(150) + "b:x:jar:1")));
        });
    }

    @Test
    void aCatastrophicRegexIsCutShortAndDoesNotMatch() {
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            // (a+)+b backtracks 2^n times on a run of a's without b
            assertFalse(ValueMatcher.of("regex:(a+)+b").matches("a".repeat(60)));
            assertFalse(ValueMatcher.of("regex:(.*a){12}").matches("a".repeat(40) + "x"));
        });
        // ordinary expressions still match as documented (anchored)
        assertTrue(ValueMatcher.of("regex:(a+)+b").matches("aaab"));
        assertTrue(ValueMatcher.of("regex:https://github\\.com/acme/[a-z-]+").matches("https://github.com/acme/lib"));
        assertFalse(ValueMatcher.of("regex:https://github\\.com/acme/[a-z-]+").matches("https://github.com/acme/lib/x"));
        String san = "https://github.com/acme/lib/.github/workflows/release.yml@refs/tags/v1.2.3";
        assertTrue(ValueMatcher.of("regex:https://github\\.com/acme/.*/release\\.yml@refs/tags/v[0-9.]+").matches(san));
    }

    /** The glob means what the regular expression it replaced meant ({@code *} is {@code .*}, the rest literal). */
    @Test
    void sameAnswersAsTheRegularExpressionOnRandomCases() {
        Random r = new Random(20261206L);
        char[] alphabet = {'a', 'b', '.', '/', '*'};
        for (int i = 0; i < 50_000; i++) {
            String glob = random(r, alphabet, 8);
            String text = random(r, new char[] {'a', 'b', '.', '/'}, 12);
            StringBuilder re = new StringBuilder();
            for (char c : glob.toCharArray()) {
                re.append(c == '*' ? ".*" : Pattern.quote(String.valueOf(c)));
            }
            boolean expected = Pattern.compile(re.toString(), Pattern.DOTALL).matcher(text).matches();
            assertEquals(expected, Glob.of(glob).matches(text), "glob '" + glob + "' on '" + text + "'");
        }
    }

    private static String random(Random r, char[] alphabet, int max) {
        int n = r.nextInt(max + 1);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append(alphabet[r.nextInt(alphabet.length)]);
        }
        return sb.toString();
    }

    @Test
    void edges() {
        assertTrue(Glob.of("*").matches(""));
        assertTrue(Glob.of("*").matchesEverything());
        assertTrue(Glob.of("**").matchesEverything());
        assertFalse(Glob.of("a*").matchesEverything());
        assertTrue(Glob.of("").matches(""));
        assertFalse(Glob.of("").matches("a"));
        assertTrue(Glob.of("a*a").matches("aa"));
        assertFalse(Glob.of("a*a").matches("a"), "prefix and suffix may not overlap");
        assertTrue(Glob.of("ab*ba").matches("aba".replace("aba", "abba")));
        assertFalse(Glob.of("ab*ba").matches("aba"));
        assertTrue(Glob.of("*@refs/tags/v*").matches("x@refs/tags/v1/anything"));
        assertFalse(Glob.of("abc").matches(null));
    }
}
