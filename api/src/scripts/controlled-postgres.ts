import readline from 'node:readline';
import { type EmbeddedPostgresHandle, startEmbeddedPostgres } from '../db/embedded-postgres';

/**
 * An embedded PostgreSQL that another process stops and starts (the fault suite): run as
 * `node dist/scripts/controlled-postgres.js <dataDir> <port>`, it answers one line per command
 * on stdin — `start` → `started <url>`, `stop` → `stopped`, otherwise `error <message>` — and
 * stops the server when stdin closes. A separate process because the `embedded-postgres`
 * package is ESM-only, which jest's module sandbox cannot import more than once per process.
 */
async function main(): Promise<void> {
  const [dataDir, portText] = process.argv.slice(2);
  const port = Number(portText);
  if (!dataDir || !Number.isInteger(port) || port <= 0) {
    console.error('usage: controlled-postgres <dataDir> <port>');
    process.exit(2);
  }
  let handle: EmbeddedPostgresHandle | null = null;
  const commands = readline.createInterface({ input: process.stdin });
  let queue = Promise.resolve();
  commands.on('line', (line) => {
    queue = queue.then(async () => {
      try {
        if (line === 'start') {
          handle ??= await startEmbeddedPostgres({ dataDir, port, strictPort: true, database: 'schakel', explicitDataDir: true, supervise: false });
          process.stdout.write(`started ${handle.url}\n`);
        } else if (line === 'stop') {
          await handle?.stop();
          handle = null;
          process.stdout.write('stopped\n');
        } else {
          process.stdout.write(`error unknown command ${JSON.stringify(line)}\n`);
        }
      } catch (error) {
        process.stdout.write(`error ${(error instanceof Error ? error.message : String(error)).replace(/\n/g, ' ')}\n`);
      }
    });
  });
  commands.on('close', () => {
    void queue.then(async () => {
      await handle?.stop().catch(() => undefined);
      process.exit(0);
    });
  });
}

void main();
