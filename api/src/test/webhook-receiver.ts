import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedWebhook {
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  /** The request's `Schakel-Event-Id`. */
  eventId: string;
}

/**
 * A partner's webhook endpoint for tests: answers each path from a script of status codes
 * (default 200) and counts, per `Schakel-Event-Id`, the requests it accepted (2xx) — a receiver
 * that de-duplicates on the id acts on each event once, so a count above one is a duplicate
 * delivery it had to absorb.
 */
export class WebhookReceiver {
  readonly requests: ReceivedWebhook[] = [];
  readonly accepted = new Map<string, number>();
  /** Status codes to answer per path, taken in order. */
  readonly script = new Map<string, number[]>();
  url = '';
  private server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const path = req.url ?? '/';
      const eventId = String(req.headers['schakel-event-id']);
      this.requests.push({ path, headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), eventId });
      const status = this.script.get(path)?.shift() ?? 200;
      if (status >= 200 && status < 300) this.accepted.set(eventId, (this.accepted.get(eventId) ?? 0) + 1);
      res.writeHead(status, { 'content-type': 'text/plain' }).end(status < 300 ? 'ok' : 'nope');
    });
  });

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** The requests to a path, in the order they came. */
  at(path: string): ReceivedWebhook[] {
    return this.requests.filter((r) => r.path === path);
  }

  /** The event ids sent to a path, in order, repeats included. */
  sentTo(path: string): string[] {
    return this.at(path).map((r) => r.eventId);
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
