package org.delegateelection.security;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.delegateelection.api.ApiError;
import org.delegateelection.system.Problem;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

/**
 * Guards both mounts of Camunda's REST API — {@code /engine-rest/**} and the webapps' {@code /camunda/api/engine/**}
 * — before a request reaches the engine:
 * <ul>
 * <li>a body's user works on tasks and reads: GET, HEAD, OPTIONS, the queries sent as POST, claim, unclaim,
 * complete, submit-form, a comment on a task, and the start form of an election; every other call (variables,
 * modification, migration, suspension, jobs and their due dates, messages, signals, deletion, identity, …) is for
 * administrators ({@code camunda-admin}) only, and the engine's operation log names who made it;</li>
 * <li>nobody, administrators included, sends a variable of type {@code Object} or a serialized object (a class
 * named by the caller would be instantiated when the value is read), nor uploads a variable's binary data;</li>
 * <li>a task completion or a start form carries only the variables its step declares ({@link SubmissionVariables}: the catalogue of steps).</li>
 * </ul>
 * A body's user holds READ and TASK_WORK on its tasks, which let him claim and complete but not unclaim (the engine
 * asks TASK_ASSIGN for that, which would also let him hand the task to anybody): his unclaim of a task assigned to
 * himself is carried out here, under his name in the operation log.
 * Refusals: 403 with a neutral body, or 400 with the problems naming each variable. The engine's own authorization
 * checks still apply to whatever passes.
 */
class EngineRestGuard extends OncePerRequestFilter {

    /** The largest JSON body the engine's REST API takes (typed ballots are at most 4,000 characters). */
    static final int MAX_BODY_BYTES = 1 << 20;

    private static final ObjectMapper JSON = new ObjectMapper();

    /** An engine named in the path, {@code /engine/{name}}, which both mounts accept before the resource. */
    private static final Pattern NAMED_ENGINE = Pattern.compile("^/engine/[^/]+(?=/|$)");
    private static final Pattern TASK_WORK = Pattern.compile(
            "/task/([^/]+)/(claim|unclaim|complete|submit-form|comment/create)");
    private static final Pattern UNCLAIM = Pattern.compile("/task/([^/]+)/unclaim");
    private static final Pattern COMPLETION = Pattern.compile("/task/([^/]+)/(complete|submit-form)");
    /** The start form of an election: {@code delegate-election}'s, by key or by definition id ({@code key:version:…}). */
    private static final Pattern START_FORM = Pattern.compile("/process-definition/(key/" + AccessRules.ELECTION_PROCESS
            + "|" + AccessRules.ELECTION_PROCESS + ":[^/]+)/submit-form");
    /** The queries the REST API takes as POST (their body is the query): Tasklist and Cockpit send them. */
    private static final Pattern QUERY = Pattern.compile("(/history)?/(task|process-instance|execution|"
            + "variable-instance|job|external-task|activity-instance|detail|external-task-log)(/count)?"
            + "|/filter/[^/]+/(list|count|singleResult)");
    private static final Pattern BINARY_VARIABLE = Pattern.compile(".*/(variables|localVariables)/[^/]+/data");

    private final IdentityService identityService;
    private final TaskService taskService;
    private final CallerChecked callerChecked;
    private final SubmissionVariables submissionVariables;
    private final UnitTenants tenants;

    EngineRestGuard(IdentityService identityService, TaskService taskService, CallerChecked callerChecked,
            SubmissionVariables submissionVariables, UnitTenants tenants) {
        this.tenants = tenants;
        this.submissionVariables = submissionVariables;
        this.identityService = identityService;
        this.taskService = taskService;
        this.callerChecked = callerChecked;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Caller caller = caller(request);
        if (caller == null) {
            // not logged in: the mount answers 401 itself
            chain.doFilter(request, response);
            return;
        }
        String method = request.getMethod();
        String path = resourcePath(request);
        boolean admin = caller.groups().contains(Groups.CAMUNDA_ADMIN);
        Matcher unclaim = UNCLAIM.matcher(path);
        if (!admin && method.equals("POST") && unclaim.matches() && releasedOwnClaim(caller, unclaim.group(1))) {
            response.setStatus(HttpServletResponse.SC_NO_CONTENT);
            return;
        }
        if (method.equals("POST") && BINARY_VARIABLE.matcher(path).matches()) {
            forbidden(response);
            return;
        }
        if (!admin && !allowedToBodies(method, path)) {
            forbidden(response);
            return;
        }
        if (!method.equals("POST") && !method.equals("PUT") || !isJson(request)) {
            chain.doFilter(request, response);
            return;
        }
        byte[] body = request.getInputStream().readNBytes(MAX_BODY_BYTES + 1);
        if (body.length > MAX_BODY_BYTES) {
            error(response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, new ApiError("请求内容超过 "
                    + MAX_BODY_BYTES / 1024 + " KB", List.of()));
            return;
        }
        JsonNode json;
        try {
            json = body.length == 0 ? null : JSON.readTree(body);
        } catch (JacksonException e) {
            json = null;
        }
        List<Problem> problems = new ArrayList<>();
        if (json != null) {
            objectValues(json, "", problems);
            undeclared(caller, admin, path, json, problems);
        }
        if (!problems.isEmpty()) {
            error(response, HttpServletResponse.SC_BAD_REQUEST, new ApiError("提交的变量不被接受，未保存任何内容",
                    problems));
            return;
        }
        chain.doFilter(new CachedBody(request, body), response);
    }

    /** What a body's user may call: reads, queries and the work on a task or the start of an election. */
    static boolean allowedToBodies(String method, String path) {
        return switch (method) {
            case "GET", "HEAD", "OPTIONS" -> true;
            case "POST" -> TASK_WORK.matcher(path).matches() || START_FORM.matcher(path).matches()
                    || QUERY.matcher(path).matches();
            default -> false;
        };
    }

    /** The resource's path below the mount and the optional {@code /engine/{name}}, without a trailing slash. */
    static String resourcePath(HttpServletRequest request) {
        String path = request.getPathInfo() == null ? "" : request.getPathInfo();
        path = NAMED_ENGINE.matcher(path).replaceFirst("");
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        return path;
    }

    /** Who calls: the engine user id and groups. */
    private record Caller(String userId, Set<String> groups) {
    }

    /**
     * The caller: for {@code /engine-rest} from the request's authentication (HTTP Basic), for the webapps' mount
     * from their session; {@code null} when nobody is logged in.
     */
    private static Caller caller(HttpServletRequest request) {
        var authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.isAuthenticated() && authentication.getName() != null
                && !"anonymousUser".equals(authentication.getName())) {
            return new Caller(authentication.getName(), authentication.getAuthorities().stream()
                    .map(GrantedAuthority::getAuthority).collect(Collectors.toSet()));
        }
        HttpSession session = request.getSession(false);
        if (session == null) {
            return null;
        }
        return AuthenticationUtil.getAuthsFromSession(session).getAuthentications().stream().findFirst()
                .map(user -> new Caller(user.getName(), Set.copyOf(user.getGroupIds()))).orElse(null);
    }

    /** Unclaims the task when it is assigned to the caller; false (nothing done) otherwise. */
    private boolean releasedOwnClaim(Caller caller, String taskId) {
        Task task = taskOf(taskId);
        if (task == null || !caller.userId().equals(task.getAssignee())) {
            return false;
        }
        Authentication before = identityService.getCurrentAuthentication();
        identityService.setAuthentication(caller.userId(), List.copyOf(caller.groups()));
        try {
            callerChecked.withoutEngineChecks(() -> {
                taskService.setAssignee(taskId, null);
                return null;
            });
        } finally {
            identityService.clearAuthentication();
            if (before != null) {
                identityService.setAuthentication(before);
            }
        }
        return true;
    }

    /** Every variable value of type Object, or with an object type name, anywhere in the body. */
    private static void objectValues(JsonNode node, String where, List<Problem> problems) {
        if (node.isObject()) {
            boolean objectType = node.path("type").isTextual() && node.path("type").asText().equalsIgnoreCase("object");
            boolean named = node.path("valueInfo").has("objectTypeName")
                    || node.path("valueInfo").has("serializationDataFormat");
            if (objectType || named) {
                problems.add(new Problem(null, where.isEmpty() ? "value" : where,
                        "不接受 Object 类型或序列化对象的变量"));
                return;
            }
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                objectValues(field.getValue(), field.getKey(), problems);
            }
        } else if (node.isArray()) {
            node.forEach(element -> objectValues(element, where, problems));
        }
    }

    /**
     * A completion or start form naming variables its step does not declare: one problem per variable. Nothing for
     * a task of another electoral unit than the caller's, which the engine then refuses without naming its step.
     */
    private void undeclared(Caller caller, boolean admin, String path, JsonNode json, List<Problem> problems) {
        Set<String> declared;
        String stepName;
        Matcher completion = COMPLETION.matcher(path);
        if (completion.matches()) {
            Task task = taskOf(completion.group(1));
            if (task == null || !admin && task.getTenantId() != null
                    && !tenants.of(caller.userId()).contains(task.getTenantId())) {
                return;
            }
            declared = submissionVariables.ofTask(task.getTaskDefinitionKey());
            stepName = task.getName();
        } else if (START_FORM.matcher(path).matches()) {
            declared = submissionVariables.ofStartForm();
            stepName = "登记选举单位";
        } else {
            return;
        }
        Map<String, Boolean> named = new LinkedHashMap<>();
        json.path("variables").fieldNames().forEachRemaining(name -> named.put(name, declared.contains(name)));
        for (Map.Entry<String, Boolean> variable : named.entrySet()) {
            if (!variable.getValue()) {
                problems.add(new Problem(null, variable.getKey(), "不是本步骤（" + stepName
                        + "）的提交项，可提交：" + declared.stream().sorted().collect(Collectors.joining("、"))));
            }
        }
    }

    /**
     * The task, looked up without the caller's authorization: only its step and assignee are used here, and the
     * engine then answers the caller as his rights say ({@code null} for an unknown task).
     */
    private Task taskOf(String taskId) {
        return callerChecked.withoutEngineChecks(() -> taskService.createTaskQuery().taskId(taskId).singleResult());
    }

    private static boolean isJson(HttpServletRequest request) {
        String type = request.getContentType();
        return type == null || type.toLowerCase().contains("json");
    }

    private static void forbidden(HttpServletResponse response) throws IOException {
        error(response, HttpServletResponse.SC_FORBIDDEN, new ApiError("无权访问", List.of()));
    }

    private static void error(HttpServletResponse response, int status, ApiError error) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json;charset=UTF-8");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", status == HttpServletResponse.SC_FORBIDDEN ? "AuthorizationException"
                : "InvalidInputException");
        body.put("message", error.message());
        body.put("problems", error.problems());
        JSON.writeValue(response.getOutputStream(), body);
    }

    /** The request with its body read once and given again to the REST API. */
    private static final class CachedBody extends HttpServletRequestWrapper {

        private final byte[] body;

        CachedBody(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream bytes = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public boolean isFinished() {
                    return bytes.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException();
                }

                @Override
                public int read() {
                    return bytes.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return bytes.read(b, off, len);
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            return new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
        }
    }
}
