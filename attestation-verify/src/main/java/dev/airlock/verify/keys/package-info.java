/**
 * Library pieces for proposing a trust policy and an OpenPGP keyring from what a build resolves, free of Maven.
 *
 * <ul>
 *   <li>{@link dev.airlock.verify.keys.KeyServer} fetches one public key by fingerprint (or, for old signatures, by
 *       key id) from a key server, over the VKS ({@code http://}, {@code https://}) or HKP ({@code hkp://},
 *       {@code hkps://}) interface, through the proxy selector and authenticator the caller passes in. Each answer
 *       is a {@link dev.airlock.verify.keys.Lookup}: found (a {@link dev.airlock.verify.keys.FetchedKey} whose
 *       self-signatures verify and which carries the requested fingerprint), not found, refused (the server's data
 *       does not hold up) or failed (network, HTTP, timeout).</li>
 *   <li>{@link dev.airlock.verify.keys.ProposedKeyring} merges fetched keys into one deterministic armored keyring
 *       text.</li>
 *   <li>{@link dev.airlock.verify.keys.KeysMap} reads pgpverify's keys-map format and gives a second
 *       {@link dev.airlock.verify.keys.Opinion} on a signer; version ranges are compared with the
 *       {@link dev.airlock.verify.keys.VersionOrder} the caller passes in (the Maven plugin backs it with
 *       maven-resolver's version scheme).</li>
 * </ul>
 *
 * <p>Nothing here decides trust: a fetched key is only a candidate that a person confirms out of band.
 */
package dev.airlock.verify.keys;
