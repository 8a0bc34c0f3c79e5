// The dashboard's pages: each fetches JSON from /api and redraws its data when /api/changes says so.
"use strict";

const palette = ["#512bd4", "#0f9d58", "#e8710a", "#1a73e8", "#c62828", "#8e24aa", "#00897b"];

// Builds an element; strings become text nodes, so telemetry can never inject markup.
function h(tag, attributes, ...children) {
  const element = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith("on")) element.addEventListener(key.slice(2), value);
    else element.setAttribute(key, value === true ? "" : value);
  }
  for (const child of children.flat()) {
    if (child !== undefined && child !== null) element.append(child instanceof Node ? child : String(child));
  }
  return element;
}

function svg(tag, attributes, ...children) {
  const element = document.createElementNS("http://www.w3.org/2000/svg", tag);
  for (const [key, value] of Object.entries(attributes ?? {})) element.setAttribute(key, value);
  for (const child of children.flat()) element.append(child instanceof Node ? child : String(child));
  return element;
}

async function getJson(url) {
  const response = await fetch(url, { headers: { accept: "application/json" } });
  if (response.status === 401) { location.href = "/login"; return null; }
  if (!response.ok) return { problem: await response.json().catch(() => ({ detail: response.statusText })) };
  return response.json();
}

const time = value => new Date(value).toLocaleTimeString();
const ms = value => value < 1 ? `${(value * 1000).toFixed(0)} µs` : value < 1000 ? `${value.toFixed(1)} ms` : `${(value / 1000).toFixed(2)} s`;
// Query strings carry only the filters that are set: an empty level is no level, not an unknown one.
const params = values => new URLSearchParams(Object.entries(values).filter(([, value]) => value));
const query = name => new URLSearchParams(location.search).get(name) ?? "";

function setQuery(values) {
  const search = new URLSearchParams(location.search);
  for (const [key, value] of Object.entries(values)) value ? search.set(key, value) : search.delete(key);
  history.replaceState(null, "", `${location.pathname}${search.size ? "?" + search : ""}`);
}

function table(headers, rows) {
  return h("table", {}, h("thead", {}, h("tr", {}, headers.map(title => h("th", {}, title)))), h("tbody", {}, rows));
}

function empty(text) { return h("p", { class: "empty" }, text); }

// Puts new children in place only when they differ from what is shown: redrawing the same rows under the pointer
// (every fetch redraws) would swallow a click whose press landed on the old row and whose release on the new one.
// Kept elements keep their old handlers, so a handler may use only what its element's markup shows.
function redraw(container, ...children) {
  const next = document.createElement(container.tagName);
  next.append(...children);
  if (next.innerHTML !== container.innerHTML) container.replaceChildren(...next.childNodes);
}

function resourceSelect(names, selected, onchange, label) {
  return h("select", { "aria-label": label, onchange: event => onchange(event.target.value) },
    h("option", { value: "" }, "All resources"),
    names.map(name => h("option", { value: name, selected: name === selected }, name)));
}

async function telemetryResourceNames() {
  const resources = (await getJson("/api/telemetry/resources")) ?? [];
  const services = [...new Set(resources.map(r => r.service))];
  return [...services, ...resources.map(r => r.name).filter(name => !services.includes(name))];
}

// ---- Resources ----
const resourcesPage = {
  title: "Resources",
  events: ["resources"],
  setup(root) {
    const data = h("div");
    root.append(h("h1", {}, "Resources"), data);
    let selected = query("resource");
    const run = async (name, command, button) => {
      button.disabled = true;
      const response = await fetch(`/api/resources/${encodeURIComponent(name)}/commands/${command}`, { method: "POST" });
      if (!response.ok) alert((await response.json().catch(() => ({}))).detail ?? `${command} failed`);
    };
    return async () => {
      const resources = await getJson("/api/resources/");
      if (!resources) return;
      if (resources.problem) { redraw(data, empty(resources.problem.detail)); return; }
      const rows = resources.map(r => h("tr", { class: `clickable${r.name === selected ? " selected" : ""}`, "data-resource": r.name, onclick: () => { selected = r.name; setQuery({ resource: r.name }); refresh(); } },
        h("td", {}, r.name),
        h("td", { class: `state state-${r.state}` }, r.state, r.health ? ` (${r.health})` : ""),
        h("td", {}, r.startTime ? time(r.startTime) : ""),
        h("td", {}, r.processId ?? ""),
        h("td", {}, r.urls.map(url => h("div", {}, h("a", { href: url, target: "_blank", rel: "noopener" }, url)))),
        h("td", {}, r.restarts),
        h("td", { onclick: event => event.stopPropagation() },
          ["stop", "start", "restart"].map(command => h("button", {
            class: command === "restart" ? "" : "primary", "data-command": command,
            disabled: !r.commands.includes(command), onclick: event => run(r.name, command, event.target),
          }, command[0].toUpperCase() + command.slice(1))))));
      const chosen = resources.find(r => r.name === selected);
      redraw(data,
        table(["Name", "State", "Start time", "PID", "URLs", "Restarts", "Actions"], rows),
        chosen ? h("div", { class: "details" },
          h("h2", {}, chosen.name),
          h("p", {}, h("a", { href: `/consolelogs?resource=${encodeURIComponent(chosen.name)}` }, "Console logs"), " · ",
            h("a", { href: `/structuredlogs?resource=${encodeURIComponent(chosen.name)}` }, "Structured logs"), " · ",
            h("a", { href: `/traces?resource=${encodeURIComponent(chosen.name)}` }, "Traces")),
          h("h2", {}, "Health reports"),
          chosen.healthReports.length ? table(["Check", "Status", "Description", "Last run"], chosen.healthReports.map(report =>
            h("tr", {}, h("td", {}, report.name), h("td", {}, report.status), h("td", {}, report.description ?? ""), h("td", {}, report.lastRun ? time(report.lastRun) : "")))) : empty("No health reports."),
          h("h2", {}, "Environment"),
          table(["Variable", "Value"], Object.entries(chosen.environment).map(([key, value]) => h("tr", {}, h("td", {}, key), h("td", {}, value))))) : "");
    };
  },
};

// ---- Console logs ----
const consolePage = {
  title: "Console logs",
  events: ["resources"],
  setup(root) {
    let selected = query("resource");
    const picker = h("span");
    const output = h("pre", { class: "console" });
    root.append(h("h1", {}, "Console logs"), h("div", { class: "filters" }, picker), output);
    return async () => {
      const resources = await getJson("/api/resources/");
      if (!resources) return;
      if (resources.problem) { redraw(output, resources.problem.detail); return; }
      if (!selected && resources.length) selected = resources[0].name;
      redraw(picker, h("select", { "aria-label": "Resource", onchange: event => { selected = event.target.value; setQuery({ resource: selected }); refresh(); } },
        resources.map(r => h("option", { value: r.name, selected: r.name === selected }, r.name))));
      if (!selected) return;
      const lines = await getJson(`/api/resources/${encodeURIComponent(selected)}/console`);
      const atBottom = output.scrollTop + output.clientHeight >= output.scrollHeight - 4;
      redraw(output, ...(lines ?? []).map(line => h("div", { class: line.isError ? "err" : "" }, `${time(line.time)}  ${line.text}`)));
      if (atBottom) output.scrollTop = output.scrollHeight;
    };
  },
};

// ---- Structured logs ----
const logsPage = {
  title: "Structured logs",
  events: ["telemetry"],
  setup(root) {
    const filter = { resource: query("resource"), level: query("level"), text: query("text") };
    const picker = h("span");
    const data = h("div");
    const changed = () => { setQuery(filter); refresh(); };
    root.append(h("h1", {}, "Structured logs"), h("div", { class: "filters" }, picker,
      h("select", { "aria-label": "Minimum level", onchange: event => { filter.level = event.target.value; changed(); } },
        ["", "Trace", "Debug", "Information", "Warning", "Error", "Critical"].map(level => h("option", { value: level, selected: level === filter.level }, level || "All levels"))),
      h("input", { type: "search", placeholder: "Filter text", "aria-label": "Filter text", value: filter.text, oninput: event => { filter.text = event.target.value; changed(); } })), data);
    return async () => {
      redraw(picker, resourceSelect(await telemetryResourceNames(), filter.resource, value => { filter.resource = value; changed(); }, "Resource"));
      const logs = await getJson(`/api/telemetry/logs?${params(filter)}`);
      if (!logs || logs.problem) return;
      redraw(data, logs.length ? table(["Time", "Resource", "Level", "Message", "Trace"], logs.map(log => h("tr", {},
        h("td", {}, time(log.timestamp)), h("td", {}, log.resource), h("td", { class: `level-${log.level}` }, log.level),
        h("td", { title: log.attributes.map(a => `${a.key}=${a.value}`).join("\n") }, log.message),
        h("td", {}, log.traceId ? h("a", { href: `/traces/detail/${log.traceId}` }, log.traceId.slice(0, 8)) : ""))))
        : empty("No logs match."));
    };
  },
};

// ---- Traces ----
const tracesPage = {
  title: "Traces",
  events: ["telemetry"],
  setup(root) {
    let resource = query("resource");
    const picker = h("span");
    const data = h("div");
    root.append(h("h1", {}, "Traces"), h("div", { class: "filters" }, picker), data);
    return async () => {
      redraw(picker, resourceSelect(await telemetryResourceNames(), resource, value => { resource = value; setQuery({ resource }); refresh(); }, "Resource"));
      const traces = await getJson(`/api/telemetry/traces?${params({ resource })}`);
      if (!traces || traces.problem) return;
      redraw(data, traces.length ? table(["Time", "Name", "Resources", "Spans", "Duration"], traces.map(trace => h("tr", { class: "clickable", "data-trace": trace.traceId, onclick: () => navigate(`/traces/detail/${trace.traceId}`) },
        h("td", {}, time(trace.start)), h("td", { class: trace.errorCount ? "status-Error" : "" }, trace.name),
        h("td", {}, trace.resources.map(name => h("span", { class: "chip" }, name))), h("td", {}, trace.spanCount), h("td", {}, ms(trace.durationMs)))))
        : empty("No traces yet."));
    };
  },
};

const traceDetailPage = {
  title: "Trace",
  events: ["telemetry"],
  setup(root) {
    const traceId = location.pathname.split("/").pop();
    const data = h("div");
    let selected = null;
    root.append(h("h1", {}, h("a", { href: "/traces" }, "Traces"), " / ", traceId), data);
    return async () => {
      const trace = await getJson(`/api/telemetry/traces/${encodeURIComponent(traceId)}`);
      if (!trace) return;
      if (trace.problem) { redraw(data, empty("This trace is not (or no longer) in memory.")); return; }
      const total = Math.max(trace.durationMs, 0.001);
      const rows = trace.spans.map(span => {
        const left = (span.offsetMs / total) * 100;
        const width = Math.max((span.durationMs / total) * 100, 0.3);
        return h("tr", { class: `clickable${span.spanId === selected ? " selected" : ""}`, "data-span": span.spanId, "data-resource": span.resource, onclick: () => { selected = span.spanId; refresh(); } },
          h("td", { style: `padding-left:${10 + span.depth * 18}px` }, h("span", { class: "chip" }, span.resource), span.name),
          h("td", { class: "bar" }, h("div", { class: `span-bar status-${span.status}`, style: `left:${left}%;width:${width}%` }),
            h("span", { class: "span-label", style: `left:${Math.min(left + width, 85)}%` }, "\u00a0", ms(span.durationMs))));
      });
      const chosen = trace.spans.find(span => span.spanId === selected);
      redraw(data,
        h("p", { class: "muted" }, `${time(trace.start)} · ${ms(trace.durationMs)} · ${trace.spans.length} spans`),
        h("table", { class: "waterfall" }, h("thead", {}, h("tr", {}, h("th", {}, "Span"), h("th", {}, "Timeline"))), h("tbody", {}, rows)),
        chosen ? h("div", { class: "details" }, h("h2", {}, `${chosen.resource}: ${chosen.name}`),
          h("p", {}, `${chosen.kind} · ${chosen.status}${chosen.statusMessage ? ": " + chosen.statusMessage : ""}`),
          table(["Attribute", "Value"], chosen.attributes.map(a => h("tr", {}, h("td", {}, a.key), h("td", {}, a.value))))) : "");
    };
  },
};

// ---- Metrics ----
function lineChart(title, series, valueOf, format) {
  const width = 600, height = 220, pad = 40;
  const points = series.flatMap(s => s.points.map(p => ({ t: Date.parse(p.time), v: valueOf(p) }))).filter(p => p.v !== null && p.v !== undefined);
  const chart = h("div", { class: "chart", "data-chart": title }, h("h2", {}, title));
  if (!points.length) return chart.appendChild(empty("No data yet.")), chart;
  const t0 = Math.min(...points.map(p => p.t)), t1 = Math.max(...points.map(p => p.t), t0 + 1000);
  const vMax = Math.max(...points.map(p => p.v), 1e-9) * 1.1;
  const x = t => pad + ((t - t0) / (t1 - t0)) * (width - pad - 10);
  const y = v => height - 20 - (v / vMax) * (height - 40);
  const drawing = svg("svg", { viewBox: `0 0 ${width} ${height}`, role: "img", "aria-label": title },
    svg("line", { x1: pad, y1: height - 20, x2: width - 10, y2: height - 20, stroke: "#ccc" }),
    svg("text", { x: 2, y: 14, "font-size": 11, fill: "#6b6b76" }, format(vMax)),
    svg("text", { x: 2, y: height - 22, "font-size": 11, fill: "#6b6b76" }, format(0)),
    series.map((s, i) => svg("polyline", {
      fill: "none", stroke: palette[i % palette.length], "stroke-width": 2,
      points: s.points.filter(p => valueOf(p) !== null).map(p => `${x(Date.parse(p.time)).toFixed(1)},${y(valueOf(p)).toFixed(1)}`).join(" "),
    })));
  chart.append(drawing, h("div", { class: "legend" }, series.map((s, i) => h("span", {}, h("i", { style: `background:${palette[i % palette.length]}` }), s.resource))));
  return chart;
}

const metricsPage = {
  title: "Metrics",
  events: ["telemetry"],
  setup(root) {
    let resource = query("resource");
    const charts = h("div", { class: "charts" });
    const picker = h("span");
    const instruments = h("div");
    root.append(h("h1", {}, "Metrics"), h("p", { class: "muted" }, "From http.server.request.duration, per replica."), charts,
      h("h2", {}, "Instruments"), h("div", { class: "filters" }, picker), instruments);
    return async () => {
      const series = await getJson("/api/telemetry/metrics/requests");
      if (!series) return;
      redraw(charts,
        lineChart("Request rate (req/s)", series, p => p.requestsPerSecond, v => v.toFixed(1)),
        lineChart("Average duration", series, p => p.count ? p.averageMilliseconds : null, ms),
        lineChart("p95 duration", series, p => p.p95Milliseconds, ms));
      const names = (await getJson("/api/telemetry/resources") ?? []).map(r => r.name);
      if (!resource && names.length) resource = names[0];
      redraw(picker, h("select", { "aria-label": "Resource", onchange: event => { resource = event.target.value; setQuery({ resource }); refresh(); } },
        names.map(name => h("option", { value: name, selected: name === resource }, name))));
      if (!resource) { redraw(instruments, empty("No metrics yet.")); return; }
      const list = await getJson(`/api/telemetry/metrics/instruments?${params({ resource })}`) ?? [];
      redraw(instruments, table(["Meter", "Instrument", "Kind", "Unit", "Series", "Latest (sum or count)"], list.map(i =>
        h("tr", {}, h("td", {}, i.meter), h("td", {}, i.name), h("td", {}, i.kind), h("td", {}, i.unit), h("td", {}, i.series), h("td", {}, +i.latest.toFixed(3))))));
    };
  },
};

// ---- Traffic ----
const trafficPage = {
  title: "Traffic",
  events: ["telemetry"],
  // The window slides with the clock, so the page redraws even when no telemetry arrives.
  ticks: true,
  setup(root) {
    const data = h("div");
    root.append(h("h1", {}, "Traffic"), h("p", { class: "muted" }, "Requests each resource served in the last minute, from its server spans."), data);
    return async () => {
      const traffic = await getJson(`/api/telemetry/traffic?${params({ service: query("service") })}`);
      if (!traffic || traffic.problem) return;
      const peak = Math.max(1, ...traffic.resources.flatMap(r => r.perSlice));
      redraw(data, traffic.resources.length ? table(["Resource", "Requests (1 min)", `Per ${traffic.sliceSeconds} s, oldest first`], traffic.resources.map((r, i) =>
        h("tr", { "data-resource": r.resource, "data-total": r.total },
          h("td", {}, r.resource), h("td", {}, r.total),
          h("td", {}, svg("svg", { viewBox: `0 0 ${r.perSlice.length * 14} 30`, width: r.perSlice.length * 14, height: 30, role: "img", "aria-label": `${r.resource} requests per slice` },
            r.perSlice.map((count, slice) => svg("rect", { x: slice * 14, y: 30 - (count / peak) * 30, width: 11, height: Math.max((count / peak) * 30, count ? 1 : 0), fill: palette[i % palette.length] },
              svg("title", {}, `${count}`))))))))
        : empty("No requests in the last minute."));
    };
  },
};

// ---- Registry ----
// Consul's precedence (api/health.go AggregatedStatus): one critical check makes the instance critical.
const aggregate = checks => ["critical", "warning"].find(status => checks.some(check => check.status === status)) ?? "passing";

const registryPage = {
  title: "Registry",
  events: ["registry"],
  setup(root) {
    const data = h("div");
    root.append(h("h1", {}, "Registry"), h("p", { class: "muted" }, "Services, instances and checks as the registry reports them, kept live by blocking queries."), data);
    return async () => {
      const registry = await getJson("/api/registry");
      if (!registry) return;
      if (registry.problem) { redraw(data, empty(registry.problem.detail)); return; }
      if (!registry.answered) { redraw(data, empty(`Waiting for the registry at ${registry.address}…`)); return; }
      redraw(data,
        registry.stale ? h("p", { class: "error" }, `The registry at ${registry.address} does not answer; this is the last known state.`) : h("p", { class: "muted" }, registry.address),
        ...(registry.services.length ? registry.services.map(service => h("section", { class: "service", "data-service": service.name },
          h("h2", {}, service.name, " ", service.tags.map(tag => h("span", { class: "chip" }, tag))),
          service.instances.length ? table(["Instance", "Address", "Tags", "Meta", "Checks"], service.instances.map(({ instance, checks }) =>
            h("tr", { "data-instance": instance.id, "data-status": aggregate(checks) },
              h("td", {}, h("span", { class: `badge check-${aggregate(checks)}` }, aggregate(checks)), " ", instance.id, h("div", { class: "muted" }, `node ${instance.node}`)),
              h("td", {}, `${instance.address}:${instance.port}`),
              h("td", {}, instance.tags.map(tag => h("span", { class: "chip" }, tag))),
              h("td", {}, Object.entries(instance.meta).map(([key, value]) => h("div", {}, h("span", { class: "muted" }, `${key}: `), value))),
              h("td", {}, checks.map(check => h("div", { class: "check", "data-check": check.checkId, "data-status": check.status },
                h("span", { class: `badge check-${check.status}` }, check.status), " ", check.name,
                check.output ? h("pre", { class: "output" }, check.output) : "")))))) : empty("No instances.")))
          : [empty("The registry lists no services.")]));
    };
  },
};

// ---- Routing and live updates ----
const pages = [
  [/^\/$/, "resources", resourcesPage],
  [/^\/consolelogs/, "console", consolePage],
  [/^\/structuredlogs/, "logs", logsPage],
  [/^\/traces\/detail\//, "traces", traceDetailPage],
  [/^\/traces/, "traces", tracesPage],
  [/^\/metrics/, "metrics", metricsPage],
  [/^\/traffic/, "traffic", trafficPage],
  [/^\/registry/, "registry", registryPage],
];

let current = null;
let drawing = null;
let again = false;

// One fetch at a time; a change during a fetch asks for exactly one more.
async function refresh() {
  if (drawing) { again = true; return; }
  do {
    again = false;
    drawing = current?.draw().catch(error => console.error(error));
    await drawing;
    drawing = null;
  } while (again);
}

function navigate(path) {
  history.pushState(null, "", path);
  show();
}

function show() {
  const [, name, page] = pages.find(([pattern]) => pattern.test(location.pathname)) ?? pages[0];
  document.title = `${page.title} · Exam3`;
  for (const link of document.querySelectorAll("nav a")) link.classList.toggle("active", link.dataset.page === name);
  const root = document.getElementById("page");
  root.replaceChildren();
  current = { page, draw: page.setup(root) };
  refresh();
}

addEventListener("popstate", show);
setInterval(() => { if (current?.page.ticks) refresh(); }, 5000);
const changes = new EventSource("/api/changes");
// Whatever changed before the stream opened, or while it was reconnecting, sent no event: fetch once more.
changes.onopen = () => { document.getElementById("live").classList.add("on"); refresh(); };
changes.onerror = () => document.getElementById("live").classList.remove("on");
changes.onmessage = event => { if (current?.page.events.includes(event.data)) refresh(); };
show();
