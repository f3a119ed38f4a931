import { hostname } from 'node:os';
import type { Db } from '../journal';
import { osAuthor } from '../journal/model';
import type { TeamConfig } from './config';
import { teamPassword } from './connect';
import { LocalTeamJournal } from './local';
import { lost, TeamDatabase } from './remote';

export interface SyncResult {
  pushed: number;
  pulled: number;
  pending: number;
}

export interface TeamSyncDeps {
  db: Db;
  team: TeamConfig;
  now: () => number;
  password?: string | undefined;
  host?: string;
}

const batch = 500;

/** Pushes this journal's queued writes and pulls the team's, until both sides are caught up. */
export class TeamSync {
  readonly local: LocalTeamJournal;
  readonly member: string;
  readonly host: string;

  constructor(private readonly deps: TeamSyncDeps) {
    this.local = new LocalTeamJournal(deps.db);
    this.member = deps.team.member ?? osAuthor();
    this.host = deps.host ?? hostname();
    this.local.enable(this.member);
  }

  connect(): Promise<TeamDatabase> {
    return TeamDatabase.connect(this.deps.team.database, { password: this.deps.password ?? teamPassword() });
  }

  /** One full round on an open connection: push everything queued, then pull everything new. */
  async round(remote: TeamDatabase): Promise<SyncResult> {
    try {
      return await this.roundOrThrow(remote);
    } catch (err) {
      throw lost(err);
    }
  }

  private async roundOrThrow(remote: TeamDatabase): Promise<SyncResult> {
    const { team } = this.deps;
    let pushed = 0;
    for (;;) {
      const events = this.local.pending(batch);
      if (!events.length) break;
      await remote.push(team.name, this.member, this.host, events);
      this.local.markPushed(
        events.map((e) => e.n),
        this.deps.now(),
      );
      pushed += events.length;
    }
    if (pushed) this.local.notePushed(this.deps.now());
    let pulled = 0;
    for (;;) {
      const events = await remote.pull(team.name, this.local.pulledSeq(), batch * 2);
      if (!events.length) break;
      pulled += this.local.apply(events, this.deps.now());
    }
    await remote.seen(team.name, this.member, this.host);
    return { pushed, pulled, pending: this.local.pendingCount() };
  }

  /** Connects, syncs until caught up, disconnects (`oncall team sync`). */
  async syncOnce(): Promise<SyncResult> {
    const remote = await this.connect();
    try {
      return await this.round(remote);
    } finally {
      await remote.close();
    }
  }
}
