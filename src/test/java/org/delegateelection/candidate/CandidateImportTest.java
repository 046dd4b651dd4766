package org.delegateelection.candidate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.delegateelection.candidate.CandidateImport.Format;
import org.delegateelection.system.CjkFont;
import org.delegateelection.system.InvalidInputException;
import org.delegateelection.system.Problem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CandidateImportTest {

    private static final LocalDate TODAY = LocalDate.of(2024, 6, 1);

    private static final String CHINESE_HEADER =
            "编号,姓名,性别,民族,出生日期,入党时间,正式党员,学历,类别,一线类型,农民工,领域,层级,推荐单位,人大代表,政协委员,省部级以上表彰";

    private static final String ZHANG = "HB-0001,张三,男,汉族,1970-05-01,1995-07-01,是,研究生,党员领导干部,,否,政府,厅局级,city01,是,否,否";

    private static final String LI = "HB-0002,李四,女,回族,1985-03-12,2008-06-30,是,大学,生产和工作第一线,工人,是,企业,无,city02,否,否,是";

    private static final Candidate ZHANG_SAN = new Candidate("HB-0001", "张三", Gender.MALE, "汉族",
            LocalDate.of(1970, 5, 1), LocalDate.of(1995, 7, 1), true, Education.POSTGRADUATE, Category.LEADING_CADRE,
            null, false, "政府", "厅局级", "city01", true, false, false, CandidateStatus.REGISTERED);

    private static final Candidate LI_SI = new Candidate("HB-0002", "李四", Gender.FEMALE, "回族",
            LocalDate.of(1985, 3, 12), LocalDate.of(2008, 6, 30), true, Education.UNIVERSITY, Category.FRONTLINE,
            FrontlineKind.WORKER, true, "企业", "无", "city02", false, false, true, CandidateStatus.REGISTERED);

    /** The characters the documents can print: those of the PDF font. */
    private static final CjkFont FONT = CjkFont.bundled();

    private final CandidateImport candidateImport = new CandidateImport(Set.of("city01", "city02"), TODAY,
            FONT::canPrint);

    @Test
    void readsCsvWithChineseHeadersAndByteOrderMark() {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] text = csv(CHINESE_HEADER, ZHANG, LI);
        byte[] content = new byte[bom.length + text.length];
        System.arraycopy(bom, 0, content, 0, bom.length);
        System.arraycopy(text, 0, content, bom.length, text.length);

        assertThat(candidateImport.read(Format.CSV, content)).containsExactly(ZHANG_SAN, LI_SI);
    }

    @Test
    void registersAPersonTheCentreNominatesUnderNoRecommendingUnit() {
        List<Candidate> people = candidateImport.read(Format.CSV,
                csv(CHINESE_HEADER, ZHANG.replace(",city01,", ",中央提名,")));

        assertThat(people).extracting(Candidate::recommendingUnit, Candidate::centreNominee)
                .containsExactly(tuple(null, true));
        assertThat(people.get(0).recommendedBy(Map.of("city01", "东川市"))).isEqualTo("中央提名");
        assertThatThrownBy(() -> candidateImport.read(Format.CSV, csv(CHINESE_HEADER, ZHANG.replace(",city01,",
                ",中央,")))).isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.problems())
                        .extracting(Problem::reason).singleElement().asString().endsWith("或“中央提名”"));
    }

    @Test
    void readsCsvWithEnglishHeadersInAnyOrderAndConstantNames() {
        byte[] content = csv(
                "recommendingUnit,ID,name,gender,ethnicity,birthDate,joinedPartyOn,fullMember,education,category,"
                        + "sector,level,npcDeputy",
                "city01,HB-0001,张三,male,汉族,1970-05-01,1995-07-01,true,POSTGRADUATE,LEADING_CADRE,政府,厅局级,1");

        assertThat(candidateImport.read(Format.CSV, content)).containsExactly(ZHANG_SAN);
    }

    @Test
    void readsJsonWithEnglishAndChineseKeys() {
        String json = """
                [
                  {"id": "HB-0001", "name": "张三", "gender": "MALE", "ethnicity": "汉族", "birthDate": "1970-05-01",
                   "joinedPartyOn": "1995-07-01", "fullMember": true, "education": "研究生", "category": "党员领导干部",
                   "frontlineKind": null, "sector": "政府", "level": "厅局级", "recommendingUnit": "city01",
                   "npcDeputy": true},
                  {"编号": "HB-0002", "姓名": "李四", "性别": "女", "民族": "回族", "出生日期": "1985-03-12",
                   "入党时间": "2008-06-30", "正式党员": "是", "学历": "大学", "类别": "生产和工作第一线", "一线类型": "工人",
                   "农民工": 1, "领域": "企业", "层级": "无", "推荐单位": "city02", "省部级以上表彰": "true"}
                ]""";

        assertThat(candidateImport.read(Format.JSON, json.getBytes(StandardCharsets.UTF_8)))
                .containsExactly(ZHANG_SAN, LI_SI);
    }

    @Test
    void readsXlsxWithDateCellsNumbersBooleansAndCachedFormulaResults() throws IOException {
        byte[] content = xlsx(sheet -> {
            row(sheet, 0, (Object[]) CHINESE_HEADER.split(","));
            row(sheet, 1, (Object[]) ZHANG.split(","));
            Row li = row(sheet, 2, 1002, "李四", "女", "回族", LocalDate.of(1985, 3, 12), LocalDate.of(2008, 6, 30),
                    true, "大学", "生产和工作第一线", "工人", true, "企业", "无", null, false, false, true);
            li.createCell(13).setCellFormula("\"city\"&\"02\"");
            sheet.getWorkbook().getCreationHelper().createFormulaEvaluator().evaluateFormulaCell(li.getCell(13));
        });

        assertThat(candidateImport.read(Format.XLSX, content)).containsExactly(ZHANG_SAN,
                new Candidate("1002", LI_SI.name(), LI_SI.gender(), LI_SI.ethnicity(), LI_SI.birthDate(),
                        LI_SI.joinedPartyOn(), true, LI_SI.education(), LI_SI.category(), LI_SI.frontlineKind(), true,
                        LI_SI.sector(), LI_SI.level(), "city02", false, false, true, CandidateStatus.REGISTERED));
    }

    @Test
    void rejectsXlsxFormulaWithoutSavedResultAndCountsRowsAsExcelDoes() throws IOException {
        byte[] content = xlsx(sheet -> {
            row(sheet, 0, (Object[]) CHINESE_HEADER.split(","));
            row(sheet, 1, (Object[]) ZHANG.split(","));
            row(sheet, 3, (Object[]) LI.split(",")).createCell(13).setCellFormula("\"city\"&\"02\"");
        });

        assertThat(problems(Format.XLSX, content)).singleElement().satisfies(problem -> {
            assertThat(problem.row()).isEqualTo(4);
            assertThat(problem.field()).isEqualTo("推荐单位");
            assertThat(problem.reason()).contains("公式没有保存计算结果");
        });
    }

    static Stream<Arguments> badValues() {
        return Stream.of(
                Arguments.of("姓名", "", "姓名", "必填"),
                Arguments.of("姓名", "张".repeat(51), "姓名", "超过 50 个字符"),
                Arguments.of("性别", "M", "性别", "无法识别“M”"),
                Arguments.of("民族", "汉", "民族", "全称"),
                Arguments.of("学历", "博士", "学历", "大专、大学、研究生、其他"),
                Arguments.of("正式党员", "", "正式党员", "必填"),
                Arguments.of("正式党员", "也许", "正式党员", "是 或 否"),
                Arguments.of("出生日期", "1970/05/01", "出生日期", "yyyy-MM-dd"),
                Arguments.of("出生日期", "1970-02-30", "出生日期", "yyyy-MM-dd"),
                Arguments.of("出生日期", "2024-06-02", "出生日期", "晚于今天"),
                Arguments.of("入党时间", "1988-04-30", "入党时间", "未满十八周岁"),
                Arguments.of("入党时间", "1969-01-01", "入党时间", "早于出生日期"),
                Arguments.of("推荐单位", "city99", "推荐单位", "不是本次选举的推荐单位"),
                Arguments.of("一线类型", "工人", "一线类型", "党员领导干部不填一线类型"),
                Arguments.of("农民工", "是", "农民工", "工人"));
    }

    @ParameterizedTest(name = "{0}={1}")
    @MethodSource("badValues")
    void reportsEachBadValueWithItsRowAndColumn(String column, String value, String field, String reason) {
        byte[] content = csv(CHINESE_HEADER, LI, replace(ZHANG, column, value));

        List<Problem> problems = problems(Format.CSV, content);

        assertThat(problems).extracting(Problem::row).containsOnly(3);
        assertThat(problems).anySatisfy(problem -> {
            assertThat(problem.field()).isEqualTo(field);
            assertThat(problem.reason()).contains(reason);
        });
    }

    @Test
    void requiresTheKindOfAFrontlinePerson() {
        assertThat(problems(Format.CSV, csv(CHINESE_HEADER, replace(LI, "一线类型", ""))))
                .extracting(Problem::row, Problem::field)
                .containsExactly(tuple(2, "一线类型"), tuple(2, "农民工"));
    }

    @Test
    void reportsDuplicateIdsAtTheLaterRow() {
        List<Problem> problems = problems(Format.CSV, csv(CHINESE_HEADER, ZHANG, LI, replace(LI, "编号", "HB-0001")));

        assertThat(problems).singleElement().satisfies(problem -> {
            assertThat(problem.row()).isEqualTo(4);
            assertThat(problem.field()).isEqualTo("编号");
            assertThat(problem.reason()).contains("第2行");
        });
    }

    @Test
    void rejectsUnknownStatusAndRepeatedColumns() {
        String header = CHINESE_HEADER.replace("出生日期", "出身日期") + ",status,name";
        byte[] content = csv(header, ZHANG + ",REGISTERED,张三");

        assertThat(problems(Format.CSV, content))
                .extracting(Problem::row, Problem::field)
                .containsExactlyInAnyOrder(tuple(1, "出身日期"), tuple(1, "status"), tuple(1, "name"),
                        tuple(1, "出生日期"));
    }

    @Test
    void rejectsUnknownKeysInJsonPerElement() {
        String json = """
                [{"id": "HB-0001", "nmae": "张三"}]""";

        assertThat(problems(Format.JSON, json.getBytes(StandardCharsets.UTF_8)))
                .extracting(Problem::row, Problem::field)
                .contains(tuple(1, "nmae"), tuple(1, "name"), tuple(1, "gender"));
    }

    @Test
    void reportsEveryBadRowOfAFileAndSkipsBlankLinesWithoutRenumbering() {
        byte[] content = csv(CHINESE_HEADER,
                replace(ZHANG, "性别", "X"),
                LI,
                "",
                replace(replace(LI, "编号", "HB-0003"), "出生日期", "1985-13-01"),
                replace(replace(LI, "编号", "HB-0004"), "推荐单位", "nowhere"));

        assertThat(problems(Format.CSV, content))
                .extracting(Problem::row, Problem::field)
                .containsExactly(tuple(2, "性别"), tuple(5, "出生日期"), tuple(6, "推荐单位"));
    }

    @Test
    void numbersJsonElementsFromOne() {
        String json = "[" + toJson(ZHANG_SAN) + "," + toJson(LI_SI).replace("\"FEMALE\"", "\"F\"") + "]";

        assertThat(problems(Format.JSON, json.getBytes(StandardCharsets.UTF_8)))
                .extracting(Problem::row, Problem::field)
                .containsExactly(tuple(2, "gender"));
    }

    @Test
    void rejectsAFileThatCannotBeReadWithOneProblem() {
        assertThat(problems(Format.JSON, "{\"id\": 1".getBytes(StandardCharsets.UTF_8))).singleElement()
                .satisfies(problem -> assertThat(problem.reason()).contains("不是有效的 JSON"));
        assertThat(problems(Format.JSON, "{\"id\": 1}".getBytes(StandardCharsets.UTF_8))).singleElement()
                .satisfies(problem -> assertThat(problem.reason()).contains("数组"));
        assertThat(problems(Format.CSV, (CHINESE_HEADER + "\n" + ZHANG).getBytes(Charset.forName("GBK"))))
                .singleElement()
                .satisfies(problem -> assertThat(problem.reason()).contains("UTF-8"));
        assertThat(problems(Format.CSV, csv(CHINESE_HEADER, "\"HB-0001,张三"))).singleElement()
                .satisfies(problem -> assertThat(problem.reason()).contains("不是有效的 CSV"));
        assertThat(problems(Format.XLSX, csv(CHINESE_HEADER, ZHANG))).singleElement()
                .satisfies(problem -> assertThat(problem.reason()).contains(".xlsx"));
        assertThat(problems(Format.CSV, new byte[0])).singleElement()
                .satisfies(problem -> assertThat(problem.row()).isNull());
        assertThat(problems(Format.CSV, csv(CHINESE_HEADER))).singleElement()
                .satisfies(problem -> assertThat(problem.reason()).contains("没有人选"));
    }

    @Test
    void rejectsMoreThanTwentyThousandRows() {
        List<String> lines = new ArrayList<>(List.of(CHINESE_HEADER));
        for (int i = 1; i <= CandidateImport.MAX_ROWS + 1; i++) {
            lines.add(replace(ZHANG, "编号", "P" + i));
        }

        assertThat(problems(Format.CSV, csv(lines.toArray(String[]::new)))).singleElement()
                .satisfies(problem -> assertThat(problem.reason()).contains("20000"));
    }

    @Test
    void acceptsTwentyThousandRows() {
        List<String> lines = new ArrayList<>(List.of(CHINESE_HEADER));
        for (int i = 1; i <= CandidateImport.MAX_ROWS; i++) {
            lines.add(replace(ZHANG, "编号", "P" + i));
        }

        assertThat(candidateImport.read(Format.CSV, csv(lines.toArray(String[]::new))))
                .hasSize(CandidateImport.MAX_ROWS);
    }

    @Test
    void refusesACharacterTheDocumentsCannotPrintNamingIt() {
        String extensionB = replace(ZHANG, "姓名", "𠀀三");
        String emoji = replace(LI, "领域", "企业😀");

        assertThat(problems(Format.CSV, csv(CHINESE_HEADER, extensionB, emoji))).containsExactly(
                new Problem(2, "姓名", "字符 𠀀（U+20000）无法在文书中打印"),
                new Problem(3, "领域", "字符 😀（U+1F600）无法在文书中打印"));
    }

    @Test
    void acceptsTheNamesOfMinoritiesAndRareCharactersTheFontHas() {
        List<Candidate> people = candidateImport.read(Format.CSV, csv(CHINESE_HEADER,
                replace(ZHANG, "姓名", "阿卜杜·热西提"), replace(LI, "姓名", "王喆堃"),
                replace(replace(ZHANG, "编号", "HB-0003"), "姓名", "刘䶮")));

        // the middle dot U+00B7, and 䶮 (U+4DAE) of CJK Extension A
        assertThat(people).extracting(Candidate::name).containsExactly("阿卜杜·热西提", "王喆堃", "刘䶮");
    }

    @Test
    void rejectsAFileWiderThanTheColumnLimitWithOneProblem() {
        String header = CHINESE_HEADER + ",列".repeat(100_000);

        assertThat(problems(Format.CSV, csv(header, ZHANG))).singleElement()
                .extracting(Problem::reason).isEqualTo("文件超过 64 列：第 1 行第 65 列超出");
    }

    @Test
    void rejectsAFileOfMoreCellsThanTheLimitWithOneProblem() {
        List<String> lines = new ArrayList<>(List.of(CHINESE_HEADER + ",备注".repeat(8)));
        for (int i = 1; i <= CandidateImport.MAX_ROWS; i++) {
            lines.add(replace(ZHANG, "编号", "P" + i) + ",x".repeat(8));
        }

        // 25 cells in the header, 24 non-blank in each row (一线类型 is blank): the 400,001st is in row 16,667
        assertThat(problems(Format.CSV, csv(lines.toArray(String[]::new)))).singleElement()
                .extracting(Problem::reason).isEqualTo("文件超过 400000 个非空单元格：第 16667 行超出");
    }

    private List<Problem> problems(Format format, byte[] content) {
        return assertThrows(InvalidInputException.class, () -> candidateImport.read(format, content)).problems();
    }

    private static byte[] csv(String... lines) {
        return (String.join("\r\n", lines) + "\r\n").getBytes(StandardCharsets.UTF_8);
    }

    /** The CSV line with the value under one Chinese header replaced. */
    private static String replace(String line, String column, String value) {
        List<String> headers = List.of(CHINESE_HEADER.split(","));
        String[] values = line.split(",", -1);
        values[headers.indexOf(column)] = value;
        return String.join(",", values);
    }

    private static String toJson(Candidate candidate) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("id", candidate.id());
        fields.put("name", candidate.name());
        fields.put("gender", candidate.gender().name());
        fields.put("ethnicity", candidate.ethnicity());
        fields.put("birthDate", candidate.birthDate().toString());
        fields.put("joinedPartyOn", candidate.joinedPartyOn().toString());
        fields.put("fullMember", candidate.fullMember());
        fields.put("education", candidate.education().name());
        fields.put("category", candidate.category().name());
        fields.put("frontlineKind", candidate.frontlineKind() == null ? null : candidate.frontlineKind().name());
        fields.put("migrantWorker", candidate.migrantWorker());
        fields.put("recommendingUnit", candidate.recommendingUnit());
        StringBuilder json = new StringBuilder("{");
        fields.forEach((key, value) -> json.append(json.length() > 1 ? "," : "").append('"').append(key)
                .append("\":").append(value instanceof String ? "\"" + value + "\"" : String.valueOf(value)));
        return json.append('}').toString();
    }

    private interface SheetWriter {
        void write(XSSFSheet sheet);
    }

    private static byte[] xlsx(SheetWriter writer) throws IOException {
        try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            writer.write(workbook.createSheet("人选"));
            workbook.write(out);
            return out.toByteArray();
        }
    }

    /** A row of typed cells: strings, numbers, booleans and dates (as date-formatted cells); null leaves a gap. */
    private static Row row(XSSFSheet sheet, int index, Object... values) {
        Row row = sheet.createRow(index);
        CellStyle date = sheet.getWorkbook().createCellStyle();
        date.setDataFormat(sheet.getWorkbook().getCreationHelper().createDataFormat().getFormat("yyyy年m月d日"));
        for (int column = 0; column < values.length; column++) {
            Object value = values[column];
            if (value instanceof String text) {
                row.createCell(column).setCellValue(text);
            } else if (value instanceof Integer number) {
                row.createCell(column).setCellValue(number);
            } else if (value instanceof Boolean flag) {
                row.createCell(column).setCellValue(flag);
            } else if (value instanceof LocalDate day) {
                row.createCell(column).setCellValue(day);
                row.getCell(column).setCellStyle(date);
            }
        }
        return row;
    }
}
