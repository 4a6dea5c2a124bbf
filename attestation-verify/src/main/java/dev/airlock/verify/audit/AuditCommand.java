package dev.airlock.verify.audit;

import dev.airlock.verify.config.ConfigException;
import dev.airlock.verify.finding.Finding;
import dev.airlock.verify.lock.LockFile;
import dev.airlock.verify.pgp.PgpKeyring;
import dev.airlock.verify.pgp.PgpKeyringException;
import dev.airlock.verify.policy.PolicyException;
import dev.airlock.verify.policy.TrustPolicy;
import dev.airlock.verify.quarantine.QuarantineStore;
import dev.airlock.verify.report.ReportFile;
import dev.airlock.verify.sbom.SbomException;
import dev.airlock.verify.sbom.SbomParser;
import dev.airlock.verify.sigstore.SigstoreBundleVerifier;
import dev.airlock.verify.sigstore.TrustedRoot;
import dev.airlock.verify.sigstore.TrustedRootException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code airlock audit <dir> [options]}: {@link Audit} from the command line (docs/audit.md). Findings and the
 * summary go to stdout, progress and errors to stderr. Exit codes: {@code 0} clean, {@code 1} findings (errors;
 * with {@code --strict} warnings too), {@code 2} cannot run (bad arguments, unreadable inputs: one line naming the
 * file and the fix, never a stack trace).
 */
public final class AuditCommand {
    static final String USAGE = String.join("\n",
            "usage: airlock audit <dir> [--lock FILE] [--sbom FILE]... [--policy FILE] [--quarantine DIR]",
            "                           [--verify [--keyring FILE]] [--strict] [--report-dir DIR]",
            "                           [--format json,sarif,html] [--quiet]",
            "  <dir>            a local repository or a directory of a mirror (Maven layout)",
            "  --lock FILE      the lock (.mvn/airlock.lock): artifacts it does not list, bytes that differ",
            "  --sbom FILE      an SBOM (CycloneDX, SPDX 2/3), repeatable: the SBOM verification over <dir>",
            "  --policy FILE    the trust policy: artifacts without the signature or provenance file it asks for",
            "  --verify         verify those files offline (bundled Sigstore root), not only their presence",
            "  --keyring FILE   with --verify: the OpenPGP public keys for .asc signatures",
            "  --quarantine DIR the quarantine store (default <dir>/../airlock-quarantine when it exists)",
            "  --strict         warnings fail the audit too (exit 1)",
            "  --report-dir DIR write report.json, report.sarif and report.html there",
            "  --format LIST    which of them (default json,sarif,html)",
            "  --quiet          no progress lines on stderr",
            "exit codes: 0 clean, 1 findings, 2 cannot run. See docs/audit.md.");

    /**
     * The arguments, read (also the plugin goal's parameters).
     *
     * @param sboms empty for none
     * @param quarantine null: {@code <dir>/../airlock-quarantine} when it exists
     * @param reportDir null: no reports
     * @param verify verify signature and provenance files (needs a policy), not only their presence
     * @param keyring with {@code verify}: OpenPGP public keys; null for none
     */
    public record Options(Path dir, Path lock, List<Path> sboms, Path policy, Path quarantine, boolean strict,
            Path reportDir, Set<ReportFile.Format> formats, boolean quiet, boolean help, boolean verify,
            Path keyring) {}

    /** A problem that stops the command before it audits: exit 2 with this one line. */
    public static final class CannotRun extends Exception {
        private static final long serialVersionUID = 1L;

        public CannotRun(String message) {
            super(message);
        }
    }

    private AuditCommand() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the command; returns the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        Options o;
        try {
            o = parse(args);
        } catch (CannotRun e) {
            err.println("airlock audit: " + e.getMessage());
            err.println("Run 'airlock audit --help' for the options.");
            return AuditResult.CANNOT_RUN;
        }
        if (o.help()) {
            out.println(USAGE);
            return AuditResult.CLEAN;
        }
        try {
            return audit(o, out, err);
        } catch (CannotRun e) {
            err.println("airlock audit: " + e.getMessage());
            return AuditResult.CANNOT_RUN;
        } catch (RuntimeException e) {
            err.println("airlock audit: cannot run: " + e + ". Fix: report this as a bug with the command line");
            return AuditResult.CANNOT_RUN;
        }
    }

    static Options parse(String[] args) throws CannotRun {
        Path dir = null;
        Path lock = null;
        List<Path> sboms = new ArrayList<>();
        Path policy = null;
        Path quarantine = null;
        boolean strict = false;
        Path reportDir = null;
        Set<ReportFile.Format> formats = null;
        boolean quiet = false;
        boolean verify = false;
        Path keyring = null;
        int i = 0;
        if (args.length > 0 && args[0].equals("audit")) {
            i = 1; // the launcher's subcommand
        }
        for (; i < args.length; i++) {
            String a = args[i];
            String value = null;
            int eq = a.indexOf('=');
            if (a.startsWith("--") && eq > 0) {
                value = a.substring(eq + 1);
                a = a.substring(0, eq);
            }
            switch (a) {
                case "-h", "--help" -> {
                    return new Options(null, null, List.of(), null, null, false, null, Set.of(), false, true, false,
                            null);
                }
                case "--strict" -> strict = true;
                case "--verify" -> verify = true;
                case "--quiet", "-q" -> quiet = true;
                case "--lock", "--sbom", "--policy", "--quarantine", "--report-dir", "--format", "--keyring" -> {
                    if (value == null) {
                        if (i + 1 >= args.length || args[i + 1].isEmpty()) {
                            throw new CannotRun(a + " needs a value");
                        }
                        value = args[++i];
                    }
                    switch (a) {
                        case "--lock" -> lock = once(a, lock, Path.of(value));
                        case "--sbom" -> sboms.add(Path.of(value));
                        case "--policy" -> policy = once(a, policy, Path.of(value));
                        case "--quarantine" -> quarantine = once(a, quarantine, Path.of(value));
                        case "--report-dir" -> reportDir = once(a, reportDir, Path.of(value));
                        case "--keyring" -> keyring = once(a, keyring, Path.of(value));
                        default -> formats = once(a, formats, formats(value));
                    }
                }
                default -> {
                    if (a.startsWith("-")) {
                        throw new CannotRun("unknown option " + a);
                    }
                    if (dir != null) {
                        throw new CannotRun("one directory only: " + dir + " and " + a + " were given");
                    }
                    dir = Path.of(a);
                }
            }
        }
        if (dir == null) {
            throw new CannotRun("no directory to audit: give a local repository or a directory of a mirror");
        }
        if (formats != null && reportDir == null) {
            throw new CannotRun("--format needs --report-dir (where the reports go)");
        }
        if (verify && policy == null) {
            throw new CannotRun("--verify needs --policy (it judges what the policy asks for)");
        }
        if (keyring != null && !verify) {
            throw new CannotRun("--keyring is used only with --verify");
        }
        return new Options(dir, lock, sboms, policy, quarantine, strict, reportDir,
                formats == null ? EnumSet.allOf(ReportFile.Format.class) : formats, quiet, false, verify, keyring);
    }

    private static <T> T once(String option, T before, T value) throws CannotRun {
        if (before != null) {
            throw new CannotRun(option + " was given twice");
        }
        return value;
    }

    private static Set<ReportFile.Format> formats(String list) throws CannotRun {
        Set<ReportFile.Format> out = EnumSet.noneOf(ReportFile.Format.class);
        for (String f : list.split(",")) {
            try {
                out.add(ReportFile.Format.valueOf(f.strip().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new CannotRun("--format: '" + f.strip() + "' is not one of json, sarif, html");
            }
        }
        return out;
    }

    private static int audit(Options o, PrintStream out, PrintStream err) throws CannotRun {
        AuditResult result = audit(o, o.quiet() ? null : err::println);
        for (Finding f : result.findings()) {
            out.println(f);
        }
        int code = result.exitCode(o.strict());
        out.println("[airlock] audit: " + result.summary() + (code == AuditResult.CLEAN ? "; clean"
                : "; " + result.failing(o.strict()).size() + " failing" + (o.strict() ? " (--strict)" : "")));
        if (o.reportDir() != null) {
            for (ReportFile.Format f : o.formats()) {
                out.println("[airlock] audit: wrote " + o.reportDir().resolve(f.fileName()));
            }
        }
        return code;
    }

    /**
     * Reads the inputs, audits, and writes the reports ({@link Options#reportDir}, when set): what the command and
     * the plugin goal share.
     *
     * @param progress where progress lines go; null for none
     * @throws CannotRun when an input cannot be used or the reports cannot be written (exit 2)
     */
    public static AuditResult audit(Options o, java.util.function.Consumer<String> progress) throws CannotRun {
        Audit.Builder b = inputs(o, progress);
        AuditResult result;
        try {
            result = b.build().run();
        } catch (IOException e) {
            throw new CannotRun(o.dir() + ": cannot be read (" + e.getMessage() + "). Fix: check the path and its"
                    + " permissions");
        }
        if (o.reportDir() != null) {
            try {
                ReportFile.write(o.reportDir(), "audit-" + Instant.now(), Audit.SOURCE, result.findings(),
                        result.dir(), o.formats());
            } catch (IOException e) {
                throw new CannotRun(o.reportDir() + ": the reports cannot be written (" + e.getMessage() + "). Fix:"
                        + " make the directory writable or choose another --report-dir");
            }
        }
        return result;
    }

    /** Reads every input, so that one that cannot be used stops the command before anything is audited. */
    static Audit.Builder inputs(Options o, java.util.function.Consumer<String> progress) throws CannotRun {
        if (!Files.isDirectory(o.dir())) {
            throw new CannotRun(o.dir() + (Files.exists(o.dir()) ? " is not a directory" : " does not exist")
                    + ". Fix: give the local repository or the mirror directory to audit");
        }
        Audit.Builder b = Audit.builder(o.dir()).progress(progress);
        if (o.lock() != null) {
            if (!Files.isRegularFile(o.lock())) {
                throw new CannotRun(o.lock() + ": the lock does not exist. Fix: correct --lock, or record the lock"
                        + " with the airlock-maven-plugin record goal");
            }
            try {
                b.lock(LockFile.read(o.lock()));
            } catch (ConfigException e) {
                throw new CannotRun(e.getMessage());
            }
        }
        for (Path s : o.sboms()) {
            try {
                b.sbom(SbomParser.parse(s));
            } catch (SbomException e) {
                throw new CannotRun(oneLine(e.getMessage().contains(s.toString()) ? e.getMessage()
                        : s + ": " + e.getMessage()));
            }
        }
        if (o.policy() != null) {
            try {
                b.policy(TrustPolicy.parse(o.policy()));
            } catch (PolicyException e) {
                throw new CannotRun(oneLine(e.getMessage()));
            }
        }
        if (o.verify()) {
            PgpKeyring keyring = null;
            if (o.keyring() != null) {
                try {
                    keyring = PgpKeyring.load(o.keyring());
                } catch (PgpKeyringException e) {
                    throw new CannotRun(oneLine(e.getMessage().contains(o.keyring().toString()) ? e.getMessage()
                            : o.keyring() + ": " + e.getMessage()));
                }
            }
            try {
                b.verify(new SigstoreBundleVerifier(TrustedRoot.publicGood()), keyring);
            } catch (TrustedRootException e) {
                throw new CannotRun("the bundled Sigstore trusted root cannot be used: " + oneLine(e.getMessage())
                        + ". Fix: report this as a bug");
            }
        }
        Path store = o.quarantine();
        if (store != null) {
            if (!Files.isDirectory(store)) {
                throw new CannotRun(store + ": the quarantine store does not exist. Fix: correct --quarantine");
            }
        } else {
            Path d = QuarantineStore.defaultDir(o.dir());
            store = Files.isDirectory(d) ? d : null;
            if (store != null && progress != null) {
                progress.accept("[airlock] audit: quarantine store " + store + " (the default next to the directory)");
            }
        }
        if (store != null) {
            b.quarantine(new QuarantineStore(store));
        }
        return b;
    }

    private static String oneLine(String s) {
        return s.replace("\r", "").replace("\n", " ").replaceAll(" {2,}", " ");
    }
}
