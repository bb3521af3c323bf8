// The analyst's city dashboard: summary figures, aid by project and year (table and ECharts chart),
// a station drill-down, suppressed cells shown as such, CSV of what is shown.
import { get, query, download } from './api.js';
import { t, tEnum } from './i18n.js';
import { h, field, form, table, card, failure, money } from './ui.js';

const LEVELS = ['DISTRICT', 'STREET', 'COMMUNITY'];
const ECHARTS = '/webjars/echarts/5.3.1/dist/echarts.esm.min.js';
let echarts = null;
const loadCharts = () => (echarts ? Promise.resolve(echarts) : import(ECHARTS).then(m => (echarts = m)));

const figure = (cell, key, format = v => v) => (cell.suppressed ? h('span', { class: 'suppressed', title: t('suppressedHint') }, t('suppressed')) : format(cell[key]));

export async function dashboard(main) {
  const year = new Date().getFullYear();
  const summary = h('div', { id: 'summary' });
  const byProject = h('div', {});
  const chart = h('div', { class: 'chart', role: 'img', 'aria-label': t('chartLabel') });
  const stations = h('div', { id: 'stations' });
  const trail = [];
  const filters = form('dashboard', [h('div', { class: 'row' },
    // reports take months (2026-03) or years, not days
    field({ name: 'from', label: 'fromDate', type: 'month', value: `${year - 4}-01`, attrs: { placeholder: 'YYYY-MM' } }),
    field({ name: 'to', label: 'toDate', type: 'month', value: `${year}-12`, attrs: { placeholder: 'YYYY-MM' } }))],
  async v => {
    // the summary's problems (a bad month) are shown beside the fields; the tables load after it
    await loadSummary(v);
    await Promise.all([loadProjects(v), loadStations(v)]);
    return null;
  }, { submitLabel: 'show' });
  const range = () => ({ from: filters.elements.from.value, to: filters.elements.to.value });
  const csv = (groupBy, extra = {}) => download('/reports/aid' + query({ groupBy, ...range(), ...extra }), `aid-${groupBy.replace(',', '-')}.csv`, 'text/csv');

  async function loadSummary(v) {
    const s = await get('/reports/summary' + query(v));
    summary.replaceChildren(h('dl', { class: 'facts' },
      h('dt', {}, t('personTimes')), h('dd', { 'data-figure': 'personTimes' }, s.personTimes ?? t('suppressed')),
      h('dt', {}, t('persons')), h('dd', { 'data-figure': 'persons' }, s.persons ?? t('suppressed')),
      h('dt', {}, t('amount')), h('dd', { 'data-figure': 'amount' }, s.suppressed ? t('suppressed') : money(s.amount)),
      h('dt', {}, t('asOf')), h('dd', {}, s.asOf ? new Date(s.asOf).toLocaleString() : '—')));
  }
  async function loadProjects(v) {
    try {
      const r = await get('/reports/aid' + query({ groupBy: 'project,year', ...v }));
      byProject.replaceChildren(table([
        { label: 'project', cell: c => tEnum('project', c.project) }, { label: 'year', cell: c => c.year },
        { label: 'personTimes', cell: c => figure(c, 'personTimes'), num: true }, { label: 'persons', cell: c => figure(c, 'persons'), num: true },
        { label: 'amount', cell: c => figure(c, 'amount', money), num: true }], r.items),
      h('div', { class: 'actions' }, h('button', { type: 'button', onclick: () => csv('project,year') }, t('downloadCsv'))));
      drawChart(r.items);
    } catch (e) { byProject.replaceChildren(failure(e)); }
  }
  async function drawChart(cells) {
    const lib = await loadCharts();
    const years = [...new Set(cells.map(c => c.year))].sort();
    const projects = [...new Set(cells.map(c => c.project))];
    const instance = lib.getInstanceByDom(chart) || lib.init(chart, null, { renderer: 'canvas' });
    instance.setOption({
      animation: false, tooltip: { trigger: 'axis' }, legend: { type: 'scroll', top: 0 }, grid: { left: 60, right: 12, top: 40, bottom: 30 },
      xAxis: { type: 'category', data: years.map(String) }, yAxis: { type: 'value', name: t('amount') },
      series: projects.map(p => ({ name: tEnum('project', p), type: 'bar', stack: 'amount',
        // a suppressed cell is left out of the chart (no figure to draw), as the table says
        data: years.map(y => { const c = cells.find(x => x.project === p && x.year === y); return c && !c.suppressed ? Number(c.amount) : null; }) })),
    }, true);
    addEventListener('resize', () => instance.resize(), { once: true });
  }
  async function loadStations(v) {
    const station = trail[trail.length - 1];
    try {
      // the city by district, a district by street, a street by community (reporting's level roll-up)
      const level = LEVELS[Math.min(trail.length, LEVELS.length - 1)];
      const deeper = trail.length < LEVELS.length - 1;
      const r = await get('/reports/aid' + query({ groupBy: 'station', ...v, station, level }));
      stations.replaceChildren(
        h('p', {}, t('drillAt'), ' ', trail.length ? trail.join(' › ') : t('wholeCity'), ' ',
          trail.length ? h('button', { type: 'button', onclick: () => { trail.pop(); loadStations(range()); } }, t('up')) : null),
        table([
          { label: 'station', cell: c => (deeper && c.station && c.station !== station
            ? h('button', { type: 'button', 'data-station': c.station, onclick: () => { trail.push(c.station); loadStations(range()); } }, c.stationName || c.station)
            : c.stationName || c.station) },
          { label: 'personTimes', cell: c => figure(c, 'personTimes'), num: true }, { label: 'persons', cell: c => figure(c, 'persons'), num: true },
          { label: 'amount', cell: c => figure(c, 'amount', money), num: true }], r.items),
        r.totals ? h('p', {}, t('totals'), ': ', figure(r.totals, 'personTimes'), ' · ', figure(r.totals, 'amount', money)) : null,
        h('div', { class: 'actions' }, h('button', { type: 'button', onclick: () => csv('station', { station }) }, t('downloadCsv'))));
    } catch (e) { stations.replaceChildren(failure(e)); }
  }
  main.replaceChildren(card('dashboard', filters, summary), card('byProjectYear', chart, byProject), card('byStation', stations));
  filters.requestSubmit();
}
