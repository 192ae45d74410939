/**
 * Benchmark of Open Badges 3.0 signing and verification (eddsa-rdfc-2022, JSON-LD canonicalisation).
 *
 *   npm run bench:sign              500 credentials warm
 *   npm run bench:sign -- --quick   100 credentials warm
 *
 * Cold: the first credential of the process (contexts processed for the first time). Warm: the
 * same work once the JSON-LD context caches are filled, one credential after another on one core.
 * Verification resolves the issuer's did:web from memory (no network), with and without the status
 * list check.
 */
import { loadavg } from 'node:os';
import { buildCredential, type CredentialInput } from '../api/src/credentials/credential';
import { buildDidDocument, didWebDocumentUrl, issuerDid } from '../api/src/credentials/didWeb';
import { createDocumentLoader } from '../api/src/credentials/documentLoader';
import { IssuerSigningKey } from '../api/src/credentials/keys';
import { signCredential, verifyCredential } from '../api/src/credentials/proofs';
import { buildStatusListCredential, createStatusList, pickStatusListIndex, statusListEntry } from '../api/src/credentials/statusList';
import { credentialUrls } from '../api/src/credentials/urls';
import { hashRecipient, randomId } from '../api/src/lib/crypto';

const PUBLIC_URL = 'https://badges.bench.test';
const ISSUER_ID = 'bench-issuer';
const WARM_COUNT = process.argv.includes('--quick') ? 100 : 500;
const VERIFY_COUNT = Math.max(50, WARM_COUNT / 5);

const urls = credentialUrls(PUBLIC_URL);
const did = issuerDid(PUBLIC_URL, ISSUER_ID);
const listUrl = urls.statusList(ISSUER_ID, '1');
const taken = new Set<number>();

function input(n: number): CredentialInput {
  const salt = randomId(12);
  const index = pickStatusListIndex((candidate) => taken.has(candidate));
  taken.add(index);
  return {
    assertion: {
      id: randomId(),
      recipientName: `Earner ${n}`,
      recipientSalt: salt,
      recipientHash: hashRecipient(`earner-${n}@bench.test`, salt),
      issuedOn: new Date(Date.UTC(2025, 0, 1) + n * 60_000).toISOString(),
      expires: n % 3 === 0 ? '2030-01-01T00:00:00.000Z' : null,
      evidenceUrl: n % 2 === 0 ? `https://evidence.bench.test/${n}` : null,
      narrative: n % 2 === 0 ? 'Completed the practical assessment.' : null,
    },
    badgeClass: {
      id: 'bench-badge',
      name: 'MIG Welding Level 1',
      description: 'Lays sound fillet welds with the MIG process.',
      category: 'skill',
      criteriaNarrative: 'Pass a supervised plate bend test.',
      skills: ['MIG welding', 'Weld inspection', 'Shop safety'],
      alignment: [],
    },
    issuer: { id: ISSUER_ID, name: 'Bench Guild', url: 'https://guild.bench.test' },
    issuerDid: did,
    urls,
    status: statusListEntry({ statusListCredential: listUrl, index }),
  };
}

const milliseconds = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;

async function main() {
  console.log(`BadgeLens signing benchmark: ${WARM_COUNT} credentials warm, ${VERIFY_COUNT} verifications; Node ${process.version}`);
  console.log(`Load average before: ${loadavg().map((n) => n.toFixed(2)).join(' ')} (other work on the machine skews every figure)`);
  const key = await IssuerSigningKey.generate('key-1');
  const signer = await key.signer(did);

  let start = process.hrtime.bigint();
  const first = await signCredential(buildCredential(input(0)), { signer });
  const coldMs = milliseconds(start);

  const credentials = [first];
  start = process.hrtime.bigint();
  for (let n = 1; n <= WARM_COUNT; n++) credentials.push(await signCredential(buildCredential(input(n)), { signer }));
  const warmMs = milliseconds(start) / WARM_COUNT;

  const list = createStatusList();
  const statusList = await signCredential(
    buildStatusListCredential({ id: listUrl, issuerDid: did, encodedList: await list.encode(), validFrom: new Date() }),
    { signer },
  );
  const documents = new Map<string, unknown>([
    [didWebDocumentUrl(did), buildDidDocument(did, [key])],
    [listUrl, statusList],
  ]);
  const documentLoader = createDocumentLoader({
    fetchJson: async (url) => {
      if (!documents.has(url)) throw new Error(`404 ${url}`);
      return documents.get(url);
    },
  });

  const timeVerify = async (checkStatus: boolean) => {
    const begin = process.hrtime.bigint();
    for (let i = 0; i < VERIFY_COUNT; i++) {
      const result = await verifyCredential(credentials[i % credentials.length], { documentLoader, checkStatus });
      if (!result.verified) throw new Error(`credential ${i} did not verify: ${result.errors.join('; ')}`);
      if (checkStatus && result.status?.checked !== true) throw new Error(`status of credential ${i} not read: ${JSON.stringify(result.status)}`);
    }
    return milliseconds(begin) / VERIFY_COUNT;
  };
  await verifyCredential(credentials[0], { documentLoader }); // fills the DID and status list caches
  const verifyMs = await timeVerify(false);
  const verifyWithStatusMs = await timeVerify(true);

  const rows: Array<[string, string, string]> = [
    ['sign, cold (first of the process)', `${coldMs.toFixed(1)} ms`, `${(1000 / coldMs).toFixed(1)} /s`],
    ['sign, warm', `${warmMs.toFixed(2)} ms`, `${(1000 / warmMs).toFixed(1)} /s`],
    ['verify (proof + did:web, cached)', `${verifyMs.toFixed(2)} ms`, `${(1000 / verifyMs).toFixed(1)} /s`],
    ['verify + status list check', `${verifyWithStatusMs.toFixed(2)} ms`, `${(1000 / verifyWithStatusMs).toFixed(1)} /s`],
  ];
  console.log('');
  const widths = [0, 1, 2].map((column) => Math.max(...rows.map((row) => row[column].length), ['operation', 'per credential', 'rate'][column].length));
  const format = (row: string[]) => row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join('  ');
  console.log(format(['operation', 'per credential', 'rate']));
  console.log(widths.map((width) => '-'.repeat(width)).join('  '));
  for (const row of rows) console.log(format(row));
  console.log('');
  console.log(`Cold / warm signing: ${(coldMs / warmMs).toFixed(1)}x; verify / sign (warm): ${(verifyMs / warmMs).toFixed(2)}x`);
  console.log(`Load average after: ${loadavg().map((n) => n.toFixed(2)).join(' ')}`);
}

await main();
