package org.delegateelection.process;

import java.util.Set;

import org.delegateelection.procedure.Steps;
import org.delegateelection.security.SubmissionVariables;
import org.springframework.stereotype.Component;

/** The variables a submission may carry, as the catalogue of steps declares them ({@link Steps#declared}). */
@Component
class CatalogueSubmissionVariables implements SubmissionVariables {

    @Override
    public Set<String> ofTask(String taskDefinitionKey) {
        return Steps.declared(taskDefinitionKey);
    }

    @Override
    public Set<String> ofStartForm() {
        return Steps.declared(Steps.START_FORM);
    }
}
