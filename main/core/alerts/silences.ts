import { randomUUID } from 'node:crypto';
import { matchesAll, type Matcher, type SilenceView } from '../../../preload/contract';
import { fromAmMatcher } from '../alertmanager/client';
import type { AlertmanagerPoller } from '../alertmanager/poller';
import type { CoreContext } from '../context';
import { AppError } from '../shared/errors';
import type { AlertsService } from './service';
import type { AlertStateStore } from './state-store';

/**
 * Silences in one list: local ones (for alerts the console raises itself) and each Alertmanager's
 * (created there so the whole team sees them). `matching` counts the active alerts each one mutes,
 * so silences that match nothing stand out.
 */
export class Silences {
  constructor(
    private readonly ctx: CoreContext,
    private readonly store: AlertStateStore,
    private readonly service: AlertsService,
    private readonly poller: AlertmanagerPoller,
  ) {}

  async create(input: { matchers: Matcher[]; endsAt: number; comment: string; createdBy?: string | undefined; alertmanager?: string | undefined }): Promise<SilenceView> {
    const now = this.ctx.clock.now();
    if (input.endsAt <= now) throw new AppError('invalid_input', 'the silence must end in the future');
    const createdBy = input.createdBy ?? 'oncall-console';
    if (input.alertmanager) {
      const client = this.poller.client(input.alertmanager);
      if (!client) throw new AppError('not_found', `no Alertmanager named "${input.alertmanager}" in config.yml`);
      let id: string;
      try {
        id = await client.createSilence({ matchers: input.matchers, startsAt: now, endsAt: input.endsAt, createdBy, comment: input.comment });
      } catch (err) {
        throw new AppError('unavailable', (err as Error).message);
      }
      await this.poller.pollNow();
      return this.list().find((s) => s.id === id && s.origin === input.alertmanager) ?? this.view({ id, origin: input.alertmanager, matchers: input.matchers, startsAt: now, endsAt: input.endsAt, comment: input.comment, createdBy });
    }
    const id = randomUUID();
    this.store.addSilence({ id, matchers: input.matchers, startsAt: now, endsAt: input.endsAt, comment: input.comment, createdBy, createdAt: now });
    this.service.reloadSilences();
    return this.list().find((s) => s.id === id)!;
  }

  async expire(id: string, origin: string): Promise<void> {
    if (origin === 'local') {
      if (!this.store.expireSilence(id, this.ctx.clock.now())) throw new AppError('not_found', `no local silence ${id}`);
      this.service.reloadSilences();
      return;
    }
    const client = this.poller.client(origin);
    if (!client) throw new AppError('not_found', `no Alertmanager named "${origin}" in config.yml`);
    try {
      await client.expireSilence(id);
    } catch (err) {
      throw new AppError('unavailable', (err as Error).message);
    }
    await this.poller.pollNow();
  }

  list(): SilenceView[] {
    const out: SilenceView[] = [];
    for (const s of this.service.localSilences()) out.push(this.view({ ...s, origin: 'local' }));
    for (const [name, snap] of this.poller.snapshots) {
      for (const s of snap.silences) {
        out.push(
          this.view({ id: s.id, origin: name, matchers: s.matchers.map(fromAmMatcher), startsAt: Date.parse(s.startsAt), endsAt: Date.parse(s.endsAt), comment: s.comment, createdBy: s.createdBy }),
        );
      }
    }
    const order = { active: 0, pending: 1, expired: 2 } as const;
    return out.sort((a, b) => order[a.state] - order[b.state] || a.endsAt - b.endsAt);
  }

  private view(s: Omit<SilenceView, 'state' | 'matching' | 'expiresSoon'>): SilenceView {
    const now = this.ctx.clock.now();
    const state = s.endsAt <= now ? 'expired' : s.startsAt > now ? 'pending' : 'active';
    let matching = 0;
    if (state === 'active') {
      for (const a of this.service.list().alerts) if (a.state !== 'resolved' && matchesAll(s.matchers, a.labels)) matching++;
    }
    const warning = this.ctx.config.current().alerting.silenceWarning;
    return { ...s, state, matching, expiresSoon: state === 'active' && s.endsAt - now <= warning };
  }
}
