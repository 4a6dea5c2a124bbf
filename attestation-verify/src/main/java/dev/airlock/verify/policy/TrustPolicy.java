package dev.airlock.verify.policy;

import dev.airlock.verify.finding.Coordinates;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The trust policy ({@code .mvn/airlock-policy}, design.md "Trust policy file"; docs/policy.md): which signers and
 * which provenance each artifact must have.
 *
 * <pre>{@code
 * TrustPolicy policy = TrustPolicy.parse(Path.of(".mvn/airlock-policy"));     // PolicyException lists all errors
 * SignatureDecision sig = policy.signature(coordinates);
 * sig.pgpMatch(verifiedPrimaryFingerprint)          // Optional<PolicyLine.Pgp>: allowed by that line
 * sig.unsignedWaiver()                              // Optional: a missing signature is waived
 * ProvenanceDecision prov = policy.provenance(coordinates);
 * prov.slsaMatch(builderId, source, ref, buildType) // Optional<PolicyLine.Slsa>
 * }</pre>
 *
 * <p>For each class (signature, provenance) the most specific pattern that has lines of that class and matches
 * the artifact decides ({@link PolicyPattern#SPECIFICITY}); its lines are alternatives. A decision with no line
 * allows nothing (see {@link PolicyDecision}). A missing policy file, and an empty one (no line, only blanks and
 * comments: a truncated or unfinished file, not a decision), is an error ({@link #parse(Path)} throws).
 *
 * <p>Immutable and thread-safe once parsed.
 */
public final class TrustPolicy {
    /** The {@code <policy>} prefix of a class-path resource. */
    public static final String CLASSPATH_PREFIX = "classpath:";

    private final String source;
    private final List<PolicyLine> lines;

    private TrustPolicy(String source, List<PolicyLine> lines) {
        this.source = source;
        this.lines = List.copyOf(lines);
    }

    /**
     * Reads a policy file; {@code cosign key=} paths resolve against its directory.
     *
     * @throws PolicyException when the file is missing or unreadable, or has errors (all of them, each with
     *     {@code file:line[:column]} and the fix)
     */
    public static TrustPolicy parse(Path file) throws PolicyException {
        Path abs = file.toAbsolutePath().normalize();
        String name = file.toString();
        byte[] content;
        try {
            if (Files.isDirectory(abs)) {
                throw new PolicyException(new PolicyError(name, 0, 0, "the trust policy " + abs
                        + " is a directory", "point <policy> at the policy file (default .mvn/airlock-policy)"));
            }
            content = Files.readAllBytes(abs);
        } catch (NoSuchFileException e) {
            throw missing(name, abs.toString());
        } catch (IOException e) {
            throw new PolicyException(new PolicyError(name, 0, 0, "the trust policy " + abs + " cannot be read: "
                    + e.getMessage(), "make the file readable"));
        }
        Path dir = abs.getParent() == null ? abs : abs.getParent();
        return new TrustPolicy(name, PolicyParser.parse(name, content, KeyResolver.relativeTo(dir)));
    }

    /**
     * Reads a policy from a stream (a {@code classpath:} resource, a test), under a display name used in every
     * message.
     *
     * @param keys resolves {@code cosign key=} paths ({@link KeyResolver#classpath}, {@link KeyResolver#NONE})
     */
    public static TrustPolicy parse(String displayName, InputStream content, KeyResolver keys)
            throws PolicyException {
        Objects.requireNonNull(displayName, "displayName");
        byte[] bytes;
        try {
            bytes = content.readNBytes(PolicyParser.MAX_BYTES + 1);
        } catch (IOException e) {
            throw new PolicyException(new PolicyError(displayName, 0, 0, "the trust policy cannot be read: "
                    + e.getMessage(), "make the policy readable"));
        }
        return new TrustPolicy(displayName, PolicyParser.parse(displayName, bytes, keys));
    }

    /** Parses policy text under a display name (tests, generated policies). */
    public static TrustPolicy parse(String displayName, String content, KeyResolver keys) throws PolicyException {
        Objects.requireNonNull(displayName, "displayName");
        return new TrustPolicy(displayName, PolicyParser.parse(displayName, content.getBytes(StandardCharsets.UTF_8),
                keys));
    }

    /**
     * Reads the policy a rule's {@code <policy>} parameter names: {@code classpath:<resource>} (from the given class
     * loader, e.g. a plugin dependency; {@code cosign key=} paths resolve next to the resource) or a file path
     * (relative paths against {@code baseDir}).
     *
     * @throws PolicyException when it does not exist, cannot be read or has errors
     */
    public static TrustPolicy load(String location, Path baseDir, ClassLoader loader) throws PolicyException {
        Objects.requireNonNull(location, "location");
        if (location.startsWith(CLASSPATH_PREFIX)) {
            String resource = location.substring(CLASSPATH_PREFIX.length());
            String name = resource.startsWith("/") ? resource.substring(1) : resource;
            InputStream in = name.isEmpty() ? null : loader.getResourceAsStream(name);
            if (in == null) {
                throw missing(location, "class-path resource " + name);
            }
            try (in) {
                return parse(location, in, KeyResolver.classpath(loader, name));
            } catch (IOException e) {
                throw new PolicyException(new PolicyError(location, 0, 0, "the trust policy cannot be read: "
                        + e.getMessage(), "make the resource readable"));
            }
        }
        Path p;
        try {
            p = Path.of(location);
        } catch (java.nio.file.InvalidPathException e) {
            throw new PolicyException(new PolicyError(dev.airlock.verify.text.Printable.of(location), 0, 0,
                    "the trust policy's location is not a path on this system (" + e.getReason() + ")",
                    "give the policy's file path, relative to the project root or absolute, or classpath:<resource>"));
        }
        return parse(baseDir == null || p.isAbsolute() ? p : baseDir.resolve(p));
    }

    private static PolicyException missing(String name, String looked) {
        return new PolicyException(new PolicyError(name, 0, 0, "the trust policy does not exist (looked for "
                + looked + "); without it no signature or provenance can be allowed",
                "create the policy file (docs/policy.md describes its lines) or point the rule's <policy> at it;"
                        + " a missing policy never turns the checks off"));
    }

    /** The policy's display name (the path as given, or {@code classpath:...}). */
    public String source() {
        return source;
    }

    /** Every line, in file order. */
    public List<PolicyLine> lines() {
        return lines;
    }

    /** False for every parsed policy: a policy without lines is refused when it is read. */
    public boolean isEmpty() {
        return lines.isEmpty();
    }

    /** The signature-class lines that decide for this artifact (possibly none). */
    public SignatureDecision signature(Coordinates coordinates) {
        return new SignatureDecision(coordinates, decide(coordinates, PolicyLine.Kind.SIGNATURE));
    }

    /** The provenance-class lines that decide for this artifact (possibly none). */
    public ProvenanceDecision provenance(Coordinates coordinates) {
        return new ProvenanceDecision(coordinates, decide(coordinates, PolicyLine.Kind.PROVENANCE));
    }

    private List<PolicyLine> decide(Coordinates c, PolicyLine.Kind kind) {
        Objects.requireNonNull(c, "coordinates");
        PolicyPattern best = null;
        for (PolicyLine l : lines) {
            if (l.kind() == kind && l.pattern().matches(c)
                    && (best == null || PolicyPattern.SPECIFICITY.compare(l.pattern(), best) < 0)) {
                best = l.pattern();
            }
        }
        List<PolicyLine> out = new ArrayList<>();
        if (best != null) {
            for (PolicyLine l : lines) {
                if (l.kind() == kind && l.pattern().matches(c)
                        && PolicyPattern.SPECIFICITY.compare(l.pattern(), best) == 0) {
                    out.add(l);
                }
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return "TrustPolicy[" + source + ", " + lines.size() + " lines]";
    }
}
