package org.delegateelection.system;

import java.util.LinkedHashMap;
import java.util.Map;

import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.camunda.bpm.engine.rest.exception.RestExceptionHandler;
import org.glassfish.jersey.server.ResourceConfig;
import org.springframework.boot.autoconfigure.jersey.ResourceConfigCustomizer;
import org.springframework.stereotype.Component;

import jakarta.annotation.Priority;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

/**
 * Camunda's REST API answers any failure inside a task completion or a start form with 500. When the failure is our
 * own validation of the submitted values ({@link InvalidInputException}, thrown by a listener), these mappers answer
 * 400 with Camunda's error shape plus the problems, so that a REST client and Tasklist see a client error naming the
 * field. When another request changed the same election at the same moment (two nodes, two users: the engine's
 * {@link OptimisticLockingException}), nothing of this request was written and it may simply be sent again: these
 * mappers answer 409 Conflict with a message saying so. Any other failure is answered as Camunda answers it.
 */
@Component
public class EngineRestErrors implements ResourceConfigCustomizer {

    private static final String INSTANCE_ENDED_MEANWHILE = "Cannot restore state of process instance";

    /** What a client is told on 409: nothing was saved, send it again. */
    public static final String CONCURRENT_CHANGE = "该选举的数据刚被其他操作同时修改，本次提交未生效，请刷新后重试";

    @Override
    public void customize(ResourceConfig config) {
        config.register(RestExceptionMapper.class);
        config.register(InvalidInputMapper.class);
        config.register(ConcurrentChangeMapper.class);
    }

    /** For failures the REST resources wrap, e.g. {@code POST /task/{id}/complete}. */
    @Priority(1)
    public static class RestExceptionMapper implements ExceptionMapper<RestException> {

        private final RestExceptionHandler camunda = new RestExceptionHandler();

        @Override
        public Response toResponse(RestException exception) {
            Response invalid = invalidInput(exception);
            if (invalid != null) {
                return invalid;
            }
            Response conflict = concurrentChange(exception);
            return conflict != null ? conflict : camunda.toResponse(exception);
        }
    }

    /** For rejected input the REST resources let through, e.g. {@code POST /process-definition/{id}/submit-form}. */
    public static class InvalidInputMapper implements ExceptionMapper<InvalidInputException> {

        @Override
        public Response toResponse(InvalidInputException exception) {
            return invalidInput(exception);
        }
    }

    /** For a concurrent change the REST resources let through, e.g. {@code POST /task/{id}/claim}. */
    public static class ConcurrentChangeMapper implements ExceptionMapper<OptimisticLockingException> {

        @Override
        public Response toResponse(OptimisticLockingException exception) {
            return concurrentChange(exception);
        }
    }

    /**
     * 409 when a concurrent change of the same data caused the failure, otherwise {@code null}: the engine's
     * optimistic lock failed, or the process instance a task belonged to ended while this request was reading it
     * (another request completed its last task at that moment; the engine says "Cannot restore state of process
     * instance …: list of executions is empty").
     */
    private static Response concurrentChange(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof OptimisticLockingException || cause instanceof ProcessEngineException
                    && cause.getMessage() != null
                    && cause.getMessage().startsWith(INSTANCE_ENDED_MEANWHILE)) {
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("type", OptimisticLockingException.class.getSimpleName());
                body.put("message", CONCURRENT_CHANGE);
                return Response.status(Response.Status.CONFLICT).type(MediaType.APPLICATION_JSON_TYPE)
                        .entity(body).build();
            }
        }
        return null;
    }

    /** 400 when rejected input caused the failure, otherwise {@code null}. */
    private static Response invalidInput(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof InvalidInputException invalid) {
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("type", InvalidInputException.class.getSimpleName());
                body.put("message", invalid.getMessage());
                body.put("problems", invalid.problems());
                return Response.status(Response.Status.BAD_REQUEST).type(MediaType.APPLICATION_JSON_TYPE)
                        .entity(body).build();
            }
        }
        return null;
    }
}
