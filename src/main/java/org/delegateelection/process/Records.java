package org.delegateelection.process;

import static org.delegateelection.system.InputValues.integer;
import static org.delegateelection.system.InputValues.text;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;

import org.delegateelection.procedure.StepFamily;
import org.delegateelection.security.CurrentUser;
import org.delegateelection.system.InvalidInputException;
import org.delegateelection.vote.BallotRounds;
import org.springframework.stereotype.Component;

/**
 * The records of work ({@link StepFamily#RECORD}): {@code completedOn}, a date (yyyy-MM-dd, the first ten characters
 * are read) not after today in Asia/Shanghai, and {@code note}, text of at most 4,000 characters. Step 19 also fixes
 * how many prospective candidates step 20 votes ({@code prospectiveCount}, 1–10,000); step 24 admits the people
 * written in and elected at step 23 to the credentials review.
 */
@Component
class Records implements StepRule {

    private final BallotRounds ballotRounds;
    private final CurrentUser currentUser;

    Records(BallotRounds ballotRounds, CurrentUser currentUser) {
        this.ballotRounds = ballotRounds;
        this.currentUser = currentUser;
    }

    @Override
    public StepFamily family() {
        return StepFamily.RECORD;
    }

    @Override
    public void decide(Completion completion) {
        Object value = completion.value("completedOn");
        LocalDate date;
        try {
            date = LocalDate.parse(String.valueOf(value).substring(0, Math.min(10, String.valueOf(value).length())));
        } catch (DateTimeParseException e) {
            throw InvalidInputException.field("completedOn", "须为日期 yyyy-MM-dd");
        }
        if (date.isAfter(LocalDate.now(ElectionService.ZONE))) {
            throw InvalidInputException.field("completedOn", "完成日期 " + date + " 晚于今天");
        }
        text("note", completion.value("note"), 4000);
        switch (completion.step().key()) {
            case "plenaryDeliberation" -> ballotRounds.planPlenaryVote(completion.electionId(),
                    integer("prospectiveCount", completion.value("prospectiveCount"), 1, 10_000));
            case "reportResults" -> ballotRounds.admitWriteIns(completion.electionId(), currentUser.id());
            default -> {
            }
        }
    }
}
