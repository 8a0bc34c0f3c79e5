// The registry's read-only UI. Everything on it comes from Consul's documented HTTP API, followed with blocking
// queries, so the page works against a real Consul agent as well as against Exam3.Discovery.
"use strict";

// An agent whose ACLs deny by default needs a token even for reads: /ui/?token=… passes one on.
const token = new URLSearchParams(location.search).get("token");
const headers = token ? { "X-Consul-Token": token } : {};
// Consul's default wait; the agent answers sooner whenever what the query reads changes.
const wait = "5m";
// After a failed query: 0.5 s, doubling up to 15 s, so a restarted registry is found again soon without being hammered.
const retry = { first: 500, longest: 15_000 };

// Builds an element; strings become text nodes, so nothing a client registers can inject markup.
function h(tag, attributes, ...children) {
  const element = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes ?? {})) element.setAttribute(key, value);
  for (const child of children.flat(Infinity)) {
    if (child !== null && child !== undefined) element.append(child instanceof Node ? child : String(child));
  }
  return element;
}

const table = (headings, rows) =>
  h("table", {}, h("thead", {}, h("tr", {}, headings.map(text => h("th", { scope: "col" }, text)))), h("tbody", {}, rows));
const empty = text => h("p", { class: "empty" }, text);
const tag = text => h("span", { class: "tag" }, text);
const badge = status => h("span", { class: `status status-${status}` }, status);
const render = (id, ...children) => document.getElementById(id).replaceChildren(...children.flat(Infinity));

// What fails, by the query that failed; the status line names the first problem until every query answers again.
const problems = new Map();
function report(name, problem) {
  if (problem) problems.set(name, problem);
  else problems.delete(name);
  const [first] = problems.values();
  const status = document.getElementById("status");
  status.classList.toggle("problem", problems.size > 0);
  status.textContent = first ? `The registry does not answer (${first}); retrying.` : "Live: changes show as the registry makes them.";
}

async function read(path) {
  const response = await fetch(path, { headers });
  if (!response.ok) throw new Error(`${path}: ${response.status} ${response.statusText}`);
  return response.json();
}

// Follows one query while the page is open: each answer's X-Consul-Index goes back as ?index, so the agent holds the
// request until the data changes (or the wait ends) instead of the page asking on a timer.
async function watch(path, onChange, { notFoundIsEmpty = false } = {}) {
  let index = 0;
  let delay = retry.first;
  for (;;) {
    try {
      const response = await fetch(index ? `${path}${path.includes("?") ? "&" : "?"}index=${index}&wait=${wait}` : path, { headers });
      // KV answers a prefix with no keys 404, with an index to block on all the same.
      const none = notFoundIsEmpty && response.status === 404;
      if (!response.ok && !none) throw new Error(`${path}: ${response.status} ${response.statusText}`);
      const body = none ? [] : await response.json();
      const seen = index;
      const next = Number(response.headers.get("X-Consul-Index")) || 0;
      // Consul's rules for clients: an index that went backwards (a restarted agent) starts over with a plain read,
      // and one below 1 counts as 1.
      index = next < seen ? 0 : Math.max(next, 1);
      delay = retry.first;
      report(path, null);
      if (next !== seen) onChange(body);
    } catch (error) {
      report(path, error.message);
      // The agent may come back as a new one whose indexes start over; asked to wait for an index it has not reached,
      // it would hold the query for the whole wait, so the first query after a failure is a plain read.
      index = 0;
      await new Promise(resume => setTimeout(resume, delay));
      delay = Math.min(delay * 2, retry.longest);
    }
  }
}

// Runs one draw at a time; calls during a draw ask for exactly one more, which reads what is current by then.
function oneAtATime(name, draw) {
  let running = false;
  let again = false;
  return async () => {
    if (running) { again = true; return; }
    running = true;
    do {
      again = false;
      try { await draw(); report(name, null); } catch (error) { report(name, error.message); }
    } while (again);
    running = false;
  };
}

// ---- Services ----
// Consul's precedence (api.HealthChecks.AggregatedStatus): one critical check makes the instance critical.
const aggregate = checks => ["critical", "warning"].find(status => checks.some(check => check.Status === status)) ?? "passing";

const meta = entries => entries.length
  ? h("dl", {}, entries.map(([key, value]) => [h("dt", {}, key), h("dd", {}, value)]))
  : null;

const check = ({ CheckID, Name, Status, Output }) =>
  h("div", { class: "check", "data-check": CheckID, "data-status": Status }, badge(Status), " ", Name, Output ? h("pre", {}, Output) : null);

const instance = ({ Node, Service, Checks }) =>
  h("tr", { "data-instance": Service.ID, "data-status": aggregate(Checks) },
    h("td", {}, h("code", {}, Service.ID), h("div", {}, badge(aggregate(Checks)))),
    // An instance registered without an address is at its node's, as Consul resolves it.
    h("td", {}, `${Service.Address || Node.Address}:${Service.Port}`),
    h("td", {}, (Service.Tags ?? []).map(tag)),
    h("td", {}, meta(Object.entries(Service.Meta ?? {}))),
    h("td", {}, Checks.map(check)));

const service = (name, tags, entries) =>
  h("section", { class: "service", "data-service": name },
    h("h3", {}, name),
    tags.length ? h("p", {}, "Tags: ", tags.map(tag)) : null,
    entries.length ? table(["Instance", "Address", "Tags", "Meta", "Checks"], entries.map(instance)) : empty("No instances."));

// The catalog names the services; each one's instances and checks are read from /v1/health/service when either the
// catalog or any check changes. One blocking query on every check stands for a query per service: each of those would
// hold a connection open, a browser opens at most six to one host, and beside the other three queries a fourth
// service would stall the page.
let catalog = null;
const drawServices = oneAtATime("services", async () => {
  if (!catalog) return;
  const names = Object.keys(catalog).sort();
  const entries = await Promise.all(names.map(name => read(`/v1/health/service/${encodeURIComponent(name)}`)));
  render("services", names.length ? names.map((name, i) => service(name, catalog[name] ?? [], entries[i])) : empty("No services."));
});
watch("/v1/catalog/services", services => { catalog = services; drawServices(); });
watch("/v1/health/state/any", () => drawServices());

// ---- Nodes ----
watch("/v1/catalog/nodes", nodes => render("nodes", nodes.length
  ? table(["Node", "Address", "Datacenter"], nodes.map(node =>
      h("tr", { "data-node": node.Node }, h("td", {}, node.Node), h("td", {}, node.Address), h("td", {}, node.Datacenter))))
  : empty("No nodes.")));

// ---- Key/value ----
// Consul sends values base64-encoded; they are shown as UTF-8 text. A key made as a folder has no value at all.
const text = value => value === null ? "" : new TextDecoder().decode(Uint8Array.from(atob(value), c => c.charCodeAt(0)));

watch("/v1/kv/?recurse", entries => render("kv", entries.length
  ? table(["Key", "Value"], entries.map(entry =>
      h("tr", { "data-key": entry.Key }, h("td", {}, h("code", {}, entry.Key)), h("td", {}, h("pre", {}, text(entry.Value))))))
  : empty("No keys.")), { notFoundIsEmpty: true });
