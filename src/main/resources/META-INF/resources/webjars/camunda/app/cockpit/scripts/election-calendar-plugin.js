/*
 * Cockpit plugin "工作日历" on the start page (dashboard): the years of the working-day calendar of the public notice,
 * each with its source (shipped with the application, or entered: by whom and when), the warning from 1 October
 * while next year is missing, and a form to enter or correct a year as the State Council's notice gives it (YAML in
 * the form of calendar/cn-YYYY.yaml). Data comes with the Cockpit session from GET /api/calendar/years; the form
 * PUTs /api/calendar/years/{year} with the session's CSRF token. The server checks everything again.
 */
import {element, getJson} from './election-quota-plugin.js';

const TIME = new Intl.DateTimeFormat('zh-CN', {timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit',
  day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false});

/** A year to fill in: the structure of the shipped files, with the holidays every notice names. */
function template(year) {
  const holidays = [['元旦', "New Year's Day"], ['春节', 'Spring Festival'], ['清明节', 'Qingming Festival'],
    ['劳动节', 'Labour Day'], ['端午节', 'Dragon Boat Festival'], ['中秋节', 'Mid-Autumn Festival'],
    ['国庆节', 'National Day']];
  return `year: ${year}\nnotice:\n  title: 国务院办公厅关于${year}年部分节假日安排的通知\n`
    + '  number: 国办发明电〔…〕…号      # 有文号时填写，否则删除此行\n'
    + '  source: https://www.gov.cn/zhengce/zhengceku/…   # 通知的网址\nholidays:\n'
    + holidays.map(([name, nameEn]) => `  - name: ${name}\n    nameEn: ${nameEn}\n    from: ${year}-MM-DD\n`
      + `    to: ${year}-MM-DD\n    makeUpWorkingDays: []   # 调休上班的周六、周日，如 [${year}-MM-DD]\n`).join('');
}

function source(year) {
  return year.source === 'stored'
    ? `录入：${year.storedBy}，${TIME.format(new Date(year.storedAt))}（第 ${year.version} 版）`
    : '随程序提供';
}

async function showYears(section) {
  section.innerHTML = '';
  let answer;
  try {
    answer = await getJson('/api/calendar/years');
  } catch (error) {
    section.appendChild(element('p', {}, '读取工作日历失败：' + error.message));
    return;
  }
  if (answer.warning) {
    section.appendChild(element('div', {class: 'alert alert-warning election-calendar-warning'}, answer.warning));
  }
  const table = section.appendChild(element('table', {class: 'table table-condensed cam-table'}));
  const head = table.appendChild(element('thead')).appendChild(element('tr'));
  ['年份', '来源', '依据'].forEach(title => head.appendChild(element('th', {}, title)));
  const body = table.appendChild(element('tbody'));
  answer.years.forEach(year => {
    const row = body.appendChild(element('tr', {'data-year': year.year}));
    row.appendChild(element('td', {}, String(year.year)));
    row.appendChild(element('td', {}, source(year)));
    row.appendChild(element('td', {}, year.notice.title));
  });
}

function showResult(result, answer, ok) {
  result.innerHTML = '';
  result.setAttribute('class', ok ? 'alert alert-success election-calendar-result'
    : 'alert alert-danger election-calendar-result');
  if (ok) {
    result.appendChild(element('p', {}, `已保存${answer.year.year}年（第 ${answer.year.version} 版）。`
      + (answer.changedDays.length ? `与此前相比改变的日期：${answer.changedDays.join('、')}。` : '')
      + `重新计算公示期满时间的选举：${answer.corrections.length} 个。`));
    const list = result.appendChild(element('ul'));
    answer.corrections.forEach(c => list.appendChild(element('li', {},
      `${c.businessKey}：${c.publishedOn} 发布的公示，期满时间由 ${TIME.format(new Date(c.previousDueAt))} 改为 `
      + TIME.format(new Date(c.dueAt)))));
    return;
  }
  result.appendChild(element('p', {}, (answer.message || '保存失败') + '，未保存任何内容：'));
  const list = result.appendChild(element('ul'));
  (answer.problems || []).forEach(problem => list.appendChild(element('li', {},
    (problem.field ? `字段 ${problem.field}：` : '') + problem.reason)));
}

function render(node, api) {
  node.innerHTML = '';
  const container = node.appendChild(element('section', {class: 'election-calendar'}));
  container.appendChild(element('h3', {}, '工作日历（党内公示的工作日）'));
  const years = container.appendChild(element('div'));
  showYears(years);

  const form = container.appendChild(element('form', {class: 'election-calendar-form'}));
  form.appendChild(element('h4', {}, '录入或更正一年的节假日安排'));
  form.appendChild(element('p', {class: 'text-muted'},
    '按国务院办公厅关于该年部分节假日安排的通知逐项填写：放假日期含首尾两天，调休上班日为需上班的周六、周日。'
    + '录入的年份优先于随程序提供的年份；更正后，正在进行且计入了改变日期的公示将重新计算期满时间。'));
  const yearLabel = form.appendChild(element('label', {}, '年份 '));
  const year = yearLabel.appendChild(element('input', {type: 'number', name: 'year', min: '2000', max: '2100',
    value: String(new Date().getFullYear() + 1), class: 'form-control', style: 'width: 8em; display: inline-block'}));
  const fill = form.appendChild(element('button', {type: 'button', class: 'btn btn-default', name: 'template'},
    '填入模板'));
  const text = form.appendChild(element('textarea', {name: 'calendar', rows: '16', class: 'form-control',
    spellcheck: 'false', style: 'font-family: monospace; margin: 8px 0'}));
  const save = form.appendChild(element('button', {type: 'submit', class: 'btn btn-primary', name: 'save'}, '保存'));
  const result = container.appendChild(element('div', {class: 'election-calendar-result'}));
  fill.addEventListener('click', () => {
    text.value = template(year.value);
  });
  form.addEventListener('submit', async event => {
    event.preventDefault();
    save.disabled = true;
    try {
      const response = await fetch(`/api/calendar/years/${encodeURIComponent(year.value)}`, {
        method: 'PUT', credentials: 'same-origin', body: text.value,
        headers: {'Content-Type': 'application/yaml', Accept: 'application/json', 'X-XSRF-TOKEN': api.CSRFToken}
      });
      const answer = await response.json().catch(() => ({message: '请求失败（HTTP ' + response.status + '）'}));
      showResult(result, answer, response.ok);
      if (response.ok) {
        showYears(years);
      }
    } finally {
      save.disabled = false;
    }
  });
}

export default {
  id: 'electionCalendar',
  pluginPoint: 'cockpit.dashboard',
  priority: 20,
  render: (node, {api}) => {
    render(node, api);
  }
};
