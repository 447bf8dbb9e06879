// The manager console (manager/index.html). It shows the manager.state push that /manager/ws sends
// once a second and sends the operator's actions as manager.* requests. Almost everything it shows
// comes from clients (peer attributes, user agents, origins, payloads, route and group names), so it
// is rendered with textContent and DOM APIs only: never innerHTML. The server checks the role of
// every action; the page does not try to know who is signed in.
(function () {
  "use strict";

  const $ = (id) => document.getElementById(id);
  // ws(s)://<host>/<context>/manager/ws, from this page's directory. The state comes every second, so
  // ten silent seconds mean a dead connection: then the client pings, and reconnects without an answer.
  const client = new HitchClient(undefined, { heartbeatMs: 10000 });
  window.hitchManager = client; // handy in the browser's console

  const CHART_SECONDS = 300; // the server keeps five minutes of samples
  const DETAIL_REFRESH_MS = 2000;
  const MAX_RESULTS = 30;
  const MAX_SHOWN_JSON = 20000;

  /** What this console watches; sent with manager.watch, and again after every reconnect. */
  const view = { query: "", sort: "since", node: "", hidePayloads: false };
  /** The order the server sorts each column in. */
  const SORT_ORDER = {
    id: "ascending", user: "ascending", address: "ascending", since: "descending",
    in: "descending", out: "descending", pending: "descending",
  };

  let last = null;          // the last manager.state
  let lastAt = 0;           // when it arrived (local clock)
  let selected = null;      // the peer id shown in the detail panel
  let detailSeq = 0;        // answers to older manager.peer requests are ignored
  let detailPending = false;
  let detailAt = 0;
  let detailShown = null;   // {peer, data, sig} of the detail on screen
  let detailGone = false;
  const remotePeers = new Map(); // peer id -> node, for the peers of other nodes in the last state
  const sigs = {};          // what each list was last rendered from, to leave unchanged DOM alone

  // ---- formatting ----

  const isObject = (v) => v !== null && typeof v === "object" && !Array.isArray(v);
  const numbers = new Intl.NumberFormat();
  const pad = (n) => String(n).padStart(2, "0");
  const text = (v) => (v === null || v === undefined || v === "" ? "–" : String(v));

  function fmtInt(n) {
    return typeof n === "number" && isFinite(n) ? numbers.format(n) : "–";
  }

  function fmtBytes(n) {
    if (typeof n !== "number" || !isFinite(n)) return "–";
    if (n < 1024) return n + " B";
    const units = ["KiB", "MiB", "GiB", "TiB"];
    let v = n / 1024;
    let i = 0;
    while (v >= 1024 && i < units.length - 1) { v /= 1024; i++; }
    return (v < 10 ? v.toFixed(1) : String(Math.round(v))) + " " + units[i];
  }

  function fmtMs(v) {
    if (typeof v !== "number" || !isFinite(v) || v <= 0) return "–";
    if (v < 1) return v.toFixed(3);
    if (v < 10) return v.toFixed(2);
    if (v < 100) return v.toFixed(1);
    return numbers.format(Math.round(v));
  }

  /** An ISO-8601 instant as JSON-B writes it (any number of fraction digits), or epoch milliseconds. */
  function parseTime(t) {
    if (typeof t === "number") return t;
    if (typeof t !== "string") return NaN;
    const m = /^(.*T\d\d:\d\d:\d\d)(\.\d+)?(Z|[+-]\d\d:?\d\d)$/.exec(t);
    return Date.parse(m ? m[1] + (m[2] ? m[2].slice(0, 4) : "") + m[3] : t);
  }

  function clock(ms) {
    if (!isFinite(ms)) return "–";
    const d = new Date(ms);
    return pad(d.getHours()) + ":" + pad(d.getMinutes()) + ":" + pad(d.getSeconds());
  }

  function dateTime(ms) {
    if (!isFinite(ms)) return "–";
    const d = new Date(ms);
    return d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate()) + " " + clock(ms);
  }

  function duration(ms) {
    let s = isFinite(ms) && ms > 0 ? Math.floor(ms / 1000) : 0;
    const d = Math.floor(s / 86400); s -= d * 86400;
    const h = Math.floor(s / 3600); s -= h * 3600;
    const m = Math.floor(s / 60); s -= m * 60;
    if (d) return d + "d " + h + "h";
    if (h) return h + "h " + pad(m) + "m";
    if (m) return m + "m " + pad(s) + "s";
    return s + "s";
  }

  function describe(error) {
    if (!isObject(error) && !(error instanceof Error)) return String(error);
    let message = typeof error.message === "string" ? error.message : "";
    const details = error.details;
    if (Array.isArray(details) && details.every((d) => isObject(d) && "path" in d)) {
      // validation violations: those the message does not already tell
      const items = details.map((d) => (d.path ? d.path + " " : "") + d.message)
        .filter((item, i) => !message.includes(String(details[i].message)));
      if (items.length) message += " (" + items.join("; ") + ")";
    } else if (details !== undefined && details !== null) {
      message += " " + shortJson(details);
    }
    return message;
  }

  function shortJson(value, indent) {
    let json;
    try {
      json = JSON.stringify(value, null, indent);
    } catch (e) {
      json = String(value);
    }
    if (json === undefined) json = "null";
    return json.length > MAX_SHOWN_JSON ? json.slice(0, MAX_SHOWN_JSON) + "…" : json;
  }

  // ---- DOM helpers (text only) ----

  /** An element; props: className, text, or attributes; children: nodes or strings (as text). */
  function el(tag, props, ...children) {
    const node = document.createElement(tag);
    if (props) {
      for (const [key, value] of Object.entries(props)) {
        if (value === undefined || value === null || value === false) continue;
        if (key === "className") node.className = value;
        else if (key === "text") node.textContent = String(value);
        else node.setAttribute(key, value === true ? "" : String(value));
      }
    }
    for (const child of children) if (child !== null && child !== undefined) node.append(child);
    return node;
  }

  /** A table cell: plain text with an optional class and tooltip. */
  const cell = (value, cls, title) => ({ text: text(value), cls, title });

  function emptyRow(columns, message) {
    return el("tr", null, el("td", { className: "empty", colspan: columns, text: message }));
  }

  function fillRow(tr, specs) {
    while (tr.cells.length > specs.length) tr.deleteCell(-1);
    specs.forEach((spec, i) => {
      const td = tr.cells[i] || tr.insertCell(-1);
      const sig = spec.build ? "b" + spec.sig : "t" + spec.text + "\u0000" + (spec.title || "");
      if (td.hitchSig !== sig) {
        if (spec.build) td.replaceChildren(...spec.build());
        else td.textContent = spec.text;
        if (spec.title) td.title = spec.title;
        else td.removeAttribute("title");
        td.hitchSig = sig;
      }
      const cls = spec.cls || "";
      if (td.className !== cls) td.className = cls;
    });
  }

  /**
   * Brings a tbody in line with items, reusing each row by its key (attribute data-<keyAttr>), so
   * that the row under the pointer or the keyboard survives the refresh every second.
   */
  function syncRows(tbody, items, keyAttr, keyOf, cellsOf, columns, emptyText) {
    const old = new Map();
    for (const tr of Array.from(tbody.rows)) {
      const key = tr.getAttribute("data-" + keyAttr);
      if (key === null || old.has(key)) tr.remove();
      else old.set(key, tr);
    }
    let previous = null;
    for (const item of items) {
      const key = String(keyOf(item));
      let tr = old.get(key);
      if (tr) old.delete(key);
      else {
        tr = document.createElement("tr");
        tr.setAttribute("data-" + keyAttr, key);
      }
      fillRow(tr, cellsOf(item));
      const wanted = previous ? previous.nextSibling : tbody.firstChild;
      if (tr !== wanted) tbody.insertBefore(tr, wanted);
      previous = tr;
    }
    for (const tr of old.values()) tr.remove();
    if (!items.length) tbody.append(emptyRow(columns, emptyText));
  }

  /** Whether the data a part of the page is drawn from changed since it was last drawn. */
  function changed(part, data) {
    const sig = JSON.stringify(data);
    if (sigs[part] === sig) return false;
    sigs[part] = sig;
    return true;
  }

  function setOptions(datalist, values) {
    if (!changed("list:" + datalist.id, values)) return;
    datalist.replaceChildren(...values.map((v) => {
      const option = document.createElement("option");
      option.value = v;
      return option;
    }));
  }

  // ---- connection status ----

  function setStatus(state, message) {
    const status = $("status");
    status.dataset.state = state;
    status.textContent = message;
  }

  let lastClose = "";
  // Every connection starts with the default view: tell this one what the console watches. (On
  // "open", not "welcome": /manager/ws starts with manager.state and sends no hitch.welcome.)
  client.addEventListener("open", () => {
    setStatus("open", "connected");
    sendWatch();
    if (selected !== null) fetchDetail();
  });
  client.addEventListener("close", (event) => {
    const d = event.detail || {};
    lastClose = "disconnected" + (d.code ? " (" + d.code + (d.reason ? ": " + d.reason : "") + ")" : "");
    setStatus(client.state === "closed" ? "closed" : "connecting", lastClose);
    showUpdated();
  });
  client.addEventListener("reconnecting", (event) => {
    const d = event.detail || {};
    const hint = d.attempt > 3 ? "; if this persists, reload the page to sign in again" : "";
    setStatus("connecting", lastClose + " – retrying in " + Math.max(1, Math.round((d.delayMs || 0) / 1000)) + " s" + hint);
  });
  client.addEventListener("error", (event) => {
    const err = event.detail;
    if (err) startResult("server").fail(err); // a hitch.error push: something this page sent was refused
  });

  function sendWatch() {
    client.request("manager.watch", { query: view.query, sort: view.sort, node: view.node, hidePayloads: view.hidePayloads })
      .catch((err) => {
        if (err.code !== "disconnected") startResult("watch").fail(err);
      });
  }

  // ---- the state push ----

  client.on("manager.state", (state) => {
    if (!isObject(state)) return;
    last = state;
    lastAt = Date.now();
    renderSummary(state);
    renderNodeFilter(state);
    renderPeers(state);
    showActions();
    renderRoutes(state);
    renderGroups(state);
    renderErrors(state);
    renderTraffic(state);
    drawChart();
    showUpdated();
    if (selected !== null && !detailPending && !detailGone && Date.now() - detailAt >= DETAIL_REFRESH_MS) fetchDetail();
  });

  function showUpdated() {
    const updated = $("updated");
    if (!last) return;
    const age = Date.now() - lastAt;
    const stale = age > 3500;
    updated.classList.toggle("stale", stale);
    updated.textContent = stale ? "last update " + clock(lastAt) + " (" + duration(age) + " ago)"
      : "updated " + clock(parseTime(last.at));
  }
  setInterval(showUpdated, 1000);

  function renderSummary(state) {
    const s = isObject(state.summary) ? state.summary : {};
    $("sum-peers").textContent = fmtInt(s.peers);
    $("sum-groups").textContent = fmtInt(s.groups);
    $("sum-routes").textContent = fmtInt(s.routes);
    $("sum-in").textContent = fmtInt(s.framesIn);
    $("sum-out").textContent = fmtInt(s.framesOut);
    $("sum-uptime").textContent = typeof s.uptimeMs === "number" ? duration(s.uptimeMs) : "–";
    const nodes = (Array.isArray(state.nodes) ? state.nodes : []).filter((n) => isObject(n) && typeof n.id === "string");
    $("sum-nodes").textContent = nodes.length === 0 ? "–" : nodes.map((n) =>
      n.id.slice(0, 8) + (n.self ? " (this)" : "") + ": " + fmtInt(n.peers)).join(", ");
  }

  const nodesOf = (state) => (Array.isArray(state.nodes) ? state.nodes : []).filter((n) => isObject(n) && typeof n.id === "string");

  /** A node id as the page shows it: its first 8 characters, "(this)" for the console's node. */
  function nodeName(id, state) {
    if (typeof id !== "string") return "–";
    const self = state && nodesOf(state).some((n) => n.self && n.id === id);
    return id.slice(0, 8) + (self ? " (this)" : "");
  }

  // The filter offers every live node; a node that went away stops being the filter.
  function renderNodeFilter(state) {
    const nodes = nodesOf(state);
    const select = $("peer-node");
    select.hidden = nodes.length < 2 && view.node === "";
    if (view.node !== "" && nodes.length && !nodes.some((n) => n.id === view.node)) {
      view.node = "";
      sendWatch();
    }
    if (changed("node-filter", nodes.map((n) => [n.id, n.self]))) {
      select.replaceChildren(el("option", { value: "", text: "all nodes" }),
        ...nodes.map((n) => el("option", { value: n.id, text: "node " + nodeName(n.id, state) })));
    }
    if (select.value !== view.node) select.value = view.node;
  }

  function renderPeers(state) {
    const now = parseTime(state.at);
    const peers = (Array.isArray(state.peers) ? state.peers : []).filter((p) => isObject(p) && typeof p.id === "string");
    const nodes = nodesOf(state);
    const total = nodes.length > 1 ? nodes.reduce((sum, n) => sum + (typeof n.peers === "number" ? n.peers : 0), 0)
      : isObject(state.summary) ? state.summary.peers : undefined;
    const tbody = $("peers");
    syncRows(tbody, peers, "peer", (p) => p.id, (p) => {
      const since = parseTime(p.since);
      const groups = Array.isArray(p.groups) ? p.groups.map(String) : [];
      return [
        cell(p.id, "mono"),
        cell(nodeName(p.node, state), "mono nowrap", typeof p.node === "string" ? p.node : undefined),
        cell(p.user, p.user ? "" : "muted"),
        cell(p.address),
        cell(p.origin, "origin", p.origin || undefined),
        cell(p.userAgent, "agent", p.userAgent || undefined),
        cell(clock(since) + " (" + duration((isFinite(now) ? now : Date.now()) - since) + ")", "nowrap",
          isFinite(since) ? new Date(since).toISOString() : undefined),
        cell(fmtInt(p.framesIn), "num"),
        cell(fmtInt(p.framesOut), "num"),
        cell(fmtBytes(p.bytesIn), "num", fmtInt(p.bytesIn) + " bytes"),
        cell(fmtBytes(p.bytesOut), "num", fmtInt(p.bytesOut) + " bytes"),
        cell(fmtInt(p.pending), "num"),
        p.remote ? cell("on its node", "muted", "groups, traffic and attributes stay on the peer's node")
          : { sig: JSON.stringify(groups), cls: "groups", build: () => groups.map((g) => el("span", { className: "chip", text: g })) },
      ];
    }, 13, total ? "No peer matches the search." : "No peer is connected.");
    remotePeers.clear();
    for (const p of peers) if (p.remote === true) remotePeers.set(p.id, p.node);
    for (const tr of tbody.rows) {
      if (!tr.hasAttribute("data-peer")) continue;
      tr.classList.toggle("remote", remotePeers.has(tr.getAttribute("data-peer")));
      if (tr.tabIndex !== 0) tr.tabIndex = 0;
      const isSelected = tr.getAttribute("data-peer") === selected;
      tr.classList.toggle("selected", isSelected);
      tr.setAttribute("aria-selected", String(isSelected));
    }
    const matching = typeof state.peersMatching === "number" ? state.peersMatching : peers.length;
    let count = fmtInt(matching) + " of " + fmtInt(typeof total === "number" ? total : matching) + " peers";
    if (peers.length < matching) count += " (the first " + fmtInt(peers.length) + " shown)";
    const cut = nodes.filter((n) => n.truncated === true);
    if (cut.length) count += "; only the first peers of node " + cut.map((n) => nodeName(n.id)).join(", ") + " are searched";
    $("peers-count").textContent = count;
  }

  function renderRoutes(state) {
    const routes = (Array.isArray(state.routes) ? state.routes : []).filter((r) => isObject(r) && typeof r.name === "string");
    syncRows($("routes"), routes, "route", (r) => r.name, (r) => {
      const errors = isObject(r.errors) ? Object.entries(r.errors) : [];
      return [
        cell(r.name, "mono"),
        cell(r.bean, "mono wrap"),
        cell(r.rule),
        cell(fmtInt(r.calls), "num"),
        {
          sig: JSON.stringify(errors),
          build: () => (errors.length
            ? errors.map(([code, n]) => el("span", { className: "chip error", text: code + " " + fmtInt(n) }))
            : [el("span", { className: "muted", text: "none" })]),
        },
        cell(fmtMs(r.p50Ms), "num"),
        cell(fmtMs(r.p99Ms), "num"),
        cell(fmtInt(r.inFlight), "num"),
      ];
    }, 8, "No routes.");
    setOptions($("route-names"), routes.map((r) => r.name));
  }

  function renderGroups(state) {
    const groups = (Array.isArray(state.groups) ? state.groups : []).filter((g) => isObject(g) && typeof g.name === "string");
    const total = isObject(state.summary) && typeof state.summary.groups === "number" ? state.summary.groups : groups.length;
    $("groups-count").textContent = groups.length < total ? fmtInt(groups.length) + " of " + fmtInt(total)
      : fmtInt(total) + (total === 1 ? " group" : " groups");
    setOptions($("group-names"), groups.map((g) => g.name));
    if (!changed("groups", groups)) return;
    const list = $("groups");
    list.replaceChildren(...groups.map((g) => {
      const members = Array.isArray(g.members) ? g.members.map(String) : [];
      const size = typeof g.size === "number" ? g.size : members.length;
      const box = el("div", { className: "members" });
      for (const member of members) {
        box.append(el("button", { type: "button", className: "chip", "data-peer": member, title: "Show peer " + member, text: member }));
      }
      if (size > members.length) box.append(el("span", { className: "hint", text: "+" + fmtInt(size - members.length) + " more" }));
      return el("li", { "data-group": g.name },
        el("span", { className: "name", text: g.name }),
        el("span", { className: "size", text: fmtInt(size) + (size === 1 ? " member" : " members") }),
        box);
    }));
    if (!groups.length) list.append(el("li", { className: "empty", text: "No groups." }));
  }

  function renderErrors(state) {
    const errors = (Array.isArray(state.errors) ? state.errors : []).filter(isObject);
    if (!changed("errors", errors)) return;
    const tbody = $("errors");
    tbody.replaceChildren(...errors.map((e) => el("tr", null,
      el("td", { className: "nowrap", title: typeof e.at === "string" ? e.at : null, text: clock(parseTime(e.at)) }),
      el("td", { className: "mono", text: text(e.route) }),
      el("td", null, el("span", { className: "chip error", text: text(e.code) })))));
    if (!errors.length) tbody.append(emptyRow(3, "No errors."));
  }

  function renderTraffic(state) {
    const traffic = (Array.isArray(state.traffic) ? state.traffic : []).filter(isObject);
    if (!changed("traffic", traffic)) return;
    const tbody = $("traffic");
    tbody.replaceChildren(...traffic.map((t) => {
      const hidden = t.data === undefined || t.data === null;
      return el("tr", null,
        el("td", { className: "nowrap", title: typeof t.at === "string" ? t.at : null, text: clock(parseTime(t.at)) }),
        el("td", { className: "mono nowrap", text: text(t.peer) }),
        el("td", { className: "mono nowrap", text: text(t.route) }),
        el("td", { className: hidden ? "muted" : "mono wrap", text: hidden ? "(hidden)" : String(t.data) }));
    }));
    if (!traffic.length) tbody.append(emptyRow(4, "No traffic sampled yet."));
  }

  // ---- throughput chart ----

  /** The smallest step of 1, 2 or 5 times a power of ten (at least 1) that splits max into `parts`. */
  function niceStep(max, parts) {
    const raw = Math.max(max / parts, 1);
    const power = Math.pow(10, Math.floor(Math.log10(raw)));
    for (const f of [1, 2, 5, 10]) if (f * power >= raw) return f * power;
    return 10 * power;
  }

  function drawChart() {
    const canvas = $("chart");
    const width = canvas.clientWidth;
    const height = canvas.clientHeight;
    if (!width || !height) return;
    const ratio = window.devicePixelRatio || 1;
    if (canvas.width !== Math.round(width * ratio) || canvas.height !== Math.round(height * ratio)) {
      canvas.width = Math.round(width * ratio);
      canvas.height = Math.round(height * ratio);
    }
    const ctx = canvas.getContext("2d");
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.clearRect(0, 0, width, height);

    const css = getComputedStyle(document.documentElement);
    const color = (name, fallback) => css.getPropertyValue(name).trim() || fallback;
    const colors = {
      text: color("--muted", "#666"), grid: color("--line", "#ddd"),
      in: color("--series-in", "#2f6fdb"), out: color("--series-out", "#1f9d6a"), conn: color("--series-conn", "#d9822b"),
    };
    ctx.font = "11px " + getComputedStyle(document.body).fontFamily;

    const samples = (last && Array.isArray(last.throughput) ? last.throughput : [])
      .filter((s) => isObject(s) && typeof s.at === "number");
    const pad = { left: 44, right: 40, top: 8, bottom: 20 };
    const plotW = width - pad.left - pad.right;
    const plotH = height - pad.top - pad.bottom;
    if (plotW < 40 || plotH < 30) return;

    const end = samples.length ? samples[samples.length - 1].at : Math.floor(Date.now() / 1000);
    const start = end - CHART_SECONDS;
    const value = (v) => (typeof v === "number" && isFinite(v) ? v : 0);
    const rateStep = niceStep(samples.reduce((m, s) => Math.max(m, value(s.in), value(s.out)), 0), 4);
    const connStep = niceStep(samples.reduce((m, s) => Math.max(m, value(s.connections)), 0), 4);
    const x = (t) => pad.left + ((t - start) / CHART_SECONDS) * plotW;
    const yRate = (v) => pad.top + plotH - (v / (rateStep * 4)) * plotH;
    const yConn = (v) => pad.top + plotH - (v / (connStep * 4)) * plotH;

    // grid and axes: rate on the left, connections on the right, minutes along the bottom
    ctx.lineWidth = 1;
    ctx.strokeStyle = colors.grid;
    ctx.textBaseline = "middle";
    for (let i = 0; i <= 4; i++) {
      const y = Math.round(pad.top + plotH - (i / 4) * plotH) + 0.5;
      ctx.beginPath();
      ctx.moveTo(pad.left, y);
      ctx.lineTo(pad.left + plotW, y);
      ctx.stroke();
      ctx.fillStyle = colors.in;
      ctx.textAlign = "right";
      ctx.fillText(numbers.format(rateStep * i), pad.left - 6, y);
      ctx.fillStyle = colors.conn;
      ctx.textAlign = "left";
      ctx.fillText(numbers.format(connStep * i), pad.left + plotW + 6, y);
    }
    ctx.fillStyle = colors.text;
    ctx.textBaseline = "top";
    for (let m = 0; m <= CHART_SECONDS / 60; m++) {
      const t = start + m * 60;
      const px = Math.round(x(t)) + 0.5;
      ctx.beginPath();
      ctx.moveTo(px, pad.top);
      ctx.lineTo(px, pad.top + plotH);
      ctx.stroke();
      ctx.textAlign = m === 0 ? "left" : m === CHART_SECONDS / 60 ? "right" : "center";
      ctx.fillText(t === end ? "now" : "−" + (CHART_SECONDS / 60 - m) + " min", px, pad.top + plotH + 5);
    }

    if (!samples.length) {
      ctx.textAlign = "center";
      ctx.textBaseline = "middle";
      ctx.fillStyle = colors.text;
      ctx.fillText("collecting: one point a second", pad.left + plotW / 2, pad.top + plotH / 2);
      return;
    }

    // A line per series, broken where samples are missing (a gap of more than two seconds).
    function series(pick, y, stroke, dashed) {
      ctx.save();
      ctx.beginPath();
      ctx.rect(pad.left, pad.top - 2, plotW, plotH + 4);
      ctx.clip();
      ctx.strokeStyle = stroke;
      ctx.lineWidth = dashed ? 1.5 : 2;
      ctx.lineJoin = "round";
      ctx.setLineDash(dashed ? [5, 3] : []);
      ctx.beginPath();
      let previous = null;
      for (const s of samples) {
        if (s.at < start) continue;
        const px = x(s.at);
        const py = y(value(pick(s)));
        if (previous === null || s.at - previous > 2) ctx.moveTo(px, py);
        else ctx.lineTo(px, py);
        previous = s.at;
      }
      ctx.stroke();
      ctx.restore();
    }
    series((s) => s.connections, yConn, colors.conn, true);
    series((s) => s.out, yRate, colors.out, false);
    series((s) => s.in, yRate, colors.in, false);

    const now = samples[samples.length - 1];
    const peak = samples.reduce((m, s) => Math.max(m, value(s.in), value(s.out)), 0);
    const summary = "now " + fmtInt(value(now.in)) + " in/s, " + fmtInt(value(now.out)) + " out/s, "
      + fmtInt(value(now.connections)) + " connections; peak " + fmtInt(peak) + " messages/s in the last "
      + Math.round(Math.min(CHART_SECONDS, end - samples[0].at + 1) / 60 * 10) / 10 + " min";
    $("chart-now").textContent = summary;
    canvas.setAttribute("aria-label", "Throughput chart: " + summary);
  }

  if (typeof ResizeObserver === "function") new ResizeObserver(() => drawChart()).observe($("chart"));
  else window.addEventListener("resize", drawChart);
  if (window.matchMedia) {
    const scheme = window.matchMedia("(prefers-color-scheme: dark)");
    if (scheme.addEventListener) scheme.addEventListener("change", drawChart);
  }
  drawChart();

  // ---- peers: search, sort, selection, detail ----

  let searchTimer = null;
  $("peer-search").addEventListener("input", () => {
    clearTimeout(searchTimer);
    searchTimer = setTimeout(() => {
      const query = $("peer-search").value.trim();
      if (query === view.query) return;
      view.query = query;
      sendWatch();
    }, 200);
  });

  $("peer-node").addEventListener("change", () => {
    view.node = $("peer-node").value;
    sendWatch();
  });

  function showSort() {
    for (const th of document.querySelectorAll("th[data-sort]")) {
      th.setAttribute("aria-sort", th.dataset.sort === view.sort ? SORT_ORDER[view.sort] : "none");
    }
  }
  for (const th of document.querySelectorAll("th[data-sort]")) {
    th.querySelector("button").addEventListener("click", () => {
      if (view.sort === th.dataset.sort) return;
      view.sort = th.dataset.sort;
      showSort();
      sendWatch();
    });
  }
  showSort();

  $("hide-payloads").addEventListener("change", () => {
    view.hidePayloads = $("hide-payloads").checked;
    sendWatch();
  });

  function select(peer) {
    if (typeof peer !== "string" || peer === "") return;
    selected = peer;
    detailGone = false;
    $("action-peer").value = peer;
    showActions();
    $("detail-close").hidden = false;
    for (const tr of $("peers").rows) {
      const isSelected = tr.getAttribute("data-peer") === peer;
      tr.classList.toggle("selected", isSelected);
      if (tr.hasAttribute("data-peer")) tr.setAttribute("aria-selected", String(isSelected));
    }
    if (!detailShown || detailShown.peer !== peer) {
      detailShown = null;
      $("peer-detail").replaceChildren(el("p", { className: "peer-id", text: peer }), el("p", { className: "hint", text: "loading…" }));
    }
    fetchDetail();
  }

  function unselect() {
    selected = null;
    detailShown = null;
    detailSeq++;
    detailPending = false;
    $("detail-close").hidden = true;
    $("peer-detail").replaceChildren(el("p", { className: "hint", text: "Click a peer to see its detail and attributes." }));
    for (const tr of $("peers").rows) {
      tr.classList.remove("selected");
      if (tr.hasAttribute("data-peer")) tr.setAttribute("aria-selected", "false");
    }
  }

  function fetchDetail() {
    if (selected === null) return;
    const seq = ++detailSeq;
    const peer = selected;
    detailPending = true;
    detailAt = Date.now();
    client.request("manager.peer", { peer }, { timeoutMs: 10000 }).then(
      (data) => { if (seq === detailSeq) showDetail(peer, data, null); },
      (err) => { if (seq === detailSeq) showDetail(peer, null, err); })
      .finally(() => { if (seq === detailSeq) detailPending = false; });
  }

  function showDetail(peer, data, error) {
    if (error && error.code === "disconnected") return; // the welcome after the reconnect asks again
    if (error && error.code === "unavailable") detailGone = true;
    const shown = data !== null ? data : detailShown && detailShown.peer === peer ? detailShown.data : null;
    const sig = JSON.stringify([peer, shown, error && error.code, error && error.message]);
    if (detailShown && detailShown.sig === sig) return;
    detailShown = { peer, data: shown, sig };

    const panel = $("peer-detail");
    const parts = [el("p", { className: "peer-id", text: peer })];
    if (error) {
      parts.push(el("p", { className: "gone", "data-code": error.code,
        text: error.code === "unavailable" ? "Disconnected: " + describe(error) : error.code + ": " + describe(error) }));
    }
    const p = shown && isObject(shown.peer) ? shown.peer : null;
    if (p) {
      const since = parseTime(p.since);
      const rows = [
        ["Node", typeof p.node === "string" ? p.node + (p.remote ? "" : " (this)") : "–"],
        ["User", text(p.user)],
        ["Address", text(p.address)],
        ["Origin", text(p.origin)],
        ["User agent", text(p.userAgent)],
        ["Connected", isFinite(since) ? dateTime(since) + " (" + duration(Date.now() - since) + " ago)" : "–"],
        ["Frames in / out", fmtInt(p.framesIn) + " / " + fmtInt(p.framesOut)],
        ["Bytes in / out", fmtInt(p.bytesIn) + " / " + fmtInt(p.bytesOut)],
        ["Pending", fmtInt(p.pending)],
        ["Groups", p.remote === true ? "on its node" : Array.isArray(p.groups) && p.groups.length ? p.groups.map(String).join(", ") : "none"],
      ];
      const props = el("dl", { className: "props" });
      for (const [name, value] of rows) props.append(el("dt", { text: name }), el("dd", { text: value }));
      parts.push(props);
      parts.push(el("h3", { text: "Attributes" }));
      if (p.remote === true) {
        parts.push(el("p", { className: "hint", text: "The peer is connected to another node: its attributes, traffic and groups stay there." }));
        panel.replaceChildren(...parts);
        return;
      }
      const attributes = isObject(shown.attributes) ? Object.entries(shown.attributes) : [];
      if (attributes.length) {
        const list = el("dl", { className: "props attributes" });
        for (const [key, value] of attributes) list.append(el("dt", { text: key }), el("dd", { text: text(value) }));
        parts.push(list);
      } else {
        parts.push(el("p", { className: "hint", text: "No attributes." }));
      }
    } else if (!error) {
      parts.push(el("p", { className: "hint", text: "loading…" }));
    }
    panel.replaceChildren(...parts);
  }

  function rowPeer(event) {
    const tr = event.target.closest("tr[data-peer]");
    return tr ? tr.getAttribute("data-peer") : null;
  }
  $("peers").addEventListener("click", (event) => select(rowPeer(event)));
  $("peers").addEventListener("keydown", (event) => {
    if (event.key !== "Enter" && event.key !== " ") return;
    const peer = rowPeer(event);
    if (peer) {
      event.preventDefault();
      select(peer);
    }
  });
  $("groups").addEventListener("click", (event) => {
    const chip = event.target.closest("button[data-peer]");
    if (chip) select(chip.getAttribute("data-peer"));
  });
  $("detail-close").addEventListener("click", unselect);

  // ---- operator actions ----

  /** Adds an entry to the results (newest first) and returns how to complete it. */
  function startResult(label) {
    const outcome = el("span", { className: "outcome", text: "sending…" });
    const item = el("li", { className: "pending" },
      el("span", { className: "time", text: clock(Date.now()) }), el("span", { className: "label", text: label + ": " }), outcome);
    const list = $("action-result");
    list.prepend(item);
    while (list.children.length > MAX_RESULTS) list.lastElementChild.remove();
    return {
      ok(message, json) {
        item.className = "ok";
        item.setAttribute("data-outcome", "ok");
        outcome.textContent = message;
        if (json !== undefined) item.append(el("pre", { text: json }));
      },
      fail(error, prefix) {
        const code = error && typeof error.code === "string" ? error.code : "internal";
        item.className = "error";
        item.setAttribute("data-outcome", "error");
        item.setAttribute("data-code", code);
        outcome.replaceChildren(prefix || "", el("span", { className: "code", text: code }), " " + describe(error));
      },
    };
  }

  function localError(code, message) {
    const error = new Error(message);
    error.code = code;
    return error;
  }

  function peerField() {
    const peer = $("action-peer").value.trim();
    if (!peer) throw localError("bad_data", "enter a peer id (click a row of the peer list)");
    return peer;
  }

  function routeField(id) {
    const route = $(id).value.trim();
    if (!route) throw localError("bad_data", "enter a route");
    return route;
  }

  function jsonField(id) {
    const source = $(id).value.trim();
    if (source === "") return undefined;
    try {
      return JSON.parse(source);
    } catch (e) {
      throw localError("bad_data", "the data is not valid JSON: " + e.message);
    }
  }

  const doneText = (reply) => (isObject(reply) && typeof reply.detail === "string" ? reply.detail
    : isObject(reply) && reply.done === false ? "no change" : "done");

  /**
   * Runs an action: build() gives {label, route, data} or throws a local error (shown like the
   * server's); the reply goes to onReply(reply, result), by default shown as the Done text.
   */
  function act(fallbackLabel, build, onReply) {
    let spec;
    try {
      spec = build();
    } catch (err) {
      startResult(fallbackLabel).fail(err);
      return;
    }
    const result = startResult(spec.label);
    client.request(spec.route, spec.data).then(
      (reply) => (onReply ? onReply(reply, result) : result.ok(doneText(reply))),
      (err) => result.fail(err));
  }

  $("action-disconnect").addEventListener("click", () => act("disconnect", () => {
    const peer = peerField();
    const reason = $("action-reason").value.trim();
    const data = { peer };
    if (reason) data.reason = reason;
    return { label: "disconnect " + peer, route: "manager.disconnect", data };
  }));

  function membership(join) {
    act(join ? "join" : "leave", () => {
      const peer = peerField();
      const group = $("group-name").value.trim();
      if (!group) throw localError("bad_data", "enter a group");
      return { label: (join ? "join " : "leave ") + peer + (join ? " to " : " from ") + group,
        route: join ? "manager.join" : "manager.leave", data: { peer, group } };
    }, (reply, result) => {
      result.ok(doneText(reply));
      if (selected !== null) fetchDetail();
    });
  }
  // Groups are held by the peer's own node: the server answers on_another_node, so the page says so
  // first. Disconnecting and pushing work for a peer of any node.
  function showActions() {
    const peer = $("action-peer").value.trim();
    const node = remotePeers.get(peer);
    const remote = node !== undefined;
    for (const id of ["group-join", "group-leave"]) {
      $(id).disabled = remote;
      if (remote) $(id).title = "groups can be changed only from a console on the peer's node";
      else $(id).removeAttribute("title");
    }
    const hint = $("remote-hint");
    hint.hidden = !remote;
    hint.textContent = remote ? "On node " + nodeName(node, last) + ": disconnect and push go there; its groups "
      + "can be changed only from a console connected to that node." : "";
  }
  $("action-peer").addEventListener("input", showActions);

  $("group-join").addEventListener("click", () => membership(true));
  $("group-leave").addEventListener("click", () => membership(false));

  function pushTargetChanged() {
    const target = $("push-target").value;
    $("push-group").disabled = target !== "group";
  }
  $("push-target").addEventListener("change", pushTargetChanged);
  pushTargetChanged();

  $("push-send").addEventListener("click", () => act("push", () => {
    const target = $("push-target").value;
    const data = { target, route: routeField("push-route") };
    let label;
    if (target === "peer") {
      data.peer = peerField();
      label = "push " + data.route + " to peer " + data.peer;
    } else if (target === "group") {
      data.group = $("push-group").value.trim();
      if (!data.group) throw localError("bad_data", "enter a group");
      label = "push " + data.route + " to group " + data.group;
    } else {
      label = "push " + data.route + " to everyone";
    }
    const payload = jsonField("push-data");
    if (payload !== undefined) data.data = payload;
    return { label, route: "manager.push", data };
  }));

  $("call-send").addEventListener("click", () => act("test request", () => {
    const data = { route: routeField("call-route") };
    const payload = jsonField("call-data");
    if (payload !== undefined) data.data = payload;
    return { label: "test request " + data.route, route: "manager.call", data };
  }, (answer, result) => {
    // The answer is the frame the route sent back: {"re":1,"data":...} or {"re":1,"error":{...}}.
    if (isObject(answer) && isObject(answer.error)) result.fail(answer.error, "error reply: ");
    else result.ok("reply", shortJson(isObject(answer) && answer.data !== undefined ? answer.data : null, 2));
  }));

  // Enter in a one-line field of an action sends it; Ctrl+Enter (or Cmd+Enter) in its data does.
  function submitOnEnter(fieldId, buttonId, needsCtrl) {
    $(fieldId).addEventListener("keydown", (event) => {
      if (event.key !== "Enter" || (needsCtrl && !(event.ctrlKey || event.metaKey))) return;
      event.preventDefault();
      $(buttonId).click();
    });
  }
  submitOnEnter("push-route", "push-send", false);
  submitOnEnter("push-data", "push-send", true);
  submitOnEnter("call-route", "call-send", false);
  submitOnEnter("call-data", "call-send", true);
})();
