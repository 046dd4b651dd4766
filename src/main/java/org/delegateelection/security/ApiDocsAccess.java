package org.delegateelection.security;

import java.util.Objects;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.authorization.Groups;
import org.delegateelection.api.ApiDocumentation;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;

/**
 * Who may call what, in the OpenAPI document ({@code /api-docs}): the two ways to log in (HTTP Basic against the
 * engine's users, or the webapps' session for GET), and on each operation of {@code /api} the Chinese summary and the
 * groups of its rule in {@link AccessRules#API_RULES}, with the answers 401 and 403.
 *
 * <p>The document itself ({@link #DOCS_PATH}) is for any authenticated user (HTTP Basic or the webapps' session), as
 * every operation it describes is; anonymous callers get 401 like at {@code /api} ({@link ApiSecurity}). It shows no
 * data of any election, only the shape of the API and the rights, which the README publishes anyway.
 */
@Configuration
public class ApiDocsAccess {

    /** Where springdoc serves the document ({@code springdoc.api-docs.path}). */
    public static final String DOCS_PATH = "/api-docs";

    private static final String BASIC = "basicAuth";
    private static final String SESSION = "webappSession";

    /** The security schemes, and each operation's summary, rights, 401 and 403 from its access rule. */
    @Bean
    OpenApiCustomizer accessRulesInDocument() {
        return document -> {
            document.getComponents()
                    .addSecuritySchemes(BASIC, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")
                            .description("引擎用户的账号和密码（HTTP Basic）"))
                    .addSecuritySchemes(SESSION, new SecurityScheme().type(SecurityScheme.Type.APIKEY)
                            .in(SecurityScheme.In.COOKIE).name("JSESSIONID")
                            .description("已登录 Camunda 网页应用的会话；修改数据的请求还须带 X-XSRF-TOKEN 头"))
                    .addResponses("Unauthorized", error("未登录或密码不正确（带 WWW-Authenticate: Basic）"))
                    .addResponses("Forbidden", error("无权访问：调用者不属于该接口允许的用户组"));
            document.addSecurityItem(new SecurityRequirement().addList(BASIC))
                    .addSecurityItem(new SecurityRequirement().addList(SESSION));
            document.getInfo().setDescription(document.getInfo().getDescription() + "\n\n本文档（" + DOCS_PATH
                    + "）供所有已登录用户查阅，未登录的请求答复 401。/ Any authenticated user may read this document.");
            document.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
                if (path.startsWith("/api/")) {
                    describe(path, method, operation);
                }
            }));
        };
    }

    private static void describe(String path, PathItem.HttpMethod method, Operation operation) {
        AccessRules.ApiRule rule = AccessRules.API_RULES.stream()
                .filter(r -> r.method().equals(HttpMethod.valueOf(method.name()))
                        && shape(r.pattern()).equals(shape(path)))
                .findFirst().orElse(null);
        if (rule != null) {
            operation.setSummary(rule.description());
            String groups = rule.groups().stream().map(ApiDocsAccess::groupName).sorted()
                    .collect(Collectors.joining("、"));
            operation.setDescription(Objects.requireNonNullElse(operation.getDescription(), "")
                    + "\n\n可调用：" + groups);
        }
        operation.getResponses().addApiResponse("401", new ApiResponse().$ref("#/components/responses/Unauthorized"))
                .addApiResponse("403", new ApiResponse().$ref("#/components/responses/Forbidden"));
    }

    /** A path with its variables' names left out: {@code /api/elections/{electionId}} as {@code /api/elections/{}}. */
    private static String shape(String path) {
        return path.replaceAll("\\{[^}]*}", "{}");
    }

    private static String groupName(String group) {
        if (AccessRules.ANYONE.equals(group)) {
            return "所有已登录用户";
        }
        if (AccessRules.UNITS_OF_ELECTION.equals(group)) {
            return "该选举的推荐单位（ru-…）";
        }
        return group + "（" + AccessRules.BODY_GROUPS.getOrDefault(group,
                Groups.CAMUNDA_ADMIN.equals(group) ? "系统管理员" : group) + "）";
    }

    private static ApiResponse error(String description) {
        return new ApiResponse().description(description).content(new Content().addMediaType("application/json",
                new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + ApiDocumentation.ERROR_SCHEMA))));
    }
}
