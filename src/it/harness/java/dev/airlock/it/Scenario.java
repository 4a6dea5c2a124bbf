package dev.airlock.it;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * One scenario folder under {@code src/it/}: {@code README.md}, {@code pom.xml}, {@code .mvn/},
 * {@code invoker.properties}, {@code verify.groovy}, and fixture directories (mirror and decoy contents).
 *
 * <p>{@code invoker.properties} keys (the maven-invoker-plugin's names where they exist):
 * <ul>
 *   <li>{@code invoker.goals}, {@code invoker.goals.N}: the Maven arguments of one or several builds;</li>
 *   <li>{@code invoker.buildResult[.N]}: {@code success} (default) or {@code failure};</li>
 *   <li>{@code invoker.mavenOpts[.N]}: added to MAVEN_OPTS;</li>
 *   <li>{@code it.mavenVersions}: run only on these Maven versions (an unsupported one, such as 3.8.7, only when
 *       named here);</li>
 *   <li>{@code it.mirrors}: ids of the mirrors to start (default {@code internal});
 *       {@code it.mirror.ID.dirs}: what a mirror serves, first hit wins (default for the first mirror
 *       {@code mirror,@fixtures,@airlock,@rules,@closure}, otherwise {@code ID,@closure}; {@code @fixtures} is
 *       {@code src/it/_fixtures/mirror}, {@code @closure} the repository the build filled with the
 *       scenarios' closure, target/it-mirror-repo);
 *       {@code it.mirror.ID.auth=user:password}; {@code it.mirror.ID.failure=down|503};
 *       {@code it.mirror.ID.deploy=dir}: the mirror also accepts deploys ({@code PUT}, same authentication) into the
 *       project folder {@code dir}, as a repository manager's hosted repository (list {@code dir} first in its dirs to
 *       serve them back);
 *       {@code it.mirror.ID.hide=path/prefix/,...}: answered with 404 (a mirror that holds only what the builds that
 *       ran resolved);</li>
 *   <li>{@code it.decoy.requests}: {@code none} (default: the decoy must see no request) or {@code any};</li>
 *   <li>{@code it.servers}: {@code id:user:password,...} written into the generated settings.xml;</li>
 *   <li>{@code it.env.NAME=value}: an environment variable of every Maven build (a CI secret, say);</li>
 *   <li>{@code it.copy=source->dest,...}: real files copied into the scenario ({@code fixtures:} the repository's {@code fixtures/},
 *       {@code project:} the Airlock project); {@code it.cosign.sign=file[->sig],...} signs files as cosign does with a
 *       key pair made for the run, its public key written to {@code it.cosign.publicKey}; {@code it.tamper=file,...}
 *       changes one byte of each file afterwards;</li>
 *   <li>{@code it.pgp.sign=file[->asc],...}: before the first build (after {@code it.copy} and the fixture jars,
 *       before {@code it.tamper}), each file is signed with an OpenPGP key made for the run ({@link PgpSigner}: v4
 *       Ed25519, user id {@code Airlock IT publisher <publisher@airlock.example>}), an ASCII-armored detached binary
 *       signature written to {@code asc} (default {@code file.asc}); the key's armored public key goes to
 *       {@code it.pgp.publicKey} (default {@code .mvn/keys/it-publisher.asc}), its fingerprint (40 upper-case hex
 *       digits and a newline) to {@code it.pgp.fingerprint} (default {@code it-pgp-publisher.fpr}, at the project's
 *       root, where a {@code clean} does not remove it). {@code it.pgp.sign.N=file[->asc],...}: before build N (after
 *       {@code it.mirror.update.N}), signs with a second key, the attacker's (user id
 *       {@code Mallory <mallory@attacker.example>}), whose public key is written before build 1 to
 *       {@code it.pgp.attackerKey} (default {@code .mvn/keys/it-attacker.asc}; point it outside the key server's
 *       folders for an attacker whose key no key server has) and its fingerprint to {@code it.pgp.attackerFingerprint}
 *       (default {@code it-pgp-attacker.fpr}). A private key is never written. The tokens
 *       {@code @pgp.publisher.fingerprint@}, {@code @pgp.publisher.keyid@}, {@code @pgp.attacker.fingerprint@},
 *       {@code @pgp.attacker.keyid@} (upper-case hex) can be used in the scenario's text files;</li>
 *   <li>{@code it.keyserver=dir[,dir...]}: an OpenPGP key server on 127.0.0.1 ({@link KeyServer}) serving every
 *       public key in the armored files under these project folders ({@code *.asc}, {@code KEYS}: any file with
 *       {@code -----BEGIN PGP PUBLIC KEY BLOCK-----} blocks, read again on each request, first folder wins), by
 *       primary or subkey fingerprint and key id: VKS {@code /vks/v1/by-fingerprint/HEX},
 *       {@code /vks/v1/by-keyid/HEX} (upper-case), HKP {@code /pks/lookup?op=get&options=mr&search=0xHEX}; the armored
 *       certificate or 404. Every build gets {@code -Dairlock.keyserver=http://127.0.0.1:PORT} unless its
 *       {@code invoker.goals} name {@code -Dairlock.keyserver=} themselves; the tokens {@code @keyserver.base@} (that
 *       URL), {@code @keyserver.url@} (with a trailing slash) and {@code @keyserver.hkp@} ({@code hkp://127.0.0.1:PORT})
 *       are replaced like {@code @internal.base@}; its request log ({@code METHOD path[?query] status}) is
 *       {@code workdir/logs/keyserver-requests.log}, and verify.groovy sees it as {@code keyserver}
 *       ({@code keyserver.requests("/vks/v1/by-fingerprint/")}, {@code requestCounts[n-1].keyserver});</li>
 *   <li>{@code it.localRepo.seed}: a folder copied into the fresh local repository before the first build
 *       (default {@code localrepo} when present);</li>
 *   <li>{@code it.runner.N=NAME}: build N runs as another CI runner: its own local repository and quarantine store,
 *       {@code workdir/runner-NAME/local-repo} and {@code workdir/runner-NAME/airlock-quarantine}, kept between its
 *       builds;</li>
 *   <li>{@code it.clearLocalRepo.N=true}: build N starts from a fresh local repository;
 *       {@code it.mirror.update.N=dir}: before build N, {@code dir} is copied over {@code mirror/}
 *       ({@code @tampered-plugins}: the plugins of {@code _fixtures/plugins-tampered/} are built into it);
 *       {@code it.localRepo.update.N=dir}: before build N, {@code dir} is copied into the local repository;
 *       {@code it.localRepo.tamper.N=path[,path]}: before build N, the first byte of each of these local-repository
 *       files is changed in place, size and mtime kept; {@code it.sleep.N=millis}: before build N, the harness waits;
 *       {@code it.snapshot.N=path[,path]}: after build N, copies of these files go to {@code snapshots/N/};
 *       {@code it.project.delete.N=path[,path]}: before build N, these project files are deleted (e.g. the
 *       extension's {@code .mvn/extensions.xml}, or a signature file under {@code mirror/});
 *       {@code it.project.copy.N=from->to[,...]}: before build N (after the deletions), project files are copied
 *       (e.g. a proposal accepted: {@code .mvn/airlock-policy.proposed->.mvn/airlock-policy});
 *       {@code it.keepEvidence=true}: each build's {@code resolution.jsonl} and {@code report.json} stay for the next
 *       build (by default they are removed after being read);</li>
 *   <li>{@code it.page=docs/PAGE.md}: the scenario follows that page literally ({@link DocPage}): its marked files are
 *       written into the project, its settings.xml used, its enforcer snippets merged into {@code it.page.pom}
 *       (default {@code pom.xml}), and {@code invoker.goals.N = page:NAME [args]} runs its command NAME;
 *       {@code it.page.replace=from->to,...} replaces the page's example hosts (e.g. with {@code @internal.base@},
 *       the mirror's URL without the trailing slash); {@code it.localRepo.airlock=false}: the local repository
 *       starts empty, without the extension;</li>
 *   <li>{@code it.maven.install=page}: the scenario's own copy of the Maven installation ({@code @maven.home@}), into
 *       which the page's {@code it:install} script is run by bash; {@code it.maven.delete.N=path[,path]}: before
 *       build N, these files of that copy are deleted; {@code it.maven.reinstall.N=true}: before build N (before
 *       its deletions), the copy is made and the script run again;</li>
 *   <li>{@code it.quarantine.seed}: a folder copied into the quarantine store next to that local repository
 *       (default {@code quarantine-seed} when present), as if an earlier build had quarantined something.</li>
 * </ul>
 * Text files are copied with {@code @token@} replaced: {@code @airlock.version@}, {@code @version.<plugin>@},
 * {@code @<mirrorId>.url@}, {@code @<mirrorId>.base@}, {@code @mirror.url@}, {@code @decoy.url@}, {@code @localRepo@},
 * and with {@code it.keyserver} and {@code it.pgp.sign} the key server's and the keys' tokens above; after fixture jars
 * are made, {@code @sha256:<path in the scenario>@} (or {@code @sha1:}, {@code @sha512:}) becomes that digest. Files named {@code X.jar.txt}
 * become jars ({@link FixtureJars}). {@code @airlock} in a mirror's dirs serves the Airlock artifacts this build
 * made (the first mirror serves them by default), as a real mirror would; {@code @rules} serves the enforcer rules
 * (also by default on the first mirror), whose dependencies come from {@code @closure}.
 */
public final class Scenario {
    public final String name;
    public final Path dir;
    public final Properties props = new Properties();

    public Scenario(Path dir) {
        this.dir = dir;
        this.name = dir.getFileName().toString();
        try (Reader r = Files.newBufferedReader(dir.resolve("invoker.properties"))) {
            props.load(r);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<Scenario> all(Path root) throws IOException {
        try (Stream<Path> s = Files.list(root)) {
            return s.filter(p -> Files.isRegularFile(p.resolve("invoker.properties")))
                    .sorted()
                    .map(Scenario::new)
                    .toList();
        }
    }

    /** Whether the scenario runs on this Maven: by default on every supported one, never on another unless named. */
    public boolean runsOn(String mavenVersion, boolean supported) {
        String only = props.getProperty("it.mavenVersions");
        if (only == null || only.isBlank()) {
            return supported;
        }
        return Arrays.stream(only.split(",")).map(String::trim).anyMatch(mavenVersion::equals);
    }

    /** One Maven build of the scenario. */
    public record Invocation(int index, List<String> args, boolean expectSuccess, String mavenOpts) {}

    public List<Invocation> invocations() {
        List<Invocation> out = new ArrayList<>();
        if (props.getProperty("invoker.goals") != null) {
            out.add(invocation(0, ""));
        }
        for (int i = 1; props.getProperty("invoker.goals." + i) != null; i++) {
            out.add(invocation(i, "." + i));
        }
        if (out.isEmpty()) {
            throw new IllegalStateException(name + ": invoker.properties has no invoker.goals");
        }
        return out;
    }

    private Invocation invocation(int index, String suffix) {
        List<String> args = Arrays.stream(props.getProperty("invoker.goals" + suffix).trim().split("\\s+"))
                .filter(s -> !s.isEmpty()).toList();
        String result = props.getProperty("invoker.buildResult" + suffix,
                suffix.isEmpty() ? "success" : props.getProperty("invoker.buildResult", "success"));
        String opts = props.getProperty("invoker.mavenOpts" + suffix, props.getProperty("invoker.mavenOpts", ""));
        return new Invocation(index, args, !result.trim().equals("failure"), opts);
    }

    public List<String> mirrorIds() {
        return Arrays.stream(props.getProperty("it.mirrors", "internal").split(",")).map(String::trim)
                .filter(s -> !s.isEmpty()).toList();
    }

    public String get(String key, String def) {
        String v = props.getProperty(key);
        return v == null || v.isBlank() ? def : v.trim();
    }

    @Override
    public String toString() {
        return name;
    }
}
