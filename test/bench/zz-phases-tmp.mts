const { run } = await import('/work/main/test/bench/alerts.bench.ts');
await run();
const T = (globalThis as any).__T;
for (const k in T) console.log(k, (T[k] / 1050).toFixed(2), 'ms avg');
