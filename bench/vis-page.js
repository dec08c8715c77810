// The agenda's dataset rendered by vis-timeline, for the side-by-side benchmark
// (bench/run.mjs): one item per milestone (a range for a period), one group per theme
// (the chantier's first theme), a DataView whose filter keeps one theme.
//
// vis-timeline's defaults are kept (stacking, HTML content sanitised by its xss
// filter), with a favourable initial window: six months back, twelve ahead, so it
// draws only the items of 18 months, as the agenda draws only its first 100
// milestones. window.__vis reports the first render and measures filters.
/* global vis */
(async () => {
  const state = (window.__vis = { firstRender: null, error: null, items: 0, visible: 0, phases: {} });
  window.addEventListener('error', (e) => { state.error = String(e.message); });
  const afterPaint = (done) => requestAnimationFrame(() => {
    const channel = new MessageChannel();
    channel.port1.onmessage = done;
    channel.port2.postMessage(0);
  });

  // "2024-01-15", "2022-07", "2025-T3", "2026-S1", "2026" → first and last day.
  function span(text) {
    const [y, rest] = [Number(text.slice(0, 4)), text.slice(5)];
    if (rest.length === 5) {
      const [m, d] = rest.split('-').map(Number);
      return [new Date(y, m - 1, d), new Date(y, m - 1, d + 1)];
    }
    if (rest.startsWith('T')) {
      const q = Number(rest.slice(1)) - 1;
      return [new Date(y, q * 3, 1), new Date(y, q * 3 + 3, 1)];
    }
    if (rest.startsWith('S')) {
      const s = Number(rest.slice(1)) - 1;
      return [new Date(y, s * 6, 1), new Date(y, s * 6 + 6, 1)];
    }
    if (rest.length === 2) return [new Date(y, Number(rest) - 1, 1), new Date(y, Number(rest), 1)];
    return [new Date(y, 0, 1), new Date(y + 1, 0, 1)];
  }

  try {
    const response = await fetch('/data/agenda.json');
    const data = await response.json();
    state.phases.parsed = performance.now();
    const items = [];
    for (const c of data.chantiers) {
      for (const m of c.milestones) {
        const [start] = span(m.date);
        const item = { id: `${c.id}/${m.id}`, group: c.themes[0], content: c.title, title: m.label, start, themes: c.themes };
        if (m.end) {
          item.end = span(m.end)[1];
          item.type = 'range';
        }
        items.push(item);
      }
    }
    state.items = items.length;
    const groups = new vis.DataSet(data.themes.map((t, i) => ({ id: t.code, content: t.label, order: i })));
    const dataSet = new vis.DataSet(items);
    state.phases.dataSet = performance.now();
    let theme = null;
    const view = new vis.DataView(dataSet, { filter: (item) => theme === null || item.themes.includes(theme) });
    const today = new Date();
    const options = {
      start: new Date(today.getFullYear(), today.getMonth() - 6, today.getDate()),
      end: new Date(today.getFullYear(), today.getMonth() + 12, today.getDate()),
      height: '860px',
      verticalScroll: true,
      orientation: 'top',
      groupOrder: 'order',
    };
    const container = document.getElementById('frise');
    const timeline = new vis.Timeline(container, view, groups, options);
    state.phases.constructed = performance.now();
    const firstRender = () => {
      if (!container.querySelector('.vis-item')) return;
      timeline.off('changed', firstRender);
      afterPaint(() => {
        state.visible = container.querySelectorAll('.vis-item').length;
        state.firstRender = performance.now();
      });
    };
    timeline.on('changed', firstRender);
    firstRender();

    /** Sets the theme filter (null: none) and resolves with the milliseconds until
     *  the redraw is painted. */
    state.filter = (code) => new Promise((resolve) => {
      const t0 = performance.now();
      const done = () => {
        timeline.off('changed', done);
        afterPaint(() => resolve(performance.now() - t0));
      };
      timeline.on('changed', done);
      theme = code;
      view.refresh();
    });
  } catch (e) {
    state.error = String(e && e.stack ? e.stack : e);
  }
})();
