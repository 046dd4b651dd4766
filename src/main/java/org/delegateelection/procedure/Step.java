package org.delegateelection.procedure;

import java.util.List;
import java.util.Set;

import org.delegateelection.candidate.CandidateList;
import org.delegateelection.quota.Checkpoint;
import org.delegateelection.vote.Vote;

/**
 * One user task of the procedure as the catalogue ({@link Steps}) gives it: the facts of DESIGN §2 and what its form
 * and its completion work on. The diagrams and the forms carry the same facts for the engine and Tasklist;
 * {@code StepCatalogueTest} checks that they agree.
 *
 * @param key             the task definition key (= activity id in {@code processes/*.bpmn}), e.g. "proposeInspectionList"
 * @param number          the step's number of DESIGN §2 (1–25; the four checks of step 11 share 11), {@code null}
 *                        for a task outside the numbered steps (the verification of a report, the presidium's
 *                        decision, the review of a correction)
 * @param stage           the stage whose sub-process holds the task, {@code null} for the verification of a report,
 *                        which may come at any stage from 2 to 6, and for the review of a correction, which may come
 *                        from the central review's approval (step 21) until the election closes
 * @param title           the task's Chinese name, as the diagram and the form's heading give it
 * @param candidateGroups the task's candidate groups as the diagram writes them ({@code camunda:candidateGroups}),
 *                        e.g. "org-dept", {@value Steps#UNIT_GROUP} for a recommending unit's step
 * @param family          which kind of decision the step takes, and so which rule validates and records it
 * @param checkpoint      the quota check whose last report the form shows (the check after the step or the one of the
 *                        list it works on); {@code null} for none
 * @param shows           the list of people the form shows (for a list decision: the list it chooses from);
 *                        {@code null} for none or, with {@code showsOwnUnit}, the unit's own people
 * @param showsOwnUnit    the form shows, and the step chooses from, the people of the task's recommending unit in the
 *                        registry who have not been removed (step 7)
 * @param decides         the list the step (or the vote it enters) decides; {@code null} for none
 * @param vote            for a {@link StepFamily#TALLY} step the vote whose round it enters; otherwise {@code null}
 * @param documents       the documents the form links to, in the order shown
 * @param formKey         the Camunda Form's id ({@code camunda:formRef}), the file {@code forms/<formKey>.form}
 * @param variables       the variables a submission of the step may carry: what the form asks and its REST-only
 *                        alternatives; a completion naming anything else is refused
 */
public record Step(String key, Integer number, Stage stage, String title, String candidateGroups, StepFamily family,
        Checkpoint checkpoint, CandidateList shows, boolean showsOwnUnit, CandidateList decides, Vote vote,
        List<StepDocument> documents, String formKey, Set<String> variables) {

    /** Copies the collections. */
    public Step {
        documents = List.copyOf(documents);
        variables = Set.copyOf(variables);
    }

    /** True for the steps each recommending unit takes in its own nomination (steps 5–7, {@value Steps#UNIT_GROUP}). */
    public boolean perUnit() {
        return Steps.UNIT_GROUP.equals(candidateGroups);
    }

    /**
     * True for the steps that show the support of the branch recommendation (steps 5 to 8: its document, and in the
     * form the figures and the ranked people).
     */
    public boolean showsSupport() {
        return documents.contains(StepDocument.support());
    }

    /** The candidate groups one by one, e.g. ["org-dept", "discipline-commission"]. */
    public List<String> groups() {
        return List.of(candidateGroups.split(","));
    }
}
