package org.delegateelection.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import org.delegateelection.ProcessTest;
import org.delegateelection.demo.DemoIdentity;
import org.delegateelection.security.Http;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** {@code GET /api/national/roll-up} over HTTP: the units registered, and a list it does not roll up refused. */
@ProcessTest
class NationalRollUpApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    private int port;

    @Test
    void theCentralOrganizationDepartmentSeesEveryUnitAndAnUnknownListIsRefused() throws Exception {
        Http http = new Http(port, false);

        HttpResponse<String> answer = http.json("GET", "/api/national/roll-up?ageOn=2022-06-30", "yangfan", DemoIdentity.PASSWORD,
                null);

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        JsonNode rollUp = JSON.readTree(answer.body());
        assertThat(rollUp.path("units").asInt()).isEqualTo(rollUp.path("unitFigures").size()).isPositive();
        assertThat(rollUp.path("unitFigures").get(0).path("name").asText()).isEqualTo("示例省");
        assertThat(rollUp.path("unitFigures").get(0).path("seats").asInt()).isEqualTo(69);
        assertThat(rollUp.path("missing").size()).isEqualTo(NationalRollUp.Requirement.values().length);

        HttpResponse<String> refused = http.json("GET", "/api/national/roll-up?list=nominees", "yangfan",
                DemoIdentity.PASSWORD, null);
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(refused.body()).at("/problems/0/field").asText()).isEqualTo("list");
    }
}
