import type { NotificationData, OutgoingMessage } from '../message';
import { PermanentError } from './result';
import type { TemplateRenderer } from './types';

/** The data a text message's templated config fields (channel, headers, …) are rendered with. */
export function emptyData(receiver: string): NotificationData {
  return { receiver, status: 'firing', alerts: [], groupLabels: {}, commonLabels: {}, commonAnnotations: {}, externalURL: '', groupKey: '', truncatedAlerts: 0 };
}

export function dataOf(message: OutgoingMessage, receiver: string): NotificationData {
  return message.kind === 'alerts' ? message.data : emptyData(receiver);
}

/** Renders fields one by one; the first that fails stops the send (it would fail on every retry). */
export function renderer(templates: TemplateRenderer, data: NotificationData) {
  const wrap = async (field: string, run: () => Promise<string>) => {
    try {
      return await run();
    } catch (err) {
      throw new PermanentError(`${field}: ${(err as Error).message}`);
    }
  };
  return {
    text: (field: string, template: string | undefined) => wrap(field, () => templates.text(template ?? '', data)),
    html: (field: string, template: string | undefined) => wrap(field, () => templates.html(template ?? '', data)),
  };
}

/** Go's JSON encoder escapes <, >, & and the JS line separators; doing the same keeps payloads byte-identical. */
export function goJson(value: unknown): string {
  return `${JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)}\n`;
}

/** notify.TruncateInRunes: at most `n` characters, the last being "…" when cut. */
export function truncateRunes(s: string, n: number): string {
  const chars = [...s];
  return chars.length <= n ? s : `${chars.slice(0, n - 1).join('')}…`;
}
