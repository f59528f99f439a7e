// A tiny HTTP server on 127.0.0.1 that serves certificates by path and counts the requests,
// standing in for the host behind X-MS-Certificate-Url.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export type CertificateServer = {
  readonly host: string;
  urlFor(path: string): string;
  serve(path: string, body: Buffer | string): void;
  redirect(path: string, location: string): void;
  requestsFor(path: string): number;
  close(): Promise<void>;
};

export async function startCertificateServer(): Promise<CertificateServer> {
  const files = new Map<string, Buffer>();
  const requests = new Map<string, number>();
  const redirects = new Map<string, string>();
  const server: Server = createServer((request, response) => {
    const path = request.url ?? '/';
    requests.set(path, (requests.get(path) ?? 0) + 1);
    const location = redirects.get(path);
    if (location !== undefined) {
      // Separate calls: restify (loaded in the same process by server tests) patches writeHead to return nothing.
      response.writeHead(302, { Location: location });
      response.end();
      return;
    }
    const body = files.get(path);
    if (body === undefined) {
      response.writeHead(404);
      response.end();
      return;
    }
    response.writeHead(200, { 'Content-Type': 'application/pkix-cert', 'Content-Length': body.length });
    response.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    host,
    urlFor: (path) => `http://${host}${path}`,
    serve: (path, body) => files.set(path, typeof body === 'string' ? Buffer.from(body, 'utf8') : body),
    redirect: (path, location) => redirects.set(path, location),
    requestsFor: (path) => requests.get(path) ?? 0,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
