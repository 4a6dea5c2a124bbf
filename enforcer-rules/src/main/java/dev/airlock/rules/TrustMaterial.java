package dev.airlock.rules;

import dev.airlock.verify.finding.FindingCode;
import dev.airlock.verify.pgp.PgpKeyring;
import dev.airlock.verify.pgp.PgpKeyringException;
import dev.airlock.verify.policy.PolicyException;
import dev.airlock.verify.policy.TrustPolicy;
import dev.airlock.verify.sigstore.SigstoreBundleVerifier;
import dev.airlock.verify.sigstore.TrustedRoot;
import dev.airlock.verify.sigstore.TrustedRootException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The trust policy, the Sigstore trusted root and the OpenPGP keyring of {@code verifySignatures} and
 * {@code verifyProvenance}, read once per build: the rules of every module of a reactor run in one plugin realm, and
 * setting up the verifier is the expensive part (about a second). Keyed by file, size and modification time, so an
 * edited file is read again.
 */
final class TrustMaterial {
    private static final Map<String, Object> CACHE = new ConcurrentHashMap<>();

    private TrustMaterial() {}

    /**
     * The policy at {@code location} (a path, relative to the project root, or {@code classpath:...}).
     *
     * @throws RuleSetupException naming every error of the file (missing file included)
     */
    static TrustPolicy policy(String location, Path projectRoot) throws RuleSetupException {
        String key = "policy|" + stamp(location, projectRoot);
        Object cached = CACHE.get(key);
        if (cached instanceof TrustPolicy p) {
            return p;
        }
        try {
            TrustPolicy p = TrustPolicy.load(location, projectRoot, TrustMaterial.class.getClassLoader());
            CACHE.put(key, p);
            return p;
        } catch (PolicyException e) {
            throw new RuleSetupException(FindingCode.CONFIG_ERROR, e.getMessage());
        }
    }

    /** The verifier over the trusted root of {@code <trustedRoot>} (or the bundled public-good root), pinned. */
    static SigstoreBundleVerifier sigstore(String trustedRoot, String pin, Path projectRoot) throws RuleSetupException {
        String key = "root|" + (trustedRoot == null ? "bundled" : stamp(trustedRoot, projectRoot)) + "|" + pin;
        Object cached = CACHE.get(key);
        if (cached instanceof SigstoreBundleVerifier v) {
            return v;
        }
        try {
            TrustedRoot root = trustedRoot == null ? TrustedRoot.publicGood(blankToNull(pin))
                    : TrustedRoot.load(resolve(trustedRoot, projectRoot), blankToNull(pin));
            SigstoreBundleVerifier v = new SigstoreBundleVerifier(root);
            CACHE.put(key, v);
            return v;
        } catch (TrustedRootException e) {
            throw new RuleSetupException(FindingCode.TRUST_ROOT_INVALID, e.getMessage()
                    + (e.fix() == null ? "" : " Fix: " + e.fix()));
        }
    }

    /** The armored public keys of {@code <keyring>}, or null when none is configured. */
    static PgpKeyring keyring(String keyring, Path projectRoot) throws RuleSetupException {
        if (keyring == null || keyring.isBlank()) {
            return null;
        }
        String key = "keyring|" + stamp(keyring, projectRoot);
        Object cached = CACHE.get(key);
        if (cached instanceof PgpKeyring k) {
            return k;
        }
        try {
            PgpKeyring k = PgpKeyring.load(resolve(keyring, projectRoot));
            CACHE.put(key, k);
            return k;
        } catch (PgpKeyringException e) {
            throw new RuleSetupException(FindingCode.CONFIG_ERROR, "<keyring>: " + e.getMessage());
        }
    }

    /**
     * The recorded lock in force for this build (as the extension reads it), or null; null too while the session
     * records a new one (as for the extension, the lock being replaced vouches for nothing).
     */
    static dev.airlock.verify.lock.LockFile lock(dev.airlock.maven.AirlockBuild build) throws RuleSetupException {
        Path lock = build.config().lock();
        if (lock == null || !Files.isRegularFile(lock) || build.recording()) {
            return null;
        }
        String key = "lock|" + stamp(lock.toString(), build.projectRoot());
        Object cached = CACHE.get(key);
        if (cached instanceof dev.airlock.verify.lock.LockFile l) {
            return l;
        }
        try {
            dev.airlock.verify.lock.LockFile l = dev.airlock.verify.lock.LockFile.read(lock);
            CACHE.put(key, l);
            return l;
        } catch (dev.airlock.verify.config.ConfigException e) {
            throw new RuleSetupException(FindingCode.CONFIG_ERROR, e.getMessage());
        }
    }

    static Path resolve(String location, Path projectRoot) {
        Path p = Path.of(location);
        return p.isAbsolute() ? p : projectRoot.resolve(p).normalize();
    }

    private static String stamp(String location, Path projectRoot) {
        if (location.startsWith(TrustPolicy.CLASSPATH_PREFIX)) {
            return location;
        }
        Path p = resolve(location, projectRoot);
        try {
            return p + "|" + Files.size(p) + "|" + Files.getLastModifiedTime(p).toMillis();
        } catch (IOException e) {
            return p + "|absent"; // the loader reports it
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
