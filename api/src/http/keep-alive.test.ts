import http from 'node:http';
import type { Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { type TestApp, startTestApp } from '../test/app';

/** GET `path` through `agent`; resolves with the status, the socket it went over and whether that socket was reused. */
function get(url: string, agent: http.Agent): Promise<{ status: number; socket: Socket; reused: boolean }> {
  return new Promise((resolve, reject) => {
    const request = http.get(url, { agent }, (response) => {
      response.resume();
      response.on('end', () => resolve({ status: response.statusCode ?? 0, socket: request.socket as Socket, reused: request.reusedSocket }));
    });
    request.on('error', reject);
  });
}

// Node's HTTP server closes an idle kept-alive socket after 5 s. A client that sends its next request on that
// socket at the moment it closes gets ECONNRESET ("other side closed" in undici) — seen from the admin's browser
// tests and the replica tests. The server keeps idle sockets open longer than its clients do (HTTP_KEEP_ALIVE_SECONDS).
describe('kept-alive HTTP connections', () => {
  let t: TestApp | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  it('outlast Node’s 5 s default: a request after 5.5 s idle goes over the same socket', async () => {
    t = await startTestApp();
    expect(t.app.httpServer.keepAliveTimeout).toBe(65_000);
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const first = await get(`${t.url}/healthz`, agent);
      expect(first).toMatchObject({ status: 200, reused: false });
      await sleep(5500);
      const second = await get(`${t.url}/healthz`, agent);
      expect(second).toMatchObject({ status: 200, reused: true });
      expect(second.socket).toBe(first.socket);
    } finally {
      agent.destroy();
    }
  }, 20_000);

  it('close an idle socket once HTTP_KEEP_ALIVE_SECONDS have passed', async () => {
    t = await startTestApp({ env: { HTTP_KEEP_ALIVE_SECONDS: '1' } });
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const first = await get(`${t.url}/healthz`, agent);
      const closed = new Promise<void>((resolve) => first.socket.once('close', () => resolve()));
      await closed;
      const second = await get(`${t.url}/healthz`, agent);
      expect(second).toMatchObject({ status: 200, reused: false });
    } finally {
      agent.destroy();
    }
  }, 20_000);
});
