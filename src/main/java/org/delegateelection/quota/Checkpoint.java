package org.delegateelection.quota;

import com.fasterxml.jackson.annotation.JsonValue;
import org.delegateelection.candidate.CandidateList;

/**
 * The points of the procedure where a quota check runs, one per gateway of the process (the BPMN input parameter
 * {@code checkpoint} carries {@link #id()}). Each has a title for reports and, where a list of people is checked, the
 * Chinese noun for that list and the list itself.
 */
public enum Checkpoint {
    /** Step 1: the seats and structure requirements registered for the unit. */
    ALLOCATION("allocation", "名额分配可行性检查", null, null),
    /** Step 2: the implementation plan, nominee quota split over the recommending units. */
    PLAN("plan", "推荐名额和结构目标检查", null, null),
    /** Step 5: participation in the branch recommendation of one recommending unit. */
    PARTICIPATION("participation", "推荐参与率检查", null, null),
    /** Step 7: the nominees one recommending unit decided. */
    UNIT_NOMINEES("unitNominees", "本单位推荐人选检查", "本单位推荐人选", CandidateList.NOMINEES),
    /** Step 8: the list of people to inspect, i.e. the nominee pool. */
    INSPECTION("inspection", "考察对象结构检查", "考察对象", CandidateList.INSPECTION),
    /** Step 12: identity determination of the people inspected. */
    IDENTITY("identity", "身份认定检查", "人选", CandidateList.INSPECTION),
    /** Step 13: the people kept after inspection. */
    INSPECTED("inspected", "差额考察余量检查", "考察后保留人选", CandidateList.SUITABLE),
    /** Steps 16 and 18: the preliminary candidates, before and after the public notice. */
    PRELIMINARY("preliminary", "初步人选结构检查", "初步人选", CandidateList.PRELIMINARY),
    /** Step 20: the prospective candidates voted by the plenary. */
    PROSPECTIVE("prospective", "预备人选结构检查", "预备人选", CandidateList.PROSPECTIVE),
    /** Step 21: the ballot list the central review approves (prospective candidates and those of the Centre). */
    BALLOT("ballot", "选票差额检查", "选票上的候选人", CandidateList.BALLOT),
    /** Step 23: the elected delegates. */
    ELECTED("elected", "当选代表结构检查", "当选代表", CandidateList.ELECTED);

    private final String id;
    private final String title;
    private final String listNoun;
    private final CandidateList list;

    Checkpoint(String id, String title, String listNoun, CandidateList list) {
        this.id = id;
        this.title = title;
        this.listNoun = listNoun;
        this.list = list;
    }

    /** The id used in the process model and in JSON, e.g. "unitNominees". */
    @JsonValue
    public String id() {
        return id;
    }

    /** The Chinese title of the check, e.g. "初步人选结构检查". */
    public String title() {
        return title;
    }

    /** True where a list of people is checked. */
    public boolean checksList() {
        return listNoun != null;
    }

    /** The Chinese noun of the list checked here, e.g. "初步人选"; {@code null} where no list is checked. */
    public String listNoun() {
        return listNoun;
    }

    /**
     * The list of people checked here (for the identity check the people inspected); {@code null} where no list is
     * checked (allocation, plan, participation).
     */
    public CandidateList list() {
        return list;
    }

    /**
     * The checkpoint with the given id.
     *
     * @throws IllegalArgumentException when no checkpoint has that id (a fault in the process model)
     */
    public static Checkpoint fromId(String id) {
        for (Checkpoint checkpoint : values()) {
            if (checkpoint.id.equals(id)) {
                return checkpoint;
            }
        }
        throw new IllegalArgumentException("没有名为 “" + id + "” 的检查点");
    }
}
