/**
 * The fleet-wide quarantine feed (issue 19; docs/fleet.md, "Feed format"), free of Maven: the files a runner
 * publishes through Maven's deployer when it quarantines an artifact for an integrity failure, how they are laid out
 * in a repository, signed and verified, and what they block. The Maven side (deploying, fetching from the mirrors,
 * the extension's refusal) is not built yet.
 *
 * <h2>Files</h2>
 * An entry ({@link dev.airlock.verify.feed.FeedEntry}, kind {@code QUARANTINE}) or a release (kind {@code RELEASE})
 * is one canonical JSON object: UTF-8, no whitespace, the keys present in this order and no other:
 *
 * <pre>{@code
 * {"format":1,"kind":"QUARANTINE","coordinates":"g:a:jar:1.0","sha256":"<64 hex>","code":"LOCK_HASH_MISMATCH",
 *  "rule":"extension","evidenceSha256":"<64 hex>","runner":"ci-7.example","time":"2026-12-07T10:00:00Z"}
 * {"format":1,"kind":"RELEASE","coordinates":"g:a:jar:1.0","sha256":"<64 hex>","lifts":"<entry id>",
 *  "reason":"upstream re-signed 1.0, confirmed with the maintainers","runner":"ci-3.example",
 *  "time":"2026-12-08T09:00:00Z"}
 * }</pre>
 *
 * (shown on several lines here; the file is one line). {@code code} is an integrity code
 * ({@link dev.airlock.verify.finding.FindingCode#isIntegrityFailure()}: {@code LOCK_HASH_MISMATCH},
 * {@code SBOM_HASH_MISMATCH}, {@code SIGNATURE_INVALID}, {@code PROVENANCE_SUBJECT_MISMATCH},
 * {@code PROVENANCE_SIGNATURE_INVALID}); a policy outcome is never published. The id of a file is the SHA-256 of its
 * bytes, which are its canonical encoding: a reader refuses bytes that are not (a reformatted file has another id and
 * is not the file that was signed). Reading is strict ({@link dev.airlock.verify.json.StrictJson}: one value, no
 * duplicate keys, no comments), unknown keys and wrong types are refused, and every refusal
 * ({@link dev.airlock.verify.feed.FeedException}) names the file, the line and column, and the fix.
 *
 * <h2>Layout</h2>
 * Feed {@code groupId:artifactId} is a Maven artifact in a hosted repository; each file is a version of its own
 * ({@link dev.airlock.verify.feed.FeedLayout}): version {@code yyyyMMdd'T'HHmmss'Z'-<first 16 hex of the id>}
 * (the file's time in UTC), file {@code <artifactId>-<version>.json} and its signature
 * {@code <artifactId>-<version>.json.sig}. Two runners publishing at once therefore write disjoint paths; the only
 * shared file is {@code maven-metadata.xml}, whose {@code <versions>} list
 * ({@link dev.airlock.verify.feed.MetadataVersions}) is a set: a publisher that finds its version missing after a
 * concurrent deploy merges (set union, sorted) and deploys the metadata again, and the order of merging does not
 * matter. A version commits to its content: a file whose id does not start with its version's hex part, or whose time
 * is not its version's time, is refused, so an entry cannot be replayed under another version.
 *
 * <h2>Signatures</h2>
 * Every file is signed by the runner that publishes it with an ECDSA P-256 key
 * ({@link dev.airlock.verify.feed.FeedSigner}): the {@code .json.sig} is what {@code cosign sign-blob --key} writes,
 * base64 of the DER ECDSA signature over the SHA-256 of the file. A reader accepts a file only when the signature
 * verifies under a key that a {@code cosign key=} line of the trust policy names for the feed's coordinates
 * ({@link dev.airlock.verify.feed.FeedVerifier}); anything else is ignored and reported. Write access to the
 * repository manager alone can therefore neither lift a block (a release must be signed) nor forge one.
 *
 * <h2>Index and compaction</h2>
 * {@link dev.airlock.verify.feed.FeedIndex} turns the accepted files, in any order, into the blocked (coordinates,
 * SHA-256) pairs, each with the entry that blocks it; a release lifts exactly the entry whose id it names.
 * {@link dev.airlock.verify.feed.FeedSnapshot} is a signed compaction (version {@code snapshot-<time>-<16 hex>}):
 * the live entries and releases of the versions it covers; a reader starts from it and fetches only the versions it
 * does not cover. {@link dev.airlock.verify.judge.FeedJudgement} turns a blocked artifact into the
 * {@code QUARANTINED} finding.
 */
package dev.airlock.verify.feed;
