import "server-only";
import { db } from "@/lib/db";
import { insertRows } from "@/lib/db-bulk";
import type { Prisma } from "@/lib/generated/prisma/client";

type Client = Prisma.TransactionClient | typeof db;

/** Local id ↔ remote SCIM id, with the hash of the representation last pushed. */
export interface Link {
  applicationId: string;
  objectType: "user" | "group";
  localId: string;
  remoteId: string;
  pushedHash: string;
  disabled: boolean;
  /** The `active` value last pushed (users; true for groups). */
  remoteActive?: boolean;
}
type LinkKey = Pick<Link, "applicationId" | "objectType" | "localId">;

/**
 * Link changes not yet in the database. Push Now batches its link writes with its log rows for
 * speed; real-time deliveries in the same process must still see them at once, or a delete
 * arriving between the remote create and the batch write would miss the remote user. An entry
 * is dropped once written: the database has it, and every open push snapshot has taken it in.
 */
interface Staged {
  link: Link | null;
}
/** An open push snapshot: the links of one kind, kept current with every write. */
interface SnapshotState {
  applicationId: string;
  objectType: Link["objectType"];
  base: Map<string, Link>;
  /** Keys written while the snapshot was still loading: the load must not overwrite them. */
  touched: Set<string> | null;
}
const g = globalThis as unknown as { provisioningLinkOverlay?: Map<string, Staged>; provisioningLinkSnapshots?: Set<SnapshotState> };
const overlay = (g.provisioningLinkOverlay ??= new Map());
const openSnapshots = (g.provisioningLinkSnapshots ??= new Set());

const keyOf = (k: LinkKey) => `${k.applicationId}|${k.objectType}|${k.localId}`;

function toLink(
  row: { applicationId: string; localId: string; remoteId: string; pushedHash: string; disabled: boolean; remoteActive: boolean },
  objectType: Link["objectType"],
): Link {
  return {
    applicationId: row.applicationId,
    objectType,
    localId: row.localId,
    remoteId: row.remoteId,
    pushedHash: row.pushedHash,
    disabled: row.disabled,
    remoteActive: row.remoteActive,
  };
}

export async function getLink(applicationId: string, objectType: Link["objectType"], localId: string): Promise<Link | null> {
  const staged = overlay.get(keyOf({ applicationId, objectType, localId }));
  if (staged) return staged.link;
  const row = await db.provisioningLink.findUnique({
    where: { applicationId_objectType_localId: { applicationId, objectType, localId } },
  });
  return row ? toLink(row, objectType) : null;
}

const SNAPSHOT_PAGE = 5000;

/**
 * A consistent view of every link of one kind for a push: the database snapshot plus staged
 * changes, kept current as links are written (so written changes need not stay staged for the
 * whole push, which would hold every link twice). Call `release()` when the push ends.
 */
export async function openLinkSnapshot(applicationId: string, objectType: Link["objectType"]) {
  const state: SnapshotState = { applicationId, objectType, base: new Map(), touched: new Set() };
  openSnapshots.add(state);
  // Read a page at a time: 100,000 links in one query are several times their size in transit.
  for (let after = ""; ; ) {
    const rows = await db.provisioningLink.findMany({
      where: { applicationId, objectType, localId: { gt: after } },
      orderBy: { localId: "asc" },
      take: SNAPSHOT_PAGE,
    });
    for (const r of rows) if (!state.touched!.has(r.localId)) state.base.set(r.localId, toLink(r, objectType));
    if (rows.length < SNAPSHOT_PAGE) break;
    after = rows[rows.length - 1].localId;
  }
  state.touched = null;
  const { base } = state;
  return {
    get(localId: string): Link | null {
      const staged = overlay.get(keyOf({ applicationId, objectType, localId }));
      return staged ? staged.link : (base.get(localId) ?? null);
    },
    /** Every linked local id, including links staged since the snapshot was taken. */
    localIds(): string[] {
      const ids = new Set(base.keys());
      for (const [key, s] of overlay) {
        const [app, type, id] = key.split("|");
        if (app !== applicationId || type !== objectType) continue;
        if (s.link) ids.add(id);
        else ids.delete(id);
      }
      return [...ids];
    },
    release() {
      openSnapshots.delete(state);
    },
  };
}
export type LinkSnapshot = Awaited<ReturnType<typeof openLinkSnapshot>>;

/** Record a link change in memory now; `writeLinkChanges` persists it. */
export function stageLink(change: { save: Link } | { remove: LinkKey }) {
  if ("save" in change) overlay.set(keyOf(change.save), { link: change.save });
  else overlay.set(keyOf(change.remove), { link: null });
}

/** Prisma's SQLite DateTime text format. */
/**
 * Writes many link changes: saves as multi-row upserts (a Push Now writes thousands, a few
 * statements instead of one per link), removals one by one (they are rare).
 */
export async function writeLinkChanges(changes: ({ save: Link } | { remove: LinkKey })[], client: Client) {
  // Later changes to the same link win; keep only the last one per key, in order.
  const last = new Map<string, { save: Link } | { remove: LinkKey }>();
  for (const c of changes) {
    const key = keyOf("save" in c ? c.save : c.remove);
    last.delete(key);
    last.set(key, c);
  }
  const saves: Link[] = [];
  for (const c of last.values()) {
    if ("save" in c) saves.push(c.save);
    else await deleteLink(c.remove, client);
  }
  const updatedAt = new Date();
  await insertRows(
    client,
    "ProvisioningLink",
    ["applicationId", "objectType", "localId", "remoteId", "pushedHash", "disabled", "remoteActive", "updatedAt"],
    saves.map((l) => ({ ...l, remoteActive: l.remoteActive !== false, updatedAt })),
    `ON CONFLICT ("applicationId", "objectType", "localId") DO UPDATE SET "remoteId" = excluded."remoteId", "pushedHash" = excluded."pushedHash", "disabled" = excluded."disabled", "remoteActive" = excluded."remoteActive", "updatedAt" = excluded."updatedAt"`,
  );
}

/** After the transaction that wrote them commits: open snapshots take them in, the overlay forgets them. */
export function markLinksWritten(changes: ({ save: Link } | { remove: LinkKey })[]) {
  for (const change of changes) {
    const k = "save" in change ? change.save : change.remove;
    const current = "save" in change ? change.save : null;
    for (const snap of openSnapshots) {
      if (snap.applicationId !== k.applicationId || snap.objectType !== k.objectType) continue;
      if (current) snap.base.set(k.localId, current);
      else snap.base.delete(k.localId);
      snap.touched?.add(k.localId);
    }
    const key = keyOf(k);
    // A newer change staged since stays until its own write.
    if (overlay.get(key)?.link === current) overlay.delete(key);
  }
}

export async function deleteLink(key: LinkKey, client: Client = db) {
  await client.provisioningLink.deleteMany({ where: { applicationId: key.applicationId, objectType: key.objectType, localId: key.localId } });
}

/** Real-time path: stage, write at once, then let the overlay forget it. */
export async function applyLinkChange(change: { save: Link } | { remove: LinkKey } | null) {
  if (!change) return;
  stageLink(change);
  await writeLinkChanges([change], db);
  markLinksWritten([change]);
}
