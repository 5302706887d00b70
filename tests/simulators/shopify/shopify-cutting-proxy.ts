import { createServer, request as sendRequest, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";

/** A proxy in front of a simulator that can break a response after its headers and part of its body. */
export type CuttingProxy = {
  /** Base address to give the connector instead of the simulator's. */
  readonly url: string;
  /**
   * Cuts the next `times` responses to requests whose body contains
   * `bodyContains`: the status, the headers and a Content-Length for the
   * whole body go out, then `afterBytes` bytes, then the socket is destroyed.
   */
  cutResponses(times: number, options: { afterBytes: number; bodyContains?: string }): void;
  close(): Promise<void>;
};

function readBody(incoming: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    incoming.on("data", (chunk: Buffer) => chunks.push(chunk));
    incoming.on("end", () => resolve(Buffer.concat(chunks)));
    incoming.on("error", reject);
  });
}

/** Starts the proxy on 127.0.0.1 at a port the OS picks, forwarding to `targetUrl` on loopback. */
export async function startCuttingProxy(targetUrl: string): Promise<CuttingProxy> {
  const target = new URL(targetUrl);
  const cuts: { times: number; afterBytes: number; bodyContains: string }[] = [];

  const server = createServer((incoming, outgoing) => {
    void (async () => {
      const body = await readBody(incoming);
      const cutIndex = cuts.findIndex((cut) => body.includes(cut.bodyContains));
      const cut = cutIndex >= 0 ? cuts[cutIndex]! : null;
      if (cut && --cut.times <= 0) cuts.splice(cutIndex, 1);

      const forwarded = sendRequest(
        {
          host: target.hostname,
          port: target.port,
          method: incoming.method,
          path: incoming.url,
          headers: { ...incoming.headers, host: target.host },
        },
        async (response) => {
          const answer = await readBody(response);
          const headers = { ...response.headers, "content-length": String(answer.length) };
          delete headers["transfer-encoding"];
          outgoing.writeHead(response.statusCode ?? 502, headers);
          if (!cut) {
            outgoing.end(answer);
            return;
          }
          outgoing.write(answer.subarray(0, Math.min(cut.afterBytes, answer.length - 1)));
          // Lets the partial body leave before the connection drops.
          setTimeout(() => outgoing.socket?.destroy(), 10);
        },
      );
      forwarded.on("error", () => outgoing.destroy());
      forwarded.end(body);
    })();
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    cutResponses: (times, options) => {
      cuts.push({ times, afterBytes: options.afterBytes, bodyContains: options.bodyContains ?? "" });
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
