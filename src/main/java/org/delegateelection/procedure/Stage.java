package org.delegateelection.procedure;

/**
 * The seven stages of the procedure (DESIGN §2), each an expanded sub-process of {@code delegate-election} with the
 * activity id given here: the five official stages of the notice on the election of delegates, with the first and
 * the last split off as stages of their own.
 */
public enum Stage {
    /** Stage 1, 部署启动: allocation, implementation plan, mobilisation. */
    LAUNCH(1, "stageLaunch", "部署启动"),
    /** Stage 2, 推荐提名: the recommending units' nominations, then the list of people to inspect. */
    NOMINATION(2, "stageNomination", "推荐提名"),
    /** Stage 3, 组织考察: inspection, the four checks, identity, the inspection report. */
    INSPECTION(3, "stageInspection", "组织考察"),
    /** Stage 4, 确定代表候选人初步人选: consultations, the preliminary list and its public notice. */
    PRELIMINARY(4, "stagePreliminary", "确定代表候选人初步人选"),
    /** Stage 5, 确定代表候选人预备人选: the plenary's vote and the central review. */
    PROSPECTIVE(5, "stageProspective", "确定代表候选人预备人选"),
    /** Stage 6, 会议选举: the election at the congress. */
    ELECTION(6, "stageElection", "会议选举"),
    /** Stage 7, 结果上报与资格审查: the report to the Centre and the credentials review. */
    CONFIRMATION(7, "stageConfirmation", "结果上报与资格审查");

    private final int number;
    private final String activityId;
    private final String title;

    Stage(int number, String activityId, String title) {
        this.number = number;
        this.activityId = activityId;
        this.title = title;
    }

    /** The stage's number, 1–7. */
    public int number() {
        return number;
    }

    /** The id of the stage's sub-process in {@code processes/delegate-election.bpmn}, e.g. "stageLaunch". */
    public String activityId() {
        return activityId;
    }

    /** The stage's Chinese name, as the diagram names its sub-process. */
    public String title() {
        return title;
    }
}
