import type { LookupAddress } from 'node:dns';
import { type Resolver, WebhookTargetError, classifyAddress, pinnedLookup, resolveWebhookTarget, targetPolicy, webhookTargetRefusal } from './webhook.target';

/**
 * The SSRF guard on its own: which addresses are public, which URLs are refused as written,
 * and what a delivery connects to when DNS answers inward, mixes answers or changes its mind.
 * No resolver here touches the network: every answer is scripted.
 */

describe('classifyAddress', () => {
  it.each([
    ['8.8.8.8', 'unicast'],
    ['93.184.215.14', 'unicast'],
    ['1.1.1.1', 'unicast'],
    ['2a00:1450:4001:80b::200e', 'unicast'],
    ['[2606:4700:4700::1111]', 'unicast'],
    // Transition forms take the verdict of the IPv4 address they carry.
    ['::ffff:8.8.8.8', 'ipv4Mapped → unicast'],
    ['::ffff:0:808:808', 'rfc6145 → unicast'],
    ['64:ff9b::808:808', 'rfc6052 → unicast'],
    ['2002:808:808::1', '6to4 → unicast'],
    ['2001:0:808:808:0:0:fefe:fefe', 'teredo → unicast, unicast'], // server 8.8.8.8, client 1.1.1.1
  ])('%s is public (%s)', (address, range) => {
    expect(classifyAddress(address)).toEqual({ public: true, loopback: false, range });
  });

  it.each([
    // IPv4, every range ipaddr.js names
    ['127.0.0.1', 'loopback'],
    ['127.255.255.254', 'loopback'],
    ['10.0.0.1', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['169.254.169.254', 'linkLocal'], // cloud metadata
    ['100.64.0.1', 'carrierGradeNat'],
    ['0.0.0.0', 'unspecified'],
    ['0.1.2.3', 'unspecified'],
    ['255.255.255.255', 'broadcast'],
    ['224.0.0.1', 'multicast'],
    ['239.255.255.250', 'multicast'],
    ['198.18.0.1', 'reserved'], // benchmarking 198.18.0.0/15
    ['198.19.255.255', 'reserved'],
    ['192.0.0.8', 'reserved'],
    ['192.0.2.1', 'reserved'],
    ['198.51.100.1', 'reserved'],
    ['203.0.113.1', 'reserved'],
    ['192.88.99.1', 'reserved'],
    ['240.0.0.1', 'reserved'],
    ['192.175.48.1', 'as112'],
    ['192.52.193.1', 'amt'],
    // IPv6
    ['::', 'unspecified'],
    ['::1', 'loopback'],
    ['[::1]', 'loopback'],
    ['fe80::1', 'linkLocal'],
    ['fe80::1%eth0', 'linkLocal'],
    ['fc00::1', 'uniqueLocal'],
    ['fd12:3456::1', 'uniqueLocal'],
    ['ff02::1', 'multicast'],
    ['fec0::1', 'deprecatedSiteLocal'],
    ['100::1', 'discard'],
    ['2001:db8::1', 'reserved'],
    ['3fff::1', 'reserved'],
    ['2001:2::1', 'benchmarking'],
    ['5f00::1', 'segmentRouting'],
    ['4000::1', 'unicast'], // outside 2000::/3: not allocated as global unicast
    // IPv4 wrapped in IPv6: the embedded address decides
    ['::ffff:127.0.0.1', 'ipv4Mapped → loopback'],
    ['::ffff:7f00:1', 'ipv4Mapped → loopback'],
    ['::ffff:10.0.0.1', 'ipv4Mapped → private'],
    ['::ffff:169.254.169.254', 'ipv4Mapped → linkLocal'],
    ['::ffff:0:7f00:1', 'rfc6145 → loopback'],
    ['64:ff9b::7f00:1', 'rfc6052 → loopback'],
    ['64:ff9b::a00:1', 'rfc6052 → private'],
    ['64:ff9b::a9fe:a9fe', 'rfc6052 → linkLocal'],
    ['64:ff9b:1::808:808', 'rfc6052'], // local-use NAT64 (RFC 8215): the embedding is the network's own
    ['2002:7f00:1::1', '6to4 → loopback'],
    ['2002:a00:1::', '6to4 → private'],
    ['2002:c612:1::', '6to4 → reserved'], // 198.18.0.1
    ['2001:0:808:808::80ff:fffe', 'teredo → unicast, loopback'], // client 127.0.0.1
    ['2001:0:a00:1::fefe:fefe', 'teredo → private, unicast'], // server 10.0.0.1
    ['::7f00:1', 'ipv4Compatible → loopback'], // deprecated IPv4-compatible: refused whatever it carries
    ['::808:808', 'ipv4Compatible → unicast'],
    // Not an address in standard notation (a resolver never answers these; the URL parser normalises them first)
    ['127.1', 'invalid'],
    ['0x7f.0.0.1', 'invalid'],
    ['2130706433', 'invalid'],
    ['localhost', 'invalid'],
    ['', 'invalid'],
  ])('%s is not public (%s)', (address, range) => {
    expect(classifyAddress(address)).toMatchObject({ public: false, range });
  });

  it('marks plain loopback (IPv4-mapped included) as loopback, and nothing else', () => {
    for (const address of ['127.0.0.1', '127.0.0.2', '::1', '::ffff:127.0.0.1']) expect(classifyAddress(address).loopback).toBe(true);
    for (const address of ['64:ff9b::7f00:1', '2002:7f00:1::', '::7f00:1', '10.0.0.1', '8.8.8.8', '2001:0:808:808::80ff:fffe']) expect(classifyAddress(address).loopback).toBe(false);
  });
});

describe('webhookTargetRefusal (as written, at create and update)', () => {
  const strict = targetPolicy({ allowLoopback: false, production: false });
  const loopback = targetPolicy({ allowLoopback: true, production: false });
  const refusal = (url: string, policy = strict) => webhookTargetRefusal(new URL(url), policy)?.reason ?? null;

  it.each([
    'https://partner.example.org/hook',
    'https://partner.example.org:8443/hook?token=x',
    'https://8.8.8.8/hook',
    'https://[2a00:1450:4001:80b::200e]/hook',
    'https://[::ffff:8.8.8.8]/hook',
    'https://PARTNER.Example.ORG./hook',
  ])('accepts %s', (url) => {
    expect(refusal(url)).toBeNull();
  });

  it.each([
    // loopback in every notation the URL parser turns into 127.0.0.1
    'https://127.0.0.1/',
    'https://2130706433/',
    'https://0x7f.1/',
    'https://0x7f000001/',
    'https://127.1/',
    'https://0177.0.0.1/',
    'https://127.0.0.1./',
    'https://%31%32%37.0.0.1/',
    'https://localhost/',
    'https://LOCALHOST/',
    'https://localhost./',
    'https://api.localhost/',
    'https://%6c%6fcalhost/',
    'https://[::1]/',
    'https://[::ffff:127.0.0.1]/',
    'https://[::ffff:7f00:1]/',
    'https://[::127.0.0.1]/',
    'https://[64:ff9b::7f00:1]/',
    'https://[2002:7f00:1::]/',
    // the rest of the inward ranges
    'https://10.0.0.1/',
    'https://10.1/',
    'https://172.16.5.4/',
    'https://192.168.0.8/',
    'https://169.254.169.254/latest/meta-data/',
    'https://0xa9fea9fe/',
    'https://100.64.0.1/',
    'https://0.0.0.0/',
    'https://0/',
    'https://198.18.0.1/',
    'https://224.0.0.1/',
    'https://255.255.255.255/',
    'https://[::]/',
    'https://[fe80::1]/',
    'https://[fd00::1]/',
    'https://[ff02::1]/',
    'https://[::ffff:10.0.0.1]/',
    'https://[64:ff9b::a00:1]/',
    'https://[2002:a9fe:a9fe::]/',
    // names that never name a public host
    'https://intranet/',
    'https://printer.local/',
    'https://metadata.google.internal/',
    'https://router.home.arpa/',
    'https://foo..example.org/',
  ])('refuses %s', (url) => {
    expect(refusal(url)).toBe('address');
  });

  it('wants https, allowing http only to loopback with the loopback setting', () => {
    expect(refusal('http://partner.example.org/')).toBe('scheme');
    expect(refusal('ftp://partner.example.org/')).toBe('scheme');
    expect(refusal('http://127.0.0.1:8080/')).toBe('scheme');
    expect(refusal('http://localhost:8080/')).toBe('scheme');
    expect(refusal('http://partner.example.org/', loopback)).toBe('scheme');
    expect(refusal('http://10.0.0.1/', loopback)).toBe('scheme');
  });

  it('lets the loopback setting through loopback and nothing else', () => {
    for (const url of ['http://127.0.0.1:8080/', 'http://2130706433:8080/', 'https://[::1]/', 'http://[::ffff:127.0.0.1]/', 'http://localhost:1/', 'http://receiver.localhost./']) {
      expect(refusal(url, loopback)).toBeNull();
    }
    for (const url of ['https://10.0.0.1/', 'https://169.254.169.254/', 'https://[64:ff9b::7f00:1]/', 'https://[2002:7f00:1::]/', 'https://[::127.0.0.1]/', 'https://intranet/']) {
      expect(refusal(url, loopback)).toBe('address');
    }
    // Production ignores the setting even when it reaches the policy.
    expect(targetPolicy({ allowLoopback: true, production: true })).toEqual({ allowLoopback: false });
  });
});

describe('resolveWebhookTarget (before each delivery)', () => {
  const strict = targetPolicy({ allowLoopback: false, production: false });
  const loopback = targetPolicy({ allowLoopback: true, production: false });

  /** A resolver with scripted answers per name, recording each question. */
  function scripted(answers: Record<string, string[][]>): Resolver & { calls: string[] } {
    const calls: string[] = [];
    const resolver = async (hostname: string) => {
      calls.push(hostname);
      const script = answers[hostname];
      if (!script) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
      const next = script.length > 1 ? script.shift()! : script[0];
      return next.map((address) => ({ address, family: (address.includes(':') ? 6 : 4) as 4 | 6 }));
    };
    return Object.assign(resolver, { calls });
  }

  async function refusedWith(url: string, resolver: Resolver, policy = strict): Promise<WebhookTargetError> {
    const error = await resolveWebhookTarget(new URL(url), policy, resolver).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(WebhookTargetError);
    return error as WebhookTargetError;
  }

  it.each([
    ['127.0.0.1', ['127.0.0.1']],
    ['IPv4-mapped private', ['::ffff:10.0.0.1']],
    ['NAT64 loopback', ['64:ff9b::7f00:1']],
    ['6to4 metadata', ['2002:a9fe:a9fe::']],
    ['cloud metadata', ['169.254.169.254']],
    ['a public and a loopback answer', ['93.184.215.14', '127.0.0.1']],
    ['a loopback answer after a public one, IPv6', ['2a00:1450:4001:80b::200e', '::1']],
  ])('refuses a public-looking name that resolves to %s, for good, without saying where', async (_, addresses) => {
    const resolver = scripted({ 'hooks.partner.example': [addresses] });
    const error = await refusedWith('https://hooks.partner.example/in', resolver);
    expect(error.permanent).toBe(true);
    expect(error.message).toBe('target refused: hooks.partner.example resolves to an address that is not public (not sent)');
    for (const address of addresses) expect(error.message).not.toContain(address);
    expect(resolver.calls).toEqual(['hooks.partner.example']);
  });

  it('refuses a name answering loopback even with the loopback setting: only the loopback forms themselves pass', async () => {
    const error = await refusedWith('https://hooks.partner.example/in', scripted({ 'hooks.partner.example': [['127.0.0.1']] }), loopback);
    expect(error.permanent).toBe(true);
    // A localhost name must answer loopback only.
    const resolver = scripted({ localhost: [['::1', '127.0.0.1']], 'evil.localhost': [['8.8.8.8']] });
    expect(await resolveWebhookTarget(new URL('http://localhost:8080/'), loopback, resolver)).toEqual({ hostname: 'localhost', address: '::1', family: 6 });
    expect((await refusedWith('http://evil.localhost/', resolver, loopback)).permanent).toBe(true);
    // Without the setting a localhost name is refused before any lookup.
    const untouched = scripted({});
    expect((await refusedWith('https://localhost/', untouched)).permanent).toBe(true);
    expect(untouched.calls).toEqual([]);
  });

  it('checks the stored URL again: a literal stored under older rules is refused without a lookup', async () => {
    const resolver = scripted({});
    for (const url of ['https://169.254.169.254/latest', 'https://[::ffff:a00:1]/', 'http://partner.example.org/']) {
      expect((await refusedWith(url, resolver)).permanent).toBe(true);
    }
    expect(resolver.calls).toEqual([]);
    expect(await resolveWebhookTarget(new URL('https://8.8.8.8/hook'), strict, resolver)).toEqual({ hostname: '8.8.8.8', address: '8.8.8.8', family: 4 });
    expect(await resolveWebhookTarget(new URL('https://[2a00:1450::1]/hook'), strict, resolver)).toEqual({ hostname: '2a00:1450::1', address: '2a00:1450::1', family: 6 });
  });

  it('retries a name that does not resolve (transient), naming the DNS code only', async () => {
    const missing = await refusedWith('https://gone.partner.example/', scripted({}));
    expect(missing).toMatchObject({ permanent: false, message: 'DNS lookup of gone.partner.example failed (ENOTFOUND)' });
    const empty = await refusedWith('https://empty.partner.example/', scripted({ 'empty.partner.example': [[]] }));
    expect(empty).toMatchObject({ permanent: false, message: 'DNS lookup of empty.partner.example found no address' });
  });

  it('gives up on a resolver that does not answer within the delivery time limit', async () => {
    const hanging: Resolver = () => new Promise(() => undefined);
    const started = Date.now();
    await expect(resolveWebhookTarget(new URL('https://slow.partner.example/'), strict, hanging, AbortSignal.timeout(50))).rejects.toMatchObject({ name: 'TimeoutError' });
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('pins the connection to the checked address: a rebinding name that answers loopback the second time is never asked again', async () => {
    const resolver = scripted({ 'rebind.partner.example': [['93.184.215.14'], ['127.0.0.1']] });
    const target = await resolveWebhookTarget(new URL('https://rebind.partner.example/hook'), strict, resolver);
    expect(target).toEqual({ hostname: 'rebind.partner.example', address: '93.184.215.14', family: 4 });
    const lookup = pinnedLookup(target);
    const asked = (hostname: string, all: boolean) =>
      new Promise<{ error: NodeJS.ErrnoException | null; address: string | LookupAddress[]; family?: number }>((resolve) =>
        lookup(hostname, { all }, (error, address, family) => resolve({ error, address, family })),
      );
    // What net.connect asks, with and without autoSelectFamily, trailing dot or not.
    expect(await asked('rebind.partner.example', false)).toEqual({ error: null, address: '93.184.215.14', family: 4 });
    expect(await asked('rebind.partner.example', true)).toEqual({ error: null, address: [{ address: '93.184.215.14', family: 4 }], family: undefined });
    expect(await asked('Rebind.Partner.Example.', false)).toMatchObject({ error: null, address: '93.184.215.14' });
    // Any other name gets no address at all.
    expect((await asked('other.partner.example', false)).error?.code).toBe('ENOTFOUND');
    expect(resolver.calls).toEqual(['rebind.partner.example']);
    // The name's next answer would have been loopback, and is refused when it is asked.
    expect((await refusedWith('https://rebind.partner.example/hook', resolver)).permanent).toBe(true);
  });
});
