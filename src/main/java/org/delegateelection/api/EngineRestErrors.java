package org.delegateelection.api;

import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.ibatis.exceptions.PersistenceException;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.exception.NullValueException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.identity.PasswordPolicy;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.rest.exception.ProcessEngineExceptionHandler;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.camunda.bpm.engine.rest.exception.RestExceptionHandler;
import org.camunda.spin.SpinRuntimeException;
import org.delegateelection.system.ConflictException;
import org.delegateelection.system.InvalidInputException;
import org.glassfish.jersey.server.ResourceConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.jersey.ResourceConfigCustomizer;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionException;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import jakarta.annotation.Priority;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

/**
 * Camunda's REST API answers any failure inside a task completion or a start form with 500. When the failure is our
 * own validation of the submitted values ({@link InvalidInputException}, thrown by a listener), these mappers answer
 * 400 with Camunda's error shape plus the problems, so that a REST client and Tasklist see a client error naming the
 * field; a missing authorization is answered 403 without the engine's details. When another request changed the
 * same election at the same moment (two nodes, two users: the engine's {@link OptimisticLockingException}, or a
 * database lock the other request held: a lock wait that timed out, a deadlock, a serialization failure), nothing
 * of this request was written and it may simply be sent again: these mappers answer 409 Conflict with a message
 * saying so. A completion of a task that never existed is answered 404, and so is a read of a task that has ended
 * (the engine answers 500). A failure of the database is answered 500 without the database's words (they name
 * tables and SQL). A call on another electoral unit's data, which the engine's tenant check refuses, is answered 403
 * like a missing authorization. A password the password policy refuses, and a user's, group's or tenant's id outside
 * the engine's whitelist, are answered 400 in Chinese, not 500. Any other failure is
 * answered as Camunda answers it.
 */
@Component
public class EngineRestErrors implements ResourceConfigCustomizer {

    /** A task completion: {@code …/task/{id}/complete} or {@code …/task/{id}/submit-form}. */
    private static final Pattern TASK_COMPLETION = Pattern.compile(".*/task/([^/]+)/(complete|submit-form)");

    /**
     * A request on a task of the runtime, {@code …/task/{id}} and below (not the history's, not the task list's
     * {@code count}, {@code create} or {@code report}).
     */
    private static final Pattern TASK_REQUEST =
            Pattern.compile(".*(?<!/history)/task/(?!(?:count|create|report)(?:/|$))([^/]+)(?:/.*)?");

    /** How the engine names a submitted variable it cannot read, e.g. a Json variable that is not JSON. */
    private static final Pattern UNREADABLE_VARIABLE =
            Pattern.compile("Cannot deserialize object in variable '([^']+)'");

    /** What a client is told on 409: nothing was saved, send it again. */
    public static final String CONCURRENT_CHANGE = "该选举的数据刚被其他操作同时修改，本次提交未生效，请刷新后重试";

    /** How the engine's tenant check words a refusal: "Cannot … because it belongs to no authenticated tenant." */
    private static final String NO_AUTHENTICATED_TENANT = "belongs to no authenticated tenant";

    /** What a client is told when the task to complete does not exist. */
    private static final String UNKNOWN_TASK = "任务不存在";

    /** What a client is told when the task it reads has been completed (by another user, on another node). */
    private static final String ENDED_TASK = "该任务已办理完毕，请刷新任务列表";

    /** What a client is told when the database failed: nothing of its tables or statements. */
    private static final String DATABASE_FAILURE = "数据库处理出错，本次提交未生效，请稍后重试";

    /**
     * SQL states of a lock another transaction held: class 40 (deadlock, serialization failure), PostgreSQL's
     * {@code 55P03} (lock not available) and H2's {@code HYT00} (lock wait timed out; no statement timeouts are set).
     */
    private static final Set<String> LOCK_STATES = Set.of("55P03", "HYT00");

    private static final Logger LOG = LoggerFactory.getLogger(EngineRestErrors.class);

    /** What the history knows of a task: still open, completed (or otherwise ended), or never created. */
    public enum TaskFate { OPEN, FINISHED, UNKNOWN }

    private final ObjectProvider<HistoryService> history;
    private final ObjectProvider<IdentityService> identity;

    /** The engine's history tells a task completed meanwhile from an unknown one. */
    public EngineRestErrors(ObjectProvider<HistoryService> history, ObjectProvider<IdentityService> identity) {
        this.history = history;
        this.identity = identity;
    }

    @Override
    public void customize(ResourceConfig config) {
        config.register(new RestExceptionMapper(this::fate));
        config.register(InvalidInputMapper.class);
        config.register(ConflictMapper.class);
        config.register(ConcurrentChangeMapper.class);
        config.register(new AuthorizationMapper(this::fate));
        config.register(new EndedTaskMapper(this::fate));
        config.register(new IdentityInputMapper(() -> identity.getObject().getPasswordPolicy()));
    }

    /**
     * 400 instead of Camunda's 500 for identity input the engine refuses, in Chinese: a password the password policy
     * refuses (a user created, a password changed), with the policy's rules; an id of a user, group or tenant outside
     * the engine's whitelist of resource ids ({@code generalResourceWhitelistPattern}: letters, digits and hyphens).
     * Any other failure of the engine as Camunda answers it.
     */
    @Priority(1)
    public static class IdentityInputMapper implements ExceptionMapper<ProcessEngineException> {

        /** The engine's message when the policy refuses a password. */
        static final String POLICY_REFUSED = "Password does not match policy";
        /** The engine's message for an id outside its whitelist, e.g. "User has an invalid id: '张三' is not …". */
        static final Pattern INVALID_ID = Pattern.compile(
                "(User|Group|Tenant) has an invalid id: '(.*)' is not a valid resource identifier\\.");
        private static final Map<String, String> RESOURCES = Map.of("User", "账号", "Group", "用户组代码",
                "Tenant", "租户代码");

        private final ProcessEngineExceptionHandler camunda = new ProcessEngineExceptionHandler();
        private final Supplier<PasswordPolicy> policy;

        /** With the engine's password policy. */
        public IdentityInputMapper(Supplier<PasswordPolicy> policy) {
            this.policy = policy;
        }

        @Override
        public Response toResponse(ProcessEngineException exception) {
            String message = String.valueOf(exception.getMessage());
            Matcher invalidId = INVALID_ID.matcher(message);
            if (POLICY_REFUSED.equals(message)) {
                return badRequest("密码不符合密码策略（" + PasswordRules.describe(policy.get().getRules()) + "），未保存");
            }
            if (invalidId.matches()) {
                return badRequest(RESOURCES.get(invalidId.group(1)) + "只能由英文字母、数字和连字符“-”组成："
                        + invalidId.group(2) + "，未保存");
            }
            if (otherUnit(exception)) {
                return error(Response.Status.FORBIDDEN, AuthorizationException.class.getSimpleName(), "无权访问");
            }
            return camunda.toResponse(exception);
        }

        private static Response badRequest(String message) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("type", InvalidInputException.class.getSimpleName());
            body.put("message", message);
            return Response.status(Response.Status.BAD_REQUEST).type(MediaType.APPLICATION_JSON_TYPE).entity(body)
                    .build();
        }
    }

    /**
     * 403 with a neutral body for a missing authorization: the engine's own message would name the resource and the
     * permissions, telling a caller without the right what exists. A completion whose task another request completed
     * while it ran (its candidate links then vanish under the check) gets the 409 of a concurrent change instead.
     */
    @Priority(1)
    public static class AuthorizationMapper implements ExceptionMapper<AuthorizationException> {

        private final Function<String, TaskFate> fate;

        /** With what the history knows of a task id. */
        public AuthorizationMapper(Function<String, TaskFate> fate) {
            this.fate = fate;
        }

        @Override
        public Response toResponse(AuthorizationException exception) {
            return forbiddenUnlessCompletedMeanwhile(fate);
        }
    }

    private static Response forbiddenUnlessCompletedMeanwhile(Function<String, TaskFate> fate) {
        if (completedTask(fate) == TaskFate.FINISHED) {
            return conflict();
        }
        return error(Response.Status.FORBIDDEN, AuthorizationException.class.getSimpleName(), "无权访问");
    }

    /** What the history knows of the task the request completes; {@code null} when it completes no task. */
    private static TaskFate completedTask(Function<String, TaskFate> fate) {
        if (!(RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes request)) {
            return null;
        }
        Matcher completion = TASK_COMPLETION.matcher(request.getRequest().getRequestURI());
        return completion.matches() ? fate.apply(completion.group(1)) : null;
    }

    /**
     * For failures the REST resources wrap, e.g. {@code POST /task/{id}/complete}. A completion that failed because
     * another request completed the same task while it ran (the engine then fails in many ways: the task, its
     * execution or its variables vanish under it) is a concurrent change too: the task has ended in the history. A
     * completion of a task the history has never seen is answered 404.
     */
    @Priority(1)
    public static class RestExceptionMapper implements ExceptionMapper<RestException> {

        private final RestExceptionHandler camunda = new RestExceptionHandler();
        private final Function<String, TaskFate> fate;

        /** With what the history knows of a task id. */
        public RestExceptionMapper(Function<String, TaskFate> fate) {
            this.fate = fate;
        }

        @Override
        public Response toResponse(RestException exception) {
            Response invalid = refusal(exception);
            if (invalid != null) {
                return invalid;
            }
            if (exception.getCause() instanceof AuthorizationException || otherUnit(exception)) {
                return forbiddenUnlessCompletedMeanwhile(fate);
            }
            Response conflict = concurrentChange(exception);
            if (conflict != null) {
                return conflict;
            }
            TaskFate task = completedTask(fate);
            if (task == TaskFate.FINISHED) {
                return conflict();
            }
            if (task == TaskFate.UNKNOWN) {
                return error(Response.Status.NOT_FOUND, "InvalidRequestException", UNKNOWN_TASK);
            }
            Response ended = exception.getStatus() == null
                    || exception.getStatus() == Response.Status.INTERNAL_SERVER_ERROR ? endedTask(fate) : null;
            if (ended != null) {
                return ended;
            }
            if (databaseFailure(exception)) {
                LOG.error("数据库处理出错", exception);
                return error(Response.Status.INTERNAL_SERVER_ERROR, "ProcessEngineException", DATABASE_FAILURE);
            }
            return camunda.toResponse(exception);
        }
    }

    /**
     * What the history knows of the task, asked without the caller's authorization (a unit's user may not read the
     * history; the answer only turns the failure of a completion into a 409 or a 404).
     */
    private TaskFate fate(String taskId) {
        IdentityService identityService = identity.getObject();
        Authentication caller = identityService.getCurrentAuthentication();
        identityService.clearAuthentication();
        try {
            HistoricTaskInstance task = history.getObject().createHistoricTaskInstanceQuery().taskId(taskId)
                    .singleResult();
            return task == null ? TaskFate.UNKNOWN : task.getEndTime() == null ? TaskFate.OPEN : TaskFate.FINISHED;
        } finally {
            if (caller != null) {
                identityService.setAuthentication(caller);
            }
        }
    }

    /**
     * 404 instead of Camunda's 500 for a request on a task that has ended or never existed, which the engine reports
     * as a missing value (e.g. {@code GET …/task/{id}/variables} after another user completed the task, or while the
     * completion on another node commits); any other missing value as Camunda answers it.
     */
    @Priority(1)
    public static class EndedTaskMapper implements ExceptionMapper<NullValueException> {

        private final ProcessEngineExceptionHandler camunda = new ProcessEngineExceptionHandler();
        private final Function<String, TaskFate> fate;

        /** With what the history knows of a task id. */
        public EndedTaskMapper(Function<String, TaskFate> fate) {
            this.fate = fate;
        }

        @Override
        public Response toResponse(NullValueException exception) {
            Response ended = endedTask(fate);
            return ended != null ? ended : camunda.toResponse(exception);
        }
    }

    /** 404 when the request is on a task that has ended or never existed; {@code null} otherwise. */
    private static Response endedTask(Function<String, TaskFate> fate) {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes request) {
            Matcher task = TASK_REQUEST.matcher(request.getRequest().getRequestURI());
            if (task.matches()) {
                TaskFate known = fate.apply(task.group(1));
                if (known != TaskFate.OPEN) {
                    return error(Response.Status.NOT_FOUND, "InvalidRequestException",
                            known == TaskFate.FINISHED ? ENDED_TASK : UNKNOWN_TASK);
                }
            }
        }
        return null;
    }

    /** For rejected input the REST resources let through, e.g. {@code POST /process-definition/{id}/submit-form}. */
    public static class InvalidInputMapper implements ExceptionMapper<InvalidInputException> {

        @Override
        public Response toResponse(InvalidInputException exception) {
            return refusal(exception);
        }
    }

    /** For a refusal by the election's state the REST resources let through, e.g. a start of a closed election. */
    public static class ConflictMapper implements ExceptionMapper<ConflictException> {

        @Override
        public Response toResponse(ConflictException exception) {
            return refusal(exception);
        }
    }

    /**
     * Whether the engine's tenant check refused the call: the data belongs to an electoral unit the caller does not
     * work for (decision 0030), answered 403 like a missing authorization, without the engine's words (they name the
     * task or instance).
     */
    private static boolean otherUnit(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (String.valueOf(cause.getMessage()).contains(NO_AUTHENTICATED_TENANT)) {
                return true;
            }
        }
        return false;
    }

    /** For a concurrent change the REST resources let through, e.g. {@code POST /task/{id}/claim}. */
    public static class ConcurrentChangeMapper implements ExceptionMapper<OptimisticLockingException> {

        @Override
        public Response toResponse(OptimisticLockingException exception) {
            return concurrentChange(exception);
        }
    }

    /**
     * 409 when the engine's optimistic locking failed or a database lock held by another transaction stopped this
     * one (a concurrent change of the same data), else {@code null}.
     */
    private static Response concurrentChange(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof OptimisticLockingException || cause instanceof ConcurrencyFailureException
                    || cause instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("40") || LOCK_STATES.contains(sql.getSQLState()))) {
                return conflict();
            }
        }
        return null;
    }

    /** 409: nothing of this request was saved, send it again. */
    private static Response conflict() {
        return error(Response.Status.CONFLICT, OptimisticLockingException.class.getSimpleName(), CONCURRENT_CHANGE);
    }

    /** Whether the database failed: its driver, MyBatis or Spring's data access reported it. */
    private static boolean databaseFailure(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException || cause instanceof PersistenceException
                    || cause instanceof DataAccessException || cause instanceof TransactionException) {
                return true;
            }
        }
        return false;
    }

    private static Response error(Response.Status status, String type, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type);
        body.put("message", message);
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
    }

    /**
     * 400 when rejected input caused the failure — our validation, or a submitted Json variable the engine cannot
     * parse (named in the problem) —, 409 with its message when the state of the election refused it
     * ({@link ConflictException}: closed, ballot printed), otherwise {@code null}.
     */
    private static Response refusal(Throwable failure) {
        String variable = null;
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            Matcher named = UNREADABLE_VARIABLE.matcher(String.valueOf(cause.getMessage()));
            if (variable == null && named.find()) {
                variable = named.group(1);
            }
            if (cause instanceof SpinRuntimeException && variable != null) {
                return refusal(InvalidInputException.field(variable, "不是有效的JSON"));
            }
            if (cause instanceof ConflictException conflict) {
                return error(Response.Status.CONFLICT, ConflictException.class.getSimpleName(), conflict.getMessage());
            }
            if (cause instanceof InvalidInputException invalid) {
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("type", InvalidInputException.class.getSimpleName());
                body.put("message", invalid.getMessage());
                body.put("problems", invalid.problems());
                body.put("problemCount", invalid.problemCount());
                return Response.status(Response.Status.BAD_REQUEST).type(MediaType.APPLICATION_JSON_TYPE)
                        .entity(body).build();
            }
        }
        return null;
    }
}
