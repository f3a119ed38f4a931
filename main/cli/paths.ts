import { fileURLToPath } from 'node:url';

// Both the source (main/cli/*.ts) and the bundle (out/cli/*.mjs) sit two folders below the project root.
const root = fileURLToPath(new URL('../../', import.meta.url));

export const projectRoot = root;
export const resourcesDir = `${root}resources`;
export const rendererDir = `${root}out/renderer`;
