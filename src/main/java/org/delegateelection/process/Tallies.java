package org.delegateelection.process;

import static org.delegateelection.system.InputValues.integer;

import java.nio.charset.StandardCharsets;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.spin.plugin.variable.SpinValues;
import org.delegateelection.procedure.StepFamily;
import org.delegateelection.system.InputValues;
import org.delegateelection.system.InvalidInputException;
import org.delegateelection.system.Problem;
import org.delegateelection.system.TableFile;
import org.delegateelection.vote.BallotRounds;
import org.delegateelection.vote.Tally;
import org.delegateelection.vote.Vote;
import org.springframework.stereotype.Component;

/**
 * The votes' tallies ({@link StepFamily#TALLY}: step 20, step 23 and the preliminary round before it, each entering a
 * round of the vote the catalogue names): the attendance ({@code electorsDueToAttend}, {@code electorsPresent},
 * {@code ballotsIssued}) and the ballots of the vote's round — either {@code ballotBatchId}, a batch entered before
 * (REST upload), or, when that is empty, {@code ballotsText} from Tasklist's form, the ballots as CSV text of at most
 * {@value TaskDecisions#MAX_TYPED_BALLOTS} characters, entered here as a batch; or, when neither names a ballot (the
 * form's header line alone is none), the round's ballot boxes entered by the counting teams
 * ({@link BallotRounds#boxTally}, refused with every box not ready). The ballots' text is kept neither as a variable
 * nor in the history. The round's tally (counts only) is left in {@code tally} for the counting that follows, with
 * {@code ballotBatchId} the batch counted, none when counted from the boxes.
 */
@Component
class Tallies implements StepRule {

    private final BallotRounds ballotRounds;

    Tallies(BallotRounds ballotRounds) {
        this.ballotRounds = ballotRounds;
    }

    @Override
    public StepFamily family() {
        return StepFamily.TALLY;
    }

    @Override
    public void decide(Completion completion) {
        DelegateTask task = completion.task();
        long electionId = completion.electionId();
        Vote vote = completion.step().vote();
        DelegateExecution instance = task.getExecution().getProcessInstance();
        Object batchId = task.getVariable("ballotBatchId");
        // the form's entry as submitted: a REST completion sets it on the execution, Tasklist on the task, where the
        // header shown (task-local) also lives
        String typed = TaskDecisions.TYPED_BALLOTS;
        Object text = task.getExecution().hasVariable(typed) ? task.getExecution().getVariable(typed)
                : task.getVariable(typed);
        Integer due = nullableInteger("electorsDueToAttend", task.getVariable("electorsDueToAttend"));
        Integer present = nullableInteger("electorsPresent", task.getVariable("electorsPresent"));
        Integer issued = nullableInteger("ballotsIssued", task.getVariable("ballotsIssued"));
        boolean typedBallots = text != null && String.valueOf(text).strip().contains("\n");
        if ((batchId == null || String.valueOf(batchId).isBlank()) && !typedBallots) {
            // counted box by box: the boxes' ballots stay where they are until the count stores them
            // none at all names the form's entry when the form sent its header line
            String field = text == null || String.valueOf(text).isBlank() ? "ballotBatchId" : typed;
            Tally tally = ballotRounds.boxTally(electionId, vote, due, present, issued).orElseThrow(() ->
                    InvalidInputException.field(field, "没有本轮的选票：请在表单中逐张录入选票，或上传选票文件并填写选票批次编号，"
                            + "或按票箱录入（POST /api/elections/" + electionId + "/" + vote.ballotsResource()
                            + "/boxes/{票箱号}?team=计票组）"));
            instance.removeVariable(typed);
            instance.removeVariable("ballotBatchId");
            instance.setVariable("tally", SpinValues.jsonValue(InputValues.toJson(tally)).create());
            return;
        }
        if (batchId == null || String.valueOf(batchId).isBlank()) {
            if (String.valueOf(text).length() > TaskDecisions.MAX_TYPED_BALLOTS) {
                throw InvalidInputException.field(typed, "表单中录入的选票不能超过 " + TaskDecisions.MAX_TYPED_BALLOTS
                        + " 字；票数较多时请上传选票文件（POST /api/elections/" + electionId + "/" + vote.ballotsResource()
                        + "），再填写选票批次编号");
            }
            try {
                batchId = ballotRounds.enter(electionId, vote, TableFile.Format.CSV,
                        String.valueOf(text).getBytes(StandardCharsets.UTF_8)).batchId();
            } catch (InvalidInputException e) {
                // the typed ballots are the form's field: a problem of the whole text names it
                throw e.restated("表单中录入的选票有误，未保存任何选票",
                        p -> p.field() == null ? new Problem(p.row(), typed, p.reason()) : p);
            }
        }
        instance.removeVariable(typed);
        Tally tally = ballotRounds.tally(electionId, vote, String.valueOf(batchId), due, present, issued);
        instance.setVariable("ballotBatchId", String.valueOf(batchId));
        instance.setVariable("tally", SpinValues.jsonValue(InputValues.toJson(tally)).create());
    }

    private static Integer nullableInteger(String field, Object value) {
        return value == null ? null : integer(field, value, Integer.MIN_VALUE, Integer.MAX_VALUE);
    }
}
