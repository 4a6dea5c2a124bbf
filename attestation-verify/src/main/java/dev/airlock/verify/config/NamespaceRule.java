package dev.airlock.verify.config;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One entry of {@code airlock.namespaces}: {@code com.acme.*} is com.acme and every groupId below it,
 * {@code org.acme} is that groupId exactly, {@code *} is every groupId. Matching groupIds are requested only from
 * the listed mirrors.
 */
public final class NamespaceRule {
    private static final Pattern GROUP = Pattern.compile("[A-Za-z0-9_\\-]+(\\.[A-Za-z0-9_\\-]+)*");

    private final String pattern;
    private final String base;
    private final boolean subtree;
    private final List<String> mirrorIds;

    private NamespaceRule(String pattern, String base, boolean subtree, List<String> mirrorIds) {
        this.pattern = pattern;
        this.base = base;
        this.subtree = subtree;
        this.mirrorIds = List.copyOf(mirrorIds);
    }

    /**
     * @throws IllegalArgumentException when the pattern is not {@code groupId}, {@code groupId.*} or {@code *}
     */
    public static NamespaceRule of(String pattern, List<String> mirrorIds) {
        String p = pattern.trim();
        if (p.equals("*")) {
            return new NamespaceRule(p, "", true, mirrorIds);
        }
        boolean subtree = p.endsWith(".*");
        String base = subtree ? p.substring(0, p.length() - 2) : p;
        if (!GROUP.matcher(base).matches()) {
            throw new IllegalArgumentException("'" + pattern + "' is not a groupId pattern (use com.acme for one"
                    + " groupId, com.acme.* for com.acme and every groupId below it)");
        }
        return new NamespaceRule(p, base, subtree, mirrorIds);
    }

    public boolean matches(String groupId) {
        if (base.isEmpty()) {
            return true;
        }
        if (groupId.equals(base)) {
            return true;
        }
        return subtree && groupId.startsWith(base + ".");
    }

    /**
     * Higher is more specific: an exact groupId beats a subtree with the same base; a longer base beats a
     * shorter one; {@code *} is the least specific.
     */
    int specificity() {
        return base.length() * 2 + (subtree ? 0 : 1);
    }

    public String pattern() {
        return pattern;
    }

    public List<String> mirrorIds() {
        return mirrorIds;
    }

    @Override
    public String toString() {
        return pattern + "=" + String.join("|", mirrorIds);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NamespaceRule r && r.pattern.equals(pattern) && r.mirrorIds.equals(mirrorIds);
    }

    @Override
    public int hashCode() {
        return Objects.hash(pattern, mirrorIds);
    }
}
