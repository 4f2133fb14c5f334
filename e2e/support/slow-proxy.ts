import http from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A loopback proxy that holds every request for `delayMs` before passing it to `target`: a slow
 * SCIM server, so a push lasts long enough to be watched (its speed no longer decides the test).
 */
export async function slowProxy(target: string, delayMs: number): Promise<{ origin: string; close(): Promise<void> }> {
  const to = new URL(target);
  const server = http.createServer((req, res) => {
    setTimeout(() => {
      const upstream = http.request(
        { host: to.hostname, port: to.port, method: req.method, path: req.url, headers: { ...req.headers, host: to.host } },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      upstream.on("error", () => res.destroy());
      req.pipe(upstream);
    }, delayMs);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
