package org.delegateelection.nomination;

/**
 * One good row of a tally file ({@link TallyFile}).
 *
 * @param row          the row's number in the file (the header is row 1)
 * @param committee    the grassroots committee (基层党委)
 * @param branch       the party branch (党支部)
 * @param members      members of the branch (党员数)
 * @param takingPart   members of the branch taking part in the recommendation (参加推荐党员数)
 * @param person       the person recommended, {@code null} on a row of the branch's figures only
 * @param votes        the members' votes for the person (得票数), 0 without a person
 * @param newCommittee whether the committee is first named in this row
 * @param newBranch    whether the branch is first named in this row
 */
public record TallyRow(int row, String committee, String branch, int members, int takingPart, Person person,
        int votes, boolean newCommittee, boolean newBranch) {
}
