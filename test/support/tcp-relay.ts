import { createConnection, createServer, type Server, type Socket } from 'node:net';

export type RelayMode = 'forward' | 'refuse' | 'stall';

export interface TcpRelay {
  port: number;
  /** forward: pass bytes both ways; refuse: close new connections at once; stall: accept, forward nothing. */
  setMode(mode: RelayMode): void;
  /** Cuts every open connection (as a dropped Wi-Fi would). */
  dropAll(): void;
  /** Goes on forwarding until this many more bytes came from the client, then stalls (a link dying mid-push). */
  stallAfter(bytes: number): void;
  close(): Promise<void>;
}

/** A relay on 127.0.0.1 in front of a local port, so a test can cut one laptop off from PostgreSQL. */
export async function startRelay(targetPort: number): Promise<TcpRelay> {
  let mode: RelayMode = 'forward';
  let stallBudget = Infinity;
  const open = new Set<Socket>();
  const server: Server = createServer((client) => {
    open.add(client);
    client.on('close', () => open.delete(client));
    client.on('error', () => undefined);
    if (mode === 'refuse') {
      client.destroy();
      return;
    }
    if (mode === 'stall') return; // held open, nothing read, nothing answered
    const upstream = createConnection({ host: '127.0.0.1', port: targetPort });
    open.add(upstream);
    upstream.on('close', () => {
      open.delete(upstream);
      client.destroy();
    });
    upstream.on('error', () => undefined);
    client.on('close', () => upstream.destroy());
    // Stalling later freezes the bytes in flight both ways, as a dead link does.
    client.on('data', (d: Buffer) => {
      stallBudget -= d.length;
      if (stallBudget < 0) mode = 'stall';
      if (mode !== 'stall') upstream.write(d);
    });
    upstream.on('data', (d: Buffer) => {
      if (mode !== 'stall') client.write(d);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as { port: number }).port,
    setMode: (m) => {
      mode = m;
      stallBudget = Infinity;
    },
    stallAfter: (bytes) => (stallBudget = bytes),
    dropAll: () => {
      for (const s of open) s.destroy();
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of open) s.destroy();
        server.close(() => resolve());
      }),
  };
}
