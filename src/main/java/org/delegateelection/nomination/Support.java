package org.delegateelection.nomination;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * One person's support in the branch recommendation (推荐得票情况), as the deciding bodies of steps 6 to 8 see it.
 *
 * @param rank        1 for the most support; people with the same share and branches share a rank (1, 2, 2, 4)
 * @param candidateId the registry id, {@code null} for a person not (yet) in the registry
 * @param name        the name
 * @param birthDate   for a person not in the registry, the birth date given, else {@code null}
 * @param workplace   for a person not in the registry, the workplace given, else {@code null}
 * @param unitCode    the recommending unit that recommended the person
 * @param branches    branches recommending the person
 * @param votes       members' votes for the person, summed over the branches
 * @param takingPart  members taking part in the unit's recommendation, the share's base
 * @param share       votes of the members taking part, percent with one decimal (half up); {@code null} without base
 */
public record Support(int rank, String candidateId, String name, LocalDate birthDate, String workplace,
        String unitCode, long branches, long votes, long takingPart, BigDecimal share) {

    /** Whether the person is in the registry. */
    public boolean registered() {
        return candidateId != null;
    }
}
