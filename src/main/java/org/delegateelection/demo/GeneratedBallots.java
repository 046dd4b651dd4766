package org.delegateelection.demo;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.delegateelection.vote.Ballot;

/**
 * Ballots that add up to given approvals, as a ballot file in CSV (the format of
 * {@link org.delegateelection.vote.BallotSheet}): for demonstrations and tests where a tally is planned and the
 * ballots behind it are needed. Each candidate's approvals are spread over the valid ballots in turn, so that every
 * ballot approves about as many people as any other and never more than the seats; a ballot that does not approve a
 * candidate disapproves or abstains. The invalid ballots approve every candidate when there are more candidates than
 * seats (invalid for approving more than the seats), otherwise they are marked spoilt (无效).
 */
public final class GeneratedBallots {

    private GeneratedBallots() {
    }

    /**
     * The rows of the file: the header, then one row per ballot.
     *
     * @param ballot    the ballot (its candidate ids head the columns; the column 无效 follows)
     * @param approvals approvals per candidate id, each at most {@code valid}; a candidate left out has none
     * @param valid     valid ballots
     * @param invalid   invalid ballots
     * @throws IllegalArgumentException when the approvals cannot be spread over the valid ballots within the seats
     */
    public static List<List<String>> rows(Ballot ballot, Map<String, Integer> approvals, int valid, int invalid) {
        List<String> ids = ballot.candidateIds();
        long total = approvals.values().stream().mapToLong(Integer::longValue).sum();
        if (total > (long) valid * ballot.seats() || approvals.values().stream().anyMatch(a -> a > valid)) {
            throw new IllegalArgumentException("赞成票无法分配到有效票上");
        }
        String[][] marks = new String[valid][ids.size()];
        int next = 0;
        for (int c = 0; c < ids.size(); c++) {
            int count = approvals.getOrDefault(ids.get(c), 0);
            for (int b = 0; b < valid; b++) {
                marks[b][c] = (b + c) % 3 == 0 ? "反对" : "弃权";
            }
            for (int i = 0; i < count; i++) {
                marks[(next + i) % valid][c] = "赞成";
            }
            next = valid == 0 ? 0 : (next + count) % valid;
        }
        List<List<String>> rows = new ArrayList<>();
        List<String> header = new ArrayList<>(ids);
        header.add("无效");
        rows.add(header);
        for (String[] ballotMarks : marks) {
            List<String> row = new ArrayList<>(List.of(ballotMarks));
            row.add("");
            rows.add(row);
        }
        for (int i = 0; i < invalid; i++) {
            boolean overApproving = ids.size() > ballot.seats();
            List<String> row = new ArrayList<>();
            ids.forEach(id -> row.add(overApproving ? "赞成" : ""));
            row.add(overApproving ? "" : "是");
            rows.add(row);
        }
        return rows;
    }

    /** The rows of {@link #rows} as CSV text (no cell needs quoting: ids, marks and 无效). */
    public static String csv(Ballot ballot, Map<String, Integer> approvals, int valid, int invalid) {
        StringBuilder text = new StringBuilder();
        for (List<String> row : rows(ballot, approvals, valid, invalid)) {
            text.append(String.join(",", row)).append('\n');
        }
        return text.toString();
    }

    /** Rows such as those of {@link #rows} as an .xlsx workbook whose first sheet holds them, every cell text. */
    public static byte[] xlsx(List<List<String>> rows) {
        try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = workbook.createSheet("选票");
            for (int r = 0; r < rows.size(); r++) {
                Row row = sheet.createRow(r);
                for (int c = 0; c < rows.get(r).size(); c++) {
                    if (!rows.get(r).get(c).isEmpty()) {
                        row.createCell(c).setCellValue(rows.get(r).get(c));
                    }
                }
            }
            workbook.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
