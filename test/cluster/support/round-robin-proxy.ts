import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RoundRobinProxy {
  url: string;
  /** How many requests each target has been sent, in the order of the targets. */
  served(): number[];
  close(): Promise<void>;
}

/**
 * The load balancer in front of a service's replicas: each request goes to the next target in turn.
 * A target that refuses the connection (a replica being restarted) is skipped for that request.
 */
export async function startRoundRobinProxy(targets: string[]): Promise<RoundRobinProxy> {
  const counts = targets.map(() => 0);
  let next = 0;
  const server: Server = createServer((incoming, outgoing) => {
    const body: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => body.push(chunk));
    incoming.on('end', () => {
      const forward = (attempt: number) => {
        const index = next++ % targets.length;
        const target = new URL(targets[index]);
        const upstream = request(
          {
            host: target.hostname,
            port: target.port,
            method: incoming.method,
            path: incoming.url,
            headers: { ...incoming.headers, host: target.host },
          },
          (answer) => {
            counts[index] += 1;
            outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
            answer.pipe(outgoing);
          },
        );
        upstream.on('error', () => {
          if (attempt + 1 < targets.length) forward(attempt + 1);
          else if (!outgoing.headersSent) outgoing.writeHead(502).end();
        });
        upstream.end(Buffer.concat(body));
      };
      forward(0);
    });
  });
  // Idle client connections are kept for a minute, as load balancers do. At Node's default of 5 s
  // a loaded machine let a client reuse a connection at the moment the proxy closed it.
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    served: () => [...counts],
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
