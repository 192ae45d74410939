// Answers for job boards and applicant-tracking systems (through Chromium's host resolver rules)
// with the hand-made job-site fixtures, chosen by host and path, badge links filled at serve time.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { JOB_FIXTURES, loadJobFixture, type JobFixtureName } from '../../extension/test/jobsite-fixtures';

export interface JobSiteServer {
  port: number;
  /** Every host this server answers for (to map in Chromium). */
  hosts: string[];
  /** The http:// URL of a fixture on its own host. */
  urlOf(name: JobFixtureName): string;
  close(): Promise<void>;
}

// Frames only from the mapped hosts (a careers page embedding Greenhouse's board).
const CSP = ["default-src 'self'", "img-src 'self' data:", "style-src 'self' 'unsafe-inline'", "script-src 'self'", 'frame-src http:'].join('; ');

export async function startJobSiteServer(names: JobFixtureName[], badgeUrls: Record<string, string>, badgeOrigin: string): Promise<JobSiteServer> {
  const byHostAndPath = new Map(names.map((name) => {
    const url = new URL(JOB_FIXTURES[name]);
    return [`${url.host}${url.pathname}`, name] as const;
  }));
  const hosts = [...new Set(names.map((name) => new URL(JOB_FIXTURES[name]).host))];
  // The fixtures link to each other over https; this server answers plain http.
  const overHttp = (html: string) => hosts.reduce((page, host) => page.replaceAll(`https://${host}`, `http://${host}`), html);
  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', `http://${request.headers.host ?? 'unknown'}`);
    const name = byHostAndPath.get(`${url.host}${url.pathname}`);
    if (!name) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('Not a fixture');
      return;
    }
    response
      .writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': CSP, 'cache-control': 'no-store' })
      .end(overHttp(loadJobFixture(name, badgeUrls, badgeOrigin)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    hosts,
    urlOf(name) {
      const url = new URL(JOB_FIXTURES[name]);
      url.protocol = 'http:';
      return url.href;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
