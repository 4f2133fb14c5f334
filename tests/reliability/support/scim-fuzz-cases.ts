import type { Prng } from "./prng";
import { GROUP_SCHEMA, PATCH_SCHEMA, USER_SCHEMA } from "./scim-target";

/**
 * Generators of malformed and hostile SCIM requests. Each draws from the seeded PRNG only, so a
 * seed replays the same sequence. Bodies are strings (or raw bytes when the point is invalid UTF-8).
 */
export interface FuzzCase {
  kind: string;
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
  /** Stream the body without Content-Length (the server must count bytes itself). */
  stream?: boolean;
  /** An existing resource this request tries to change: it must be unchanged when refused. */
  target?: string;
}

export interface FuzzContext {
  users: string[];
  groups: string[];
}

const ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
const SEARCH = "urn:ietf:params:scim:api:messages:2.0:SearchRequest";
const MiB = 1024 * 1024;

/** Values of every JSON type and a few that break naive code. */
function wrongValue(r: Prng): unknown {
  return r.pick<() => unknown>([
    () => r.int(1e9) - 5e8,
    () => r.next(),
    () => r.chance(0.5),
    () => null,
    () => [],
    () => [1, "two", null, { three: 3 }],
    () => ({}),
    () => ({ value: { nested: [true] } }),
    () => "",
    () => "true",
    () => "False",
    () => " ",
    () => "\u0000",
    () => "x".repeat(r.pick([65, 257, 1025, 70_000])),
    () => Number.MAX_SAFE_INTEGER * 1000,
    () => -0,
  ])();
}

function unicodeString(r: Prng): string {
  return r.pick([
    "\ud800",
    "\udfff",
    "a\ud83dz",
    "\u202eevil\u202c",
    "\u0645\u0631\u062d\u0628\u0627",
    "\u0000nul",
    "nul\u0000",
    "\u200b\u200d\ufeff",
    "e\u0301\u0301\u0301\u0301",
    "\uff41\uff44\uff4d\uff49\uff4e",
    "😀".repeat(r.int(40) + 1),
    "\u0130stanbul",
    "ǅ",
    "\\",
    '"',
    "%00",
    "../../etc/passwd",
    "' OR 1=1 --",
    "<script>alert(1)</script>",
    "\r\nX-Injected: 1",
  ]);
}

/** Percent-encodes every byte of the UTF-8 form (lone surrogates become U+FFFD, as on the wire). */
function pct(s: string): string {
  return [...Buffer.from(s, "utf8")].map((b) => (/[A-Za-z0-9._~-]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : `%${b.toString(16).toUpperCase().padStart(2, "0")}`)).join("");
}

function validUser(r: Prng, n: number): Record<string, unknown> {
  return {
    schemas: [USER_SCHEMA],
    userName: `fuzz.${n}.${r.int(1e9)}`,
    name: { givenName: "Fuzz", familyName: `No${n}` },
    displayName: `Fuzz ${n}`,
    active: true,
    emails: [{ value: `fuzz${n}.${r.int(1e9)}@example.com`, type: "work", primary: true }],
  };
}

function validGroup(r: Prng, n: number): Record<string, unknown> {
  return { schemas: [GROUP_SCHEMA], displayName: `fuzz-group-${n}-${r.int(1e9)}` };
}

const USER_PATHS = [
  "userName",
  "name",
  "name.givenName",
  "name.familyName",
  "name.formatted",
  "displayName",
  "nickName",
  "title",
  "userType",
  "preferredLanguage",
  "locale",
  "timezone",
  "active",
  "externalId",
  "emails",
  "emails.0.value",
  "emails.0.primary",
  "emails.0.type",
  "phoneNumbers",
  "addresses",
  "schemas",
  "id",
  "meta",
  `${ENTERPRISE}`,
  `${ENTERPRISE}.employeeNumber`,
  `${ENTERPRISE}.manager`,
];
const GROUP_PATHS = ["displayName", "externalId", "members", "members.0", "members.0.value", "members.0.display", "schemas", "id", "meta"];

/** Sets a dotted path (numeric segments index arrays), creating containers as needed. */
function setPath(obj: Record<string, unknown>, dotted: string, value: unknown) {
  // The enterprise URN contains a dot ("2.0"), so it is one segment.
  const parts = dotted.startsWith(ENTERPRISE) ? [ENTERPRISE, ...dotted.slice(ENTERPRISE.length + 1).split(".").filter(Boolean)] : dotted.split(".");
  let cur: Record<string, unknown> = obj;
  for (let i = 0; i < parts.length - 1; i++) {
    const key = parts[i];
    const next = cur[key];
    if (typeof next !== "object" || next === null) cur[key] = /^\d+$/.test(parts[i + 1]) ? [] : {};
    cur = cur[key] as Record<string, unknown>;
  }
  cur[parts[parts.length - 1]] = value;
}

const PARTIAL_FILTERS = [
  "",
  " ",
  "userName",
  "userName eq",
  'userName eq "unterminated',
  'userName eq "a" and',
  'userName eq "a" or or userName eq "b"',
  "(userName eq \"a\"",
  'userName eq "a")',
  "not userName eq \"a\"",
  "not (",
  "userName zz \"a\"",
  "userName eq 'single'",
  "userName eq a",
  "userName eq 12",
  "userName gt true",
  "active eq \"true\"",
  "meta.lastModified gt \"not a date\"",
  "meta.lastModified gt \"2024-13-45T99:99:99Z\"",
  "emails[type eq \"work\"",
  "emails[type eq \"work\"]]",
  "emails[]",
  "emails[type eq \"work\" and value co \"@\"].value eq \"x\"",
  "name.givenName.deeper eq \"x\"",
  "urn:ietf:params:scim:schemas:core:2.0:User:userName eq \"x\"",
  "urn:unknown:schema:attr eq \"x\"",
  "members[value eq \"x\"] pr",
  "id eq null",
  "userName pr pr",
  "userName eq \"\\u0000\"",
  "userName eq \"\\ud800\"",
  'userName co "%"',
  'userName sw "_"',
  "userName eq \"a\" and (displayName co \"b\" or not (title pr))",
  "\u202euserName eq \"x\"",
  "userName\teq\t\"tab\"",
];

/** Kept under ~8 KB once URL-encoded: longer URLs are refused by Node's HTTP parser (431), not the app. */
function filter(r: Prng): string {
  const depth = r.pick([1, 10, 100, 1000]);
  return r.pick<() => string>([
    () => r.pick(PARTIAL_FILTERS),
    () => `${"(".repeat(depth)}userName eq "a"${")".repeat(depth)}`,
    () => `${"(".repeat(depth)}userName eq "a"`,
    () => `${"not (".repeat(depth)}userName pr${")".repeat(depth)}`,
    () => Array.from({ length: Math.min(depth, 150) }, (_, i) => `userName eq "u${i}"`).join(" or "),
    () => `emails[${"value pr and ".repeat(Math.min(depth, 400))}value pr]`,
    () => `userName eq "${unicodeString(r)}"`,
    () => `${unicodeString(r)} eq "x"`,
    () => `userName eq "${"a".repeat(r.pick([100, 5000]))}"`,
    () => Array.from({ length: r.int(30) + 1 }, () => r.pick(["(", ")", "and", "or", "not", "eq", '"x"', "userName", "[", "]", "pr", ".", "12", "true"])).join(" "),
  ])();
}

/** Very deep filters go through POST /.search: a URL that long would be refused by the HTTP layer itself. */
function hugeFilter(r: Prng): string {
  const depth = r.pick([10_000, 50_000]);
  return r.pick<() => string>([
    () => `${"(".repeat(depth)}userName eq "a"${")".repeat(depth)}`,
    () => `${"not ".repeat(depth)}userName pr`,
    () => Array.from({ length: depth / 10 }, (_, i) => `userName eq "u${i}"`).join(" and "),
    () => `userName eq "${"a".repeat(500_000)}"`,
    () => `${"emails[".repeat(depth / 10)}value pr${"]".repeat(depth / 10)}`,
  ])();
}

function deepJson(depth: number, kind: "object" | "array"): string {
  return kind === "array" ? `${"[".repeat(depth)}${"]".repeat(depth)}` : `${'{"a":'.repeat(depth)}1${"}".repeat(depth)}`;
}

function brokenJson(r: Prng, valid: string): string {
  return r.pick<() => string>([
    () => valid.slice(0, r.int(valid.length)),
    () => valid.replace(/"/g, "'"),
    () => valid.replace(/,/, ",,"),
    () => `${valid.slice(0, -1)},}`,
    () => `\ufeff${valid}`,
    () => `${valid}${valid}`,
    () => valid.replace(/:/, ""),
    () => `/* comment */${valid}`,
    () => valid.replace(/true|false/, "NaN"),
    () => valid.replace(/"[^"]*"/, "undefined"),
    () => {
      const i = r.int(valid.length);
      return valid.slice(0, i) + String.fromCharCode(r.int(32)) + valid.slice(i + 1);
    },
    () => "{".repeat(r.int(50) + 1),
    () => "",
    () => "null",
    () => "[]",
    () => '"just a string"',
    () => "12345",
    () => `{"schemas":["${USER_SCHEMA}"],"userName":"x","userName":"y"}`,
    () => `{"__proto__":{"admin":true},"constructor":{"prototype":{"polluted":1}},"schemas":["${USER_SCHEMA}"],"userName":"proto${r.int(1e9)}"}`,
  ])();
}

function patchOps(r: Prng, forGroup: boolean, ctx: FuzzContext): unknown {
  const path = r.pick<() => unknown>([
    () => r.pick(forGroup ? GROUP_PATHS : USER_PATHS),
    () => "members[value eq",
    () => 'members[value eq "nope"]',
    () => 'emails[type eq "work"].value',
    () => 'emails[type eq "work"].nope',
    () => "emails[type eq \"work\"].value.deeper",
    () => 'addresses[type eq "work"].streetAddress',
    () => "name.givenName[",
    () => "meta.created",
    () => "meta.version",
    () => "id",
    () => "schemas",
    () => "urn:unknown:ext:attr",
    () => `${ENTERPRISE}:manager.value`,
    () => "userName.sub.sub",
    () => "",
    () => ".",
    () => "[]",
    () => unicodeString(r),
    () => 12,
    () => null,
    () => ["members"],
  ])();
  const op = r.pick<unknown>(["add", "replace", "remove", "Add", "REPLACE", "Remove", "explode", "", "copy", "move", "test", 1, null, ["add"]]);
  const value = r.pick<() => unknown>([
    () => wrongValue(r),
    () => [{ value: "g-or-u-does-not-exist" }],
    () => [{ value: r.pick(ctx.users) }, { value: "missing-member" }],
    () => [{ display: "no value" }],
    () => ({ displayName: wrongValue(r) }),
    () => ({ userName: wrongValue(r), active: wrongValue(r) }),
    () => "False",
    () => unicodeString(r),
  ])();
  const single = () => {
    const o: Record<string, unknown> = {};
    if (r.chance(0.9)) o.op = op;
    if (r.chance(0.7)) o.path = path;
    if (r.chance(0.8)) o.value = value;
    if (r.chance(0.1)) o.extra = wrongValue(r);
    return o;
  };
  // A valid first operation followed by a bad one: the whole PATCH must be refused atomically.
  const validFirst = forGroup
    ? { op: "replace", path: "displayName", value: `renamed-${r.int(1e9)}` }
    : { op: "replace", path: "displayName", value: `Renamed ${r.int(1e9)}` };
  return r.pick<() => unknown>([
    () => ({ schemas: [PATCH_SCHEMA], Operations: [single()] }),
    () => ({ schemas: [PATCH_SCHEMA], Operations: [validFirst, single()] }),
    () => ({ schemas: [PATCH_SCHEMA], Operations: [validFirst, { op: "add", path: "members", value: [{ value: "missing-member" }] }] }),
    () => ({ schemas: [PATCH_SCHEMA], Operations: [validFirst, { op: "replace", path: "userName", value: 42 }] }),
    () => ({ schemas: [PATCH_SCHEMA], Operations: [] }),
    () => ({ schemas: [PATCH_SCHEMA], Operations: single() }),
    () => ({ schemas: [PATCH_SCHEMA] }),
    () => ({ schemas: ["urn:wrong"], Operations: [single()] }),
    () => ({ Operations: [single()] }),
    () => ({ schemas: [PATCH_SCHEMA], Operations: Array.from({ length: r.pick([100, 5000]) }, single) }),
    () => [single()],
  ])();
}

/** One hostile request. `n` numbers it so generated names do not collide. */
export function nextCase(r: Prng, n: number, ctx: FuzzContext): FuzzCase {
  const user = r.pick(ctx.users);
  const group = r.pick(ctx.groups);
  const forGroup = r.chance(0.35);
  const coll = forGroup ? "/Groups" : "/Users";
  const id = forGroup ? group : user;
  const validBody = () => (forGroup ? validGroup(r, n) : validUser(r, n));
  const write = () => r.pick(["POST", "PUT"]);
  const pathFor = (method: string) => (method === "POST" ? coll : `${coll}/${id}`);
  const json = (v: unknown) => JSON.stringify(v);

  const kinds: [string, () => FuzzCase][] = [
    [
      "broken-json",
      () => {
        const method = r.pick(["POST", "PUT", "PATCH"]);
        const valid = method === "PATCH" ? json({ schemas: [PATCH_SCHEMA], Operations: [{ op: "replace", path: "displayName", value: "x" }] }) : json(validBody());
        return { kind: "broken-json", method, path: method === "POST" ? coll : `${coll}/${id}`, body: brokenJson(r, valid), target: method === "POST" ? undefined : id };
      },
    ],
    [
      "wrong-type",
      () => {
        const method = write();
        const body = validBody();
        setPath(body, r.pick(forGroup ? GROUP_PATHS : USER_PATHS), wrongValue(r));
        return { kind: "wrong-type", method, path: pathFor(method), body: json(body), target: method === "PUT" ? id : undefined };
      },
    ],
    [
      "huge",
      () => {
        const method = write();
        const body = validBody();
        r.pick<() => void>([
          () => setPath(body, forGroup ? "displayName" : "userName", "u".repeat(r.pick([65, 1000, 100_000]))),
          () => setPath(body, "displayName", "d".repeat(r.pick([257, 300_000, 900_000]))),
          () => setPath(body, forGroup ? "members" : "emails", Array.from({ length: r.pick([1000, 20_000]) }, (_, i) => (forGroup ? { value: `m${i}` } : { value: `e${i}@x.io`, type: "work" }))),
          () => setPath(body, "externalId", "e".repeat(70_000)),
          () => Object.assign(body, Object.fromEntries(Array.from({ length: 30_000 }, (_, i) => [`k${i}`, i]))),
          () => setPath(body, "phoneNumbers", Array.from({ length: 5000 }, () => ({ value: "+1".repeat(50) }))),
        ])();
        return { kind: "huge", method, path: pathFor(method), body: json(body), target: method === "PUT" ? id : undefined };
      },
    ],
    [
      "deep-nesting",
      () => {
        const method = r.pick(["POST", "PUT", "PATCH"]);
        const depth = r.pick([100, 1000, 10_000, 100_000]);
        const deep = deepJson(depth, r.pick(["object", "array"] as const));
        const body = r.pick<() => string>([
          () => deep,
          () => json({ ...validBody(), displayName: "x" }).replace(/"displayName":"x"/, `"displayName":${deep}`),
          () => json({ ...validBody(), name: "x" }).replace(/"name":"x"/, `"name":${deep}`),
          () => `{"schemas":["${PATCH_SCHEMA}"],"Operations":[{"op":"add","path":"${forGroup ? "members" : "emails"}","value":${deep}}]}`,
        ])();
        return { kind: "deep-nesting", method, path: method === "POST" ? coll : `${coll}/${id}`, body, target: method === "POST" ? undefined : id };
      },
    ],
    [
      "unknown-schema",
      () => {
        const method = write();
        const body = validBody();
        r.pick<() => void>([
          () => (body.schemas = ["urn:evil:schema"]),
          () => (body.schemas = []),
          () => (body.schemas = "urn:ietf:params:scim:schemas:core:2.0:User"),
          () => delete body.schemas,
          () => (body.schemas = [forGroup ? USER_SCHEMA : GROUP_SCHEMA]),
          () => (body["urn:evil:ext"] = { admin: true }),
          () => (body.schemas = [...(body.schemas as string[]), "urn:evil:ext"]),
          () => (body[ENTERPRISE] = wrongValue(r)),
          () => (body.schemas = [USER_SCHEMA, ENTERPRISE, ENTERPRISE, "urn:ietf:params:scim:schemas:extension:enterprise:2.0"]),
        ])();
        return { kind: "unknown-schema", method, path: pathFor(method), body: json(body), target: method === "PUT" ? id : undefined };
      },
    ],
    [
      "filter",
      () => {
        const params = new URLSearchParams();
        params.set("filter", filter(r));
        if (r.chance(0.3)) params.set(r.pick(["startIndex", "count"]), String(r.pick(["-1", "0", "abc", "1e10", "99999999999999999999", "1.5", "", " 5"])));
        if (r.chance(0.2)) params.set("sortBy", r.pick(["", "nope", "emails[type eq \"work\"].value", "meta", unicodeString(r)]));
        if (r.chance(0.2)) params.set("sortOrder", r.pick(["up", "", "DESCENDING"]));
        if (r.chance(0.2)) params.set(r.pick(["attributes", "excludedAttributes"]), r.pick(["", ",", "a,,b", "emails[type eq", "urn:x:y", "members.value.x", "x".repeat(2000)]));
        return { kind: "filter", method: "GET", path: `${coll}?${params.toString()}` };
      },
    ],
    [
      "search-filter",
      () => {
        const body: Record<string, unknown> = { schemas: [SEARCH], filter: r.chance(0.4) ? hugeFilter(r) : filter(r) };
        if (r.chance(0.3)) body[r.pick(["startIndex", "count", "attributes", "sortBy", "excludedAttributes"])] = wrongValue(r);
        if (r.chance(0.1)) body.schemas = ["urn:wrong"];
        return { kind: "search-filter", method: "POST", path: r.pick(["/.search", "/Users/.search", "/Groups/.search"]), body: json(body) };
      },
    ],
    ["bad-patch", () => ({ kind: "bad-patch", method: "PATCH", path: `${coll}/${id}`, body: json(patchOps(r, forGroup, ctx)), target: id })],
    [
      "wrong-method",
      () => {
        const [method, path] = r.pick<[string, string]>([
          ["PUT", "/Users"],
          ["PATCH", "/Users"],
          ["DELETE", "/Users"],
          ["PUT", "/Groups"],
          ["DELETE", "/Groups"],
          ["POST", `/Users/${user}`],
          ["POST", `/Groups/${group}`],
          ["GET", "/.search"],
          ["DELETE", "/Users/.search"],
          ["PUT", "/Groups/.search"],
          ["POST", "/ServiceProviderConfig"],
          ["PUT", "/Schemas"],
          ["DELETE", "/ResourceTypes/User"],
          ["PATCH", `/Schemas/${USER_SCHEMA}`],
          ["GET", "/Users/.search"],
        ]);
        return { kind: "wrong-method", method, path, body: method === "GET" || method === "DELETE" ? undefined : json(validBody()) };
      },
    ],
    [
      "bad-id",
      () => {
        const bad = r.pick([
          "does-not-exist",
          "%2e%2e%2f%2e%2e%2fetc%2fpasswd",
          "%00",
          pct("' OR 1=1 --"),
          pct(unicodeString(r)),
          "x".repeat(r.pick([300, 5000])),
          `${id}%20`,
          id.toUpperCase(),
          `${id}/extra`,
          `${id}/extra/more`,
          "%F0%9F%98%80",
          "%ZZ",
          "%C3%28",
          "..",
          "%2e",
          forGroup ? user : group,
        ]);
        const method = r.pick(["GET", "PUT", "PATCH", "DELETE"]);
        const body =
          method === "PUT" ? json(validBody()) : method === "PATCH" ? json({ schemas: [PATCH_SCHEMA], Operations: [{ op: "replace", path: "displayName", value: "x" }] }) : undefined;
        return { kind: "bad-id", method, path: `${coll}/${bad}`, body };
      },
    ],
    [
      "unicode",
      () => {
        const method = write();
        const body = validBody();
        setPath(body, r.pick(forGroup ? ["displayName", "externalId"] : ["userName", "displayName", "name.givenName", "nickName", "title", "externalId", "emails.0.value", "locale"]), r.chance(0.5) ? unicodeString(r) : `${unicodeString(r)}${n}`);
        let text = json(body);
        // Raw lone surrogates and invalid UTF-8 bytes, which JSON.stringify would escape.
        if (r.chance(0.3)) {
          const bytes = Buffer.from(text, "utf8");
          const at = Math.max(1, bytes.indexOf(Buffer.from("Fuzz")));
          const bad = Buffer.from(r.pick([[0xff], [0xc3, 0x28], [0xed, 0xa0, 0x80], [0xf0, 0x28, 0x8c, 0x28], [0x80]]));
          return { kind: "unicode", method, path: pathFor(method), body: new Uint8Array(Buffer.concat([bytes.subarray(0, at), bad, bytes.subarray(at)])), target: method === "PUT" ? id : undefined };
        }
        if (r.chance(0.3)) text = text.replace(/"displayName":"[^"]*"/, '"displayName":"\\ud800\\u0000\\u202e"');
        return { kind: "unicode", method, path: pathFor(method), body: text, target: method === "PUT" ? id : undefined };
      },
    ],
    [
      "oversized-body",
      () => {
        const method = r.pick(["POST", "PUT", "PATCH"]);
        const size = MiB + r.pick([1, 1024, MiB]);
        const pad = "p".repeat(size);
        const body = json({ ...validBody(), description: pad });
        return { kind: "oversized-body", method, path: method === "POST" ? coll : `${coll}/${id}`, body, stream: r.chance(0.4), target: method === "POST" ? undefined : id };
      },
    ],
    [
      "headers",
      () => {
        const method = r.pick(["GET", "PUT", "PATCH", "DELETE"]);
        const headers: Record<string, string> = {};
        headers[r.pick(["if-match", "if-none-match"])] = r.pick(['W/"0"', 'W/"-1"', '"x"', "*", "W/", 'W/"999999999999"', "garbage", "W/\"1\", W/\"2\""]);
        if (r.chance(0.5)) headers["content-type"] = r.pick(["application/xml", "multipart/form-data; boundary=x", "application/x-www-form-urlencoded", "image/png", "application/scim+json; charset=latin1"]);
        const body =
          method === "PUT" ? json(validBody()) : method === "PATCH" ? json({ schemas: [PATCH_SCHEMA], Operations: [{ op: "replace", path: "displayName", value: "x" }] }) : undefined;
        return { kind: "headers", method, path: `${coll}/${id}`, headers, body, target: method === "GET" ? undefined : id };
      },
    ],
    [
      "unknown-path",
      () => ({
        kind: "unknown-path",
        method: r.pick(["GET", "POST", "DELETE"]),
        path: r.pick(["/", "/Userz", "/users/", "/Users/x/y/z", "/v1/Users", "/Schemas/urn:nope", "/ResourceTypes/Nope", "/ServiceProviderConfig/extra", `/${pct(unicodeString(r))}`, "/Groups/%2F"]),
      }),
    ],
  ];
  const [, make] = r.pick(kinds);
  return make();
}
