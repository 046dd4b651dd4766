package org.delegateelection.process;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.delegateelection.candidate.Candidate;
import org.delegateelection.election.ElectionRepository;
import org.delegateelection.nomination.NominationRepository;
import org.delegateelection.procedure.Step;
import org.springframework.stereotype.Component;

/**
 * The consultation round (三上三下) a step of stage 2 works in, and whom it chooses from then: the round under way of
 * the task's recommending unit at steps 5 to 7, the election's last round at step 8; from the second round on, a
 * recommending unit decides (step 7) out of the list the round before sent down, as the round's tallies name only
 * people on it.
 */
@Component
class ConsultationRounds {

    private final NominationRepository nominations;
    private final ElectionRepository elections;

    ConsultationRounds(NominationRepository nominations, ElectionRepository elections) {
        this.nominations = nominations;
        this.elections = elections;
    }

    /** The round of the step: the unit's round under way for a unit's step, else the election's last round. */
    int round(long electionId, Step step, String unitCode) {
        return step.perUnit() ? nominations.roundUnderWay(electionId, unitCode)
                : elections.get(electionId).consultationRounds();
    }

    /**
     * The people the step chooses from or shows ({@link RegistryReads#pool}); for a unit's own people in a round after
     * the first, only those on the list the round before sent down, in the registry's order.
     */
    List<Candidate> pool(RegistryReads reads, long electionId, Step step, String unitCode, int round) {
        List<Candidate> pool = reads.pool(step, unitCode);
        if (pool == null || !step.showsOwnUnit() || round == 1) {
            return pool;
        }
        Set<String> listed = nominations.list(electionId, unitCode, round - 1).stream()
                .map(NominationRepository.Listed::candidateId).collect(Collectors.toSet());
        return pool.stream().filter(c -> listed.contains(c.id())).toList();
    }
}
