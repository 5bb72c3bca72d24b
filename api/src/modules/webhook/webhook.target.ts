import dns from 'node:dns';
import { type LookupFunction, isIP } from 'node:net';
import ipaddr from 'ipaddr.js';

/**
 * Where a webhook may send: the server-side request forgery (SSRF) guard (docs/security.md
 * "Webhook targets"). A partner names the URL, the server POSTs to it, so the URL must not
 * reach into the server's own networks: loopback, private, link-local (cloud metadata at
 * 169.254.169.254), carrier-grade NAT, multicast, reserved, … — written as a literal in any
 * notation, wrapped in an IPv6 transition address, or behind a DNS name.
 *
 * - At create/update `webhookTargetRefusal` checks the URL as written (no DNS: early feedback).
 * - At delivery `resolveWebhookTarget` checks it again, resolves the name and checks every
 *   answer; the worker then connects to exactly that checked address (`pinnedLookup`), so a
 *   name that answers differently a moment later (DNS rebinding) cannot redirect the request.
 *
 * Loopback (127.0.0.0/8, ::1, `localhost`, `*.localhost`) only with `WEBHOOK_ALLOW_LOOPBACK`,
 * which production refuses to start with (config.ts); a DNS name that answers a loopback
 * address is refused even then, only the loopback forms themselves are let through.
 */

// Addresses --------------------------------------------------------------------------------------

export interface AddressClass {
  /** Reachable on the public internet: only then may a webhook be sent there. */
  public: boolean;
  /** A plain loopback address (127.0.0.0/8, ::1, or IPv4-mapped 127.x): allowed with WEBHOOK_ALLOW_LOOPBACK. */
  loopback: boolean;
  /** ipaddr.js's range name; for an IPv6 transition address also the embedded IPv4's (`6to4 → private`). For logs and tests. */
  range: string;
}

/** 2000::/3, the only IPv6 space allocated as global unicast; ipaddr.js calls everything it does not name "unicast". */
const GLOBAL_UNICAST_V6 = ipaddr.IPv6.parseCIDR('2000::/3');

function classifyV4(address: ipaddr.IPv4): { range: string; public: boolean } {
  const range = address.range();
  return { range, public: range === 'unicast' };
}

function v4(high: number, low: number): ipaddr.IPv4 {
  return new ipaddr.IPv4([high >> 8, high & 0xff, low >> 8, low & 0xff]);
}

/**
 * The IPv4 address(es) an IPv6 transition address carries, which is where a packet sent to it
 * ends up; `null` when it is one whose embedding cannot be read (refused); `undefined` when it
 * is not a transition address.
 */
function embeddedIPv4(address: ipaddr.IPv6, range: string): ipaddr.IPv4[] | null | undefined {
  const p = address.parts;
  switch (range) {
    case 'ipv4Mapped': // ::ffff:a.b.c.d
    case 'rfc6145': // ::ffff:0:a.b.c.d (IPv4-translated)
      return [v4(p[6], p[7])];
    case 'rfc6052': // 64:ff9b::a.b.c.d (NAT64, RFC 6052); 64:ff9b:1::/48 is local-use (RFC 8215), its embedding is the network's own
      return p[2] === 0 && p[3] === 0 && p[4] === 0 && p[5] === 0 ? [v4(p[6], p[7])] : null;
    case '6to4': // 2002:AABB:CCDD::/48 → A.B.C.D
      return [v4(p[1], p[2])];
    case 'teredo': // 2001:0:<server>:<flags>:<port>:<client XOR ffff:ffff>: both ends must be public
      return [v4(p[2], p[3]), v4(~p[6] & 0xffff, ~p[7] & 0xffff)];
    default:
      return undefined;
  }
}

/**
 * Whether `text` (an IP address as a resolver or the URL parser writes it; brackets allowed) is
 * public. Anything that is not an address in standard notation is not public.
 */
export function classifyAddress(text: string): AddressClass {
  const bare = text.startsWith('[') && text.endsWith(']') ? text.slice(1, -1) : text;
  // isIP accepts only the standard notations (no `127.1`, `0x7f.1`); ipaddr.js would accept more.
  const family = isIP(bare);
  if (family === 0) return { public: false, loopback: false, range: 'invalid' };
  if (family === 4) {
    const { range, public: isPublic } = classifyV4(ipaddr.IPv4.parse(bare));
    return { public: isPublic, loopback: range === 'loopback', range };
  }
  const address = ipaddr.IPv6.parse(bare);
  const range = address.range();
  const p = address.parts;
  // IPv4-compatible ::a.b.c.d (deprecated by RFC 4291, but some stacks still route it as IPv4).
  if (range === 'unicast' && p.slice(0, 6).every((part) => part === 0)) {
    return { public: false, loopback: false, range: `ipv4Compatible → ${classifyV4(v4(p[6], p[7])).range}` };
  }
  const embedded = embeddedIPv4(address, range);
  if (embedded === null) return { public: false, loopback: false, range };
  if (embedded) {
    const inner = embedded.map(classifyV4);
    return {
      public: inner.every((c) => c.public),
      loopback: range === 'ipv4Mapped' && inner[0].range === 'loopback',
      range: `${range} → ${inner.map((c) => c.range).join(', ')}`,
    };
  }
  return { public: range === 'unicast' && address.match(GLOBAL_UNICAST_V6), loopback: range === 'loopback', range };
}

// URLs -------------------------------------------------------------------------------------------

export interface TargetPolicy {
  /** Loopback targets (and plain http to them) are allowed: WEBHOOK_ALLOW_LOOPBACK outside production. */
  allowLoopback: boolean;
}

export function targetPolicy(settings: { allowLoopback: boolean; production: boolean }): TargetPolicy {
  // config.ts refuses the combination at start; this keeps it off for settings built some other way too.
  return { allowLoopback: settings.allowLoopback && !settings.production };
}

/** Top-level names that never name a public host: mDNS, ICANN's private-use `.internal`, home networks. */
const PRIVATE_SUFFIXES = ['local', 'internal', 'home.arpa', 'localdomain'];

type Host = { kind: 'address'; host: string; address: AddressClass } | { kind: 'loopbackName'; host: string } | { kind: 'name'; host: string };

/**
 * The URL's host as it is connected to. The WHATWG URL parser has already turned every IPv4
 * notation (`2130706433`, `0x7f.1`, `127.1`, `0177.0.0.1`) into dotted decimal, decoded
 * percent-escapes and lowercased names; what is left is the trailing dot (`localhost.` is
 * `localhost`) and the brackets around IPv6.
 */
function hostOf(url: URL): Host {
  const hostname = url.hostname;
  if (hostname.startsWith('[')) return { kind: 'address', host: hostname.slice(1, -1), address: classifyAddress(hostname) };
  const host = hostname.toLowerCase().replace(/\.+$/, '');
  if (isIP(host) === 4) return { kind: 'address', host, address: classifyAddress(host) };
  if (host === 'localhost' || host.endsWith('.localhost')) return { kind: 'loopbackName', host };
  return { kind: 'name', host };
}

export interface TargetRefusal {
  /** For the caller: names the rule, never an address the server resolved. */
  message: string;
  /** `scheme`: only https (http to loopback in tests); `address`: not a public address or host. */
  reason: 'scheme' | 'address';
}

/**
 * Why `url` may not be a webhook target, judged as written (no DNS); null if it may, subject to
 * the check at delivery. Used at create/update and again before each delivery.
 */
export function webhookTargetRefusal(url: URL, policy: TargetPolicy): TargetRefusal | null {
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { reason: 'scheme', message: 'Use https' };
  const host = hostOf(url);
  const loopback = policy.allowLoopback && (host.kind === 'loopbackName' || (host.kind === 'address' && host.address.loopback));
  if (url.protocol === 'http:' && !loopback) {
    return { reason: 'scheme', message: 'Use https (http only to a loopback address, with WEBHOOK_ALLOW_LOOPBACK, outside production)' };
  }
  if (loopback) return null;
  if (host.kind === 'address') return host.address.public ? null : { reason: 'address', message: 'The URL must point at a public address' };
  if (host.kind === 'loopbackName') return { reason: 'address', message: 'The URL must point at a public address' };
  const labels = host.host.split('.');
  if (labels.length < 2 || labels.some((label) => label === '') || PRIVATE_SUFFIXES.some((suffix) => host.host === suffix || host.host.endsWith(`.${suffix}`))) {
    return { reason: 'address', message: 'The URL must name a public host (a fully qualified domain name or a public address)' };
  }
  return null;
}

// Delivery ---------------------------------------------------------------------------------------

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** Resolves a host name to its addresses, as `dns.lookup(name, { all: true })` does. Injected in tests. */
export type Resolver = (hostname: string) => Promise<ResolvedAddress[]>;

/** The operating system's resolver (getaddrinfo: /etc/hosts, then DNS), every answer, in its order. */
export const systemResolver: Resolver = async (hostname) =>
  (await dns.promises.lookup(hostname, { all: true, verbatim: true })).map(({ address, family }) => ({ address, family: family === 6 ? 6 : 4 }));

/** The checked address a delivery connects to; `hostname` stays the TLS SNI name and the Host header. */
export interface WebhookTarget extends ResolvedAddress {
  hostname: string;
}

/** The target may not be delivered to: the attempt fails without a connection. */
export class WebhookTargetError extends Error {
  /**
   * `true`: the URL or its DNS answer points inward. Retrying changes nothing but the
   * number of lookups, so the delivery fails at once. `false`: the name did not resolve;
   * retried with the usual backoff (DNS may be briefly broken).
   */
  readonly permanent: boolean;
  /** For the operator's log only (ranges, never stored in the delivery history). */
  readonly detail: string | null;

  constructor(message: string, permanent: boolean, detail: string | null = null) {
    super(message);
    this.name = 'WebhookTargetError';
    this.permanent = permanent;
    this.detail = detail;
  }
}

function aborted(signal: AbortSignal | undefined): Promise<never> {
  return new Promise((_, reject) => {
    if (!signal) return;
    if (signal.aborted) reject(signal.reason);
    else signal.addEventListener('abort', () => reject(signal.reason), { once: true });
  });
}

/**
 * The address to deliver `url` to: the URL checked again (rules may have changed since it was
 * stored), the name resolved once, and every answer public — one inward answer refuses the lot,
 * so a name cannot mix a public address with an internal one and hope for the order. A
 * `localhost` name (with the loopback setting) must answer only loopback addresses.
 */
export async function resolveWebhookTarget(url: URL, policy: TargetPolicy, resolve: Resolver, signal?: AbortSignal): Promise<WebhookTarget> {
  const refusal = webhookTargetRefusal(url, policy);
  if (refusal) throw new WebhookTargetError(`target refused: ${refusal.message.charAt(0).toLowerCase()}${refusal.message.slice(1)} (not sent)`, true, refusal.reason);
  const host = hostOf(url);
  if (host.kind === 'address') return { hostname: host.host, address: host.host, family: isIP(host.host) === 6 ? 6 : 4 };
  let answers: ResolvedAddress[];
  try {
    answers = await Promise.race([resolve(host.host), aborted(signal)]);
  } catch (error) {
    if (signal?.aborted) throw error;
    const code = (error as NodeJS.ErrnoException)?.code;
    throw new WebhookTargetError(`DNS lookup of ${host.host} failed${code ? ` (${code})` : ''}`, false);
  }
  if (answers.length === 0) throw new WebhookTargetError(`DNS lookup of ${host.host} found no address`, false);
  const classes = answers.map((answer) => classifyAddress(answer.address));
  const allowed = (c: AddressClass) => (host.kind === 'loopbackName' ? c.loopback : c.public);
  if (!classes.every(allowed)) {
    const detail = classes.filter((c) => !allowed(c)).map((c) => c.range).join('; ');
    throw new WebhookTargetError(`target refused: ${host.host} resolves to an address that is not public (not sent)`, true, detail);
  }
  const [chosen] = answers;
  return { hostname: host.host, address: chosen.address, family: isIP(chosen.address) === 6 ? 6 : 4 };
}

/**
 * A `lookup` for http(s).request that answers the checked address and nothing else: the socket
 * connects where the check looked, whatever DNS says now. Node asks with `all: true` when it
 * races address families (autoSelectFamily) and without otherwise; both get the one address.
 */
export function pinnedLookup(target: WebhookTarget): LookupFunction {
  return (hostname, options, callback) => {
    if (hostname.toLowerCase().replace(/\.+$/, '') !== target.hostname) {
      const error: NodeJS.ErrnoException = new Error(`lookup of ${hostname} outside the checked target`);
      error.code = 'ENOTFOUND';
      callback(error, '', 0);
      return;
    }
    if (options.all) callback(null, [{ address: target.address, family: target.family }]);
    else callback(null, target.address, target.family);
  };
}
