package org.delegateelection.document;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.text.PDFTextStripper;
import org.delegateelection.candidate.Candidate;
import org.delegateelection.demo.HandbookElection;
import org.delegateelection.system.CjkFont;
import org.delegateelection.vote.StrokeOrder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The ballot papers read back with PDFBox as a counter would read them: the title, 应选 N 名 and the instructions on
 * every page, every name once in the stroke order and nothing else beside them (no digit on the face but the seats),
 * 另选人 cells on the congress's ballots and none on the plenary's 表决票, several pages for many names, A4 and A3.
 */
class BallotPaperDocumentTest {

    private static final String UNIT = "示例省";
    private static CjkFont font;

    @BeforeAll
    static void loadFont() {
        font = CjkFont.bundled();
    }

    @Test
    void aCongressBallotHasTheTitleTheSeatsTheInstructionsAndEveryNameInStrokeOrderWithoutNumbers() throws IOException {
        List<String> names = names(80);
        BallotPaperDocument paper = new BallotPaperDocument(UNIT, BallotPaperDocument.Kind.CONGRESS, names, 69);

        List<String> pages = pages(paper.pdf(font, PdfWriter.PORTRAIT));

        assertThat(paper.title()).isEqualTo("中国共产党示例省代表会议选举出席中国共产党全国代表大会代表选票");
        assertThat(pages).hasSizeGreaterThan(1).allSatisfy(page -> assertThat(page.replaceAll("\\s", ""))
                .contains(paper.title(), "应选69名", "赞成的在姓名上方空格内划“○”，不赞成的划“×”，弃权的不划任何符号；"
                        + "另选他人的在“另选人”栏内写上姓名并划“○”。"));
        assertThat(namesPrinted(pages, names)).containsExactlyElementsOf(names);
        assertThat(String.join("", pages).replace("应选 69 名", "")).doesNotContainPattern("\\d");
        assertThat(pages.get(pages.size() - 1)).contains("另选人");
    }

    @Test
    void manyNamesRunOverSeveralPagesEachWithTheHeaderAndA3HoldsMoreOfThemThanA4() throws IOException {
        for (int count : new int[] {150, 300}) {
            List<String> names = names(count);
            BallotPaperDocument paper = new BallotPaperDocument(UNIT, BallotPaperDocument.Kind.CONGRESS, names, 100);
            byte[] a4 = paper.pdf(font, PdfWriter.PORTRAIT);
            byte[] a3 = paper.pdf(font, PdfWriter.A3);
            List<String> a4Pages = pages(a4);
            List<String> a3Pages = pages(a3);

            assertThat(a4Pages).hasSizeGreaterThan(2).allSatisfy(page -> assertThat(page.replaceAll("\\s", ""))
                    .contains(paper.title(), "应选100名"));
            assertThat(a3Pages).hasSizeLessThan(a4Pages.size()).allSatisfy(page -> assertThat(page)
                    .contains("应选 100 名"));
            assertThat(namesPrinted(a4Pages, names)).containsExactlyElementsOf(names);
            assertThat(namesPrinted(a3Pages, names)).containsExactlyElementsOf(names);
            assertThat(String.join("", a4Pages).replace("应选 100 名", "")).doesNotContainPattern("\\d");
            assertThat(size(a4)).isEqualTo(new float[] {PDRectangle.A4.getWidth(), PDRectangle.A4.getHeight()});
            assertThat(size(a3)).isEqualTo(new float[] {PDRectangle.A3.getWidth(), PDRectangle.A3.getHeight()});
        }
    }

    @Test
    void thePlenaryVotingBallotHasNoWriteInCells() throws IOException {
        List<String> names = names(40);
        BallotPaperDocument paper = new BallotPaperDocument(UNIT, BallotPaperDocument.Kind.PLENARY, names, 36);

        String text = String.join("", pages(paper.pdf(font, PdfWriter.PORTRAIT)));

        assertThat(paper.title()).isEqualTo("中国共产党示例省委员会全体会议表决代表候选人预备人选表决票");
        assertThat(text.replaceAll("\\s", "")).contains(paper.title(), "应选36名",
                "赞成的在姓名上方空格内划“○”，不赞成的划“×”，弃权的不划任何符号。").doesNotContain("另选");
        assertThat(namesPrinted(List.of(text), names)).containsExactlyElementsOf(names);
    }

    @Test
    void aLaterRoundPrintsOnlyItsOwnCandidatesAndSeats() throws IOException {
        List<String> all = names(80);
        List<String> second = List.of(all.get(3), all.get(17), all.get(42));
        BallotPaperDocument paper = new BallotPaperDocument(UNIT, BallotPaperDocument.Kind.CONGRESS, second, 2);

        List<String> pages = pages(paper.pdf(font, PdfWriter.PORTRAIT));

        assertThat(pages).hasSize(1);
        assertThat(pages.get(0)).contains("应选 2 名");
        assertThat(namesPrinted(pages, all)).containsExactlyElementsOf(second);
    }

    @Test
    void thePreliminaryBallotIsTitledAsSuchAndAllowsWriteIns() {
        BallotPaperDocument paper = new BallotPaperDocument(UNIT, BallotPaperDocument.Kind.PRELIMINARY, names(5), 4);

        assertThat(paper.title()).isEqualTo("中国共产党示例省代表会议选举出席中国共产党全国代表大会代表预选选票");
        assertThat(paper.instructions()).contains("另选人");
    }

    /**
     * {@code count} distinct names in stroke order: the handbook's, then each surname with the given names of the
     * others, as many as needed.
     */
    private static List<String> names(int count) {
        List<String> handbook = new HandbookElection().candidates().stream().map(Candidate::name).toList();
        Set<String> names = new LinkedHashSet<>(handbook);
        for (int i = 0; names.size() < count; i++) {
            for (int j = 0; j < 3 && names.size() < count; j++) {
                names.add(handbook.get(i).substring(0, 1) + handbook.get((i + j + 1) % handbook.size()).substring(1));
            }
        }
        return new ArrayList<>(names).subList(0, count).stream().sorted(StrokeOrder.NAMES).toList();
    }

    /** The text of each page, read in position order. */
    private static List<String> pages(byte[] pdf) throws IOException {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            PDFTextStripper stripper = new PDFTextStripper();
            stripper.setSortByPosition(true);
            List<String> pages = new ArrayList<>();
            for (int p = 1; p <= document.getNumberOfPages(); p++) {
                stripper.setStartPage(p);
                stripper.setEndPage(p);
                pages.add(stripper.getText(document));
            }
            return pages;
        }
    }

    /** The words of the pages that are names of {@code known}, in the order printed. */
    private static List<String> namesPrinted(List<String> pages, List<String> known) {
        Set<String> names = Set.copyOf(known);
        return pages.stream().flatMap(page -> Arrays.stream(page.split("\\s+"))).filter(names::contains).toList();
    }

    private static float[] size(byte[] pdf) throws IOException {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            PDPage page = document.getPage(0);
            return new float[] {page.getMediaBox().getWidth(), page.getMediaBox().getHeight()};
        }
    }
}
