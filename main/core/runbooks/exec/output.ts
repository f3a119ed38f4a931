import { StringDecoder } from 'node:string_decoder';
import type { Clock } from '../../shared/clock';
import { ByteStreamMasker, StreamMasker } from './stream-mask';

export const tailBytes = 64 * 1024;
/** Output kept in memory for expect_output and the journal; beyond it only the head and tail stay. */
const memoryCap = 64 * 1024 * 1024;

export interface OutputSinkOptions {
  clock: Clock;
  /** Persists one chunk (its own short transaction). */
  persist(seq: number, chunk: Buffer): void;
  /** Live output for the faces, coalesced. */
  emit(text: string, totalBytes: number): void;
  flushBytes?: number;
  eventEveryMs?: number;
  /** Secret values replaced by `***` before anything is stored or emitted (kept output stays raw for expect_output). */
  secrets?: readonly string[];
}

/**
 * Where a step's stdout and stderr go: chunked to SQLite as they stream (so a 50 MB step never makes
 * one big write that blocks other writers), and to the UI at most every `eventEveryMs`, trimmed to
 * the newest 64 KiB per event so a flood of output cannot flood the page.
 */
export class OutputSink {
  private readonly kept: Buffer[] = [];
  private keptBytes = 0;
  private droppedMiddle = false;
  private pendingDb: Buffer[] = [];
  private pendingDbBytes = 0;
  private seq = 0;
  private pendingEvent = '';
  private cancelEvent: (() => void) | null = null;
  private readonly decoder = new StringDecoder('utf8');
  private readonly dbMask: ByteStreamMasker;
  private readonly eventMask: StreamMasker;
  bytes = 0;

  constructor(private readonly options: OutputSinkOptions) {
    this.dbMask = new ByteStreamMasker(options.secrets ?? []);
    this.eventMask = new StreamMasker(options.secrets ?? []);
  }

  write(chunk: Buffer): void {
    if (chunk.length === 0) return;
    this.bytes += chunk.length;
    this.keep(chunk);
    this.pendingDb.push(chunk);
    this.pendingDbBytes += chunk.length;
    if (this.pendingDbBytes >= (this.options.flushBytes ?? 256 * 1024)) this.flushDb();
    this.pendingEvent += this.eventMask.push(this.decoder.write(chunk));
    if (this.pendingEvent.length > tailBytes) this.pendingEvent = this.pendingEvent.slice(-tailBytes);
    this.cancelEvent ??= this.options.clock.setTimeout(() => this.flushEvent(), this.options.eventEveryMs ?? 100);
  }

  private keep(chunk: Buffer): void {
    this.kept.push(chunk);
    this.keptBytes += chunk.length;
    // Past the cap keep the first chunk(s) and drop from the middle: head and tail are what people read.
    while (this.keptBytes > memoryCap && this.kept.length > 2) {
      const removed = this.kept.splice(1, 1)[0];
      this.keptBytes -= removed?.length ?? 0;
      this.droppedMiddle = true;
    }
  }

  private flushDb(final = false): void {
    if (this.pendingDbBytes === 0 && !final) return;
    // Masked here, so the database never holds a secret the command printed (a restart forgets the values).
    const masked = this.dbMask.push(Buffer.concat(this.pendingDb));
    const chunk = final ? Buffer.concat([masked, this.dbMask.end()]) : masked;
    this.pendingDb = [];
    this.pendingDbBytes = 0;
    if (chunk.length > 0) this.options.persist(this.seq++, chunk);
  }

  private flushEvent(): void {
    this.cancelEvent = null;
    if (!this.pendingEvent) return;
    const text = this.pendingEvent;
    this.pendingEvent = '';
    this.options.emit(text, this.bytes);
  }

  /** Flushes everything and returns the output (complete unless it passed the memory cap). */
  finish(): { text: string; complete: boolean } {
    this.pendingEvent += this.eventMask.push(this.decoder.end()) + this.eventMask.end();
    this.cancelEvent?.();
    this.flushEvent();
    this.flushDb(true);
    return { text: Buffer.concat(this.kept).toString('utf8'), complete: !this.droppedMiddle };
  }

  /** The newest 64 KiB, for the run view. */
  static tail(text: string): string {
    return text.length > tailBytes ? text.slice(-tailBytes) : text;
  }
}
