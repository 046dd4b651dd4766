package org.delegateelection.system;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.camunda.spin.SpinRuntimeException;
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
 * field; a missing authorization is answered 403 without the engine's details; any other failure is answered as
 * Camunda answers it.
 */
@Component
public class EngineRestErrors implements ResourceConfigCustomizer {

    /** How the engine names a submitted variable it cannot read, e.g. a Json variable that is not JSON. */
    private static final Pattern UNREADABLE_VARIABLE =
            Pattern.compile("Cannot deserialize object in variable '([^']+)'");

    @Override
    public void customize(ResourceConfig config) {
        config.register(RestExceptionMapper.class);
        config.register(InvalidInputMapper.class);
        config.register(AuthorizationMapper.class);
    }

    /**
     * 403 with a neutral body for a missing authorization: the engine's own message would name the resource and the
     * permissions, telling a caller without the right what exists.
     */
    @Priority(1)
    public static class AuthorizationMapper implements ExceptionMapper<AuthorizationException> {

        @Override
        public Response toResponse(AuthorizationException exception) {
            return forbidden();
        }
    }

    private static Response forbidden() {
        return Response.status(Response.Status.FORBIDDEN).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(Map.of("type", AuthorizationException.class.getSimpleName(), "message", "无权访问")).build();
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
            return exception.getCause() instanceof AuthorizationException ? forbidden()
                    : camunda.toResponse(exception);
        }
    }

    /** For rejected input the REST resources let through, e.g. {@code POST /process-definition/{id}/submit-form}. */
    public static class InvalidInputMapper implements ExceptionMapper<InvalidInputException> {

        @Override
        public Response toResponse(InvalidInputException exception) {
            return invalidInput(exception);
        }
    }

    /**
     * 400 when rejected input caused the failure — our validation, or a submitted Json variable the engine cannot
     * parse (named in the problem) — otherwise {@code null}.
     */
    private static Response invalidInput(Throwable failure) {
        String variable = null;
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            Matcher named = UNREADABLE_VARIABLE.matcher(String.valueOf(cause.getMessage()));
            if (variable == null && named.find()) {
                variable = named.group(1);
            }
            if (cause instanceof SpinRuntimeException && variable != null) {
                return invalidInput(InvalidInputException.field(variable, "不是有效的JSON"));
            }
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
