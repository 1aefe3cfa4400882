// The dashboard: live indexing from /api/events (progress, files, workers, runs), the index's
// status and health, run history charts from /api/runs, search latency from /metrics.
"use strict";
(() => {
  const $ = (id) => document.getElementById(id);
  const stageColors = { scan: "#8e7cc3", parse: "#e69138", chunk: "#6aa84f", embed: "#3d85c6", write: "#cc4125" };
  const rates = [];
  const workers = new Map();
  let runActive = null;

  function log(line) {
    const entry = new Date().toLocaleTimeString() + "  " + line + "\n";
    const node = $("log");
    node.textContent = (entry + node.textContent).slice(0, 20000);
  }

  function showStatus(status) {
    if (!status) return;
    $("index-files").textContent = status.files.indexed ?? 0;
    $("index-failed").textContent = (status.files.failed ?? 0) + " / " + (status.files.skipped ?? 0);
    $("index-chunks").textContent = status.chunks;
    $("index-size").textContent = Seek.bytes(status.db_bytes);
  }

  function showProgress(run, progress) {
    runActive = run;
    $("run-title").textContent = "run " + run + (progress.scan_complete ? "" : " · scanning");
    const total = Math.max(progress.files_found, 1);
    $("run-bar").style.width = Math.min(100, 100 * progress.files_done / total).toFixed(1) + "%";
    $("run-files").textContent = progress.files_done + " / " + progress.files_found;
    $("run-chunks").textContent = progress.chunks_written;
    $("run-tokens").textContent = progress.tokens_embedded;
    $("run-rate").textContent = Math.round(progress.tokens_per_s);
    $("run-eta").textContent = Seek.duration(progress.eta_s);
    $("run-queues").textContent = progress.queued_for_parse + " / " + progress.queued_for_embedding;
    showStages(progress.stage_seconds || {});
    rates.push(progress.tokens_per_s);
    if (rates.length > 300) rates.shift();
    drawRates();
  }

  /** A run's live status (`status.live`, from the state event): where it stands when the page connects. */
  function showLive(run, live) {
    const stages = live.stages || {};
    const found = (stages.scan || {}).files || 0, written = (stages.write || {}).files || 0;
    $("run-title").textContent = (run ? "run " + run : "a run") + " · " + (live.phase || "indexing");
    $("run-bar").style.width = (found ? Math.min(100, 100 * written / found) : 0).toFixed(1) + "%";
    $("run-files").textContent = written + " / " + found;
    $("run-chunks").textContent = (stages.embed || {}).chunks || 0;
    $("run-tokens").textContent = (stages.embed || {}).tokens || 0;
    $("run-rate").textContent = Math.round(live.tokens_per_s || 0);
    $("run-queues").textContent = "– / " + ((stages.embed || {}).queue_depth || 0);
    for (const worker of ((live.embedder || {}).workers || [])) {
      const entry = workers.get(worker.slot) || { slot: worker.slot, pid: worker.pid, restarts: 0, reasons: [], rss: 0 };
      entry.pid = worker.pid;
      entry.restarts = Math.max(entry.restarts, worker.restarts || 0);
      entry.rss = (worker.rss_mb || 0) * 1048576;
      workers.set(worker.slot, entry);
    }
    showWorkers();
  }

  function showStages(stageSeconds) {
    const total = Object.values(stageSeconds).reduce((a, b) => a + b, 0) || 1;
    const bar = $("stages"), legend = $("stage-legend");
    bar.replaceChildren();
    legend.replaceChildren();
    for (const [stage, color] of Object.entries(stageColors)) {
      const seconds = stageSeconds[stage] || 0;
      const part = document.createElement("div");
      part.style.width = (100 * seconds / total) + "%";
      part.style.background = color;
      part.title = stage + " " + seconds.toFixed(2) + " s";
      bar.append(part);
      const key = document.createElement("i");
      key.style.background = color;
      legend.append(Seek.element("span", {}, key, `${stage} ${seconds.toFixed(1)} s`));
    }
  }

  function drawRates() {
    const canvas = $("rate-chart");
    const context = canvas.getContext("2d");
    const style = getComputedStyle(document.documentElement);
    context.clearRect(0, 0, canvas.width, canvas.height);
    const max = Math.max(1, ...rates);
    context.strokeStyle = style.getPropertyValue("--line");
    context.beginPath(); context.moveTo(0, canvas.height - 1); context.lineTo(canvas.width, canvas.height - 1); context.stroke();
    context.strokeStyle = style.getPropertyValue("--accent");
    context.lineWidth = 2;
    context.beginPath();
    rates.forEach((rate, index) => {
      const x = rates.length < 2 ? 0 : index * canvas.width / (rates.length - 1);
      const y = canvas.height - 4 - (canvas.height - 20) * rate / max;
      index ? context.lineTo(x, y) : context.moveTo(x, y);
    });
    context.stroke();
    context.fillStyle = style.getPropertyValue("--muted");
    context.font = "12px sans-serif";
    context.fillText(Math.round(max) + " tokens/s", 6, 14);
  }

  function showWorkers() {
    const rows = [...workers.values()].sort((a, b) => a.slot - b.slot).map((worker) => Seek.element("tr", {},
      Seek.element("td", {}, worker.slot), Seek.element("td", {}, worker.pid),
      Seek.element("td", {}, worker.rss ? Seek.bytes(worker.rss) : "–"),
      Seek.element("td", { title: worker.reasons.join(", ") }, worker.restarts + (worker.reasons.length ? " (" + worker.reasons.slice(-2).join(", ") + ")" : ""))));
    $("workers").replaceChildren(...rows);
    $("worker-note").textContent = workers.size ? workers.size + " worker processes" : "in process (no worker processes)";
  }

  function worker(event, restarted) {
    const entry = workers.get(event.slot) || { slot: event.slot, pid: event.pid, restarts: 0, reasons: [], rss: 0 };
    if (restarted) { entry.restarts += 1; entry.reasons.push(event.reason || "?"); } else { entry.pid = event.pid; }
    workers.set(event.slot, entry);
    showWorkers();
  }

  function onEvent(name, data) {
    switch (name) {
      case "state":
        showStatus(data.status);
        $("run-title").textContent = data.running ? "run " + data.running : "idle";
        if (data.status && data.status.live) {
          showLive(data.running, data.status.live);
          if (!data.running) log("a run is going on in another process");
        }
        break;
      case "run_started": rates.length = 0; runActive = data.run; $("run-title").textContent = "run " + data.run; log(`run ${data.run} started`); break;
      case "progress": showProgress(data.run, data.progress); break;
      case "indexed": log(`indexed ${data.path} (${data.chunks} chunks)`); break;
      case "failed": log(`failed ${data.path}: ${data.reason}`); break;
      case "skipped": log(`skipped ${data.path}: ${data.reason}`); break;
      case "removed": log(`removed ${data.path}`); break;
      case "run": {
        const report = data.report;
        $("run-title").textContent = `run ${data.run} finished: ${report.files_indexed} files, ${report.chunks} chunks in ${report.seconds.toFixed(1)} s`;
        $("run-bar").style.width = "100%";
        if (report.stage_seconds) showStages(report.stage_seconds);
        log(`run ${data.run} finished: ${report.files_indexed} indexed, ${report.files_failed} failed, ${Math.round(report.tokens_per_s)} tokens/s`);
        refresh();
        break;
      }
      case "run_failed": $("run-title").textContent = `run ${data.run} failed`; log(`run ${data.run} failed: ${data.message}`); break;
      case "worker_started": worker(data, false); break;
      case "worker_restarted": worker(data, true); log(`worker ${data.slot} restarted: ${data.reason} ${data.detail || ""}`); break;
      case "worker_failed": log(`worker ${data.slot} failed: ${data.reason}`); break;
      case "searcher_refreshed": log(`searcher refreshed: ${data.chunks} chunks in ${Math.round(data.milliseconds)} ms`); break;
      case "warning": log("warning: " + data.message); break;
      default: log(name);
    }
  }

  function bars(svg, values, labels) {
    const width = svg.clientWidth || 500, height = 120, max = Math.max(1, ...values);
    const step = Math.min(width / Math.max(values.length, 1), 48);
    svg.replaceChildren(...values.map((value, index) => {
      const bar = document.createElementNS("http://www.w3.org/2000/svg", "rect");
      const barHeight = (height - 16) * value / max;
      bar.setAttribute("x", index * step + 1);
      bar.setAttribute("y", height - barHeight);
      bar.setAttribute("width", Math.max(step - 2, 1));
      bar.setAttribute("height", barHeight);
      bar.setAttribute("fill", "var(--accent)");
      const title = document.createElementNS("http://www.w3.org/2000/svg", "title");
      title.textContent = labels[index] + ": " + value.toFixed(1);
      bar.append(title);
      return bar;
    }));
    const label = document.createElementNS("http://www.w3.org/2000/svg", "text");
    label.setAttribute("x", 4); label.setAttribute("y", 12); label.setAttribute("fill", "var(--muted)"); label.setAttribute("font-size", "11");
    label.textContent = "max " + max.toFixed(1);
    svg.append(label);
  }

  async function loadRuns() {
    const runs = await Seek.json("/api/runs?last=40");
    bars($("history-rate"), runs.map((run) => run.tokens_per_s), runs.map((run) => run.timestamp));
    bars($("history-seconds"), runs.map((run) => run.seconds), runs.map((run) => run.timestamp));
    $("runs").replaceChildren(...runs.slice(-10).reverse().map((run) => Seek.element("tr", {},
      Seek.element("td", {}, new Date(run.timestamp).toLocaleString()), Seek.element("td", {}, run.stopped_by
        ? run.operation + (run.stopped_by === "interrupted" ? " (interrupted)" : " (failed)") : run.operation),
      Seek.element("td", {}, run.files_processed), Seek.element("td", {}, run.chunks),
      Seek.element("td", {}, Math.round(run.tokens_per_s)), Seek.element("td", {}, run.seconds.toFixed(1)))));
  }

  async function loadSnapshots() {
    const snapshots = await Seek.json("/api/snapshots?last=40");
    const labels = snapshots.map((snapshot) => snapshot.taken_at);
    bars($("history-files"), snapshots.map((snapshot) => snapshot.files), labels);
    bars($("history-chunks"), snapshots.map((snapshot) => snapshot.chunks), labels);
    bars($("history-size"), snapshots.map((snapshot) => snapshot.db_bytes / 1048576), labels);
  }

  async function loadHealth() {
    const report = await Seek.json("/api/validate");
    const node = $("health");
    node.className = report.ok ? "ok" : "bad";
    node.textContent = report.ok ? `valid${report.warnings.length ? " · " + report.warnings.length + " warnings" : ""}`
      : "invalid: " + report.errors.join("; ");
  }

  /** p-quantile (0...1) of a Prometheus histogram's cumulative buckets, interpolated like histogram_quantile. */
  function quantile(q, buckets) {
    if (!buckets.length) return null;
    const total = buckets[buckets.length - 1].count;
    if (!total) return null;
    const rank = q * total;
    let previous = { le: 0, count: 0 };
    for (const bucket of buckets) {
      if (bucket.count >= rank) {
        if (!isFinite(bucket.le)) return previous.le;
        return previous.le + (bucket.le - previous.le) * (rank - previous.count) / Math.max(bucket.count - previous.count, 1);
      }
      previous = bucket;
    }
    return previous.le;
  }

  async function loadMetrics() {
    const response = await Seek.request("/metrics");
    if (!response.ok) return;
    const text = await response.text();
    const buckets = new Map();
    let requests = 0;
    for (const line of text.split("\n")) {
      let match = line.match(/^seek_search_duration_seconds_bucket\{.*le="([^"]+)".*\} (\S+)/);
      if (match) {
        const le = match[1] === "+Inf" ? Infinity : Number(match[1]);
        buckets.set(le, (buckets.get(le) || 0) + Number(match[2]));
        continue;
      }
      match = line.match(/^seek_search_requests_total\{.*\} (\S+)/);
      if (match) { requests += Number(match[1]); continue; }
      match = line.match(/^seek_embedder_worker_rss_bytes\{worker="(\d+)"\} (\S+)/);
      if (match && workers.has(Number(match[1]))) workers.get(Number(match[1])).rss = Number(match[2]);
    }
    const sorted = [...buckets.entries()].sort((a, b) => a[0] - b[0]).map(([le, count]) => ({ le, count }));
    const p50 = quantile(0.5, sorted), p95 = quantile(0.95, sorted);
    $("search-count").textContent = requests;
    $("search-p50").textContent = p50 === null ? "–" : (p50 * 1000).toFixed(1) + " ms";
    $("search-p95").textContent = p95 === null ? "–" : (p95 * 1000).toFixed(1) + " ms";
    showWorkers();
  }

  function refresh() {
    Seek.json("/api/status").then(showStatus).catch((error) => log("status: " + error.message));
    loadRuns().catch((error) => log("runs: " + error.message));
    loadSnapshots().catch((error) => log("snapshots: " + error.message));
    loadHealth().catch((error) => { $("health").textContent = error.message; });
    loadMetrics().catch((error) => log("metrics: " + error.message));
  }

  document.addEventListener("keydown", (event) => {
    if (event.key === "r" && !/^(INPUT|SELECT)$/.test(document.activeElement.tagName)) refresh();
  });
  Seek.events(onEvent, (connected) => { $("connection").textContent = connected ? "live" : "reconnecting…"; });
  refresh();
  setInterval(loadMetrics, 5000);
})();
