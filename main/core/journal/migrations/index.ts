import type Database from 'better-sqlite3';
import { up as up0001 } from './0001-meta';
import { up as up0010 } from './0010-incidents';
import { up as up0011 } from './0011-search-index';
import { up as up0020 } from './0020-probe-history';
import { up as up0021 } from './0021-probe-evidence';
import { up as up0030 } from './0030-runbook-runs';
import { up as up0040 } from './0040-alert-state';
import { up as up0050 } from './0050-outbox';
import { up as up0060 } from './0060-handoffs';
import { up as up0070 } from './0070-team';
import { up as up0072 } from './0072-team-items';

export interface Migration {
  version: number;
  name: string;
  up(db: Database.Database): void;
}

/** Append only. Never edit a migration that has shipped: add a new one. */
export const migrations: readonly Migration[] = [
  { version: 1, name: 'meta', up: up0001 },
  { version: 10, name: 'incidents', up: up0010 },
  { version: 11, name: 'search-index', up: up0011 },
  { version: 20, name: 'probe-history', up: up0020 },
  { version: 21, name: 'probe-evidence', up: up0021 },
  { version: 30, name: 'runbook-runs', up: up0030 },
  { version: 40, name: 'alert-state', up: up0040 },
  { version: 50, name: 'outbox', up: up0050 },
  { version: 60, name: 'handoffs', up: up0060 },
  { version: 70, name: 'team', up: up0070 },
  { version: 72, name: 'team-items', up: up0072 },
];
