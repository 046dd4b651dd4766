package org.delegateelection.document;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.camunda.bpm.engine.IdentityService;
import org.delegateelection.EngineClock;
import org.delegateelection.ProcessTest;
import org.delegateelection.candidate.CandidateList;
import org.delegateelection.candidate.CandidateRepository;
import org.delegateelection.demo.DemoIdentity;
import org.delegateelection.election.ElectionRepository;
import org.delegateelection.election.ElectionUnit;
import org.delegateelection.process.DrivenElections;
import org.delegateelection.security.Http;
import org.delegateelection.security.TestUsers;
import org.delegateelection.vote.StrokeOrder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * {@code GET /api/national/documents/delegates.xlsx|.pdf} over HTTP: the national list of every unit's elected
 * delegates for the Central Organization Department, refused to a unit's organization department and for a list it
 * does not give; {@code composition.svg}, their composition charted against the Centre's requirements, likewise.
 */
@ProcessTest
class NationalDocumentApiTest {

    @RegisterExtension
    final EngineClock clock = EngineClock.runningFrom(LocalDate.of(2022, 3, 1));

    @LocalServerPort
    private int port;
    @Autowired
    private DrivenElections drivenElections;
    @Autowired
    private ElectionRepository elections;
    @Autowired
    private CandidateRepository candidates;
    @Autowired
    private IdentityService identityService;

    @Test
    void theCentralOrganizationDepartmentDownloadsTheListOfEveryUnitsDelegatesInStrokeOrder() throws Exception {
        drivenElections.start("t-national-list").advancePastNoticeTo("reportResults");
        Http http = new Http(port, false);
        int elected = elections.all().stream().filter(u -> candidates.isDecided(u.id(), CandidateList.ELECTED))
                .mapToInt(u -> candidates.list(u.id(), CandidateList.ELECTED.key()).size()).sum();
        List<String> units = elections.all().stream().map(ElectionUnit::name).distinct().toList();

        HttpResponse<byte[]> xlsx = http.download("GET", "/api/national/documents/delegates.xlsx?list=elected",
                "yangfan", DemoIdentity.PASSWORD, null, null);

        assertThat(xlsx.statusCode()).isEqualTo(200);
        List<List<String>> rows = new ArrayList<>();
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx.body()))) {
            Sheet sheet = workbook.getSheet("代表名单");
            for (int i = 2; i <= sheet.getLastRowNum(); i++) {
                List<String> cells = new ArrayList<>();
                for (org.apache.poi.ss.usermodel.Cell cell : (Row) sheet.getRow(i)) {
                    cells.add(cell.toString());
                }
                rows.add(cells);
            }
        }
        assertThat(rows).hasSize(elected).isNotEmpty();
        List<String> names = rows.stream().map(r -> r.get(1).replaceAll("（.*", "")).toList();
        for (int i = 1; i < names.size(); i++) {
            assertThat(StrokeOrder.NAMES.compare(names.get(i - 1), names.get(i))).isLessThanOrEqualTo(0);
        }
        Map<String, Integer> occurs = new HashMap<>();
        names.forEach(n -> occurs.merge(n, 1, Integer::sum));
        rows.stream().filter(r -> occurs.get(r.get(1).replaceAll("（.*", "")) > 1)
                .forEach(r -> assertThat(r.get(1)).contains(r.get(5)));
        assertThat(rows).extracting(r -> r.get(5)).isSubsetOf(units);

        HttpResponse<byte[]> pdf = http.download("GET", "/api/national/documents/delegates.pdf", "zhoumin",
                DemoIdentity.PASSWORD, null, null);
        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(pdf.headers().firstValue("Content-Type")).hasValue("application/pdf");
        try (PDDocument document = Loader.loadPDF(pdf.body())) {
            assertThat(new PDFTextStripper().getText(document).replaceAll("\\R", ""))
                    .contains("党的全国代表大会当选代表名单", "共 " + elected + " 名");
        }
    }

    @Test
    void theCentralOrganizationDepartmentSeesTheNationalCompositionAgainstTheCentresRequirements() throws Exception {
        drivenElections.start("t-national-chart").advancePastNoticeTo("reportResults");
        Http http = new Http(port, false);

        HttpResponse<String> chart = http.json("GET", "/api/national/documents/composition.svg?ageOn=2022-06-30",
                "yangfan", DemoIdentity.PASSWORD, null);

        assertThat(chart.statusCode()).as(chart.body()).isEqualTo(200);
        assertThat(chart.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("image/svg+xml"));
        int elected = elections.all().stream().filter(u -> candidates.isDecided(u.id(), CandidateList.ELECTED))
                .mapToInt(u -> candidates.list(u.id(), CandidateList.ELECTED.key()).size()).sum();
        assertThat(chart.body()).contains("<svg", "全国当选代表结构情况", "共 " + elected + " 名", "66.67%", "33.33%",
                "29.4%", "50.0%");
        // the four requirements the Centre states across units, and not the others of the shipped rules
        assertThat(chart.body()).doesNotContain("工人（要求约", "农民（要求约");
        HttpResponse<String> confirmed = http.json("GET", "/api/national/documents/composition.svg?list=nominees",
                "zhoumin", DemoIdentity.PASSWORD, null);
        assertThat(confirmed.statusCode()).isEqualTo(400);
        assertThat(confirmed.body()).contains("\"field\":\"list\"");
    }

    @Test
    void aUnitsOrganizationDepartmentIsRefusedAndAnUnknownListIsNamed() {
        TestUsers.ensure(identityService, "t-national-org", "org-dept");
        Http http = new Http(port, false);

        assertThat(http.download("GET", "/api/national/documents/delegates.xlsx", "t-national-org",
                TestUsers.PASSWORD, null, null).statusCode()).isEqualTo(403);
        assertThat(http.download("GET", "/api/national/documents/delegates.pdf", "t-national-org",
                TestUsers.PASSWORD, null, null).statusCode()).isEqualTo(403);
        assertThat(http.download("GET", "/api/national/documents/composition.svg", "t-national-org",
                TestUsers.PASSWORD, null, null).statusCode()).isEqualTo(403);
        HttpResponse<String> unknown = http.json("GET", "/api/national/documents/delegates.xlsx?list=nominees",
                "yangfan", DemoIdentity.PASSWORD, null);
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).contains("\"field\":\"list\"");
    }
}
