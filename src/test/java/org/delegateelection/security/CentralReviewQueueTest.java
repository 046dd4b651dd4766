package org.delegateelection.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.camunda.bpm.engine.IdentityService;
import org.delegateelection.ProcessTest;
import org.delegateelection.demo.DemoIdentity;
import org.delegateelection.process.DrivenElections;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The Central Organization Department's review queue in Tasklist: the filter 待审查的预备人选 holds the central review
 * (step 21) of every electoral unit, the one reported first on top, each task with the unit's name and seats (its form
 * shows the prospective list, the quota report and the competitive ratio); the organization department of a unit
 * cannot open it.
 */
@ProcessTest
class CentralReviewQueueTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    private DrivenElections elections;
    @Autowired
    private IdentityService identityService;
    @LocalServerPort
    private int port;

    @Test
    void theCentralReviewsOfEveryUnitAreOneQueueInTheOrderTheyArrived() throws Exception {
        // the unit started second reports first
        DrivenElections.Election second = elections.start("t-review-queue-second");
        DrivenElections.Election first = elections.start("t-review-queue-first");
        first.advanceTo("centralReview");
        second.advanceTo("centralReview");
        Http http = new Http(port, false);
        String name = URLEncoder.encode(AccessSetup.CENTRAL_REVIEWS, StandardCharsets.UTF_8);

        JsonNode filters = JSON.readTree(http.json("GET", "/engine-rest/filter?name=" + name, "yangfan",
                DemoIdentity.PASSWORD, null).body());
        assertThat(filters).hasSize(1);
        String filterId = filters.get(0).path("id").asText();
        HttpResponse<String> list = http.send("POST", "/engine-rest/filter/" + filterId + "/list?maxResults=1000",
                "yangfan", DemoIdentity.PASSWORD, "{}", "application/json", "Accept", "application/hal+json");

        assertThat(list.statusCode()).as(list.body()).isEqualTo(200);
        JsonNode embedded = JSON.readTree(list.body()).path("_embedded");
        List<String> instances = new ArrayList<>();
        embedded.path("task").forEach(task -> {
            assertThat(task.path("taskDefinitionKey").asText()).isEqualTo("centralReview");
            instances.add(task.path("processInstanceId").asText());
        });
        assertThat(instances.stream().filter(Set.of(first.instance.getId(), second.instance.getId())::contains))
                .containsExactly(first.instance.getId(), second.instance.getId());
        List<String> shown = new ArrayList<>();
        embedded.path("task").get(instances.indexOf(first.instance.getId())).path("_embedded").path("variable")
                .forEach(variable -> shown.add(variable.path("name").asText() + "=" + variable.path("value")));
        assertThat(shown).containsExactlyInAnyOrder("electionName=\"" + DrivenElections.UNIT.name() + "\"",
                "seats=" + DrivenElections.UNIT.seats());

        // a unit's organization department (not an administrator, as the demo's zhangwei also is)
        TestUsers.ensure(identityService, "review-queue-clerk", AccessRules.ORG_DEPT);
        assertThat(http.json("GET", "/engine-rest/filter?name=" + name, "review-queue-clerk", TestUsers.PASSWORD,
                null).body()).isEqualTo("[]");
        assertThat(http.send("POST", "/engine-rest/filter/" + filterId + "/list", "review-queue-clerk",
                TestUsers.PASSWORD, "{}", "application/json").statusCode()).isEqualTo(403);
    }
}
