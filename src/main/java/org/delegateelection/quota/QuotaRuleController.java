package org.delegateelection.quota;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.delegateelection.security.CurrentUser;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.SchemaProperty;

/** {@code /api/elections/{id}/rules}: the structural quota rules in force for an election, and their changes. */
@RestController
@RequestMapping("/api/elections/{id}/rules")
public class QuotaRuleController {

    private final QuotaRuleService service;
    private final CurrentUser currentUser;

    public QuotaRuleController(QuotaRuleService service, CurrentUser currentUser) {
        this.service = service;
        this.currentUser = currentUser;
    }

    /**
     * The rules in force, in the order of the reports: id, kind, label, threshold, checkpoints, blocking, regulation,
     * and source (shipped, or changed or added by whom and when); 404 for an unknown election.
     */
    @GetMapping
    public List<EffectiveRule> rules(@PathVariable long id) {
        return service.effective(id);
    }

    /**
     * Changes a rule, or adds one of a known kind under a new id (org-dept and administrators): the body holds the
     * fields to set ({@code kind}, {@code label}, {@code regulation}, {@code threshold}, {@code checkpoints},
     * {@code blocking}, {@code exception}); fields left out keep their value. 200 with the rule in force, 201 for a
     * new rule; 400 naming the field and the allowed values (an unknown kind or checkpoint, a threshold outside 0–1,
     * i.e. 0–100 %, a field a shipped rule keeps) or {@code checkpoints} when a list the rule checks was already
     * decided; nothing stored then.
     *
     * @param ruleId the rule's id, e.g. "minoritiesShare" (camelCase)
     */
    @PutMapping("/{ruleId}")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(description = "要设置的字段，未给出的字段保持原值",
            content = @Content(mediaType = "application/json", schemaProperties = {
                    @SchemaProperty(name = "kind", schema = @Schema(implementation = RuleKind.class)),
                    @SchemaProperty(name = "label", schema = @Schema(type = "string", example = "少数民族代表比例")),
                    @SchemaProperty(name = "regulation", schema = @Schema(type = "string")),
                    @SchemaProperty(name = "threshold", schema = @Schema(type = "object",
                            example = "{\"minShare\": 0.4}", description = "the kind's thresholds by name: "
                            + "minShare, maxShare, aboveShare, minSurplus, referenceShare (fractions 0–1), "
                            + "tolerancePoints (0–100), frontlineKind, cadreLevels")),
                    @SchemaProperty(name = "checkpoints", array = @ArraySchema(schema = @Schema(
                            implementation = Checkpoint.class))),
                    @SchemaProperty(name = "blocking", schema = @Schema(type = "boolean")),
                    @SchemaProperty(name = "exception", schema = @Schema(
                            implementation = QuotaRule.AuthorisedException.class))}))
    public ResponseEntity<EffectiveRule> change(@PathVariable long id, @PathVariable String ruleId,
            @RequestBody(required = false) JsonNode change) {
        boolean added = service.effective(id).stream().noneMatch(rule -> rule.id().equals(ruleId));
        EffectiveRule rule = service.change(id, ruleId, change, currentUser.id());
        return ResponseEntity.status(added ? HttpStatus.CREATED : HttpStatus.OK).body(rule);
    }
}
