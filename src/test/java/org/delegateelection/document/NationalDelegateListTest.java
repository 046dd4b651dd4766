package org.delegateelection.document;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
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
import org.delegateelection.candidate.Candidate;
import org.delegateelection.demo.HandbookElection;
import org.delegateelection.demo.GeneratedUnits;
import org.delegateelection.national.SeatAllocation;
import org.delegateelection.system.CjkFont;
import org.delegateelection.vote.StrokeOrder;
import org.junit.jupiter.api.Test;

/**
 * The national list of the 2,296 delegates the 38 generated units elect, as .xlsx and PDF read back: one list in
 * stroke order, every woman and minority noted, every name that occurs more than once told apart.
 */
class NationalDelegateListTest {

    private static final GeneratedUnits NATIONAL = new GeneratedUnits();
    private static final NationalDelegateList LIST = list();

    private static NationalDelegateList list() {
        List<NationalDelegateList.Entry> entries = new ArrayList<>();
        for (SeatAllocation.Row unit : NATIONAL.allocation().rows()) {
            HandbookElection election = NATIONAL.of(unit.code());
            GeneratedUnits.elected(election).forEach(c -> entries.add(new NationalDelegateList.Entry(c,
                    election.unit().name())));
        }
        return new NationalDelegateList("党的全国代表大会代表名单", entries);
    }

    @Test
    void theWorkbookListsEveryDelegateOnceInStrokeOrderWithIdenticalNamesToldApart() throws Exception {
        List<List<String>> rows = new ArrayList<>();
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(LIST.xlsx()))) {
            Sheet sheet = workbook.getSheet("代表名单");
            assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).isEqualTo(
                    "党的全国代表大会代表名单（2296 名，按姓氏笔画为序）");
            assertThat(cells(sheet.getRow(1))).isEqualTo(NationalDelegateList.COLUMNS);
            for (int i = 2; i <= sheet.getLastRowNum(); i++) {
                rows.add(cells(sheet.getRow(i)));
            }
        }

        assertThat(rows).hasSize(2296);
        List<String> names = rows.stream().map(r -> bare(r.get(1))).toList();
        for (int i = 1; i < names.size(); i++) {
            assertThat(StrokeOrder.NAMES.compare(names.get(i - 1), names.get(i))).as("%s before %s",
                    names.get(i - 1), names.get(i)).isLessThanOrEqualTo(0);
        }
        Map<String, Integer> occurs = new HashMap<>();
        names.forEach(n -> occurs.merge(n, 1, Integer::sum));
        assertThat(occurs.values()).as("names that occur more than once").anyMatch(count -> count > 1);
        assertThat(rows.stream().map(r -> r.get(1)).distinct().count()).as("every printed name differs")
                .isEqualTo(2296);
        for (List<String> row : rows) {
            String printed = row.get(1);
            if (occurs.get(bare(printed)) > 1) {
                assertThat(printed).contains(row.get(5));
            } else if (row.get(2).equals("男") && row.get(3).equals(Candidate.HAN)) {
                assertThat(printed).doesNotContain("（");
            }
            if (row.get(2).equals("女")) {
                assertThat(printed).contains("（女");
            }
            if (!row.get(3).equals(Candidate.HAN)) {
                assertThat(printed).contains(row.get(3));
            }
        }
        assertThat(rows.stream().filter(r -> r.get(2).equals("女"))).hasSize(619);
        assertThat(rows.stream().map(r -> r.get(5)).distinct()).hasSize(38);
    }

    @Test
    void identicalNamesOfOneUnitAreToldApartByTheirBirthAndKeepTheOrderGiven() {
        Candidate a = person("A1", "王凯");
        Candidate b = new Candidate("B1", "王凯", a.gender(), a.ethnicity(), a.birthDate().minusYears(3),
                a.joinedPartyOn(), true, a.education(), a.category(), a.frontlineKind(), false, null, null, null, false,
                false, false, null);
        NationalDelegateList list = new NationalDelegateList("名单", List.of(
                new NationalDelegateList.Entry(person("X1", "王毅"), "外交部"),
                new NationalDelegateList.Entry(a, "河南省"),
                new NationalDelegateList.Entry(b, "河南省"),
                new NationalDelegateList.Entry(a, "解放军和武警部队"),
                new NationalDelegateList.Entry(person("X2", "王宁"), "北京市")));

        assertThat(list.printedNames()).containsExactly("王宁", "王凯（河南省，1960年生）", "王凯（河南省，1957年生）",
                "王凯（解放军和武警部队）", "王毅");
    }

    @Test
    void thePdfPrintsTheTitleTheCountAndEveryNameInTheEmbeddedFont() throws Exception {
        try (PDDocument document = Loader.loadPDF(LIST.pdf(CjkFont.bundled()))) {
            String text = new PDFTextStripper().getText(document).replaceAll("\\R", "");
            assertThat(text).contains("党的全国代表大会代表名单", "共 2296 名，按姓氏笔画为序");
            List<String> printed = LIST.printedNames();
            assertThat(text).contains(printed.get(0), printed.get(1000), printed.get(printed.size() - 1));
            assertThat(text.indexOf(printed.get(0))).isLessThan(text.indexOf(printed.get(printed.size() - 1)));
        }
    }

    private static Candidate person(String id, String name) {
        return new HandbookElection().candidates().stream().filter(c -> !c.woman() && !c.minority()).findFirst()
                .map(c -> new Candidate(id, name, c.gender(), c.ethnicity(), java.time.LocalDate.of(1960, 5, 1),
                        c.joinedPartyOn(), true, c.education(), c.category(), c.frontlineKind(), false, null, null,
                        null, false, false, false, null))
                .orElseThrow();
    }

    private static String bare(String printed) {
        int note = printed.indexOf('（');
        return note < 0 ? printed : printed.substring(0, note);
    }

    private static List<String> cells(Row row) {
        List<String> cells = new ArrayList<>();
        row.forEach(cell -> cells.add(cell.toString()));
        return cells;
    }
}
