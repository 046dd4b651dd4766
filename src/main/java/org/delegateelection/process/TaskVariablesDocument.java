package org.delegateelection.process;

import java.util.Map;
import java.util.TreeMap;

import org.delegateelection.procedure.Steps;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.PathParameter;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.tags.Tag;

/**
 * The variables each task's completion may submit, in the OpenAPI document: for every user task of the catalogue of
 * steps ({@link Steps}, which a test keeps equal to the diagrams) the schema {@code TaskVariables.<taskKey>} with
 * the variables the catalogue declares for it (what the engine REST guard lets through), the start form's
 * as {@code TaskVariables.delegate-election.start}, all listed under the extension {@link #EXTENSION} (task key →
 * schema) and referenced from the operation {@code POST /engine-rest/task/{id}/complete}.
 */
@Configuration
public class TaskVariablesDocument {

    /** The extension of the document that maps each task key (and the start form's key) to its schema. */
    public static final String EXTENSION = "x-task-variables";
    /** The prefix of the schemas' names. */
    public static final String SCHEMA_PREFIX = "TaskVariables.";
    /** The completion's path, as the document writes it. */
    public static final String COMPLETE_PATH = "/engine-rest/task/{id}/complete";

    private static final String VARIABLE_VALUE = "CamundaVariableValue";

    /** Adds the schemas, the extension and the completion's operation. */
    @Bean
    OpenApiCustomizer taskVariablesInDocument() {
        return document -> {
            Map<String, String> steps = new TreeMap<>();
            Steps.all().forEach(step -> steps.put(step.key(), step.title()));
            steps.put(Steps.START_FORM, "启动选举（开始表单）");
            Map<String, String> references = new TreeMap<>();
            document.getComponents().addSchemas(VARIABLE_VALUE, new ObjectSchema()
                    .description("Camunda 变量：value 为取值，type 可省略（String、Boolean、Long、Double、Date、Json 等）")
                    .addProperty("value", new Schema<>().description("取值"))
                    .addProperty("type", new StringSchema().description("变量类型")));
            steps.forEach((key, name) -> {
                ObjectSchema variables = new ObjectSchema();
                variables.description(name + "（" + key + "）完成时可提交的变量；提交其他变量答复 400，未保存任何内容");
                variables.additionalProperties(false);
                Steps.declared(key).stream().sorted().forEach(variable -> variables.addProperty(variable,
                        new Schema<>().$ref("#/components/schemas/" + VARIABLE_VALUE)));
                String schema = SCHEMA_PREFIX + key.replace(':', '.');
                document.getComponents().addSchemas(schema, variables);
                references.put(key, "#/components/schemas/" + schema);
            });
            document.addExtension(EXTENSION, references);
            document.addTagsItem(new Tag().name("tasks").description("任务办理（Camunda REST API）"));
            document.path(COMPLETE_PATH, new PathItem().post(completion()));
        };
    }

    private static Operation completion() {
        return new Operation().addTagsItem("tasks").operationId("completeTask")
                .summary("完成任务（Camunda REST API）")
                .description("""
                        办理一个任务：请求体 {"variables": {"<变量名>": {"value": …, "type": …}}}。每个任务可提交的变量\
                        按其任务键（task definition key）见组件 TaskVariables.<任务键>，一览见文档扩展 x-task-variables；\
                        其他变量（如 electionId、quotaPassed 等控制流程的变量）一律拒绝。可由任务的候选组办理。""")
                .addParametersItem(new PathParameter().name("id").description("任务 id").schema(new StringSchema()))
                .requestBody(new RequestBody().required(true).content(new Content().addMediaType("application/json",
                        new MediaType().schema(new ObjectSchema().addProperty("variables", new ObjectSchema()
                                .description("见 TaskVariables.<任务键>")
                                .additionalProperties(new Schema<>().$ref("#/components/schemas/" + VARIABLE_VALUE)))))))
                .responses(new ApiResponses()
                        .addApiResponse("204", new ApiResponse().description("已完成"))
                        .addApiResponse("400", new ApiResponse().$ref("#/components/responses/BadRequest"))
                        .addApiResponse("401", new ApiResponse().$ref("#/components/responses/Unauthorized"))
                        .addApiResponse("403", new ApiResponse().$ref("#/components/responses/Forbidden")));
    }
}
