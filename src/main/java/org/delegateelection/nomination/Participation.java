package org.delegateelection.nomination;

/**
 * The figures of one recommending unit's branch recommendation (step 5), summed over the branches of its tallies in
 * force ({@link NominationRepository#participation}).
 *
 * @param branchesTotal         party branches in the unit's tallies
 * @param branchesRecommending  of them, branches where members took part
 * @param membersTotal          party members in those branches
 * @param membersParticipating  members who took part in the recommendation
 */
public record Participation(int branchesTotal, int branchesRecommending, int membersTotal, int membersParticipating) {
}
