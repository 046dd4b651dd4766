package org.delegateelection.document;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.delegateelection.AuditHistoryProcessTest;
import org.delegateelection.EngineClock;
import org.delegateelection.candidate.Candidate;
import org.delegateelection.candidate.CandidateList;
import org.delegateelection.process.DrivenElections;
import org.delegateelection.process.DrivenElections.Election;
import org.delegateelection.vote.StrokeOrder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The documents over HTTP, downloaded by the demo users of the bodies that use them, from a copy of the handbook
 * election driven through the procedure: the roster at the central review (step 21), the ballot paper of the
 * congress's next round and its JSON (step 23), the election result at the
 * report to the Centre (step 24), the composition chart of a list; the links the forms show; and the answers while
 * a document has no data yet or the election is unknown.
 */
@AuditHistoryProcessTest
class DocumentApiTest {

    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    /** The engine's clock: a Monday of a year the working-day calendar covers (the public notice on the way). */
    @RegisterExtension
    static final EngineClock CLOCK = EngineClock.at(LocalDateTime.of(2022, 6, 6, 9, 0));
    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    private TestRestTemplate rest;
    @Autowired
    private DrivenElections elections;

    @Test
    void theCentralReviewAndTheReportToTheCentreDownloadTheirDocuments() throws Exception {
        Election election = elections.start("t-documents").advancePastNoticeTo("centralReview");
        String base = "/api/elections/" + election.id + "/documents/";
        List<Candidate> prospective = election.people(CandidateList.PROSPECTIVE);

        assertThat((String) election.shownAt("centralReview", "documentLinks"))
                .contains("(" + base + "prospective-roster.pdf)", "(" + base + "prospective-roster.xlsx)",
                        "(" + base + "composition.svg?list=prospective)");

        ResponseEntity<byte[]> pdf = get("yangfan", base + "prospective-roster.pdf");
        assertThat(pdf.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(pdf.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PDF);
        assertThat(pdf.getHeaders().getFirst(HttpHeaders.CONTENT_DISPOSITION)).contains("filename*=UTF-8''"
                + URLEncoder.encode("示例省代表候选人预备人选名册.pdf", StandardCharsets.UTF_8));
        try (PDDocument document = Loader.loadPDF(pdf.getBody())) {
            String text = new PDFTextStripper().getText(document).replaceAll("\\R", "");
            assertThat(text).contains("示例省代表候选人预备人选名册", "共 " + prospective.size() + " 名");
            prospective.forEach(c -> assertThat(text).contains(c.id(), c.name()));
        }
        ResponseEntity<byte[]> xlsx = get("yangfan", base + "prospective-roster.xlsx");
        assertThat(xlsx.getHeaders().getContentType()).isEqualTo(DocumentController.XLSX);
        try (Workbook book = new XSSFWorkbook(new ByteArrayInputStream(xlsx.getBody()))) {
            assertThat(book.getSheet("名册").getLastRowNum()).isEqualTo(1 + prospective.size());
            assertThat(book.getNumberOfSheets()).isEqualTo(1 + prospective.size());
            // each registration form says how the plenary committee voted for the person (step 20, one round)
            Sheet form = book.getSheetAt(1);
            String id = form.getRow(3).getCell(1).getStringCellValue();
            Row vote = form.getRow(form.getLastRowNum());
            assertThat(vote.getCell(0).getStringCellValue()).isEqualTo("全委会表决");
            assertThat(vote.getCell(1).getStringCellValue())
                    .isEqualTo("赞成 " + election.plan.plenaryTally().approvals().get(id) + " 票（第 1 轮）");
        }
        ResponseEntity<byte[]> chart = get("yangfan", base + "composition.svg?list=prospective");
        assertThat(chart.getHeaders().getContentType()).isEqualTo(DocumentController.SVG);
        assertThat(new String(chart.getBody(), StandardCharsets.UTF_8)).startsWith("<?xml")
                .contains("代表候选人预备人选结构情况", "女性（要求高于 29.0%）");
        assertProblem(get("yangfan", base + "election-result.pdf"), HttpStatus.BAD_REQUEST, "election-result",
                "尚未投票计票");

        election.advanceTo("ballotAndCount");
        String paper = base + "ballot-paper.pdf?vote=congress";
        assertThat((String) election.shownAt("ballotAndCount", "documentLinks"))
                .contains("(" + paper + ")", "(" + paper + "&paper=A3)");
        List<String> ballotNames = election.people(CandidateList.BALLOT).stream().map(Candidate::name)
                .sorted(StrokeOrder.NAMES).toList();
        JsonNode ballot = JSON.readTree(get("huangli", "/api/elections/" + election.id + "/ballot?vote=congress")
                .getBody());
        assertThat(ballot.path("title").asText()).isEqualTo("中国共产党示例省代表会议选举出席中国共产党全国代表大会代表选票");
        assertThat(ballot.path("writeIns").asBoolean()).isTrue();
        List<String> printed = new java.util.ArrayList<>();
        ballot.path("candidates").forEach(c -> printed.add(c.path("name").asText()));
        assertThat(printed).containsExactlyElementsOf(ballotNames);
        ResponseEntity<byte[]> ballotPaper = get("huangli", paper);
        assertThat(ballotPaper.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(ballotPaper.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PDF);
        try (PDDocument document = Loader.loadPDF(ballotPaper.getBody())) {
            String text = new PDFTextStripper().getText(document);
            assertThat(text).contains("应选 " + ballot.path("seats").asInt() + " 名", "另选人");
            ballotNames.forEach(name -> assertThat(text).contains(name));
        }
        assertThat(get("yangfan", paper).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertProblem(get("huangli", paper + "&round=3"), HttpStatus.BAD_REQUEST, "round", "没有第 3 轮");
        assertProblem(get("huangli", paper + "&paper=A5"), HttpStatus.BAD_REQUEST, "paper", "A4 或 A3");
        assertProblem(get("huangli", base + "ballot-paper.pdf?vote=preliminary"), HttpStatus.BAD_REQUEST, "vote",
                "不进行预选");

        election.advanceTo("reportResults");
        List<Candidate> elected = election.people(CandidateList.ELECTED);
        assertThat((String) election.shownAt("reportResults", "documentLinks"))
                .contains("(" + base + "election-result.pdf)", "(" + base + "composition.svg?list=elected)");
        ResponseEntity<byte[]> result = get("zhangwei", base + "election-result.pdf");
        assertThat(result.getStatusCode()).isEqualTo(HttpStatus.OK);
        try (PDDocument document = Loader.loadPDF(result.getBody())) {
            String text = new PDFTextStripper().getText(document).replaceAll("\\R", "");
            assertThat(text).contains("示例省代表选举结果", "当选 " + elected.size() + " 名", "第 1 轮投票");
            elected.forEach(c -> assertThat(text).contains(c.name()));
        }
        try (Workbook book = new XSSFWorkbook(new ByteArrayInputStream(
                get("huangli", base + "election-result.xlsx").getBody()))) {
            Sheet sheet = book.getSheet("当选代表");
            List<String> names = new java.util.ArrayList<>();
            for (int r = 2; r <= sheet.getLastRowNum(); r++) {
                names.add(sheet.getRow(r).getCell(1).getStringCellValue());
            }
            assertThat(names).isSortedAccordingTo(StrokeOrder.NAMES)
                    .containsExactlyInAnyOrderElementsOf(elected.stream().map(Candidate::name).toList());
        }
        JsonNode composition = JSON.readTree(get("zhangwei", base + "composition.json?list=elected").getBody());
        assertThat(composition.path("count").asInt()).isEqualTo(elected.size());
    }

    @Test
    void aDocumentWithoutDataOrOfAnUnknownElectionIsRefusedInChinese() throws Exception {
        Election election = elections.start("t-documents-empty");
        String base = "/api/elections/" + election.id + "/documents/";

        assertProblem(get("yangfan", base + "prospective-roster.pdf"), HttpStatus.BAD_REQUEST, "prospective-roster",
                "尚未表决确定代表候选人预备人选");
        assertProblem(get("zhangwei", base + "composition.svg?list=elected"), HttpStatus.BAD_REQUEST, "list",
                "当选代表名单尚未确定");
        assertProblem(get("zhangwei", base + "composition.xlsx?list=confirmed"), HttpStatus.BAD_REQUEST, "list",
                "须为 nominees");
        ResponseEntity<byte[]> unknown = get("zhangwei", "/api/elections/987654/documents/election-result.xlsx");
        assertThat(unknown.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(JSON.readTree(unknown.getBody()).path("message").asText()).contains("987654");
    }

    private ResponseEntity<byte[]> get(String user, String url) {
        return rest.withBasicAuth(user, "demo").getForEntity(url, byte[].class);
    }

    private static void assertProblem(ResponseEntity<byte[]> response, HttpStatus status, String field, String reason)
            throws Exception {
        assertThat(response.getStatusCode()).isEqualTo(status);
        JsonNode problem = JSON.readTree(response.getBody()).path("problems").path(0);
        assertThat(problem.path("field").asText()).isEqualTo(field);
        assertThat(problem.path("reason").asText()).contains(reason);
    }
}
