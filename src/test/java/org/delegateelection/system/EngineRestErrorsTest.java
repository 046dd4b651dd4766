package org.delegateelection.system;

import java.sql.SQLException;
import java.util.Map;

import org.apache.ibatis.exceptions.PersistenceException;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.delegateelection.api.EngineRestErrors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import jakarta.ws.rs.core.Response;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How the engine REST API answers a concurrent change of an election (also a database lock held by another
 * transaction), the completion of a task that never existed, a failure of the database, and other failures of a task
 * completion.
 */
class EngineRestErrorsTest {

    /** What the history knows: task "open" runs, task "done" was completed. */
    private static final Map<String, EngineRestErrors.TaskFate> FATES = Map.of(
            "open", EngineRestErrors.TaskFate.OPEN, "done", EngineRestErrors.TaskFate.FINISHED);

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
        EngineRestErrors.AuthorizationMapper mapper = new EngineRestErrors.AuthorizationMapper(FATES::get);
        AuthorizationException missing = new AuthorizationException("demo", "TASK_WORK", "Task", "open");

        RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(
                new MockHttpServletRequest("POST", "/engine-rest/task/open/submit-form")));
        Response forbidden = mapper.toResponse(missing);
        RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(
                new MockHttpServletRequest("POST", "/engine-rest/task/done/submit-form")));
        Response lostTheRace = mapper.toResponse(missing);
        Response wrappedLoser = new EngineRestErrors.RestExceptionMapper(FATES::get).toResponse(new RestException(
                Response.Status.INTERNAL_SERVER_ERROR, missing, "Cannot submit task form done"));

        assertThat(forbidden.getStatus()).isEqualTo(403);
        assertThat((Map<String, Object>) forbidden.getEntity()).containsEntry("message", "无权访问");
        assertThat(lostTheRace.getStatus()).isEqualTo(409);
        assertThat(wrappedLoser.getStatus()).isEqualTo(409);
        assertThat((Map<String, Object>) wrappedLoser.getEntity())
                .containsEntry("message", EngineRestErrors.CONCURRENT_CHANGE);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aLockHeldByAnotherTransactionIsAConflictToSendAgain() {
        for (String state : new String[] {"40001", "40P01", "55P03", "HYT00"}) {
            Response response = wrapped.toResponse(new RestException(Response.Status.INTERNAL_SERVER_ERROR,
                    new ProcessEngineException("ENGINE-03051 There was an exception while invoking the TaskListener",
                            new QueryTimeoutException("PreparedStatementCallback; SQL [insert into candidate_list]",
                                    new SQLException("Timeout trying to lock table", state))),
                    "Cannot complete task 7"));

            assertThat(response.getStatus()).as(state).isEqualTo(409);
            assertThat((Map<String, Object>) response.getEntity()).containsEntry("message",
                    EngineRestErrors.CONCURRENT_CHANGE);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void aCompletionOfATaskThatNeverExistedIs404AndADatabaseFailureNamesNoSql() {
        RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(
                new MockHttpServletRequest("POST", "/engine-rest/task/never/complete")));
        EngineRestErrors.RestExceptionMapper mapper = new EngineRestErrors.RestExceptionMapper(
                id -> FATES.getOrDefault(id, EngineRestErrors.TaskFate.UNKNOWN));
        Response unknown = mapper.toResponse(new RestException(Response.Status.INTERNAL_SERVER_ERROR,
                new ProcessEngineException("Cannot find task with id never: task is null"), "Cannot complete task"));
        RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(
                new MockHttpServletRequest("POST", "/engine-rest/task/open/complete")));
        Response failed = mapper.toResponse(new RestException(Response.Status.INTERNAL_SERVER_ERROR,
                new ProcessEngineException("ENGINE-03083 Exception while executing Batch Database Operations",
                        new PersistenceException("### SQL: insert into ACT_HI_VARINST values (?)",
                                new SQLException("Referential integrity constraint violation", "23506"))),
                "Cannot complete task open"));

        assertThat(unknown.getStatus()).isEqualTo(404);
        assertThat((Map<String, Object>) unknown.getEntity()).containsEntry("message", "任务不存在");
        assertThat(failed.getStatus()).isEqualTo(500);
        assertThat(failed.getEntity().toString()).doesNotContain("SQL", "ACT_", "insert", "constraint");
    }

    @Test
    void anyOtherFailureIsAnsweredAsCamundaAnswersIt() {
        Response response = wrapped.toResponse(new RestException(Response.Status.INTERNAL_SERVER_ERROR,
                new ProcessEngineException("Cannot find task with id 7: task is null"), "Cannot submit task form 7"));

        assertThat(response.getStatus()).isEqualTo(500);
    }
}
