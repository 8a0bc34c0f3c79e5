// The npm registry's `consul` client (v2) against Exam3.Discovery: one step per run, named by argv[2].
// The registry's address comes from REGISTRY_URL; every expectation that fails exits non-zero with a message.
"use strict";

const Consul = require("consul");
const assert = require("node:assert/strict");

const address = new URL(process.env.REGISTRY_URL);
// CONSUL_HTTP_TOKEN, when set, goes with every request, as Consul's own tools send it.
const token = process.env.CONSUL_HTTP_TOKEN;
const consul = new Consul({ host: address.hostname, port: address.port, defaults: token ? { token } : undefined });

const steps = {
  // Registration with an HTTP and a TTL check, health with ?passing, the catalog, and a blocking query woken by a pass.
  async register() {
    await consul.agent.service.register({
      name: "node-web",
      id: "node-web-1",
      address: "127.0.0.1",
      port: 3000,
      tags: ["node", "urlprefix-/node"],
      checks: [
        { checkid: "node-web-ttl", name: "node ttl", ttl: "60s" },
        { checkid: "node-web-http", name: "node http", http: `${address.origin}/v1/status/leader`, interval: "1s", status: "passing" },
      ],
    });

    // consul.watch is the client's blocking-query loop (?index=&wait=): the first answer has no passing instance,
    // the next one comes when the TTL check passes.
    const answers = [];
    const woken = new Promise((resolve, reject) => {
      const watch = consul.watch({ method: consul.health.service, options: { service: "node-web", passing: true, wait: "30s" } });
      watch.on("error", reject);
      watch.on("change", (entries) => {
        answers.push(entries);
        if (answers.length === 1) {
          consul.agent.check.pass({ id: "node-web-ttl", note: "ready" }).catch(reject);
        } else if (entries.length > 0) {
          watch.end();
          resolve(entries);
        }
      });
    });
    const entries = await woken;
    assert.equal(answers[0].length, 0, "a fresh TTL check is critical, so no instance passes at first");
    assert.equal(entries[0].Service.ID, "node-web-1", "the blocking query wakes with the now passing instance");

    const services = await consul.catalog.service.list();
    assert.deepEqual(services["node-web"], ["node", "urlprefix-/node"]);
    const instances = await consul.catalog.service.nodes("node-web");
    assert.equal(instances[0].ServicePort, 3000);
  },

  // Nested keys: the client escapes the slashes (app%2Fconfig); other clients must see real nested keys.
  async "write-keys"() {
    assert.equal(await consul.kv.set("shared/from-node/app/config", "node-value"), true);
    assert.equal(await consul.kv.set("shared/from-node/app/empty", ""), true);
    const keys = await consul.kv.keys("shared/from-node/");
    assert.deepEqual(keys, ["shared/from-node/app/config", "shared/from-node/app/empty"]);
    const entry = await consul.kv.get("shared/from-node/app/config");
    assert.equal(entry.Value, "node-value");
  },

  async "read-keys"() {
    const entry = await consul.kv.get("shared/from-python/db/url");
    assert.ok(entry, "the key the Python client wrote is visible");
    assert.equal(entry.Value, "postgres://python");
    const tree = await consul.kv.get({ key: "shared/", recurse: true });
    const keys = tree.map((item) => item.Key);
    assert.ok(keys.includes("shared/from-node/app/config") && keys.includes("shared/from-python/db/url"), `both clients' keys under shared/: ${keys}`);
  },

  // A session holds a lock; the session id goes to stdout for the other client.
  async lock() {
    const session = await consul.session.create({ name: "node-lock", ttl: "30s", lockdelay: "0s" });
    assert.equal(await consul.kv.set({ key: "shared/lock", value: "node", acquire: session.ID }), true);
    const held = await consul.kv.get("shared/lock");
    assert.equal(held.Session, session.ID);
    const renewed = await consul.session.renew(session.ID);
    assert.equal(renewed[0].ID, session.ID);
    console.log(`SESSION=${session.ID}`);
  },

  async release() {
    const sessions = await consul.session.list();
    const mine = sessions.find((session) => session.Name === "node-lock");
    assert.ok(mine, "the node client's session is listed");
    assert.equal(await consul.kv.set({ key: "shared/lock", value: "free", release: mine.ID }), true);
    await consul.session.destroy(mine.ID);
    assert.deepEqual(await consul.session.info(mine.ID), undefined);
  },
};

const step = steps[process.argv[2]];
if (!step) {
  console.error(`unknown step ${process.argv[2]}; steps: ${Object.keys(steps).join(", ")}`);
  process.exit(2);
}

step().then(
  () => console.log(`node step ${process.argv[2]}: ok`),
  (error) => {
    console.error(`node step ${process.argv[2]} failed: ${error.stack || error}`);
    process.exit(1);
  });
