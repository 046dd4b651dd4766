package org.delegateelection.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.IntStream;

import org.apache.poi.ss.usermodel.FormulaError;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.PasswordPolicy;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.delegateelection.election.RecommendingUnit;
import org.delegateelection.system.InvalidInputException;
import org.delegateelection.system.Problem;
import org.delegateelection.system.Sheets;
import org.delegateelection.system.TableFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The user import as the organization department meets it, on an engine of its own (no Spring, H2 in memory, the
 * application's authorization checks, password policy and id whitelist): the body groups and the groups of two
 * recommending units exist as {@link AccessSetup} makes them; the import runs as an organization department clerk,
 * with the engine knowing the caller as it does for a REST call. What the answer over HTTP holds is tested in
 * {@code ProductionWalkthroughTest}.
 */
class UserImportTest {

    private static final String HEADER = "账号,姓名,所属机关或推荐单位,电子邮箱\n";
    private static final String CLERK = "clerk";
    private static final String ADMIN = "chief";

    private static ProcessEngineConfigurationImpl configuration;
    private static ProcessEngine engine;
    private static IdentityService identity;
    private static UserImport userImport;
    private static JdbcClient jdbc;

    @BeforeAll
    static void engineWithTheApplicationsGroups() {
        configuration = (ProcessEngineConfigurationImpl) new StandaloneInMemProcessEngineConfiguration()
                .setJdbcUrl("jdbc:h2:mem:user-import-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1")
                .setDatabaseSchemaUpdate("create-drop")
                .setAuthorizationEnabled(true)
                .setProcessEngineName("user-import-test");
        configuration.setEnablePasswordPolicy(true);
        configuration.setGeneralResourceWhitelistPattern("[a-zA-Z0-9-]+");
        engine = configuration.buildProcessEngine();
        identity = engine.getIdentityService();
        AccessSetup access = new AccessSetup(identity, engine.getAuthorizationService(), engine.getFilterService(),
                engine.getTaskService());
        access.createIfAbsent();
        access.unitGroups(List.of(new RecommendingUnit("city01", "东川市", 8),
                new RecommendingUnit("organs", "省直机关", 12)));
        CallerChecked callerChecked = new CallerChecked(configuration);
        // the repository of elections is not asked: it only gives the units of elections at start-up
        userImport = new UserImport(identity, callerChecked, new UnitTenants(identity, callerChecked, null));
        jdbc = JdbcClient.create(configuration.getDataSource());
    }

    /** Only the clerk and an administrator exist; the clerk is calling. */
    @BeforeEach
    void theClerkAndTheAdministrator() {
        identity.clearAuthentication();
        identity.createUserQuery().list().forEach(user -> identity.deleteUser(user.getId()));
        TestUsers.ensure(identity, CLERK, AccessRules.ORG_DEPT);
        TestUsers.ensure(identity, ADMIN, Groups.CAMUNDA_ADMIN, AccessRules.ORG_DEPT);
        identity.setAuthentication(CLERK, List.of(AccessRules.ORG_DEPT));
    }

    @AfterAll
    static void closeEngine() {
        identity.clearAuthentication();
        engine.close();
    }

    @Test
    void aCsvFileCreatesEachPersonWithTheGroupsNamedByIdNameOrUnit() {
        UserImport.Result result = importCsv(HEADER
                + "wangjun,王军,standing-committee,wangjun@example.org\n"
                + "liming,李明,组织部,\n"
                + "wuhao,吴浩,东川市,\n"
                + "songjia,宋佳,省直机关党委,songjia@example.org\n"
                + "zhaoqiang,赵强,\"纪委监委、考察组, ru-city01；省直机关\",\n");

        assertThat(result.created()).isEqualTo(5);
        assertThat(result.updated()).isZero();
        assertThat(result.people()).extracting(UserImport.Imported::userId, UserImport.Imported::name)
                .containsExactly(tuple("wangjun", "王军"), tuple("liming", "李明"), tuple("wuhao", "吴浩"),
                        tuple("songjia", "宋佳"), tuple("zhaoqiang", "赵强"));
        assertThat(groupsOf("wangjun")).containsExactly("standing-committee");
        assertThat(groupsOf("liming")).containsExactly(AccessRules.ORG_DEPT);
        assertThat(groupsOf("wuhao")).containsExactly("ru-city01");
        assertThat(groupsOf("songjia")).containsExactly("ru-organs");
        assertThat(groupsOf("zhaoqiang")).containsExactlyInAnyOrder("discipline-commission", "inspection-team",
                "ru-city01", "ru-organs");
        User wangjun = user("wangjun");
        // the webapps show "first name last name": the whole Chinese name is the first name
        assertThat(wangjun.getFirstName()).isEqualTo("王军");
        assertThat(wangjun.getLastName()).isEmpty();
        assertThat(wangjun.getEmail()).isEqualTo("wangjun@example.org");
        assertThat(user("liming").getEmail()).isNull();
    }

    @Test
    void anXlsxFileIsReadLikeTheCsv() {
        UserImport.Result result = importXlsx(List.of(List.of("姓名", "账号", "所属机关或推荐单位"),
                List.of("王军", "wangjun", "常委会"), List.of("吴浩", "wuhao", "东川市党委")));

        assertThat(result.created()).isEqualTo(2);
        assertThat(groupsOf("wangjun")).containsExactly("standing-committee");
        assertThat(groupsOf("wuhao")).containsExactly("ru-city01");
        assertThat(user("wuhao").getFirstName()).isEqualTo("吴浩");
    }

    @Test
    void everyInitialPasswordMeetsThePolicyAndOpensItsAccount() {
        // one-letter accounts: a random password that contains the account (in any case) breaks the policy
        List<String> accounts = IntStream.rangeClosed('a', 'z').mapToObj(c -> String.valueOf((char) c)).toList();
        StringBuilder file = new StringBuilder(HEADER);
        accounts.forEach(account -> file.append(account).append(",人员").append(account).append(",组织部,\n"));

        UserImport.Result result = importCsv(file.toString());

        assertThat(result.created()).isEqualTo(26);
        for (UserImport.Imported person : result.people()) {
            String password = person.initialPassword();
            assertThat(identity.checkPasswordAgainstPolicy(password, user(person.userId())).isValid())
                    .as(person.userId() + " " + password).isTrue();
            assertThat(loginWorks(person.userId(), password)).isTrue();
        }
        assertThat(result.people()).extracting(UserImport.Imported::initialPassword).doesNotHaveDuplicates();
    }

    @Test
    void withThePasswordPolicyOffAsInTheDemoANewAccountStillGetsAnInitialPassword() {
        PasswordPolicy policy = configuration.getPasswordPolicy();
        configuration.setEnablePasswordPolicy(false);
        configuration.setPasswordPolicy(null);
        try {
            UserImport.Result result = importCsv(HEADER + "wangjun,王军,常委会,\n");

            assertThat(loginWorks("wangjun", result.people().get(0).initialPassword())).isTrue();
        } finally {
            configuration.setEnablePasswordPolicy(true);
            configuration.setPasswordPolicy(policy);
        }
    }

    @Test
    void anExistingPersonGetsTheNewNameEmailAndGroupsAndKeepsThePassword() {
        unchecked(() -> TestUsers.ensure(identity, "wangjun", "standing-committee", "ru-city01"));

        UserImport.Result result = importCsv(HEADER + "wangjun,王俊,全委会、省直机关,wj@example.org\n");

        assertThat(result.created()).isZero();
        assertThat(result.updated()).isEqualTo(1);
        assertThat(result.people()).extracting(UserImport.Imported::initialPassword).containsOnlyNulls();
        assertThat(user("wangjun").getFirstName()).isEqualTo("王俊");
        assertThat(user("wangjun").getEmail()).isEqualTo("wj@example.org");
        assertThat(groupsOf("wangjun")).containsExactlyInAnyOrder("plenary-committee", "ru-organs");
        assertThat(loginWorks("wangjun", TestUsers.PASSWORD)).isTrue();
    }

    @Test
    void anAdministratorsImportKeepsAnAdministratorsMembershipOfTheAdministrators() {
        identity.setAuthentication(ADMIN, List.of(Groups.CAMUNDA_ADMIN, AccessRules.ORG_DEPT));

        importCsv(HEADER + ADMIN + ",陈主任,组织部、常委会,\n");

        assertThat(groupsOf(ADMIN)).containsExactlyInAnyOrder(Groups.CAMUNDA_ADMIN, AccessRules.ORG_DEPT,
                "standing-committee");
        assertThat(user(ADMIN).getFirstName()).isEqualTo("陈主任");
        assertThat(loginWorks(ADMIN, TestUsers.PASSWORD)).isTrue();
    }

    @Test
    void aFileWithBadRowsIsRefusedWholeWithEveryRowAndReasonAndNothingStored() {
        unchecked(() -> TestUsers.ensure(identity, "wangjun", "standing-committee"));
        String before = identities();

        assertThat(refused(HEADER
                + "liming,李明,组织部,liming@example.org\n"
                + "张三,张三,组织部,\n"
                + "a b,王五,组织部,\n"
                + "zhaoliu,,组织部,\n"
                + "sunqi,孙七,宣传部,\n"
                + "zhouba,周八,camunda-admin,\n"
                + "liming,李明明,常委会,\n"
                + "wujiu,吴九,组织部,wujiu@\n"
                + ADMIN + ",陈主任,组织部,\n"
                + "zhengshi,郑十,,\n"
                + "wangjun,王军,常委会,\n"))
                .extracting(Problem::row, Problem::field)
                .containsExactly(tuple(3, "账号"), tuple(4, "账号"), tuple(5, "姓名"), tuple(6, "所属机关或推荐单位"),
                        tuple(7, "所属机关或推荐单位"), tuple(8, "账号"), tuple(9, "电子邮箱"), tuple(10, "账号"),
                        tuple(11, "所属机关或推荐单位"));
        assertThat(identities()).isEqualTo(before);
    }

    @Test
    void eachBadRowSaysWhy() {
        List<Problem> problems = refused(HEADER
                + "张三,张三,组织部,\n"
                + "sunqi,孙七,宣传部,\n"
                + "zhouba,周八,camunda-admin,\n"
                + "liming,李明,组织部,\n"
                + "liming,李明明,常委会,\n"
                + "wujiu,吴九,组织部,wujiu@\n"
                + ADMIN + ",陈主任,组织部,\n");

        assertThat(problems).extracting(Problem::reason).containsExactly(
                "只能由英文字母、数字和连字符“-”组成，至多 64 个字符：张三",
                "没有这个机关或推荐单位：宣传部（推荐单位的用户组在登记选举时建立）",
                "系统管理员须由管理员在 Admin 中指定",
                "账号 liming 与第5行重复",
                "不是有效的电子邮箱地址：wujiu@",
                ADMIN + " 是系统管理员，只能由管理员修改");
    }

    @Test
    void aFileWithABadHeaderIsRefusedNamingTheColumns() {
        String before = identities();

        assertThat(refused("账号,姓名,所属机关或推荐单位,手机\nliming,李明,组织部,13800000000\n"))
                .extracting(Problem::row, Problem::field).containsExactly(tuple(1, "手机"));
        assertThat(refused("姓名,所属机关或推荐单位\n李明,组织部\n"))
                .extracting(Problem::row, Problem::field, Problem::reason)
                .containsExactly(tuple(1, "账号", "缺少此列"));
        assertThat(identities()).isEqualTo(before);
    }

    @Test
    void anUnreadableCellIsReportedAsItIsNotAsEmpty() throws Exception {
        try (XSSFWorkbook workbook = new XSSFWorkbook()) {
            Sheet sheet = workbook.createSheet("用户");
            Row header = sheet.createRow(0);
            for (int i = 0; i < UserImport.COLUMNS.size(); i++) {
                header.createCell(i).setCellValue(UserImport.COLUMNS.get(i));
            }
            Row row = sheet.createRow(1);
            row.createCell(0).setCellValue("wangjun");
            row.createCell(1).setCellErrorValue(FormulaError.NA.getCode());
            row.createCell(2).setCellValue("常委会");
            ByteArrayOutputStream file = new ByteArrayOutputStream();
            workbook.write(file);
            String before = identities();

            assertThatThrownBy(() -> userImport.importFile(TableFile.Format.XLSX, file.toByteArray(), false, null))
                    .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.problems())
                            .extracting(Problem::row, Problem::field, Problem::reason)
                            .containsExactly(tuple(2, "姓名", "单元格是错误值，请更正")));
            assertThat(identities()).isEqualTo(before);
        }
    }

    private UserImport.Result importCsv(String csv) {
        return userImport.importFile(TableFile.Format.CSV, csv.getBytes(StandardCharsets.UTF_8),
                isAdministrator(), null);
    }

    private UserImport.Result importXlsx(List<List<String>> rows) {
        Sheets sheets = new Sheets().sheet("用户", null, rows.get(0), new ArrayList<>(rows.subList(1, rows.size())));
        return userImport.importFile(TableFile.Format.XLSX, sheets.toBytes(), isAdministrator(), null);
    }

    private boolean isAdministrator() {
        return identity.getCurrentAuthentication().getGroupIds().contains(Groups.CAMUNDA_ADMIN);
    }

    /** The problems of a refused CSV file. */
    private List<Problem> refused(String csv) {
        List<Problem> problems = new ArrayList<>();
        assertThatThrownBy(() -> importCsv(csv)).isInstanceOfSatisfying(InvalidInputException.class, e -> {
            assertThat(e.summary()).isEqualTo("用户名单文件有误，未保存任何内容");
            problems.addAll(e.problems());
        });
        return problems;
    }

    /** Whether the user logs in with this password (as at the login, nobody is calling yet). */
    private static boolean loginWorks(String userId, String password) {
        return unchecked(() -> identity.checkPassword(userId, password));
    }

    private User user(String id) {
        return unchecked(() -> identity.createUserQuery().userId(id).singleResult());
    }

    private List<String> groupsOf(String userId) {
        return unchecked(() -> identity.createGroupQuery().groupMember(userId).list().stream().map(Group::getId)
                .toList());
    }

    /** What the engine answers without the caller's authorization checks, as the test looks at the database. */
    private static <T> T unchecked(Supplier<T> query) {
        Authentication caller = identity.getCurrentAuthentication();
        identity.clearAuthentication();
        try {
            return query.get();
        } finally {
            identity.setAuthentication(caller);
        }
    }

    /** The test's own setting up, without the caller's authorization checks. */
    private static void unchecked(Runnable action) {
        unchecked(() -> {
            action.run();
            return null;
        });
    }

    /** The engine's users and memberships, row by row. */
    private String identities() {
        return Arrays.asList(jdbc.sql("select * from act_id_user order by id_").query().listOfRows(),
                jdbc.sql("select * from act_id_membership order by user_id_, group_id_").query().listOfRows())
                .toString();
    }
}
