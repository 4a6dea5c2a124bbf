package dev.airlock.verify.propose;

import dev.airlock.verify.finding.Coordinates;
import java.util.List;
import java.util.Objects;

/**
 * What was established about one artifact of the closure, for the proposal.
 *
 * @param signers the signers whose signatures over these bytes verified, each with the keysmap's opinion
 * @param signaturePresent whether any signature file was found next to it on the mirrors
 * @param unresolved signature files whose signer could not be established (key not on the key server, revoked or
 *     expired when it signed, a different fingerprint served, a cosign key signature), one sentence each
 * @param invalid signatures that do not verify for these bytes (an integrity failure; never proposed)
 * @param unsignedOpinion the keysmap's opinion on this artifact being unsigned (when no signature is present)
 * @param builders the SLSA builders whose provenance for these bytes verified
 * @param provenancePresent whether any provenance file was found for it
 * @param provenanceProblems provenance files that did not verify or could not be evaluated
 */
public record ArtifactTrust(Coordinates coordinates, List<Signed> signers, boolean signaturePresent,
        List<String> unresolved, List<String> invalid, SecondOpinion unsignedOpinion, List<Identity.SlsaBuilder> builders,
        boolean provenancePresent, List<String> provenanceProblems) {

    /** One verified signer, with the keysmap's opinion (only OpenPGP keys get one). */
    public record Signed(Identity identity, SecondOpinion opinion) {
        public Signed {
            Objects.requireNonNull(identity, "identity");
            opinion = opinion == null ? SecondOpinion.NONE : opinion;
        }
    }

    public ArtifactTrust {
        Objects.requireNonNull(coordinates, "coordinates");
        signers = List.copyOf(signers);
        unresolved = List.copyOf(unresolved);
        invalid = List.copyOf(invalid);
        unsignedOpinion = unsignedOpinion == null ? SecondOpinion.NONE : unsignedOpinion;
        builders = List.copyOf(builders);
        provenanceProblems = List.copyOf(provenanceProblems);
    }

    /** {@code groupId:artifactId}: the unit a proposed line names. */
    public String key() {
        return coordinates.groupId() + ":" + coordinates.artifactId();
    }

    /** Whether the provenance class concerns it at all (nothing attests a POM). */
    public boolean attestable() {
        return !coordinates.extension().equals("pom");
    }
}
