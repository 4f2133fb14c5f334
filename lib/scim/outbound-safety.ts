import dns from "node:dns";
import type { LookupAddress, LookupOptions } from "node:dns";
import ipaddr from "ipaddr.js";
import { ScimClientError } from "./client-errors";

/**
 * Guards every outbound SCIM request (Test Connectivity and pushes) against server-side request
 * forgery: an admin-supplied SCIM Server URL must not reach link-local services or a cloud
 * metadata endpoint (which hand out instance credentials). Loopback and private ranges stay
 * allowed on purpose: CloudSSO usually runs on the same host or network.
 *
 * The host is resolved once, every address is checked, and the connection is then pinned to the
 * checked addresses (`pinnedLookup`) so a second DNS answer cannot swap in a forbidden address.
 */

/** Host names of metadata services that may resolve via a local resolver or /etc/hosts. */
const METADATA_HOSTNAMES = new Set([
  "metadata.google.internal",
  "metadata.goog",
  "metadata",
  "instance-data",
  "instance-data.ec2.internal",
  "metadata.azure.internal",
]);

/** Metadata addresses outside the link-local ranges (those are refused wholesale anyway). */
const METADATA_ADDRESSES: ReadonlyMap<string, string> = new Map([
  ["169.254.169.254", "the cloud instance metadata service (AWS, Azure, GCP, Alibaba Cloud ECS)"],
  ["169.254.170.2", "the container metadata service"],
  ["100.100.100.200", "the Alibaba Cloud ECS metadata service"],
  ["192.0.0.192", "the Oracle Cloud metadata service"],
  ["fd00:ec2::254", "the AWS EC2 IPv6 metadata service"],
]);

export interface ResolvedOutboundTarget {
  url: URL;
  /** Host name without IPv6 brackets. */
  hostname: string;
  port: number;
  /** Every address the host resolved to, all checked. */
  addresses: LookupAddress[];
}

export type HostResolver = (hostname: string) => Promise<LookupAddress[]>;

const systemResolver: HostResolver = (hostname) => dns.promises.lookup(hostname, { all: true, verbatim: true });

/**
 * Parses and checks the URL's shape: http/https only, no credentials, no forbidden host name or
 * literal address. Throws ScimClientError("malformed_url" | "forbidden_address").
 */
export function parseOutboundUrl(raw: string | URL): URL {
  let url: URL;
  if (raw instanceof URL) {
    url = new URL(raw.href);
  } else {
    const text = typeof raw === "string" ? raw.trim() : "";
    if (text === "") throw new ScimClientError("malformed_url", "The SCIM Server URL is empty.");
    try {
      url = new URL(text);
    } catch {
      throw new ScimClientError(
        "malformed_url",
        `The SCIM Server URL "${truncate(text, 200)}" is not a valid URL. It should look like https://example.com/scim/v2.`,
      );
    }
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new ScimClientError(
      "malformed_url",
      `The SCIM Server URL must use http:// or https://, not ${url.protocol}//.`,
    );
  }
  if (url.username || url.password) {
    throw new ScimClientError(
      "malformed_url",
      "The SCIM Server URL must not contain a user name or password; put the credential in Bearer Token Key Mode.",
    );
  }
  const hostname = bareHostname(url);
  if (hostname === "") throw new ScimClientError("malformed_url", "The SCIM Server URL has no host name.");
  const hostReason = forbiddenHostnameReason(hostname);
  if (hostReason) throw forbidden(hostname, hostReason);
  if (ipaddr.isValid(hostname)) {
    const reason = forbiddenAddressReason(hostname);
    if (reason) throw forbidden(hostname, reason);
  }
  return url;
}

/** Why a host name is refused before any DNS lookup, or null. */
export function forbiddenHostnameReason(hostname: string): string | null {
  const h = hostname.toLowerCase().replace(/\.$/, "");
  if (METADATA_HOSTNAMES.has(h)) return "it is a cloud metadata service host name";
  return null;
}

/**
 * Why an IP address is refused, or null when outbound SCIM calls may go there. IPv6 forms that
 * embed an IPv4 address (mapped, NAT64, 6to4, IPv4-compatible) are judged by that IPv4 address.
 */
export function forbiddenAddressReason(address: string): string | null {
  let ip: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    ip = ipaddr.parse(address.replace(/^\[|\]$/g, "").replace(/%.*$/, ""));
  } catch {
    return "it is not a valid IP address";
  }
  if (ip.kind() === "ipv6") {
    const embedded = embeddedIpv4(ip as ipaddr.IPv6);
    if (embedded) return forbiddenAddressReason(embedded.toString());
  }
  const normalized = ip.kind() === "ipv6" ? (ip as ipaddr.IPv6).toNormalizedString() : ip.toString();
  for (const [meta, what] of METADATA_ADDRESSES) {
    const m = ipaddr.parse(meta);
    if (m.kind() === ip.kind() && (m.kind() === "ipv6" ? (m as ipaddr.IPv6).toNormalizedString() : m.toString()) === normalized) {
      return `it is ${what} (${meta})`;
    }
  }
  const range = ip.range();
  switch (range) {
    case "unspecified":
      return "it is an unspecified address (0.0.0.0 or ::), not a server";
    case "linkLocal":
      return ip.kind() === "ipv4"
        ? "it is a link-local address (169.254.0.0/16), where cloud metadata services live"
        : "it is a link-local address (fe80::/10)";
    case "multicast":
      return "it is a multicast address, not a server";
    case "broadcast":
      return "it is the broadcast address, not a server";
  }
  return null;
}

function embeddedIpv4(ip: ipaddr.IPv6): ipaddr.IPv4 | null {
  const p = ip.parts;
  const range = ip.range();
  const fromParts = (hi: number, lo: number) => new ipaddr.IPv4([hi >> 8, hi & 0xff, lo >> 8, lo & 0xff]);
  if (range === "ipv4Mapped" || range === "rfc6145" || range === "rfc6052") return fromParts(p[6], p[7]);
  if (range === "6to4") return fromParts(p[1], p[2]);
  // Deprecated IPv4-compatible form ::a.b.c.d (but not :: or ::1).
  if (p.slice(0, 6).every((x) => x === 0) && (p[6] !== 0 || p[7] > 1)) return fromParts(p[6], p[7]);
  return null;
}

/**
 * Parses, resolves and checks a URL for an outbound call. Throws ScimClientError:
 * malformed_url, forbidden_address, or unreachable (name does not resolve).
 */
export async function resolveOutboundTarget(
  raw: string | URL,
  resolver: HostResolver = systemResolver,
): Promise<ResolvedOutboundTarget> {
  const url = parseOutboundUrl(raw);
  const hostname = bareHostname(url);
  const port = url.port ? Number(url.port) : url.protocol === "https:" ? 443 : 80;
  let addresses: LookupAddress[];
  if (ipaddr.isValid(hostname)) {
    addresses = [{ address: hostname, family: hostname.includes(":") ? 6 : 4 }];
  } else {
    try {
      addresses = await resolver(hostname);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException)?.code;
      throw new ScimClientError(
        "unreachable",
        `The host ${hostname} could not be resolved${code ? ` (${code})` : ""}. Check the host name in the SCIM Server URL.`,
        { cause: err },
      );
    }
    if (addresses.length === 0) {
      throw new ScimClientError("unreachable", `The host ${hostname} did not resolve to any address.`);
    }
    for (const a of addresses) {
      const reason = forbiddenAddressReason(a.address);
      if (reason) throw forbidden(hostname, `it resolves to ${a.address} and ${reason}`);
    }
  }
  return { url, hostname, port, addresses };
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * A `lookup` for http(s).request/net.connect that answers only with already-checked addresses,
 * so the socket connects exactly where the safety check looked (no DNS rebinding window).
 */
export function pinnedLookup(addresses: LookupAddress[]) {
  return (_hostname: string, options: LookupOptions | number | undefined, callback: LookupCallback): void => {
    const opts: LookupOptions = typeof options === "number" ? { family: options } : (options ?? {});
    const family = opts.family === "IPv4" ? 4 : opts.family === "IPv6" ? 6 : opts.family;
    const candidates = family === 4 || family === 6 ? addresses.filter((a) => a.family === family) : addresses;
    if (candidates.length === 0) {
      const err: NodeJS.ErrnoException = new Error(`No checked IPv${family} address for this host`);
      err.code = "ENOTFOUND";
      process.nextTick(() => callback(err, ""));
      return;
    }
    if (opts.all) process.nextTick(() => callback(null, candidates));
    else process.nextTick(() => callback(null, candidates[0].address, candidates[0].family));
  };
}

function bareHostname(url: URL): string {
  return url.hostname.replace(/^\[|\]$/g, "");
}

function forbidden(hostname: string, reason: string): ScimClientError {
  return new ScimClientError(
    "forbidden_address",
    `The SCIM Server URL host ${hostname} is not allowed: ${reason}. Outbound SCIM calls never go to link-local, unspecified or cloud metadata addresses.`,
  );
}

function truncate(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, n)}…` : s;
}
