package org.delegateelection.system;

/**
 * One problem with an input: an imported file's row and column, a REST body's field, a form field.
 *
 * @param row    1-based row of an imported file (the header is row 1 in CSV and .xlsx, the first element is row 1 in a
 *               JSON array), or {@code null}
 * @param field  the field or column name, or {@code null} when the whole row is at fault
 * @param reason why it is rejected, in Chinese
 */
public record Problem(Integer row, String field, String reason) {

    @Override
    public String toString() {
        String where = (row == null ? "" : "第" + row + "行") + (field == null ? "" : "字段 " + field);
        return where.isEmpty() ? reason : where + "：" + reason;
    }
}
