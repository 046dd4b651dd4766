package org.delegateelection.system;

import java.util.Map;

import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.junit.jupiter.api.Test;

import jakarta.ws.rs.core.Response;

import static org.assertj.core.api.Assertions.assertThat;

/** How the engine REST API answers a concurrent change of an election, and other failures of a task completion. */
class EngineRestErrorsTest {

    /** Outside a request: the history is not asked. */
    private final EngineRestErrors.RestExceptionMapper wrapped = new EngineRestErrors.RestExceptionMapper(taskId -> {
        throw new IllegalStateException("no request, no history");
    });

    @Test
    @SuppressWarnings("unchecked")
    void anOptimisticLockingFailureIsAConflictToSendAgain() {
        Response response = wrapped.toResponse(new RestException(Response.Status.INTERNAL_SERVER_ERROR,
                new OptimisticLockingException("ENGINE-03005 Execution of 'UPDATE ExecutionEntity' failed"),
                "Cannot submit task form"));
        Response direct = new EngineRestErrors.ConcurrentChangeMapper()
                .toResponse(new OptimisticLockingException("ENGINE-03005"));

        for (Response conflict : new Response[] {response, direct}) {
            assertThat(conflict.getStatus()).isEqualTo(409);
            assertThat((Map<String, Object>) conflict.getEntity()).containsEntry("type", "OptimisticLockingException")
                    .containsEntry("message", EngineRestErrors.CONCURRENT_CHANGE);
        }
    }

    @Test
    void anyOtherFailureIsAnsweredAsCamundaAnswersIt() {
        Response response = wrapped.toResponse(new RestException(Response.Status.INTERNAL_SERVER_ERROR,
                new ProcessEngineException("Cannot find task with id 7: task is null"), "Cannot submit task form 7"));

        assertThat(response.getStatus()).isEqualTo(500);
    }
}
