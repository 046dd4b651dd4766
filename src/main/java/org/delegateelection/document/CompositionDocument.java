package org.delegateelection.document;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Rectangle;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.util.ArrayList;
import java.util.List;

import org.delegateelection.quota.QuotaRule;
import org.delegateelection.report.CompositionReport;
import org.delegateelection.report.CompositionReport.Figure;
import org.delegateelection.report.Shares;
import org.delegateelection.system.CjkFont;
import org.delegateelection.system.Sheets;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.StandardChartTheme;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.labels.StandardCategoryItemLabelGenerator;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.svg.SVGGraphics2D;

/**
 * The composition report (the composition of a list in the form the Organization Department publishes) of one list as
 * .xlsx, and as a chart of its shares against the structural requirements of the election's quota rules: one pair of
 * bars per requirement, the list's share beside the share required, each bar labelled with its percent, each
 * requirement named with its direction ("至多", "至少", "高于", "约"). The chart is SVG drawn by JFreeChart; its text
 * stays text, so a browser renders the Chinese with its own fonts and the figures can be read out of the file.
 *
 * @param electionName     the election unit's name
 * @param listNoun         the list's Chinese noun, e.g. "预备人选"
 * @param report           the composition of the list
 * @param rules            the election's quota rules; the share rules among them are the requirements charted
 * @param womenMemberShare the women's share of the unit's party members, a fraction, which the women's share of a
 *                         list must exceed
 */
public record CompositionDocument(String electionName, String listNoun, CompositionReport report,
                                  List<QuotaRule> rules, BigDecimal womenMemberShare) {

    /** The series of the chart: the list's shares and the shares required. */
    public static final String ACTUAL = "本名单比例", REQUIRED = "要求比例";

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    /** Copies the rules. */
    public CompositionDocument {
        rules = List.copyOf(rules);
    }

    /**
     * One requirement on a share.
     *
     * @param label       what is counted and what is required, e.g. "女性（要求高于 29.0%）"
     * @param actual      the list's share in percent, one decimal
     * @param required    the share required in percent (the bound, or the reference share for "roughly equal")
     */
    public record Bar(String label, BigDecimal actual, BigDecimal required) {
    }

    /** The title, e.g. "示例省预备人选结构情况". */
    public String title() {
        return electionName + listNoun + "结构情况";
    }

    /**
     * The requirements on shares that the rules set, in the order of the rules: leading cadres at most, frontline at
     * least, women above the members' share, under 55 at least, workers, farmers and professional technicians roughly
     * as at the last congress. Rules of other kinds are not shares and are left out; so is every bar of an empty list.
     */
    public List<Bar> bars() {
        List<Bar> bars = new ArrayList<>();
        if (report.count() == 0) {
            return bars;
        }
        for (QuotaRule rule : rules) {
            switch (rule.kind()) {
                case LEADING_CADRE_MAX_SHARE -> bars.add(bar("党员领导干部", "至多", rule.maxShare(),
                        Shares.percent(report.count() - report.frontline().count(), report.count())));
                case FRONTLINE_MIN_SHARE -> bars.add(bar("生产和工作第一线", "至少", rule.minShare(),
                        report.frontline().percent()));
                case WOMEN_ABOVE_MEMBER_SHARE -> bars.add(bar("女性", "高于", womenMemberShare,
                        report.women().percent()));
                case UNDER_55_MIN_SHARE -> bars.add(bar("55岁以下", "至少", rule.minShare(),
                        report.under55().percent()));
                case FRONTLINE_KIND_NEAR_REFERENCE -> {
                    Figure figure = switch (rule.frontlineKind()) {
                        case WORKER -> report.workers();
                        case FARMER -> report.farmers();
                        case PROFESSIONAL_TECHNICIAN -> report.professionalTechnicians();
                        case OTHER -> null;
                    };
                    if (figure != null) {
                        bars.add(new Bar(rule.frontlineKind().label() + "（要求约 "
                                + Shares.fractionAsPercent(rule.referenceShare()) + "，相差不超过 "
                                + rule.tolerancePoints().stripTrailingZeros().toPlainString() + " 个百分点）",
                                figure.percent(), rule.referenceShare().multiply(HUNDRED)));
                    }
                }
                default -> {
                }
            }
        }
        return bars;
    }

    /** One sheet "结构情况": the report's lines as 项目, 人数, 比例（%）; then "结构要求" with the charted bars. */
    public byte[] xlsx() {
        List<List<?>> rows = new ArrayList<>();
        rows.add(List.of("人数", report.count()));
        row(rows, "生产和工作第一线", report.frontline());
        row(rows, "其中工人", report.workers());
        rows.add(List.of("其中农民工", report.migrantWorkers()));
        row(rows, "其中农民", report.farmers());
        row(rows, "其中专业技术人员", report.professionalTechnicians());
        row(rows, "女性", report.women());
        row(rows, "少数民族", report.minorities());
        rows.add(List.of("少数民族涉及民族数", report.minorityGroups()));
        List<Object> age = new ArrayList<>(List.of("平均年龄（岁）"));
        age.add(report.averageAge());
        rows.add(age);
        row(rows, "55岁以下", report.under55());
        row(rows, "45岁以下", report.under45());
        row(rows, "大专以上学历", report.collegeOrAbove());
        row(rows, "其中大学", report.university());
        row(rows, "其中研究生", report.postgraduate());
        row(rows, "新民主主义革命时期入党（1949年10月1日前）", report.joinedBefore1949());
        row(rows, "社会主义革命和建设时期入党（1949年10月1日至1978年12月17日）", report.joined1949To1978());
        row(rows, "改革开放和社会主义现代化建设时期入党（1978年12月18日至2012年11月7日）", report.joined1978To2012());
        row(rows, "党的十八大以来入党（2012年11月8日起）", report.joinedSince2012());
        row(rows, "改革开放以后入党", report.joinedAfterReform());
        row(rows, "获省部级以上表彰的第一线人选（比例为占第一线人选）", report.frontlineWithHonours());
        return new Sheets()
                .sheet("结构情况", title() + "（年龄计算截至 " + report.ageReferenceDate() + "）",
                        List.of("项目", "人数", "比例（%）"), rows)
                .sheet("结构要求", null, List.of("要求", ACTUAL + "（%）", REQUIRED + "（%）"),
                        bars().stream().<List<?>>map(b -> List.of(b.label(), b.actual(), b.required())).toList())
                .toBytes();
    }

    /**
     * The chart as an SVG document (UTF-8 text), 900 points wide; {@code font} measures the Chinese text while the
     * chart is laid out and is named first in the SVG's font families, common Chinese fonts of browsers after it.
     */
    public String svg(CjkFont font) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (Bar bar : bars()) {
            data.addValue(bar.actual(), ACTUAL, bar.label());
            data.addValue(bar.required(), REQUIRED, bar.label());
        }
        JFreeChart chart = ChartFactory.createBarChart(title() + "：比例与要求", null, "比例（%）", data,
                PlotOrientation.HORIZONTAL, true, false, false);
        StandardChartTheme theme = (StandardChartTheme) StandardChartTheme.createJFreeTheme();
        theme.setExtraLargeFont(font.awt(Font.BOLD, 18));
        theme.setLargeFont(font.awt(Font.BOLD, 14));
        theme.setRegularFont(font.awt(Font.PLAIN, 12));
        theme.setSmallFont(font.awt(Font.PLAIN, 11));
        theme.setBarPainter(new StandardBarPainter());
        theme.setShadowVisible(false);
        theme.apply(chart);
        chart.addSubtitle(new TextTitle("共 " + report.count() + " 名；年龄计算截至 " + report.ageReferenceDate()
                + "；要求依据适用的结构比例规则", font.awt(Font.PLAIN, 12)));
        CategoryPlot plot = chart.getCategoryPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlineStroke(new BasicStroke(0.5f));
        CategoryAxis axis = plot.getDomainAxis();
        axis.setMaximumCategoryLabelWidthRatio(0.45f);
        axis.setMaximumCategoryLabelLines(2);
        axis.setCategoryLabelPositions(CategoryLabelPositions.STANDARD);
        plot.getRangeAxis().setUpperMargin(0.12);
        BarRenderer renderer = (BarRenderer) plot.getRenderer();
        renderer.setSeriesPaint(0, new Color(0xC0, 0x39, 0x2B));
        renderer.setSeriesPaint(1, new Color(0x9E, 0x9E, 0x9E));
        renderer.setItemMargin(0.05);
        renderer.setDefaultItemLabelGenerator(new StandardCategoryItemLabelGenerator("{2}%", new DecimalFormat("0.0##")));
        renderer.setDefaultItemLabelsVisible(true);
        renderer.setDefaultItemLabelFont(font.awt(Font.PLAIN, 11));
        int height = 160 + 56 * Math.max(1, data.getColumnCount());
        SVGGraphics2D svg = new SVGGraphics2D(900, height);
        // JFreeSVG quotes its attributes with ' and writes this list into one of them
        svg.setFontFunction(family -> "\"" + family + "\", \"Noto Sans CJK SC\", \"Source Han Sans SC\", "
                + "\"Microsoft YaHei\", \"PingFang SC\", sans-serif");
        chart.draw(svg, new Rectangle(0, 0, 900, height));
        return svg.getSVGDocument();
    }

    private Bar bar(String what, String direction, BigDecimal fraction, BigDecimal actual) {
        return new Bar(what + "（要求" + direction + " " + Shares.fractionAsPercent(fraction) + "）", actual,
                fraction.multiply(HUNDRED).setScale(2, RoundingMode.HALF_UP).stripTrailingZeros());
    }

    private static void row(List<List<?>> rows, String label, Figure figure) {
        List<Object> row = new ArrayList<>(List.of(label, figure.count()));
        row.add(figure.percent());
        rows.add(row);
    }
}
