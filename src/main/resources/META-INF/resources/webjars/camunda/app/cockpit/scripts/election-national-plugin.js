/*
 * Cockpit page "全国代表选举" (route #/national-elections, linked from the header): the national procedure's units on one
 * page, each with its kind, seats, stage, current step, calendar days to the Centre's deadline (Asia/Shanghai) and
 * its latest quota check; below, the composition of the delegates elected so far as the chart of
 * GET /api/national/documents/composition.svg against the Centre's requirements, and the units that miss each
 * requirement (GET /api/national/roll-up), ages counted on the notice's deadline. The procedure shown is the running
 * national-election instance of the route's ?code= (the first one without it). Data comes with the Cockpit session;
 * the server refuses /api/national/… to everyone but the central bodies (403), and the page then says so.
 */
import {element, getJson} from './election-quota-plugin.js';

const PATH = '/national-elections';

function refused(container) {
  container.appendChild(element('div', {class: 'alert alert-danger election-national-refused'},
    '无权查看全国代表选举：只有中央组织部和全国代表大会代表资格审查委员会可以查看。'));
}

function codeInRoute() {
  return new URLSearchParams(window.location.hash.split('?')[1] || '').get('code');
}

function stepText(unit) {
  if (!unit.processInstanceId) {
    return '尚未启动';
  }
  return unit.steps.length ? unit.steps.join('、') : (unit.confirmed ? '已完成' : '—');
}

function deadlineText(unit) {
  if (unit.daysToDeadline === null) {
    return '已上报';
  }
  return unit.daysToDeadline >= 0 ? `${unit.daysToDeadline} 天` : `已逾期 ${-unit.daysToDeadline} 天`;
}

function unitsTable(units) {
  const table = element('table', {class: 'table table-condensed cam-table election-national-units'});
  const head = table.appendChild(element('thead')).appendChild(element('tr'));
  ['选举单位', '类别', '名额', '阶段', '所在步骤', '距截止日期', '最近一次结构检查'].forEach(title =>
    head.appendChild(element('th', {}, title)));
  const body = table.appendChild(element('tbody'));
  units.forEach(unit => {
    const row = body.appendChild(element('tr', {'data-unit': unit.code}));
    row.appendChild(element('td', {}, unit.name));
    row.appendChild(element('td', {}, unit.kind));
    row.appendChild(element('td', {}, String(unit.seats)));
    row.appendChild(element('td', {class: 'stage'}, unit.stage || '—'));
    row.appendChild(element('td', {class: 'step'}, stepText(unit)));
    row.appendChild(element('td', {class: 'deadline'}, deadlineText(unit)));
    const quota = unit.latestQuota;
    row.appendChild(quota
      ? element('td', {class: 'quota ' + (quota.passed ? 'text-success' : 'text-danger'),
        'data-checkpoint': quota.checkpoint}, `${quota.passed ? '✔ 通过' : '✘ 未通过'}（${quota.title}）`)
      : element('td', {class: 'quota'}, '尚未检查'));
  });
  return table;
}

async function showChart(section, deadline) {
  const query = `?list=elected&ageOn=${deadline}`;
  const response = await fetch('/api/national/documents/composition.svg' + query,
    {credentials: 'same-origin', headers: {Accept: 'image/svg+xml, application/json'}});
  if (!response.ok) {
    const answer = await response.json().catch(() => ({}));
    section.appendChild(element('p', {class: 'text-muted election-national-no-chart'},
      ((answer.problems || [])[0] || {}).reason || '读取构成图失败（HTTP ' + response.status + '）'));
    return;
  }
  // the chart is the application's own SVG (text stays text, no script); shown inline so that it scales and reads
  const chart = new DOMParser().parseFromString(await response.text(), 'image/svg+xml').documentElement;
  chart.setAttribute('class', 'election-national-chart');
  chart.setAttribute('style', 'max-width: 100%; height: auto');
  section.appendChild(document.importNode(chart, true));
  const rollUp = await getJson('/api/national/roll-up' + query);
  section.appendChild(element('h4', {}, `未达到中央要求的选举单位（已确定当选代表的 ${rollUp.unitsReported} 个选举单位中）`));
  const list = section.appendChild(element('ul', {class: 'election-national-missing'}));
  Object.entries(rollUp.missing).forEach(([requirement, names]) => list.appendChild(element('li', {},
    `${requirement}：${names.length ? names.join('、') : '均已达到'}`)));
}

async function render(node, engineApi) {
  node.innerHTML = '';
  const container = node.appendChild(element('section', {class: 'election-national', style: 'padding: 15px'}));
  container.appendChild(element('h2', {}, '全国代表选举'));
  let codes;
  try {
    codes = (await getJson(`${engineApi}/process-instance?processDefinitionKey=national-election`))
      .map(instance => instance.businessKey).sort();
  } catch (error) {
    codes = [];
  }
  const code = codeInRoute() || codes[0];
  if (!code) {
    try {
      await getJson('/api/national/roll-up');
      container.appendChild(element('p', {}, '没有正在进行的全国代表选举。'));
    } catch (error) {
      error.status === 403 ? refused(container) : container.appendChild(element('p', {}, error.message));
    }
    return;
  }
  let overview;
  try {
    overview = await getJson(`/api/national/elections/${encodeURIComponent(code)}`);
  } catch (error) {
    if (error.status === 403) {
      refused(container);
    } else {
      container.appendChild(element('p', {}, error.status === 404 ? `没有代码为 ${code} 的全国代表选举。`
        : '读取全国代表选举失败：' + error.message));
    }
    return;
  }
  if (codes.length > 1) {
    const label = container.appendChild(element('label', {}, '全国代表选举 '));
    const select = label.appendChild(element('select', {name: 'code', class: 'form-control',
      style: 'width: auto; display: inline-block'}));
    codes.forEach(c => select.appendChild(element('option', c === code ? {value: c, selected: 'selected'}
      : {value: c}, c)));
    select.addEventListener('change', () => { window.location.hash = `#${PATH}?code=${select.value}`; });
  }
  const notice = overview.notice;
  const units = overview.units;
  container.appendChild(element('h3', {class: 'election-national-title'}, `${notice.congressName}（${notice.code}）`));
  container.appendChild(element('p', {class: 'election-national-summary'},
    `${units.length} 个选举单位，代表名额 ${notice.totalSeats} 名；${notice.deadline} 前完成选举并上报结果，`
    + `进度检查日 ${notice.progressCheckOn}。已选出代表 ${units.filter(u => u.elected).length} 个，`
    + `已上报 ${units.filter(u => u.reported).length} 个，代表资格已确认 ${units.filter(u => u.confirmed).length} 个。`
    + '距截止日期按日历天数计（北京时间）。'));
  container.appendChild(unitsTable(units));
  const chart = container.appendChild(element('section', {class: 'election-national-composition'}));
  chart.appendChild(element('h3', {}, '全国当选代表构成与中央结构要求'));
  chart.appendChild(element('p', {class: 'text-muted'}, `本系统登记的全部选举单位中已确定当选代表的合计；年龄计算截至 `
    + `${notice.deadline}（中央通知的截止日期）。女性比例对照全国党员中女性比例，各省区市按本地区女党员比例逐一检查，见下方。`));
  try {
    await showChart(chart, notice.deadline);
  } catch (error) {
    chart.appendChild(element('p', {class: 'text-muted election-national-no-chart'}, '读取全国汇总失败：' + error.message));
  }
}

export default [{
  id: 'electionNational',
  pluginPoint: 'cockpit.route',
  properties: {path: PATH},
  render: (node, {api}) => {
    render(node, api.engineApi);
  }
}, {
  id: 'electionNationalNavigation',
  pluginPoint: 'cockpit.navigation',
  priority: 30,
  properties: {path: PATH},
  render: node => {
    node.innerHTML = `<a href="#${PATH}">全国代表选举</a>`;
  }
}];
