package org.delegateelection.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;

import javax.xml.parsers.DocumentBuilderFactory;

import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TTFSubsetter;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.delegateelection.candidate.Candidate;
import org.delegateelection.demo.HandbookElection;
import org.delegateelection.election.ElectionUnit;
import org.delegateelection.election.RecommendingUnit;
import org.delegateelection.quota.QuotaRules;
import org.delegateelection.report.CompositionReport;
import org.delegateelection.system.CjkFont;
import org.delegateelection.vote.Assembly;
import org.delegateelection.vote.Ballot;
import org.delegateelection.vote.RoundCounter;
import org.delegateelection.vote.RoundOutcome;
import org.delegateelection.vote.StrokeOrder;
import org.delegateelection.vote.Tally;
import org.delegateelection.vote.TallyBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xml.sax.InputSource;

/**
 * The documents made from the handbook election's people, opened again as their readers open them: the PDFs with
 * PDFBox (text extracted: Chinese present, everyone listed), the workbooks with POI (headers, rows, text stays text),
 * the chart as XML (its text elements name every requirement and share). The PDFs are set in the bundled Noto Sans SC,
 * with a rare character (刘䶮) and a minority name's middle dot (阿卜杜·热西提) among the names; a configured font file
 * is a .ttf or a .ttc, and one that cannot serve is refused with the reason.
 */
class DocumentsTest {

    private static final HandbookElection HANDBOOK = new HandbookElection();
    private static final ElectionUnit UNIT = HANDBOOK.unit();
    private static final Map<String, String> UNIT_NAMES = UNIT.recommendingUnits().stream()
            .collect(Collectors.toMap(RecommendingUnit::code, RecommendingUnit::name));

    /** A name with a character of CJK Extension A (䶮, U+4DAE), and a minority name with its middle dot (U+00B7). */
    private static final String RARE = "刘䶮", DOTTED = "阿卜杜·热西提";

    private static CjkFont font;

    @BeforeAll
    static void loadFont() {
        font = CjkFont.bundled();
    }

    @Test
    void theBundledFontTellsWhichCharactersThePdfsCanPrint() {
        assertThat(font.family()).isEqualTo("Noto Sans SC");
        // 䶮 (U+4DAE) of CJK Extension A, the middle dot (U+00B7) of minority names
        (RARE + DOTTED + "张三喆堃A1（）").codePoints()
                .forEach(c -> assertThat(font.canPrint(c)).as(Character.toString(c)).isTrue());
        assertThat(font.canPrint(0x20000)).as("𠀀, CJK Extension B").isFalse();
        assertThat(font.canPrint(0x1F600)).as("😀").isFalse();
    }

    @Test
    void rosterPdfPrintsEveryCandidateInChineseWithARegistrationFormEach() throws IOException {
        List<Candidate> people = withRareNames(HANDBOOK.candidates().subList(0, 80));
        RosterDocument roster = new RosterDocument(UNIT.name(), "代表候选人预备人选", UNIT.ageReferenceDate(),
                UNIT_NAMES, people, Map.of(), Set.of());

        try (PDDocument pdf = Loader.loadPDF(roster.pdf(font))) {
            String text = new PDFTextStripper().getText(pdf).replaceAll("\\R", "");
            assertThat(text).contains("示例省代表候选人预备人选名册", "共 80 名，按姓氏笔画排序", "代表候选人预备人选登记表",
                    RARE, DOTTED, "维吾尔族");
            // the ideographs, not the Kangxi radicals and CJK radicals that share their glyphs (人 and ⼈ U+2F08)
            assertThat(text).doesNotContainPattern("[\u2E80-\u2FDF]");
            for (Candidate person : people) {
                assertThat(text).contains(person.id(), person.name(), UNIT_NAMES.get(person.recommendingUnit()));
            }
            // the roster's landscape pages, then one portrait page per registration form
            assertThat(pdf.getNumberOfPages()).isGreaterThan(80);
            assertThat(pdf.getPage(pdf.getNumberOfPages() - 1).getMediaBox().getHeight())
                    .isGreaterThan(pdf.getPage(0).getMediaBox().getHeight());
            PDFTextStripper lastPage = new PDFTextStripper();
            lastPage.setStartPage(pdf.getNumberOfPages());
            lastPage.setEndPage(pdf.getNumberOfPages());
            Candidate last = roster.people().get(roster.people().size() - 1);
            assertThat(lastPage.getText(pdf)).contains("登记表", last.name(), last.ethnicity(), last.identity());
        }
    }

    @Test
    void rosterWorkbookHasTheHeaderAndOneRowPerCandidateInStrokeOrderAndAFormSheetEach() throws IOException {
        List<Candidate> people = HANDBOOK.candidates().subList(0, 80);
        RosterDocument roster = new RosterDocument(UNIT.name(), "代表候选人预备人选", UNIT.ageReferenceDate(),
                UNIT_NAMES, people, Map.of(), Set.of());

        try (Workbook book = new XSSFWorkbook(new ByteArrayInputStream(roster.xlsx()))) {
            Sheet sheet = book.getSheet("名册");
            assertThat(text(sheet.getRow(1))).isEqualTo(RosterDocument.COLUMNS);
            assertThat(sheet.getLastRowNum()).isEqualTo(1 + people.size());
            List<String> names = new ArrayList<>();
            for (int r = 2; r <= sheet.getLastRowNum(); r++) {
                names.add(sheet.getRow(r).getCell(2).getStringCellValue());
            }
            assertThat(names).containsExactlyInAnyOrderElementsOf(people.stream().map(Candidate::name).toList())
                    .isSortedAccordingTo(StrokeOrder.NAMES);
            assertThat(book.getNumberOfSheets()).isEqualTo(1 + people.size());
            Sheet form = book.getSheetAt(1);
            assertThat(form.getSheetName()).isEqualTo("登记表 1 " + names.get(0));
            assertThat(text(form.getRow(2))).containsExactly("姓名", names.get(0));
        }
    }

    @Test
    void textThatLooksLikeAFormulaIsStoredAsText() throws IOException {
        Candidate base = HANDBOOK.candidates().get(0);
        Candidate formula = new Candidate(base.id(), "=HYPERLINK(\"http://example.org\",\"点击\")", base.gender(),
                "+汉族", base.birthDate(), base.joinedPartyOn(), true, base.education(), base.category(),
                base.frontlineKind(), false, "-1+1", "@SUM(A1)", base.recommendingUnit(), false, false, false,
                base.status());
        RosterDocument roster = new RosterDocument(UNIT.name(), "代表候选人预备人选", UNIT.ageReferenceDate(),
                UNIT_NAMES, List.of(formula), Map.of(), Set.of());

        try (Workbook book = new XSSFWorkbook(new ByteArrayInputStream(roster.xlsx()))) {
            Row row = book.getSheet("名册").getRow(2);
            for (int column : new int[] {2, 4, 10, 11}) {
                assertThat(row.getCell(column).getCellType()).isEqualTo(CellType.STRING);
            }
            assertThat(row.getCell(2).getStringCellValue()).isEqualTo(formula.name());
            assertThat(row.getCell(11).getStringCellValue()).isEqualTo("@SUM(A1)");
        }
    }

    @Test
    void electionResultListsTheElectedInStrokeOrderAndEveryRoundWithItsTally() throws IOException {
        List<Candidate> ballotPeople = withRareNames(HANDBOOK.candidates().subList(0, 80)).stream()
                .sorted(Comparator.comparing(Candidate::name, StrokeOrder.NAMES)).toList();
        RoundCounter counter = new RoundCounter(Assembly.CONGRESS);
        // round 1: 60 people over the threshold of 401 (more than half of 800 due to attend), 9 seats short
        Map<String, Integer> first = new LinkedHashMap<>();
        for (int i = 0; i < ballotPeople.size(); i++) {
            first.put(ballotPeople.get(i).id(), i < 60 ? 700 - i : 300);
        }
        Tally tally1 = TallyBuilder.due(800).present(780).issued(780).returned(778).invalid(3).approvals(first).build();
        RoundOutcome outcome1 = counter.count(tally1, new Ballot(ids(ballotPeople), 69));
        assertThat(outcome1.kind()).isEqualTo(RoundOutcome.Kind.SHORTFALL);
        Map<String, Integer> second = new LinkedHashMap<>();
        List<String> rest = outcome1.nextBallot().candidateIds();
        for (int i = 0; i < rest.size(); i++) {
            second.put(rest.get(i), i < 9 ? 600 : 100);
        }
        Tally tally2 = TallyBuilder.due(800).present(770)
                .issued(770).returned(770).invalid(0)
                .approvals(second).build();
        RoundOutcome outcome2 = counter.count(tally2, outcome1.nextBallot());
        assertThat(outcome2.kind()).isEqualTo(RoundOutcome.Kind.ELECTED_ALL);
        List<String> elected = new ArrayList<>();
        outcome1.elected().forEach(e -> elected.add(e.candidateId()));
        outcome2.elected().forEach(e -> elected.add(e.candidateId()));
        Map<String, Candidate> people = ballotPeople.stream()
                .collect(Collectors.toMap(Candidate::id, Function.identity()));
        ElectionResultDocument result = new ElectionResultDocument(UNIT.name(), 69, 0, UNIT.ageReferenceDate(),
                UNIT_NAMES, people, elected, List.of(new ElectionResultDocument.Round(1, tally1, outcome1),
                        new ElectionResultDocument.Round(2, tally2, outcome2)));

        try (PDDocument pdf = Loader.loadPDF(result.pdf(font))) {
            String text = new PDFTextStripper().getText(pdf).replaceAll("\\R", "");
            assertThat(text).contains("示例省代表选举结果", "应选代表 69 名，当选 69 名，共进行 2 轮投票", "第 1 轮投票",
                    "第 2 轮投票", "应到会 800 人，实到会 780 人", "当选须获赞成票至少 401 票", outcome1.explanation(),
                    RARE, DOTTED);
            for (Candidate person : ballotPeople) {
                assertThat(text).contains(person.name());
            }
        }
        try (Workbook book = new XSSFWorkbook(new ByteArrayInputStream(result.xlsx()))) {
            Sheet sheet = book.getSheet("当选代表");
            assertThat(text(sheet.getRow(1))).isEqualTo(ElectionResultDocument.ELECTED_COLUMNS);
            List<String> names = new ArrayList<>();
            for (int r = 2; r <= sheet.getLastRowNum(); r++) {
                names.add(sheet.getRow(r).getCell(1).getStringCellValue());
            }
            assertThat(names).hasSize(69).isSortedAccordingTo(StrokeOrder.NAMES)
                    .containsExactlyInAnyOrderElementsOf(elected.stream().map(id -> people.get(id).name()).toList());
            Sheet counts = book.getSheet("各轮计票");
            assertThat(counts.getLastRowNum()).isEqualTo(2);
            assertThat(counts.getRow(2).getCell(7).getNumericCellValue()).isEqualTo(9);
            assertThat(book.getSheet("各轮得票").getLastRowNum()).isEqualTo(80 + 20);
        }
    }

    @Test
    void theResultSaysHowManyCentreNomineesComeOnTopOfTheSeats() {
        assertThat(new ElectionResultDocument(UNIT.name(), 48, 2, UNIT.ageReferenceDate(), UNIT_NAMES, Map.of(),
                List.of(), List.of()).seatsText()).isEqualTo("应选代表 48 名，另有中央提名的代表候选人 2 名");
        assertThat(new ElectionResultDocument(UNIT.name(), 48, 0, UNIT.ageReferenceDate(), UNIT_NAMES, Map.of(),
                List.of(), List.of()).seatsText()).isEqualTo("应选代表 48 名");
    }

    @Test
    void compositionChartShowsEveryShareAgainstItsRequirement() throws Exception {
        List<Candidate> people = HANDBOOK.candidates().subList(0, 80);
        CompositionReport report = CompositionReport.of(people, UNIT.ageReferenceDate());
        CompositionDocument composition = new CompositionDocument(UNIT.name(), "代表候选人初步人选", report,
                QuotaRules.defaults().all(), UNIT.womenMemberShare());

        List<CompositionDocument.Bar> bars = composition.bars();
        assertThat(bars).extracting(CompositionDocument.Bar::label).containsExactly(
                "党员领导干部（要求至多 66.67%）", "生产和工作第一线（要求至少 33.33%）", "女性（要求高于 29.0%）",
                "55岁以下（要求至少 50.0%）", "工人（要求约 8.7%，相差不超过 2 个百分点）",
                "农民（要求约 3.8%，相差不超过 2 个百分点）", "专业技术人员（要求约 12.4%，相差不超过 2 个百分点）");
        assertThat(bars.get(2).actual()).isEqualTo(report.women().percent());

        DocumentBuilderFactory xml = DocumentBuilderFactory.newInstance();
        xml.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        org.w3c.dom.Document svg = xml.newDocumentBuilder()
                .parse(new InputSource(new StringReader(composition.svg(font))));
        assertThat(svg.getDocumentElement().getTagName()).isEqualTo("svg");
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < svg.getElementsByTagName("text").getLength(); i++) {
            org.w3c.dom.Element text = (org.w3c.dom.Element) svg.getElementsByTagName("text").item(i);
            texts.add(text.getTextContent());
            // the font the chart was measured with comes first
            assertThat(text.getAttribute("style")).contains("font-family: \"Noto Sans SC\", ");
        }
        String all = String.join("|", texts);
        assertThat(all).contains("示例省代表候选人初步人选结构情况", CompositionDocument.ACTUAL, CompositionDocument.REQUIRED,
                "女性", "29.0%", report.women().percent() + "%", report.under55().percent() + "%",
                report.frontline().percent() + "%", "66.67%");
    }

    @Test
    void compositionWorkbookHasEveryFigureAndTheRequirements() throws IOException {
        List<Candidate> people = HANDBOOK.candidates().subList(0, 80);
        CompositionReport report = CompositionReport.of(people, UNIT.ageReferenceDate());
        CompositionDocument composition = new CompositionDocument(UNIT.name(), "代表候选人初步人选", report,
                QuotaRules.defaults().all(), UNIT.womenMemberShare());

        try (Workbook book = new XSSFWorkbook(new ByteArrayInputStream(composition.xlsx()))) {
            Sheet sheet = book.getSheet("结构情况");
            assertThat(text(sheet.getRow(1))).containsExactly("项目", "人数", "比例（%）");
            Map<String, Row> rows = new LinkedHashMap<>();
            for (int r = 2; r <= sheet.getLastRowNum(); r++) {
                rows.put(sheet.getRow(r).getCell(0).getStringCellValue(), sheet.getRow(r));
            }
            assertThat(rows.get("人数").getCell(1).getNumericCellValue()).isEqualTo(80);
            assertThat(rows.get("女性").getCell(1).getNumericCellValue()).isEqualTo(report.women().count());
            assertThat(rows.get("女性").getCell(2).getNumericCellValue())
                    .isEqualTo(report.women().percent().doubleValue());
            assertThat(book.getSheet("结构要求").getLastRowNum()).isEqualTo(composition.bars().size());
        }
    }

    @Test
    void aConfiguredTrueTypeCollectionServesWithItsFirstFont(@TempDir Path dir) throws IOException {
        Path ttc = Files.write(dir.resolve("collection.ttc"), collectionOf(bundledBytes()));
        CjkFont collected = CjkFont.load(ttc);
        assertThat(collected.family()).isEqualTo("Noto Sans SC");
        assertThat(collected.canPrint(RARE.codePointAt(1))).isTrue();

        List<Candidate> people = withRareNames(HANDBOOK.candidates().subList(0, 3));
        RosterDocument roster = new RosterDocument(UNIT.name(), "代表候选人预备人选", UNIT.ageReferenceDate(),
                UNIT_NAMES, people, Map.of(), Set.of());
        try (PDDocument pdf = Loader.loadPDF(roster.pdf(collected))) {
            assertThat(new PDFTextStripper().getText(pdf)).contains("示例省代表候选人预备人选名册", RARE, DOTTED);
        }
    }

    @Test
    void aMissingFontFileStopsWithTheFileAndTheSettingNamed(@TempDir Path dir) {
        Path missing = dir.resolve("wqy-zenhei.ttc");
        assertThatThrownBy(() -> CjkFont.load(missing))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("缺少文书所用的中文字体文件 " + missing)
                .hasMessageContaining("documents.cjk-font");
    }

    @Test
    void aFileThatIsNoTrueTypeFontIsRefused(@TempDir Path dir) throws IOException {
        Path text = Files.writeString(dir.resolve("font.ttf"), "不是字体");
        assertThatThrownBy(() -> CjkFont.load(text))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("字体文件 " + text)
                .hasMessageContaining("不是 PDF 可以嵌入的 TrueType 字体");
    }

    @Test
    void aFontWithoutChineseIsRefusedNamingTheCharacters(@TempDir Path dir) throws IOException {
        // the bundled font cut down to the Latin letters and digits
        ByteArrayOutputStream latin = new ByteArrayOutputStream();
        try (TrueTypeFont noto = new TTFParser().parse(new RandomAccessReadBuffer(bundledBytes()))) {
            TTFSubsetter subsetter = new TTFSubsetter(noto);
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".codePoints().forEach(subsetter::add);
            subsetter.writeToStream(latin);
        }
        Path file = Files.write(dir.resolve("latin.ttf"), latin.toByteArray());
        assertThatThrownBy(() -> CjkFont.load(file))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("不是中文字体：缺少文书中的字符「代表候选人");
    }

    @Test
    void documentsMadeAtTheSameTimeShareTheFont() throws Exception {
        List<Candidate> people = withRareNames(HANDBOOK.candidates().subList(0, 40));
        RosterDocument roster = new RosterDocument(UNIT.name(), "代表候选人预备人选", UNIT.ageReferenceDate(),
                UNIT_NAMES, people, Map.of(), Set.of());
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<byte[]>> pdfs = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                pdfs.add(threads.submit(() -> roster.pdf(font)));
            }
            for (Future<byte[]> made : pdfs) {
                try (PDDocument pdf = Loader.loadPDF(made.get())) {
                    String text = new PDFTextStripper().getText(pdf).replaceAll("\\R", "");
                    for (Candidate person : people) {
                        assertThat(text).contains(person.name());
                    }
                }
            }
        } finally {
            threads.shutdownNow();
        }
    }

    /** The people with the first two renamed to {@link #RARE} and {@link #DOTTED} (a Uyghur). */
    private static List<Candidate> withRareNames(List<Candidate> people) {
        List<Candidate> renamed = new ArrayList<>(people);
        renamed.set(0, named(people.get(0), RARE, people.get(0).ethnicity()));
        renamed.set(1, named(people.get(1), DOTTED, "维吾尔族"));
        return renamed;
    }

    private static Candidate named(Candidate c, String name, String ethnicity) {
        return new Candidate(c.id(), name, c.gender(), ethnicity, c.birthDate(), c.joinedPartyOn(), c.fullMember(),
                c.education(), c.category(), c.frontlineKind(), c.migrantWorker(), c.sector(), c.level(),
                c.recommendingUnit(), c.npcDeputy(), c.cppccMember(), c.provincialHonour(), c.status());
    }

    private static byte[] bundledBytes() throws IOException {
        try (InputStream in = CjkFont.class.getClassLoader().getResourceAsStream(CjkFont.BUNDLED)) {
            return in.readAllBytes();
        }
    }

    /**
     * A TrueType collection (.ttc) of one font: the collection's header, then the font, whose table records count
     * their offsets from the start of the file (OpenType specification, "Font Collections").
     */
    private static byte[] collectionOf(byte[] ttf) {
        int header = 16;
        ByteBuffer ttc = ByteBuffer.allocate(header + ttf.length);
        ttc.put("ttcf".getBytes(StandardCharsets.US_ASCII)).putInt(0x00010000).putInt(1).putInt(header).put(ttf);
        int tables = ttc.getShort(header + 4) & 0xFFFF;
        for (int i = 0; i < tables; i++) {
            int offset = header + 12 + 16 * i + 8;
            ttc.putInt(offset, ttc.getInt(offset) + header);
        }
        return ttc.array();
    }

    private static List<String> ids(List<Candidate> people) {
        return people.stream().map(Candidate::id).toList();
    }

    private static List<String> text(Row row) {
        DataFormatter format = new DataFormatter();
        List<String> cells = new ArrayList<>();
        for (Cell cell : row) {
            cells.add(format.formatCellValue(cell));
        }
        return cells;
    }
}
