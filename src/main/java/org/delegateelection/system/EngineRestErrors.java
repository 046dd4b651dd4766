package org.delegateelection.system;

import java.util.LinkedHashMap;
import java.util.Map;

import org.camunda.bpm.engine.rest.exception.RestException;
import org.camunda.bpm.engine.rest.exception.RestExceptionHandler;
import org.springframework.boot.autoconfigure.jersey.ResourceConfigCustomizer;
import org.springframework.stereotype.Component;

import jakarta.annotation.Priority;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

/**
 * Camunda's REST API answers any failure inside a task completion with 500. When the failure is our own validation
 * of the submitted values ({@link InvalidInputException}, thrown by the completion listener), this answers 400 with
 * Camunda's error shape plus the problems, so that a REST client and Tasklist see a client error naming the field.
 */
@Component
public class EngineRestErrors implements ResourceConfigCustomizer {

    @Override
    public void customize(org.glassfish.jersey.server.ResourceConfig config) {
        config.register(InvalidInputMapper.class);
    }

    /** Maps a REST failure caused by rejected input to 400; anything else is answered as Camunda answers it. */
    @Priority(1)
    public static class InvalidInputMapper implements ExceptionMapper<RestException> {

        private final RestExceptionHandler camunda = new RestExceptionHandler();

        @Override
        public Response toResponse(RestException exception) {
            for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
                if (cause instanceof InvalidInputException invalid) {
                    Map<String, Object> body = new LinkedHashMap<>();
                    body.put("type", InvalidInputException.class.getSimpleName());
                    body.put("message", invalid.getMessage());
                    body.put("problems", invalid.problems());
                    return Response.status(Response.Status.BAD_REQUEST).type(MediaType.APPLICATION_JSON_TYPE)
                            .entity(body).build();
                }
            }
            return camunda.toResponse(exception);
        }
    }
}
