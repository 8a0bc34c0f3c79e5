"""Debian's python3-consul (python-consul 0.7.1) against Exam3.Discovery: one step per run, named by argv[1].

The registry's address comes from REGISTRY_URL (not CONSUL_HTTP_ADDR, which python-consul reads as host:port); a failed expectation exits non-zero with a message.
"""
import os
import sys
import time
from urllib.parse import urlparse

import consul

address = urlparse(os.environ["REGISTRY_URL"])
client = consul.Consul(host=address.hostname, port=address.port)
# CONSUL_HTTP_TOKEN, when set, goes with every request as X-Consul-Token, as Consul's own tools send it: python-consul
# 0.7.1's token argument reaches only some of its calls (not agent.services(), sessions or raw PUTs).
if os.environ.get("CONSUL_HTTP_TOKEN"):
    client.http.session.headers["X-Consul-Token"] = os.environ["CONSUL_HTTP_TOKEN"]


def expect(condition, message):
    if not condition:
        raise AssertionError(message)


def register():
    """Registration with TTL and HTTP checks, health, the catalog, and a blocking query woken by a pass."""
    client.agent.service.register(
        "python-api", service_id="python-api-1", address="127.0.0.1", port=4000, tags=["python"],
        check=consul.Check.ttl("60s"))
    client.agent.check.register(
        "python http", check_id="python-api-http", service_id="python-api-1",
        check=consul.Check.http("%s://%s/v1/status/leader" % (address.scheme, address.netloc), "1s"))
    index, passing = client.health.service("python-api", passing=True)
    expect(passing == [], "a fresh TTL check is critical, so no instance passes")

    # Blocking queries (?index=&wait=) until both checks pass: the TTL one by our pass, the HTTP one by its first probe.
    # python-consul 0.7.1's ttl_pass still sends GET, which Consul has answered with 405 since its TTL updates became
    # PUT-only, and so does the registry; the client's own HTTP layer sends the PUT.
    expect(client.agent.check.ttl_pass("service:python-api-1") is False, "GET /v1/agent/check/pass is refused, as by Consul")
    expect(client.http.put(consul.base.CB.bool(), "/v1/agent/check/pass/service:python-api-1") is True, "the PUT passes the check")
    deadline = time.monotonic() + 30
    nodes = []
    while not nodes and time.monotonic() < deadline:
        index, nodes = client.health.service("python-api", index=index, wait="10s", passing=True)
    expect([node["Service"]["ID"] for node in nodes] == ["python-api-1"], "the blocking query woke with the passing instance: %r" % nodes)

    _, services = client.catalog.services()
    expect(services.get("python-api") == ["python"], "the catalog lists the service with its tag: %r" % services)
    _, instances = client.catalog.service("python-api")
    expect(instances[0]["ServicePort"] == 4000, "the catalog has the instance's port")
    expect("node-web-1" in client.agent.services(), "the Node client's service is visible to the Python client")


def write_keys():
    expect(client.kv.put("shared/from-python/db/url", "postgres://python") is True, "put answers true")
    _, entry = client.kv.get("shared/from-node/app/config")
    expect(entry is not None and entry["Value"] == b"node-value", "the key the Node client wrote is visible: %r" % entry)
    _, empty = client.kv.get("shared/from-node/app/empty")
    expect(empty["Value"] is None, "a key stored with an empty body reads back as None (JSON null): %r" % empty)
    _, keys = client.kv.get("shared/from-node/", keys=True, separator="/")
    expect(keys == ["shared/from-node/app/"], "keys fold at the separator: %r" % keys)


def contend():
    """The Node client holds shared/lock; a second session must not get it."""
    session = client.session.create(name="python-lock", lock_delay=0, ttl=30)
    expect(client.kv.put("shared/lock", "python", acquire=session) is False, "a lock held by another session is refused")
    _, held = client.kv.get("shared/lock")
    expect(held["Session"] != session, "the holder is unchanged")
    client.session.destroy(session)


def acquire():
    session = client.session.create(name="python-lock", lock_delay=0, behavior="delete")
    expect(client.kv.put("shared/lock", "python", acquire=session) is True, "a released lock can be taken")
    _, held = client.kv.get("shared/lock")
    expect(held["Session"] == session and held["LockIndex"] == 2, "the new holder and the second LockIndex: %r" % held)
    _, info = client.session.info(session)
    expect(info["Behavior"] == "delete", "the session's behaviour is kept")
    client.session.destroy(session)
    _, gone = client.kv.get("shared/lock")
    expect(gone is None, "destroying a delete-behaviour session deletes the key it held")


STEPS = {"register": register, "write-keys": write_keys, "contend": contend, "acquire": acquire}

if __name__ == "__main__":
    step = STEPS.get(sys.argv[1] if len(sys.argv) > 1 else "")
    if step is None:
        print("unknown step; steps: %s" % ", ".join(STEPS), file=sys.stderr)
        sys.exit(2)
    try:
        step()
    except Exception as error:  # every failure must reach the test's output, whatever its type
        print("python step %s failed: %r" % (sys.argv[1], error), file=sys.stderr)
        sys.exit(1)
    print("python step %s: ok" % sys.argv[1])
