package org.delegateelection.system;

import java.util.Map;

import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

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

    @AfterEach
    void noRequest() {
        RequestContextHolder.resetRequestAttributes();
    }

    @Test
    @SuppressWarnings("unchecked")
    void aMissingAuthorizationIsANeutral403UnlessTheTaskWasCompletedMeanwhile() {
        EngineRestErrors.AuthorizationMapper mapper = new EngineRestErrors.AuthorizationMapper("done"::equals);
        AuthorizationException missing = new AuthorizationException("demo", "TASK_WORK", "Task", "open");

        RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(
                new MockHttpServletRequest("POST", "/engine-rest/task/open/submit-form")));
        Response forbidden = mapper.toResponse(missing);
        RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(
                new MockHttpServletRequest("POST", "/engine-rest/task/done/submit-form")));
        Response lostTheRace = mapper.toResponse(missing);
        Response wrappedLoser = new EngineRestErrors.RestExceptionMapper("done"::equals).toResponse(new RestException(
                Response.Status.INTERNAL_SERVER_ERROR, missing, "Cannot submit task form done"));

        assertThat(forbidden.getStatus()).isEqualTo(403);
        assertThat((Map<String, Object>) forbidden.getEntity()).containsEntry("message", "无权访问");
        assertThat(lostTheRace.getStatus()).isEqualTo(409);
        assertThat(wrappedLoser.getStatus()).isEqualTo(409);
        assertThat((Map<String, Object>) wrappedLoser.getEntity())
                .containsEntry("message", EngineRestErrors.CONCURRENT_CHANGE);
    }

    @Test
    void anyOtherFailureIsAnsweredAsCamundaAnswersIt() {
        Response response = wrapped.toResponse(new RestException(Response.Status.INTERNAL_SERVER_ERROR,
                new ProcessEngineException("Cannot find task with id 7: task is null"), "Cannot submit task form 7"));

        assertThat(response.getStatus()).isEqualTo(500);
    }
}
