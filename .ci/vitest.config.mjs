import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';
import { cliDefines } from './defines.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));

export default defineConfig({
  root,
  define: cliDefines(root),
  test: {
    // vitest's default on two cores is one worker, which runs the files one after another while most
    // of them wait on a peer (promtool, amtool, sshd, prometheus, chromium). Two workers keep both
    // cores busy; e2e files still run one at a time (below).
    maxWorkers: 2,
    // Integration and e2e tests start real peers (prometheus, sshd, chromium); keep them from
    // fighting over the two cores of a CI machine.
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/unit/**/*.test.ts'] } },
      { extends: true, test: { name: 'electron', include: ['test/electron/**/*.test.ts'] } },
      { extends: true, test: { name: 'integration', include: ['test/integration/**/*.test.ts'], testTimeout: 60_000, hookTimeout: 60_000 } },
      { extends: true, test: { name: 'e2e', include: ['test/e2e/**/*.test.ts'], testTimeout: 90_000, hookTimeout: 90_000, fileParallelism: false } },
    ],
  },
});
