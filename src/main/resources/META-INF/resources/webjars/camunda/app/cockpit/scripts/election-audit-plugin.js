/*
 * Cockpit plugin "审计记录": on a delegate-election instance, the state of the election's chain of records (every
 * decided list, quota report, counted round and correction, checked again against its SHA-256), the audit trail of
 * the candidate registry (who changed which person, when, why, the values before and after), and who did what and
 * when from the engine's user operation log (every claim, completion and message of the instance, with the values
 * submitted), newest first. All of it is read-only: no group has the right to change or delete it. Data comes with
 * the Cockpit session: the engine API, and the application's /api/elections for the organization department and
 * the discipline commission.
 */
import {element, getJson} from './election-quota-plugin.js';

const OPERATIONS = {
  Claim: '认领',
  Complete: '完成',
  Assign: '指派',
  SetOwner: '转交',
  Delegate: '委托',
  Resolve: '办结',
  Create: '创建',
  SetVariable: '设置变量',
  ModifyVariable: '修改变量',
  RemoveVariable: '删除变量',
  CorrelateMessage: '发送消息',
  SetJobDuedate: '修改作业到期时间',
  RecalculateDueDate: '重新计算作业到期时间',
  Suspend: '挂起',
  Activate: '激活'
};

const TIME = new Intl.DateTimeFormat('zh-CN', {timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit',
  day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false});

/** One row per operation: the log writes one entry per property an operation changed. */
function operations(entries) {
  const byId = new Map();
  entries.forEach(entry => {
    const operation = byId.get(entry.operationId) || {...entry, changes: []};
    if (entry.property && entry.newValue !== null) {
      operation.changes.push(`${entry.property}=${entry.newValue}`);
    }
    byId.set(entry.operationId, operation);
  });
  return [...byId.values()];
}

const CHANGES = {CREATED: '登记', UPDATED: '修改信息', STATUS: '环节变化'};

/** The chain's state, and the registry's audit trail; a caller without the right to them is told so. */
async function renderRecords(container, electionId) {
  container.appendChild(element('h4', {}, '记录完整性'));
  let integrity;
  let changes;
  try {
    integrity = await getJson(`/api/elections/${electionId}/integrity`);
    changes = await getJson(`/api/elections/${electionId}/candidates/changes`);
  } catch (error) {
    container.appendChild(element('p', {class: 'text-muted'}, error.status === 403
      ? '记录完整性和人选库变更记录仅组织部、纪委监委可以查看。' : '读取记录完整性失败：' + error.message));
    return;
  }
  const broken = integrity.firstBroken;
  container.appendChild(element('p', {class: 'election-integrity ' + (integrity.intact ? 'text-success' : 'text-danger'),
    'data-intact': String(integrity.intact)}, integrity.intact
    ? `校验链完整：共 ${integrity.records} 条记录（决定的名单、结构比例检查结果、计票结果、纠错），均与记录时的校验值一致。`
    : `校验链在第 ${broken.seq} 条记录处断开：${broken.kindLabel}（${broken.reference}）${broken.problem}。`
      + '此后的记录无法证明未被改动，请报告纪委监委。'));
  container.appendChild(element('h4', {}, '人选库变更记录'));
  const table = container.appendChild(element('table', {class: 'table table-condensed cam-table election-registry'}));
  const head = table.appendChild(element('thead')).appendChild(element('tr'));
  ['时间', '用户', '人选', '变更', '理由', '修改前后'].forEach(title => head.appendChild(element('th', {}, title)));
  const body = table.appendChild(element('tbody'));
  [...changes].reverse().forEach(change => {
    const row = body.appendChild(element('tr', {'data-change': change.kind}));
    row.appendChild(element('td', {}, change.changedAt.replace('T', ' ').substring(0, 19)));
    row.appendChild(element('td', {}, change.changedBy));
    row.appendChild(element('td', {}, `${change.name}（${change.candidateId}）`));
    row.appendChild(element('td', {}, (CHANGES[change.kind] || change.kind)
      + (change.version ? `，第 ${change.version} 版` : '') + (change.status ? `：${change.status}` : '')));
    row.appendChild(element('td', {}, change.reason || ''));
    row.appendChild(element('td', {}, change.fields.map(f => `${f.label}：${f.before} → ${f.after}`).join('；')));
  });
  container.appendChild(element('h4', {}, '引擎操作日志'));
}

async function render(node, processInstanceId, engineApi) {
  node.innerHTML = '';
  const container = node.appendChild(element('div', {class: 'election-audit'}));
  try {
    const electionId = (await getJson(`${engineApi}/process-instance/${processInstanceId}/variables/electionId`)).value;
    await renderRecords(container, electionId);
  } catch (error) {
    container.appendChild(element('p', {}, '此流程实例不是代表选举（没有变量 electionId）。'));
  }
  let entries;
  let tasks;
  try {
    entries = await getJson(`${engineApi}/history/user-operation?processInstanceId=${processInstanceId}`
      + '&sortBy=timestamp&sortOrder=desc&maxResults=500');
    tasks = await getJson(`${engineApi}/history/task?processInstanceId=${processInstanceId}&maxResults=2000`);
  } catch (error) {
    container.appendChild(element('p', {}, '读取审计记录失败：' + error.message));
    return;
  }
  const taskNames = new Map(tasks.map(task => [task.id, task.name]));
  container.appendChild(element('p', {class: 'text-muted'},
    '引擎操作日志中本流程实例的全部操作（谁、何时、对哪项任务做了什么），只读，任何用户组都无权修改或删除。'));
  const table = container.appendChild(element('table', {class: 'table table-condensed cam-table'}));
  const head = table.appendChild(element('thead')).appendChild(element('tr'));
  ['时间', '用户', '操作', '任务', '详情'].forEach(title => head.appendChild(element('th', {}, title)));
  const body = table.appendChild(element('tbody'));
  const rows = operations(entries);
  if (rows.length === 0) {
    body.appendChild(element('tr')).appendChild(element('td', {colspan: 5}, '尚无操作记录。'));
  }
  rows.forEach(operation => {
    const row = body.appendChild(element('tr', {'data-operation': operation.operationType}));
    row.appendChild(element('td', {}, TIME.format(new Date(operation.timestamp))));
    row.appendChild(element('td', {}, operation.userId || '系统'));
    row.appendChild(element('td', {}, OPERATIONS[operation.operationType] || operation.operationType));
    row.appendChild(element('td', {}, taskNames.get(operation.taskId) || ''));
    row.appendChild(element('td', {class: 'election-audit-changes'}, operation.changes.join('；')));
  });
}

export default {
  id: 'electionAudit',
  pluginPoint: 'cockpit.processInstance.runtime.tab',
  priority: 10,
  properties: {
    label: '审计记录'
  },
  render: (node, {api, processInstanceId}) => {
    render(node, processInstanceId, api.engineApi);
  }
};
