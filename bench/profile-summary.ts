// `tsx bench/profile-summary.ts <file.cpuprofile> [count]`: the functions a V8 CPU profile (node
// --cpu-prof, as written by `npm run bench:verify -- --cpu-prof=DIR`) spent the most time in, by self
// time, as a share of the busy (non-idle) time; with --total, by time including what they call.
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  children?: number[];
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
}

const total = process.argv.includes('--total');
const [file, count = '25'] = process.argv.slice(2).filter((arg) => arg !== '--total');
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const parentOf = new Map<number, number>();
for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);
const nameOf = ({ callFrame: { functionName, url, lineNumber } }: ProfileNode) => {
  const where = url ? `${url.replace(/^.*\/node_modules\//, '').replace(/^file:\/\/.*\/(api|bench|shared)\//, '$1/')}:${lineNumber + 1}` : '';
  return `${functionName || '(anonymous)'} ${where}`;
};
const selfSamples = new Map<string, number>();
let busy = 0;
for (const id of profile.samples) {
  const { functionName } = byId.get(id)!.callFrame;
  if (functionName === '(idle)' || functionName === '(program)') continue;
  busy++;
  // Self time: the sampled function; total: every function on the stack, each once.
  const names = new Set<string>();
  for (let at: number | undefined = id; at !== undefined && (total || names.size === 0); at = parentOf.get(at)) names.add(nameOf(byId.get(at)!));
  for (const key of names) selfSamples.set(key, (selfSamples.get(key) ?? 0) + 1);
}
console.log(`${busy} busy samples of ${profile.samples.length}`);
for (const [name, samples] of [...selfSamples].sort((a, b) => b[1] - a[1]).slice(0, Number(count))) {
  console.log(`${((100 * samples) / busy).toFixed(1).padStart(5)} %  ${name}`);
}
