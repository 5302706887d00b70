import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  createFakeHandlers,
  type HandlerCall,
} from "../../tests/shell/fake-handlers.js";
import { rawRequest, type RawResponse } from "../../tests/shell/raw-http.js";
import { UserError } from "../app/user-error.js";
import { CONTENT_SECURITY_POLICY } from "../ipc/content-security-policy.js";
import { MAX_REQUEST_BODY_BYTES } from "./api-route.js";
import { createBrowserModeServer, type BrowserModeServer } from "./server.js";

const INDEX_HTML = "<!doctype html><title>Cart Cutover</title>";
const APP_SCRIPT = "console.log('renderer');";
const LOG_FILE = "/tmp/cart-cutover-browser-test/logs/cart-cutover-2025-01-01.log";

let workDir: string;
let rendererDir: string;
let server: BrowserModeServer;
let token: string;
let calls: HandlerCall[];

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), "cart-cutover-browser-mode-"));
  rendererDir = join(workDir, "renderer");
  await mkdir(join(rendererDir, "assets"), { recursive: true });
  await writeFile(join(rendererDir, "index.html"), INDEX_HTML);
  await writeFile(join(rendererDir, "assets", "app.js"), APP_SCRIPT);
  // A file beside the renderer folder, which no URL may reach.
  await writeFile(join(workDir, "secret.txt"), "outside the renderer");
});

afterAll(async () => {
  await rm(workDir, { recursive: true, force: true });
});

beforeEach(async () => {
  const fake = createFakeHandlers({
    "export:start": async () => {
      throw new UserError("cutoff-missing", "Set the cut-off before exporting.");
    },
  });
  calls = fake.calls;
  server = await createBrowserModeServer({
    handlers: fake.handlers,
    rendererDir,
    currentLogFile: () => LOG_FILE,
  });
  token = new URL(server.url).pathname.split("/")[1] ?? "";
});

afterEach(async () => {
  await server.close();
});

function get(path: string, headers: Record<string, string> = {}) {
  return rawRequest({ port: server.port, path, headers });
}

function post(
  channel: string,
  body: string | Buffer,
  headers: Record<string, string> = {},
): Promise<RawResponse> {
  return rawRequest({
    port: server.port,
    path: `/${token}/api/${channel}`,
    method: "POST",
    headers: { "Content-Type": "application/json", ...headers },
    body,
  });
}

describe("listening", () => {
  it("binds 127.0.0.1 only", async () => {
    expect(server.host).toBe("127.0.0.1");
    expect(new URL(server.url).hostname).toBe("127.0.0.1");

    const ipv6Loopback = await new Promise<string>((resolve) => {
      const socket = connect({ host: "::1", port: server.port });
      socket.once("connect", () => {
        socket.destroy();
        resolve("connected");
      });
      socket.once("error", () => resolve("refused"));
    });
    expect(ipv6Loopback).toBe("refused");
  });

  it("token is 32 base64url characters", () => {
    expect(token).toMatch(/^[A-Za-z0-9_-]{32}$/);
  });

  it("token differs per start", async () => {
    const second = await createBrowserModeServer({
      handlers: createFakeHandlers().handlers,
      rendererDir,
      currentLogFile: () => LOG_FILE,
    });
    try {
      expect(new URL(second.url).pathname).not.toBe(new URL(server.url).pathname);
    } finally {
      await second.close();
    }
  });
});

describe("static files", () => {
  it("page is served under the token", async () => {
    const response = await get(`/${token}/`);

    expect(response.status).toBe(200);
    expect(response.headers["content-type"]).toBe("text/html; charset=utf-8");
    expect(response.headers["content-security-policy"]).toBe(
      CONTENT_SECURITY_POLICY,
    );
    expect(response.body).toBe(INDEX_HTML);
  });

  it("page response carries no referrer and no framing", async () => {
    const response = await get(`/${token}/`);
    expect(response.headers["referrer-policy"]).toBe("no-referrer");
    expect(response.headers["x-frame-options"]).toBe("DENY");
    expect(response.headers["cache-control"]).toBe("no-store");
  });

  it("asset is served with its type", async () => {
    const response = await get(`/${token}/assets/app.js`);
    expect(response.status).toBe(200);
    expect(response.headers["content-type"]).toBe(
      "text/javascript; charset=utf-8",
    );
    expect(response.body).toBe(APP_SCRIPT);
  });

  it("token without slash redirects", async () => {
    const response = await get(`/${token}`);
    expect(response.status).toBe(308);
    expect(response.headers.location).toBe(`/${token}/`);
  });

  it("missing file gets 404", async () => {
    const response = await get(`/${token}/assets/missing.js`);
    expect(response.status).toBe(404);
    expect(response.body).toBe("");
  });

  it("paths out of the renderer get 404", async () => {
    for (const path of [
      `/${token}/../secret.txt`,
      `/${token}/%2e%2e/secret.txt`,
      `/${token}/..%2Fsecret.txt`,
      `/${token}/assets/..%5C..%5Csecret.txt`,
      `/${token}/assets/`,
      `/${token}/assets`,
    ]) {
      const response = await get(path);
      expect(response.status, path).toBe(404);
      expect(response.body, path).toBe("");
    }
  });

  it("POST to a page path gets 405", async () => {
    const response = await rawRequest({
      port: server.port,
      path: `/${token}/`,
      method: "POST",
      body: "{}",
    });
    expect(response.status).toBe(405);
  });
});

describe("request checks", () => {
  it("wrong token gets 404", async () => {
    const wrongToken = token.replace(/^./, token.startsWith("A") ? "B" : "A");
    const page = await get(`/${wrongToken}/`);
    const call = await rawRequest({
      port: server.port,
      path: `/${wrongToken}/api/sync:status`,
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: "{}",
    });

    expect(page.status).toBe(404);
    expect(page.body).toBe("");
    expect(call.status).toBe(404);
    expect(calls).toHaveLength(0);
  });

  it("no token gets 404", async () => {
    for (const path of ["/", "/index.html", "/assets/app.js", "/api/sync:status"]) {
      const response = await get(path);
      expect(response.status, path).toBe(404);
      expect(response.body, path).toBe("");
    }
  });

  it("bad Host gets 403", async () => {
    for (const host of [
      "rebinding.example:80",
      `rebinding.example:${server.port}`,
      `127.0.0.1:${server.port + 1}`,
      "127.0.0.1",
    ]) {
      const response = await get(`/${token}/`, { Host: host });
      expect(response.status, host).toBe(403);
      expect(response.body, host).toBe("");
    }
  });

  it("localhost Host is accepted", async () => {
    const response = await get(`/${token}/`, { Host: `localhost:${server.port}` });
    expect(response.status).toBe(200);
  });

  it("foreign Origin gets 403", async () => {
    for (const origin of [
      "https://shop.example",
      `http://rebinding.example:${server.port}`,
      `https://127.0.0.1:${server.port}`,
      "null",
    ]) {
      const response = await post("sync:status", "{}", { Origin: origin });
      expect(response.status, origin).toBe(403);
      expect(response.body, origin).toBe("");
    }
    expect(calls).toHaveLength(0);
  });

  it("same Origin is accepted", async () => {
    const response = await post("sync:status", "{}", {
      Origin: `http://127.0.0.1:${server.port}`,
    });
    expect(response.status).toBe(200);
  });
});

describe("API calls", () => {
  it("valid call works", async () => {
    const response = await post(
      "cutoff:set",
      JSON.stringify({ wallClock: "2025-03-30T02:30" }),
    );

    expect(response.status).toBe(200);
    expect(response.headers["content-type"]).toBe(
      "application/json; charset=utf-8",
    );
    expect(JSON.parse(response.body)).toEqual({
      ok: true,
      value: {
        answeredBy: "cutoff:set",
        request: { wallClock: "2025-03-30T02:30" },
      },
    });
  });

  it("percent-encoded channel works", async () => {
    const response = await rawRequest({
      port: server.port,
      path: `/${token}/api/sync%3Astatus`,
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: "{}",
    });
    expect(response.status).toBe(200);
    expect(calls.map((call) => call.channel)).toEqual(["sync:status"]);
  });

  it("invalid request gets an error envelope", async () => {
    const response = await post("cutoff:set", JSON.stringify({ wallClock: 5 }));

    expect(response.status).toBe(200);
    const reply = JSON.parse(response.body) as {
      ok: boolean;
      error: { kind: string; message: string };
    };
    expect(reply.ok).toBe(false);
    expect(reply.error.kind).toBe("invalid-request");
    expect(reply.error.message).toMatch(
      /^The request cutoff:set was invalid: wallClock: /,
    );
    expect(calls).toHaveLength(0);
  });

  it("handler error reaches the envelope", async () => {
    const response = await post("export:start", "{}");
    expect(JSON.parse(response.body)).toEqual({
      ok: false,
      error: { kind: "cutoff-missing", message: "Set the cut-off before exporting." },
    });
  });

  it("body that is not JSON gets 400", async () => {
    const response = await post("sync:status", "{not json");

    expect(response.status).toBe(400);
    expect(JSON.parse(response.body)).toEqual({
      ok: false,
      error: {
        kind: "invalid-request",
        message: "The request sync:status was invalid: its body is not JSON.",
      },
    });
  });

  it("unknown channel gets 404", async () => {
    const response = await post("sync:delete-everything", "{}");
    expect(response.status).toBe(404);
    expect(response.body).toBe("");
  });

  it("GET on a channel gets 405", async () => {
    const response = await get(`/${token}/api/sync:status`);
    expect(response.status).toBe(405);
    expect(response.headers.allow).toBe("POST");
  });

  it("form content type gets 415", async () => {
    const response = await post("sync:status", "{}", {
      "Content-Type": "text/plain",
    });
    expect(response.status).toBe(415);
    expect(calls).toHaveLength(0);
  });

  it("body too large gets 413", async () => {
    const tooLarge = Buffer.alloc(MAX_REQUEST_BODY_BYTES + 1, " ");
    const response = await post("sync:status", tooLarge);

    expect(response.status).toBe(413);
    expect(response.body).toBe("");
    expect(calls).toHaveLength(0);
  });

  it("chunked body too large gets 413", async () => {
    const tooLarge = Buffer.alloc(MAX_REQUEST_BODY_BYTES + 1, " ");
    const response = await rawRequest({
      port: server.port,
      path: `/${token}/api/sync:status`,
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: tooLarge,
      chunked: true,
    });

    expect(response.status).toBe(413);
    expect(calls).toHaveLength(0);
  });

  it("body at the limit is read", async () => {
    const request = JSON.stringify({ path: "x" });
    const padded = request.padEnd(MAX_REQUEST_BODY_BYTES, " ");
    const response = await post("dry-run:open", padded);

    expect(response.status).toBe(200);
    expect(calls).toEqual([{ channel: "dry-run:open", request: { path: "x" } }]);
  });
});
