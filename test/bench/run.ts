// `npm run bench [name...]`: runs test/bench/<name>.bench.ts (all of them by default). Each prints its figures.
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const dir = fileURLToPath(new URL('.', import.meta.url));
const wanted = process.argv.slice(2);
const benches = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .map((f) => f.slice(0, -'.bench.ts'.length))
  .filter((name) => wanted.length === 0 || wanted.includes(name))
  .sort();

console.log(`# npm run bench — ${new Date().toISOString()} — node ${process.version}, ${process.platform}/${process.arch}`);
for (const name of benches) {
  console.log(`\n## ${name}`);
  const mod = (await import(`./${name}.bench.ts`)) as { run: () => Promise<void> };
  await mod.run();
}
