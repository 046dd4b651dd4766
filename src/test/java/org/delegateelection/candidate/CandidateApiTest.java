package org.delegateelection.candidate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.camunda.bpm.engine.IdentityService;
import org.delegateelection.api.ApiError;
import org.delegateelection.candidate.CandidateController.ImportResult;
import org.delegateelection.security.AccessRules;
import org.delegateelection.security.TestUsers;
import org.delegateelection.system.Problem;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;
import org.springframework.util.LinkedMultiValueMap;

/** The whole application on a random port, with the registry's REST API and an in-memory database. */
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(properties = {
        "spring.datasource.url=jdbc:h2:mem:candidate-api;DB_CLOSE_DELAY=-1",
        "spring.servlet.multipart.max-file-size=64KB"})
class CandidateApiTest {

    private static final String HEADER =
            "编号,姓名,性别,民族,出生日期,入党时间,正式党员,学历,类别,一线类型,农民工,领域,层级,推荐单位,人大代表,政协委员,省部级以上表彰";

    private static final String ZHANG = "HB-0001,张三,男,汉族,1970-05-01,1995-07-01,是,研究生,党员领导干部,,否,政府,厅局级,city01,是,否,否";

    private static final String LI = "HB-0002,李四,女,回族,1985-03-12,2008-06-30,是,大学,生产和工作第一线,工人,是,企业,无,city02,否,否,是";

    private TestRestTemplate http;

    /** Calls as a user of the organization department. */
    @Autowired
    void authenticate(TestRestTemplate template, IdentityService identityService) {
        TestUsers.ensure(identityService, "org-dept-user", AccessRules.ORG_DEPT);
        http = template.withBasicAuth("org-dept-user", TestUsers.PASSWORD);
    }

    @Autowired
    private JdbcClient jdbc;

    @Autowired
    private CandidateRepository repository;

    private long electionId;

    @BeforeEach
    void insertElection() {
        for (String table : List.of("integrity_record", "list_member", "list_decision", "candidate_change",
                "candidate_version", "candidate", "recommending_unit", "election")) {
            jdbc.sql("delete from " + table).update();
        }
        jdbc.sql("""
                insert into election (code, name, seats, nominee_quota, min_preliminary, women_member_share,
                    min_minorities, leading_cadre_target, frontline_target, min_women_nominees, min_under55_nominees,
                    age_reference_date, centre_nominees_in_addition, tenant_id)
                values ('hubei', '湖北省', 69, 90, 80, 0.2900, 2, 51, 39, 27, 45, date '2022-06-01', true,
                    'handbook-province')""").update();
        electionId = jdbc.sql("select id from election where code = 'hubei'").query(Long.class).single();
        for (String unit : List.of("city01", "city02")) {
            jdbc.sql("insert into recommending_unit (election_id, code, name, nominee_quota) values (:e, :c, :c, 5)")
                    .param("e", electionId).param("c", unit).update();
        }
    }

    @Test
    void importsCsvAndListsTheRegistryWithStatus() {
        ResponseEntity<ImportResult> response =
                post(CandidateController.CSV, csv(HEADER, ZHANG, LI), ImportResult.class);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(response.getBody()).isEqualTo(new ImportResult(electionId, 2, 2, 0, 0));
        ResponseEntity<Candidate[]> registry = http.getForEntity(url(electionId), Candidate[].class);
        assertThat(registry.getBody()).extracting(Candidate::id, Candidate::name, Candidate::status).containsExactly(
                tuple("HB-0001", "张三", CandidateStatus.REGISTERED), tuple("HB-0002", "李四", CandidateStatus.REGISTERED));
        assertThat(http.getForObject(url(electionId), String.class))
                .contains("\"birthDate\":\"1970-05-01\"", "\"frontlineKind\":\"WORKER\"", "\"status\":\"REGISTERED\"");
    }

    @Test
    void importsJsonAgainUpdatingPeopleAndKeepingTheirStatus() {
        post(CandidateController.CSV, csv(HEADER, ZHANG), ImportResult.class);
        repository.updateStatus(electionId, List.of("HB-0001"), CandidateStatus.NOMINATED, "tester");
        String json = """
                [{"id": "HB-0001", "name": "张珊", "gender": "女", "ethnicity": "汉族", "birthDate": "1970-05-01",
                  "joinedPartyOn": "1995-07-01", "fullMember": true, "education": "研究生", "category": "党员领导干部",
                  "recommendingUnit": "city01"},
                 {"id": "HB-0003", "name": "王五", "gender": "男", "ethnicity": "壮族", "birthDate": "1980-01-01",
                  "joinedPartyOn": "2001-07-01", "fullMember": true, "education": "大专", "category": "生产和工作第一线",
                  "frontlineKind": "农民", "recommendingUnit": "city02"}]""";

        ResponseEntity<ImportResult> response =
                post(MediaType.APPLICATION_JSON_VALUE, json.getBytes(StandardCharsets.UTF_8), ImportResult.class);

        assertThat(response.getBody()).isEqualTo(new ImportResult(electionId, 2, 1, 1, 0));
        assertThat(repository.findAll(electionId)).extracting(Candidate::id, Candidate::name, Candidate::status)
                .containsExactly(tuple("HB-0001", "张珊", CandidateStatus.NOMINATED),
                        tuple("HB-0003", "王五", CandidateStatus.REGISTERED));
    }

    @Test
    void rejectsABadFileWithAllItsProblemsAndStoresNothing() {
        post(CandidateController.CSV, csv(HEADER, ZHANG), ImportResult.class);
        List<Candidate> before = repository.findAll(electionId);
        String renamedZhang = ZHANG.replace("张三", "张珊");
        String badUnit = LI.replace("city02", "city99");
        String badGender = LI.replace("HB-0002", "HB-0004").replace(",女,", ",F,");

        ResponseEntity<ApiError> response =
                post(CandidateController.CSV, csv(HEADER, renamedZhang, badUnit, badGender), ApiError.class);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(response.getBody().problems()).extracting(Problem::row, Problem::field)
                .containsExactly(tuple(3, "推荐单位"), tuple(4, "性别"));
        assertThat(repository.findAll(electionId)).isEqualTo(before);
    }

    @Test
    void importsAnUploadedWorkbookAndACsvUploadNamedByItsFileName() throws IOException {
        ResponseEntity<ImportResult> workbook = upload(xlsx(HEADER, ZHANG), "人选.xlsx", CandidateController.XLSX);
        ResponseEntity<ImportResult> csv = upload(csv(HEADER, LI), "人选.csv", "application/vnd.ms-excel");

        assertThat(workbook.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(workbook.getBody()).isEqualTo(new ImportResult(electionId, 1, 1, 0, 0));
        assertThat(csv.getBody()).isEqualTo(new ImportResult(electionId, 1, 1, 0, 0));
        assertThat(repository.findAll(electionId)).extracting(Candidate::id).containsExactly("HB-0001", "HB-0002");
    }

    @Test
    void rejectsAnUploadOfUnknownFormatOrWithoutFile() {
        ResponseEntity<ApiError> unknown =
                upload(csv(HEADER, LI), "人选.txt", MediaType.TEXT_PLAIN_VALUE, ApiError.class);
        LinkedMultiValueMap<String, Object> noFile = new LinkedMultiValueMap<>(Map.of("other", List.of("x")));
        ResponseEntity<ApiError> missing = http.postForEntity(url(electionId),
                new HttpEntity<>(noFile, headers(MediaType.MULTIPART_FORM_DATA_VALUE)), ApiError.class);

        assertThat(unknown.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(unknown.getBody().problems()).extracting(Problem::field).containsExactly("file");
        assertThat(missing.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(missing.getBody().problems()).extracting(Problem::field).containsExactly("file");
        assertThat(repository.findAll(electionId)).isEmpty();
    }

    @Test
    void answers404ForAnUnknownElection() {
        ResponseEntity<ApiError> get = http.getForEntity(url(electionId + 1), ApiError.class);
        ResponseEntity<ApiError> post = http.postForEntity(url(electionId + 1),
                new HttpEntity<>(csv(HEADER, ZHANG), headers(CandidateController.CSV)), ApiError.class);

        assertThat(get.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(post.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(post.getBody().message()).contains(String.valueOf(electionId + 1));
    }

    @Test
    void refusesFilesOverTheSizeLimit() {
        byte[] large = csv(HEADER, ZHANG, "x".repeat(70 * 1024));

        ResponseEntity<ApiError> body = post(CandidateController.CSV, large, ApiError.class);
        ResponseEntity<ApiError> upload = upload(large, "人选.csv", CandidateController.CSV, ApiError.class);

        assertThat(body.getStatusCode()).isEqualTo(HttpStatus.PAYLOAD_TOO_LARGE);
        assertThat(body.getBody().message()).contains("64 KB");
        assertThat(upload.getStatusCode()).isEqualTo(HttpStatus.PAYLOAD_TOO_LARGE);
        assertThat(upload.getBody().message()).contains("64 KB");
    }

    @Test
    void storesAllOrNothingWhenTheDatabaseRefusesARow() {
        post(CandidateController.CSV, csv(HEADER, ZHANG), ImportResult.class);
        List<Candidate> before = repository.findAll(electionId);
        Candidate renamed = CandidateRepositoryTest.person("HB-0001", "张珊", "city01", null);
        Candidate unknownUnit = CandidateRepositoryTest.person("HB-0009", "赵六", "no-such-unit", null);

        assertThatThrownBy(() -> repository.saveAll(electionId, List.of(renamed, unknownUnit), "tester", null))
                .isInstanceOf(DataIntegrityViolationException.class);
        assertThat(repository.findAll(electionId)).isEqualTo(before);
    }

    private <T> ResponseEntity<T> post(String contentType, byte[] content, Class<T> answer) {
        return http.postForEntity(url(electionId), new HttpEntity<>(content, headers(contentType)), answer);
    }

    private ResponseEntity<ImportResult> upload(byte[] content, String fileName, String contentType) {
        return upload(content, fileName, contentType, ImportResult.class);
    }

    private <T> ResponseEntity<T> upload(byte[] content, String fileName, String contentType, Class<T> answer) {
        ByteArrayResource file = new ByteArrayResource(content) {
            @Override
            public String getFilename() {
                return fileName;
            }
        };
        LinkedMultiValueMap<String, Object> form = new LinkedMultiValueMap<>();
        form.add("file", new HttpEntity<>(file, headers(contentType)));
        HttpEntity<?> request = new HttpEntity<>(form, headers(MediaType.MULTIPART_FORM_DATA_VALUE));
        return http.postForEntity(url(electionId), request, answer);
    }

    private static HttpHeaders headers(String contentType) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.parseMediaType(contentType));
        return headers;
    }

    private static String url(long election) {
        return "/api/elections/" + election + "/candidates";
    }

    private static byte[] csv(String... lines) {
        return (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] xlsx(String... lines) throws IOException {
        try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            XSSFSheet sheet = workbook.createSheet();
            for (int index = 0; index < lines.length; index++) {
                Row row = sheet.createRow(index);
                String[] values = lines[index].split(",", -1);
                for (int column = 0; column < values.length; column++) {
                    row.createCell(column).setCellValue(values[column]);
                }
            }
            workbook.write(out);
            return out.toByteArray();
        }
    }
}
