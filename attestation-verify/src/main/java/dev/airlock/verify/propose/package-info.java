/**
 * A reviewable proposal of trust, made from what a build resolved: the {@code propose} goal's model and its two
 * outputs, {@code .mvn/airlock-policy.proposed} ({@link TrustProposal#policyText()}) and the diff against the policy in
 * force ({@link TrustProposal#diff}). Nothing here trusts anything: the rules never read the proposed files, and a
 * person moves the lines they confirmed out of band into {@code .mvn/airlock-policy}.
 *
 * <p>Input: one {@link ArtifactTrust} per artifact of the closure, saying which signers and builders were
 * <em>verified</em> cryptographically for its bytes (never merely named by a file), which signature files could not be
 * tied to a signer, and which were invalid. Output is deterministic: the same closure gives the same bytes.
 */
package dev.airlock.verify.propose;
