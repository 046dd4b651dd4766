/*
 * Cockpit plugin "名额结构": on a delegate-election instance, the election's last quota report (every rule with its
 * verdict and sentence) and the composition of the list that report checked, as bars of the actual shares against
 * the required thresholds, under the title the report carries. Data comes with the Cockpit session: the instance's
 * variable electionId from the engine API, the report and the composition from the application's /api/elections.
 */

const SVG = 'http://www.w3.org/2000/svg';

// The list of people each checkpoint checks (the composition endpoint's list name); the report names its own title.
const CHECKED_LISTS = {
  unitNominees: 'nominees',
  inspection: 'inspection',
  identity: 'inspection',
  inspected: 'inspection',
  preliminary: 'preliminary',
  prospective: 'prospective',
  elected: 'elected'
};

const LIST_NAMES = {
  nominees: '推荐提名人选',
  inspection: '考察对象',
  preliminary: '初步人选',
  prospective: '预备人选',
  elected: '当选代表'
};

// Bars of the chart: a share of the composition report and the quota rule that sets its requirement.
const BARS = [
  {figure: 'frontline', label: '生产和工作第一线', rule: 'frontlineMinShare'},
  {figure: 'women', label: '女性', rule: 'womenShare'},
  {figure: 'under55', label: '55岁以下', rule: 'under55Share'},
  {figure: 'workers', label: '工人', rule: 'workersShare'},
  {figure: 'farmers', label: '农民', rule: 'farmersShare'},
  {figure: 'professionalTechnicians', label: '专业技术人员', rule: 'techniciansShare'},
  {figure: 'minorities', label: '少数民族', rule: null}
];

export async function getJson(url) {
  const response = await fetch(url, {credentials: 'same-origin', headers: {Accept: 'application/json'}});
  if (!response.ok) {
    const error = new Error(response.status === 404 ? 'not-found' : '请求失败（HTTP ' + response.status + '）');
    error.status = response.status;
    throw error;
  }
  return response.json();
}

export function element(tag, attributes, text) {
  const node = document.createElement(tag);
  Object.entries(attributes || {}).forEach(([name, value]) => node.setAttribute(name, value));
  if (text !== undefined) {
    node.textContent = text;
  }
  return node;
}

function svg(tag, attributes, text) {
  const node = document.createElementNS(SVG, tag);
  Object.entries(attributes).forEach(([name, value]) => node.setAttribute(name, value));
  if (text !== undefined) {
    node.textContent = text;
  }
  return node;
}

/**
 * The requirement a rule's text states, in percent: {min} for "不低于/高于 X%", {max} for "不超过 X%", {min, max} for
 * "与上届 X% 基本持平（相差不超过 T 个百分点）"; null when the text names no share.
 */
function requirement(result) {
  if (!result) {
    return null;
  }
  const share = /(\d+(?:\.\d+)?)%/.exec(result.required);
  if (!share) {
    return null;
  }
  const value = parseFloat(share[1]);
  const tolerance = /相差不超过\s*(\d+(?:\.\d+)?)\s*个百分点/.exec(result.required);
  if (tolerance) {
    return {min: value - parseFloat(tolerance[1]), max: value + parseFloat(tolerance[1])};
  }
  return /不超过/.test(result.required) ? {max: value} : {min: value};
}

function reportTable(report) {
  const table = element('table', {class: 'table table-condensed election-quota-report'});
  const head = element('tr');
  ['规则', '要求', '实际', '结果'].forEach(title => head.appendChild(element('th', {}, title)));
  table.appendChild(element('thead')).appendChild(head);
  const body = table.appendChild(element('tbody'));
  report.results.forEach(result => {
    const row = element('tr', {'data-rule': result.ruleId, title: result.sentence,
      class: result.passed ? '' : (result.blocking ? 'danger' : 'warning')});
    row.appendChild(element('td', {}, result.label));
    row.appendChild(element('td', {}, result.required));
    row.appendChild(element('td', {}, result.actual));
    row.appendChild(element('td', {}, result.passed ? '✔ 符合' : (result.blocking ? '✘ 不符合' : '⚠ 不符合（仅提示）')));
    body.appendChild(row);
  });
  return table;
}

function chart(composition, report) {
  const results = {};
  report.results.forEach(result => { results[result.ruleId] = result; });
  const bars = BARS.filter(bar => composition[bar.figure] && composition[bar.figure].percent !== null);
  const left = 130, width = 420, rowHeight = 30, top = 24;
  const height = top + bars.length * rowHeight + 24;
  const x = percent => left + width * Math.min(Math.max(percent, 0), 100) / 100;
  const root = svg('svg', {class: 'election-quota-chart', width: left + width + 90, height,
    viewBox: `0 0 ${left + width + 90} ${height}`, role: 'img', 'aria-label': '结构比例与要求对照'});
  [0, 25, 50, 75, 100].forEach(tick => {
    root.appendChild(svg('line', {x1: x(tick), x2: x(tick), y1: top - 6, y2: height - 20, stroke: '#ddd'}));
    root.appendChild(svg('text', {x: x(tick), y: height - 6, 'text-anchor': 'middle', 'font-size': 11,
      fill: '#666'}, tick + '%'));
  });
  bars.forEach((bar, index) => {
    const y = top + index * rowHeight;
    const figure = composition[bar.figure];
    const result = bar.rule ? results[bar.rule] : null;
    const range = requirement(result);
    const fill = !result ? '#7a9cc6' : result.passed ? '#3c8d40' : '#c9302c';
    const group = root.appendChild(svg('g', {'data-figure': bar.figure}));
    group.appendChild(svg('text', {x: left - 8, y: y + 15, 'text-anchor': 'end', 'font-size': 12}, bar.label));
    if (range) {
      const from = range.min === undefined ? 0 : range.min;
      const to = range.max === undefined ? 100 : range.max;
      group.appendChild(svg('rect', {x: x(from), y: y, width: x(to) - x(from), height: 20, fill: '#f0f0f0'}));
      [range.min, range.max].filter(limit => limit !== undefined).forEach(limit =>
        group.appendChild(svg('line', {class: 'requirement', x1: x(limit), x2: x(limit), y1: y - 3, y2: y + 23,
          stroke: '#333', 'stroke-width': 2, 'stroke-dasharray': '4 2'})));
    }
    group.appendChild(svg('rect', {class: 'actual', x: left, y: y + 4, width: x(figure.percent) - left, height: 12,
      fill}));
    group.appendChild(svg('text', {x: left + width + 6, y: y + 15, 'font-size': 12},
      `${Number(figure.percent).toFixed(1)}%（${figure.count} 名）`));
    if (result) {
      group.appendChild(svg('title', {}, result.sentence));
    }
  });
  return root;
}

async function render(node, processInstanceId, engineApi) {
  node.innerHTML = '';
  const container = node.appendChild(element('div', {class: 'election-quota'}));
  let electionId;
  try {
    electionId = (await getJson(`${engineApi}/process-instance/${processInstanceId}/variables/electionId`)).value;
  } catch (error) {
    container.appendChild(element('p', {}, error.status === 404 ? '此流程实例不是代表选举（没有变量 electionId）。'
      : '读取流程变量失败：' + error.message));
    return;
  }
  let report;
  try {
    report = await getJson(`/api/elections/${electionId}/quota-reports/latest`);
  } catch (error) {
    container.appendChild(element('p', {}, error.status === 404 ? '本次选举尚未进行结构比例检查。'
      : '读取结构比例检查结果失败：' + error.message));
    return;
  }
  const failed = report.results.filter(result => !result.passed && result.blocking).length;
  container.appendChild(element('h4', {class: 'election-quota-title'},
    `最近一次检查：${report.title || report.checkpoint}——${report.passed ? '通过' : `未通过（${failed} 项不符合）`}`));
  container.appendChild(reportTable(report));
  const list = CHECKED_LISTS[report.checkpoint];
  if (!list) {
    container.appendChild(element('p', {}, '此检查不涉及人选名单，没有结构图。'));
    return;
  }
  try {
    const composition = await getJson(`/api/elections/${electionId}/composition?list=${list}`);
    container.appendChild(element('h4', {}, `${LIST_NAMES[list]}结构（共 ${composition.count} 名）与要求对照`));
    container.appendChild(element('p', {class: 'text-muted'},
      '条形为实际比例（绿色符合、红色不符合要求），虚线和灰色区间为要求。'));
    container.appendChild(chart(composition, report));
  } catch (error) {
    container.appendChild(element('p', {}, '读取名单结构失败：' + error.message));
  }
}

export default {
  id: 'electionQuota',
  pluginPoint: 'cockpit.processInstance.runtime.tab',
  priority: 20,
  properties: {
    label: '名额结构'
  },
  render: (node, {api, processInstanceId}) => {
    render(node, processInstanceId, api.engineApi);
  }
};
