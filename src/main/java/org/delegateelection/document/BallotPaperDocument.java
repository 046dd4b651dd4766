package org.delegateelection.document;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.delegateelection.system.CjkFont;

/**
 * The ballot paper of one round of a secret vote, as PDF: the title, "应选 N 名", the instructions, then one cell per
 * candidate — an empty box above the name — in the order given (the ballot's, the stroke order of the names,
 * 《中国共产党地方组织选举工作条例》 art. 30), and where people may be written in a row of blank cells headed 另选人.
 * The face carries no number or mark besides the seats (no 序号, ids or page numbers: a mark that could identify a
 * ballot would break the secret ballot, 无记名投票, ibid. art. 6); when the names do not fit on one page the title, seats and
 * instructions head every page.
 *
 * @param unitName the election unit's name, e.g. "示例省"
 * @param kind     which vote and round the paper is for
 * @param names    the candidates' names in ballot order
 * @param seats    the seats the round fills
 */
public record BallotPaperDocument(String unitName, Kind kind, List<String> names, int seats) {

    /** The ballots printed: the congress's formal rounds, its preliminary round, the plenary's 表决票. */
    public enum Kind {
        /** A formal round of the congress (step 23). */
        CONGRESS("congress"),
        /** The congress's preliminary round (预选, step 23). */
        PRELIMINARY("preliminary"),
        /** The plenary session's vote on the prospective candidates (step 20); nobody can be written in. */
        PLENARY("plenary");

        private final String key;

        Kind(String key) {
            this.key = key;
        }

        /** The key in requests: congress, preliminary, plenary. */
        public String key() {
            return key;
        }

        /** True when the ballot has write-in cells. */
        public boolean writeIns() {
            return this != PLENARY;
        }
    }

    /** Copies the names. */
    public BallotPaperDocument {
        names = List.copyOf(names);
    }

    /**
     * The title: "中国共产党示例省代表会议选举出席中国共产党全国代表大会代表选票" (the preliminary round's "…代表预选选票"),
     * the plenary's "中国共产党示例省委员会全体会议表决代表候选人预备人选表决票".
     */
    public String title() {
        return switch (kind) {
            case CONGRESS -> "中国共产党" + unitName + "代表会议选举出席中国共产党全国代表大会代表选票";
            case PRELIMINARY -> "中国共产党" + unitName + "代表会议选举出席中国共产党全国代表大会代表预选选票";
            case PLENARY -> "中国共产党" + unitName + "委员会全体会议表决代表候选人预备人选表决票";
        };
    }

    /** The instructions printed under the seats. */
    public String instructions() {
        String marks = "赞成的在姓名上方空格内划“○”，不赞成的划“×”，弃权的不划任何符号";
        return kind.writeIns()
                ? marks + "；另选他人的在“另选人”栏内写上姓名并划“○”。划“○”的人数（含另选人）多于应选人数的为无效票。"
                : marks + "。划“○”的人数多于应选人数的为无效票。";
    }

    /** The PDF on pages of {@code paper} (A4: 7 names a row, A3: 10). */
    public byte[] pdf(CjkFont font, PDRectangle paper) {
        PdfWriter pdf = new PdfWriter(font, paper);
        int columns = paper.getWidth() > PdfWriter.PORTRAIT.getWidth() ? 10 : 7;
        Runnable header = () -> pdf.heading(title(), 16).heading("应选 " + seats + " 名", 12)
                .paragraph(instructions());
        header.run();
        pdf.grid(null, names, columns, header);
        if (kind.writeIns()) {
            pdf.grid("另选人", new ArrayList<>(Collections.nCopies(columns, "")), columns, header);
        }
        return pdf.toBytes();
    }
}
