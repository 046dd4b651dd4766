package org.delegateelection.process;

import java.util.List;
import java.util.Set;

import org.delegateelection.candidate.Candidate;
import org.delegateelection.candidate.CandidateList;
import org.delegateelection.candidate.CandidateRepository;
import org.delegateelection.election.ElectionRepository;
import org.delegateelection.election.RecommendingUnit;
import org.springframework.stereotype.Component;

/**
 * What the diagrams ask of an election in their expressions: {@code ${electionUnits.unitCodes(electionId)}} for the
 * multi-instance of stage 2, {@code ${electionUnits.needsRegulators(electionId)}} for the gateway before step 15.
 */
@Component("electionUnits")
public class ElectionUnits {

    /**
     * Sectors whose candidates need the opinion of law-enforcement and industry regulators (step 15): finance and
     * enterprises, as the Central Committee's notice on the 20th Congress's delegates asks.
     */
    public static final Set<String> REGULATED_SECTORS = Set.of("金融", "企业");

    private final ElectionRepository elections;
    private final CandidateRepository candidates;

    public ElectionUnits(ElectionRepository elections, CandidateRepository candidates) {
        this.elections = elections;
        this.candidates = candidates;
    }

    /** The codes of the election's recommending units, in code order. */
    public List<String> unitCodes(long electionId) {
        return elections.get(electionId).recommendingUnits().stream().map(RecommendingUnit::code).toList();
    }

    /** True when someone kept after inspection works in a regulated sector. */
    public boolean needsRegulators(long electionId) {
        return candidates.currentPeopleOn(electionId, CandidateList.SUITABLE.key()).stream()
                .map(Candidate::sector)
                .anyMatch(REGULATED_SECTORS::contains);
    }
}
