// The in-page probe of the agenda benchmark (bench/run.mjs) and of bench/profile.mjs:
// an init script, serialised by Playwright into the page, so it uses nothing from
// this module's scope.

// Installed before the app's scripts: records the first render, exposes the wasm
// memory and the interaction probe.
export function agendaProbe() {
  const bench = (window.__bench = { firstRender: null, error: null, wasm: null, items: 0 });
  const afterPaint = (done) => requestAnimationFrame(() => {
    const channel = new MessageChannel();
    channel.port1.onmessage = done;
    channel.port2.postMessage(0);
  });
  window.__afterPaint = afterPaint;
  // Layout shifts of the load, with the elements that moved.
  bench.shifts = [];
  const describe = (node) => {
    if (!node || !node.nodeName) return '?';
    if (node.id) return `#${node.id}`;
    const cls = typeof node.className === 'string' && node.className ? `.${node.className.trim().split(/\s+/)[0]}` : '';
    return `${node.nodeName.toLowerCase()}${cls}`;
  };
  let shiftObserver = null;
  try {
    shiftObserver = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        if (!e.hadRecentInput) bench.shifts.push({ value: e.value, at: e.startTime, nodes: (e.sources ?? []).map((x) => describe(x.node)) });
      }
    });
    shiftObserver.observe({ type: 'layout-shift', buffered: true });
  } catch { /* not supported */ }
  addEventListener('TrunkApplicationStarted', (e) => { bench.wasm = e.detail.wasm; });
  const observer = new MutationObserver(() => {
    const failure = document.querySelector('#erreur-chargement');
    if (failure) {
      bench.error = failure.textContent.trim().slice(0, 300);
      observer.disconnect();
      return;
    }
    if (document.querySelector('#compteur') && document.querySelector('.agenda-item')) {
      observer.disconnect();
      afterPaint(() => {
        bench.firstRender = performance.now();
        bench.items = document.querySelectorAll('.agenda-item').length;
      });
    }
  });
  observer.observe(document, { childList: true, subtree: true });

  /** One input event, then #compteur's text changed and a frame painted. */
  window.__interact = (kind, value, limit) => new Promise((done) => {
    // The load's layout shifts are over once the page is used; the observer's
    // callback (about 1.5 ms for a list of new items) would otherwise run in the
    // measured frames, a cost of the probe and not of the page.
    shiftObserver?.disconnect();
    const app = document.getElementById('app');
    const count = () => document.querySelector('#compteur')?.textContent ?? '';
    const before = count();
    let t0 = 0;
    let settled = false;
    const timer = setTimeout(() => {
      watcher.disconnect();
      done({ ms: null, before, after: count() });
    }, limit);
    const watcher = new MutationObserver(() => {
      if (settled || count() === before) return;
      settled = true;
      watcher.disconnect();
      clearTimeout(timer);
      // The frame's rAF callbacks run once the script work is done; style, layout
      // and paint follow them, before the next task.
      requestAnimationFrame(() => {
        const frame = performance.now();
        const channel = new MessageChannel();
        channel.port1.onmessage = () => {
          const end = performance.now();
          done({ ms: end - t0, render: end - frame, before, after: count() });
        };
        channel.port2.postMessage(0);
      });
    });
    watcher.observe(app, { childList: true, subtree: true, characterData: true });
    t0 = performance.now();
    if (kind === 'search') {
      const input = document.getElementById('recherche');
      input.value = value;
      input.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: value ? 'insertText' : 'deleteContentBackward' }));
    } else if (kind === 'theme') {
      // The DSFR checkbox is visually hidden; click() toggles it as a user's click would.
      document.getElementById(value).click();
    } else {
      const select = document.getElementById('periode');
      select.value = value;
      select.dispatchEvent(new Event('change', { bubbles: true }));
    }
  });
}
