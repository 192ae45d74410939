/**
 * Benchmark of trustless mode: the service worker's own verification of Open Badges 3.0 credentials.
 *
 *   npm run bench:trustless              (builds nothing: run `npx wxt build` first for the bundle figures)
 *   npm run bench:trustless -- --quick
 *
 * Bundle: the background script (.output/chrome-mv3/background.js) as built, raw and gzipped, and the
 * content scripts next to it. Time: the extension's trustless verifier (background/trustless.ts and
 * documents.ts, the code the service worker runs) on V8 under Node, the documents served from memory
 * (no network: what is measured is the verification). Cold: the first credential of the process
 * (JSON-LD contexts processed and keys imported for the first time). New issuer: a credential whose
 * issuer's DID document and status list are not kept yet. Warm: further credentials of an issuer
 * whose documents are kept.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { didWebIssuer, publishStatusList, signedCredential } from '../api/test/verify-fixture-badges';
import { createDocumentFetcher } from '../extension/background/documents';
import { createTrustlessVerifier } from '../extension/background/trustless';
import { createFakeWeb } from '../extension/test/fake-web';

const API = 'https://badgelens.bench.test';
const WARM_COUNT = process.argv.includes('--quick') ? 20 : 100;
const ISSUERS = process.argv.includes('--quick') ? 3 : 10;
const OUTPUT = '.output/chrome-mv3';

function kb(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KB`;
}

function bundleFigures(): void {
  const background = join(OUTPUT, 'background.js');
  if (!existsSync(background)) {
    console.log(`bundle: no ${background} (run \`npx wxt build\` first)`);
    return;
  }
  const size = (path: string) => {
    const bytes = readFileSync(path);
    return `${kb(bytes.length)} raw, ${kb(gzipSync(bytes, { level: 9 }).length)} gzip`;
  };
  console.log(`background.js (service worker, with trustless mode): ${size(background)}`);
  for (const file of readdirSync(join(OUTPUT, 'content-scripts')).filter((name) => name.endsWith('.js'))) {
    console.log(`content-scripts/${file}: ${size(join(OUTPUT, 'content-scripts', file))}`);
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function main(): Promise<void> {
  console.log(`trustless bench: ${ISSUERS} issuers, ${WARM_COUNT} warm credentials; load average ${loadavg()[0].toFixed(2)}`);
  bundleFigures();

  const hosts = Array.from({ length: ISSUERS }, (_, index) => `issuer-${index}.bench.test`);
  const fake = createFakeWeb({ apiBase: API, corsHosts: hosts });
  const credentialsByIssuer: string[][] = [];
  for (const host of hosts) {
    const issuer = await didWebIssuer(fake.web, host);
    await publishStatusList(fake.web, issuer, [5]);
    const urls: string[] = [];
    for (let index = 0; index < Math.ceil(WARM_COUNT / ISSUERS) + 1; index += 1) {
      const credential = await signedCredential(issuer, { assertionId: `Bench${host.split('.')[0]}x${index}`, statusIndex: 10 + index });
      fake.web.json(credential.id, credential, { contentType: 'application/vc' });
      urls.push(credential.id);
    }
    credentialsByIssuer.push(urls);
  }

  const documents = createDocumentFetcher({ fetch: fake.fetch, apiBaseUrl: async () => API });
  const verifier = createTrustlessVerifier({ documents });
  const timed = async (url: string): Promise<number> => {
    const start = performance.now();
    const result = await verifier.verify(url, API);
    const elapsed = performance.now() - start;
    if (result?.status !== 'valid') throw new Error(`${url}: ${result?.status} ${result?.reason ?? ''}`);
    return elapsed;
  };

  const cold = await timed(credentialsByIssuer[0][0]);
  const newIssuer: number[] = [];
  for (const urls of credentialsByIssuer.slice(1)) newIssuer.push(await timed(urls[0]));
  const warm: number[] = [];
  for (const urls of credentialsByIssuer) for (const url of urls.slice(1)) if (warm.length < WARM_COUNT) warm.push(await timed(url));

  console.log(`cold (first credential of the worker): ${cold.toFixed(1)} ms`);
  if (newIssuer.length) console.log(`new issuer (its DID document and status list read and checked): median ${median(newIssuer).toFixed(1)} ms over ${newIssuer.length}`);
  console.log(`warm (issuer's documents kept): median ${median(warm).toFixed(1)} ms, mean ${(warm.reduce((a, b) => a + b, 0) / warm.length).toFixed(1)} ms over ${warm.length}`);
  console.log(`ratios: cold / warm ${(cold / median(warm)).toFixed(1)}×${newIssuer.length ? `, new issuer / warm ${(median(newIssuer) / median(warm)).toFixed(1)}×` : ''}`);
  console.log(`documents read: ${fake.requests.length} (relayed ${fake.relayed.length})`);
}

await main();
