package dev.airlock.verify.propose;

import dev.airlock.verify.policy.KeyResolver;
import dev.airlock.verify.policy.PolicyException;
import dev.airlock.verify.policy.PolicyLine;
import dev.airlock.verify.policy.TrustPolicy;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The trust lines a closure needs, grouped by signer and by builder, for a person to review
 * ({@code .mvn/airlock-policy.proposed}).
 *
 * <p>Patterns: a signer that alone signs every artifact of a groupId in the closure (no other signer, no unsigned
 * artifact, no signature that could not be tied to a signer) gets one line {@code groupId:*}; otherwise one line per
 * {@code groupId:artifactId} it signs. Never {@code *}, never a groupId prefix wider than one groupId. Unsigned artifacts
 * get one {@code unsigned} waiver each ({@code groupId:artifactId}), artifacts without provenance one
 * {@code noprovenance} waiver each. Signatures that do not verify, or whose signer could not be established, get no
 * line: they are listed in comments, and the rules will report them.
 *
 * <p>The text is deterministic (sorted; no time stamps), and it is checked by parsing it back as a policy.
 */
public final class TrustProposal {
    static final String UNSIGNED_REASON = "no signature next to it on the mirrors when proposed";
    static final String NOPROVENANCE_REASON = "no provenance next to it on the mirrors when proposed";

    /** One proposed line with the comments above it. */
    public record Line(String pattern, String directive, List<String> comments) {
        public Line {
            comments = List.copyOf(comments);
        }

        /** {@code pattern  directive}. */
        public String text() {
            return pattern + "  " + directive;
        }
    }

    /** One signer's or builder's lines, or the waivers, under a heading. */
    public record Section(List<String> heading, List<Line> lines) {
        public Section {
            heading = List.copyOf(heading);
            lines = List.copyOf(lines);
        }
    }

    /** Lines of the proposal missing from the policy in force ({@code added}), and the reverse ({@code removed}). */
    public record Diff(List<String> added, List<String> removed, int unchanged) {
        public Diff {
            added = List.copyOf(added);
            removed = List.copyOf(removed);
        }
    }

    private final List<ArtifactTrust> artifacts;
    private final String keysMap;
    private final List<Section> sections = new ArrayList<>();
    private final List<String> unresolved = new ArrayList<>();
    private final List<String> invalid = new ArrayList<>();
    private final List<String> provenanceProblems = new ArrayList<>();
    private final List<String> disagreements = new ArrayList<>();
    private int signers;
    private int builders;
    private int unsigned;
    private int unattested;

    private TrustProposal(List<ArtifactTrust> artifacts, String keysMap) {
        this.artifacts = artifacts;
        this.keysMap = keysMap;
    }

    /**
     * The proposal for these artifacts (each coordinate once; a later duplicate is ignored).
     *
     * @param keysMap the display name of the keysmap whose opinions the artifacts carry, or null when none was named
     */
    public static TrustProposal of(Collection<ArtifactTrust> artifacts, String keysMap) {
        Map<String, ArtifactTrust> unique = new TreeMap<>();
        for (ArtifactTrust a : artifacts) {
            unique.putIfAbsent(a.coordinates().toString(), a);
        }
        TrustProposal p = new TrustProposal(List.copyOf(unique.values()), keysMap);
        p.signatureClass();
        p.provenanceClass();
        return p;
    }

    // ---- the signature class ----

    private void signatureClass() {
        // per groupId:artifactId, every signer, and whether some version is unsigned or has an unresolved signature
        Map<String, Set<Identity>> signersOf = new TreeMap<>();
        Map<String, Boolean> blemished = new TreeMap<>();
        Map<Identity, Map<String, List<ArtifactTrust>>> bySigner = new TreeMap<>();
        Map<String, List<ArtifactTrust>> unsignedByKey = new TreeMap<>();
        for (ArtifactTrust a : artifacts) {
            Set<Identity> ids = signersOf.computeIfAbsent(a.key(), k -> new TreeSet<>());
            boolean clean = true;
            for (ArtifactTrust.Signed s : a.signers()) {
                ids.add(s.identity());
                bySigner.computeIfAbsent(s.identity(), k -> new TreeMap<>())
                        .computeIfAbsent(a.key(), k -> new ArrayList<>()).add(a);
            }
            if (!a.signaturePresent()) {
                unsignedByKey.computeIfAbsent(a.key(), k -> new ArrayList<>()).add(a);
                clean = false;
            } else if (a.signers().isEmpty()) {
                clean = false; // present, but not tied to a signer: the rule will say so
            }
            a.unresolved().forEach(u -> unresolved.add(a.coordinates() + ": " + u));
            a.invalid().forEach(u -> invalid.add(a.coordinates() + ": " + u));
            blemished.merge(a.key(), !clean, Boolean::logicalOr);
        }
        Map<String, List<String>> keysOfGroup = groups(signersOf.keySet());
        for (Map.Entry<Identity, Map<String, List<ArtifactTrust>>> e : bySigner.entrySet()) {
            Identity id = e.getKey();
            signers++;
            List<Line> lines = new ArrayList<>();
            Map<String, List<ArtifactTrust>> covered = e.getValue();
            Set<String> done = new TreeSet<>();
            for (String key : covered.keySet()) {
                String group = key.substring(0, key.indexOf(':'));
                if (done.contains(group)) {
                    continue;
                }
                List<String> inGroup = keysOfGroup.get(group);
                boolean alone = inGroup.stream().allMatch(k -> signersOf.get(k).equals(Set.of(id))
                        && !blemished.get(k));
                if (alone) {
                    done.add(group);
                    List<ArtifactTrust> all = new ArrayList<>();
                    inGroup.forEach(k -> all.addAll(covered.get(k)));
                    lines.add(line(group + ":*", id, all));
                } else {
                    lines.add(line(key, id, covered.get(key)));
                }
            }
            List<String> heading = new ArrayList<>();
            heading.add("signature: " + id.describe().get(0));
            id.describe().stream().skip(1).forEach(heading::add);
            sections.add(new Section(heading, lines));
        }
        if (!unsignedByKey.isEmpty()) {
            List<Line> lines = new ArrayList<>();
            for (Map.Entry<String, List<ArtifactTrust>> e : unsignedByKey.entrySet()) {
                unsigned++;
                List<String> comments = new ArrayList<>();
                comments.add("unsigned: " + versions(e.getValue()));
                for (ArtifactTrust a : e.getValue()) {
                    opinion(a.coordinates().toString(), a.unsignedOpinion(), comments, "no signature");
                }
                lines.add(new Line(e.getKey(), "unsigned reason=\"" + UNSIGNED_REASON + "\"", comments));
            }
            sections.add(new Section(List.of("unsigned: no signature file next to these artifacts on the mirrors;"
                    + " one waiver each (ask the publisher to sign, then drop the line)"), lines));
        }
    }

    private Line line(String pattern, Identity id, List<ArtifactTrust> covered) {
        List<String> comments = new ArrayList<>();
        comments.add("covers " + versions(covered));
        if (id instanceof Identity.PgpKey) {
            for (ArtifactTrust a : covered) {
                for (ArtifactTrust.Signed s : a.signers()) {
                    if (s.identity().equals(id)) {
                        opinion(a.coordinates().toString(), s.opinion(), comments, "this key");
                    }
                }
            }
        }
        return new Line(pattern, id.directive(), dedupe(comments));
    }

    private void opinion(String coordinates, SecondOpinion o, List<String> comments, String what) {
        if (keysMap == null) {
            return;
        }
        switch (o.verdict()) {
            case AGREES -> comments.add("keysmap agrees for " + coordinates + ": " + o.detail());
            case SILENT -> comments.add("keysmap is silent on " + coordinates);
            case DISAGREES -> {
                comments.add("!!! KEYSMAP DISAGREES for " + coordinates + " (" + what + "): " + o.detail()
                        + " -- confirm with the publisher before accepting this line");
                disagreements.add(coordinates + " (" + what + "): " + o.detail());
            }
        }
    }

    // ---- the provenance class ----

    private void provenanceClass() {
        Map<String, Set<Identity>> buildersOf = new TreeMap<>();
        Map<String, Boolean> blemished = new TreeMap<>();
        Map<Identity, Map<String, List<ArtifactTrust>>> byBuilder = new TreeMap<>();
        Map<String, List<ArtifactTrust>> without = new TreeMap<>();
        for (ArtifactTrust a : artifacts) {
            if (!a.attestable()) {
                continue;
            }
            Set<Identity> ids = buildersOf.computeIfAbsent(a.key(), k -> new TreeSet<>());
            for (Identity.SlsaBuilder b : a.builders()) {
                ids.add(b);
                byBuilder.computeIfAbsent(b, k -> new TreeMap<>()).computeIfAbsent(a.key(), k -> new ArrayList<>())
                        .add(a);
            }
            boolean clean = a.provenancePresent() && !a.builders().isEmpty();
            if (!a.provenancePresent()) {
                without.computeIfAbsent(a.key(), k -> new ArrayList<>()).add(a);
            }
            a.provenanceProblems().forEach(p -> provenanceProblems.add(a.coordinates() + ": " + p));
            blemished.merge(a.key(), !clean, Boolean::logicalOr);
        }
        Map<String, List<String>> keysOfGroup = groups(buildersOf.keySet());
        for (Map.Entry<Identity, Map<String, List<ArtifactTrust>>> e : byBuilder.entrySet()) {
            Identity id = e.getKey();
            builders++;
            List<Line> lines = new ArrayList<>();
            Set<String> done = new TreeSet<>();
            for (Map.Entry<String, List<ArtifactTrust>> c : e.getValue().entrySet()) {
                String group = c.getKey().substring(0, c.getKey().indexOf(':'));
                if (done.contains(group)) {
                    continue;
                }
                List<String> inGroup = keysOfGroup.get(group);
                if (inGroup.stream().allMatch(k -> buildersOf.get(k).equals(Set.of(id)) && !blemished.get(k))) {
                    done.add(group);
                    List<ArtifactTrust> all = new ArrayList<>();
                    inGroup.forEach(k -> all.addAll(e.getValue().get(k)));
                    lines.add(new Line(group + ":*", id.directive(), List.of("covers " + versions(all))));
                } else {
                    lines.add(new Line(c.getKey(), id.directive(), List.of("covers " + versions(c.getValue()))));
                }
            }
            List<String> heading = new ArrayList<>();
            heading.add("provenance: " + id.describe().get(0));
            id.describe().stream().skip(1).forEach(heading::add);
            sections.add(new Section(heading, lines));
        }
        if (!without.isEmpty()) {
            List<Line> lines = new ArrayList<>();
            for (Map.Entry<String, List<ArtifactTrust>> e : without.entrySet()) {
                unattested++;
                lines.add(new Line(e.getKey(), "noprovenance reason=\"" + NOPROVENANCE_REASON + "\"",
                        List.of("no provenance: " + versions(e.getValue()))));
            }
            sections.add(new Section(List.of("no provenance: nothing attests how these artifacts were built; one waiver"
                    + " each"), lines));
        }
    }

    // ---- output ----

    /** The text of {@code .mvn/airlock-policy.proposed}. */
    public String policyText() {
        StringBuilder sb = new StringBuilder();
        sb.append("# PROPOSED trust lines, written by dev.airlock:airlock-maven-plugin:propose. NOTHING HERE IS TRUSTED:\n");
        sb.append("# no rule reads this file. Confirm each signer and builder out of band (docs/propose.md), then move\n");
        sb.append("# the lines you accept into .mvn/airlock-policy and the keys you accept into your keyring.\n");
        sb.append("# ").append(artifacts.size()).append(" artifact(s); ").append(signers).append(" signer(s), ")
                .append(unsigned).append(" unsigned, ").append(unresolved.size()).append(" unresolved, ")
                .append(invalid.size()).append(" invalid signature(s); ").append(builders).append(" builder(s), ")
                .append(unattested).append(" without provenance.\n");
        if (keysMap != null) {
            sb.append("# second opinion: ").append(PolicyText.comment(keysMap)).append(" (")
                    .append(disagreements.size()).append(" disagreement(s))\n");
        }
        for (Section s : sections) {
            sb.append('\n');
            sb.append("# ==== ").append(PolicyText.comment(s.heading().get(0))).append('\n');
            s.heading().stream().skip(1).forEach(h -> sb.append("#      ").append(PolicyText.comment(h)).append('\n'));
            for (Line l : s.lines()) {
                l.comments().forEach(c -> sb.append("#   ").append(PolicyText.comment(c)).append('\n'));
                sb.append(l.text()).append('\n');
            }
        }
        comments(sb, "unresolved: signatures whose signer could not be established (no line proposed; the rule will"
                + " report these artifacts)", unresolved);
        comments(sb, "INVALID: signatures that do not verify for the bytes the mirrors served (an integrity failure;"
                + " never waive it)", invalid);
        comments(sb, "provenance that did not verify (no line proposed)", provenanceProblems);
        return sb.toString();
    }

    private static void comments(StringBuilder sb, String heading, List<String> items) {
        if (items.isEmpty()) {
            return;
        }
        sb.append("\n# ==== ").append(heading).append('\n');
        new TreeSet<>(items).forEach(i -> sb.append("#   ").append(PolicyText.comment(i)).append('\n'));
    }

    /** The proposal parsed as a policy: proof that every line is one the rules accept. */
    public TrustPolicy asPolicy(String displayName) throws PolicyException {
        return TrustPolicy.parse(displayName, policyText(), path -> new KeyResolver.Resolved(path, null));
    }

    /** What accepting the whole proposal would add to and remove from {@code current} (null: no policy yet). */
    public Diff diff(TrustPolicy current) throws PolicyException {
        Set<String> proposed = new TreeSet<>();
        asPolicy("proposal").lines().forEach(l -> proposed.add(canonical(l)));
        Set<String> present = new TreeSet<>();
        if (current != null) {
            current.lines().forEach(l -> present.add(canonical(l)));
        }
        List<String> added = proposed.stream().filter(l -> !present.contains(l)).toList();
        List<String> removed = present.stream().filter(l -> !proposed.contains(l)).toList();
        return new Diff(added, removed, proposed.size() - added.size());
    }

    /** A line as the rules see it: a waiver's reason is not part of what it allows. */
    static String canonical(PolicyLine l) {
        if (l instanceof PolicyLine.Unsigned || l instanceof PolicyLine.NoProvenance) {
            return l.pattern().text() + " " + l.directive();
        }
        return l.toString();
    }

    public List<Section> sections() {
        return List.copyOf(sections);
    }

    /** Every line the keysmap disagrees with ({@code coordinates (what): detail}). */
    public List<String> disagreements() {
        return List.copyOf(disagreements);
    }

    public List<String> unresolved() {
        return List.copyOf(unresolved);
    }

    public List<String> invalid() {
        return List.copyOf(invalid);
    }

    public int signers() {
        return signers;
    }

    public int builders() {
        return builders;
    }

    public int artifacts() {
        return artifacts.size();
    }

    // ---- helpers ----

    private static Map<String, List<String>> groups(Collection<String> keys) {
        Map<String, List<String>> out = new TreeMap<>();
        for (String k : keys) {
            out.computeIfAbsent(k.substring(0, k.indexOf(':')), g -> new ArrayList<>()).add(k);
        }
        return out;
    }

    /** {@code g:a:v1, g:a:v2, g2:b:v} (sorted, each coordinate once, extension and classifier kept when not jar). */
    private static String versions(List<ArtifactTrust> covered) {
        Set<String> out = new TreeSet<>();
        for (ArtifactTrust a : covered) {
            var c = a.coordinates();
            String kind = c.extension().equals("jar") && c.classifier().isEmpty() ? ""
                    : " (" + c.extension() + (c.classifier().isEmpty() ? "" : ", " + c.classifier()) + ")";
            out.add(c.groupId() + ":" + c.artifactId() + ":" + c.version() + kind);
        }
        return String.join(", ", out);
    }

    private static List<String> dedupe(List<String> lines) {
        return List.copyOf(new LinkedHashSet<>(lines));
    }

    @Override
    public String toString() {
        return "TrustProposal[" + artifacts.size() + " artifacts, " + signers + " signers, " + builders + " builders]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TrustProposal p && p.policyText().equals(policyText());
    }

    @Override
    public int hashCode() {
        return Objects.hash(policyText());
    }
}
