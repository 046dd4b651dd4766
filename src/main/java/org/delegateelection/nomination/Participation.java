package org.delegateelection.nomination;

/**
 * The figures of one recommending unit's branch recommendation (step 5), as entered on the task form.
 *
 * @param branchesTotal         party branches in the unit
 * @param branchesRecommending  branches that recommended
 * @param membersTotal          party members in those branches
 * @param membersParticipating  members who took part in the recommendation
 */
public record Participation(int branchesTotal, int branchesRecommending, int membersTotal, int membersParticipating) {
}
