import "server-only";
import { db } from "@/lib/db";
import { isUniqueViolation } from "@/lib/db-errors";
import { directoriesEmpty, seedDemo } from "./seed-demo";
import type { DemoSummary, SampleDataNotice } from "./types";

/**
 * The first start of a database loads the sample data (IDaaS organization, CloudSSO manual users)
 * unless SAMPLE_DATA=off, and the landing page says so once. "First start" is remembered in
 * AppSetting, so an admin who later deletes everything is not handed the sample back on restart.
 */
const FIRST_START_KEY = "sample-data.first-start";
const NOTICE_KEY = "sample-data.notice";

/** SAMPLE_DATA=off (or false, no, 0) starts empty; anything else, or unset, loads the sample. */
export function sampleDataWanted(value = process.env.SAMPLE_DATA): boolean {
  return !/^(off|false|no|0)$/i.test((value ?? "").trim());
}

export type FirstStartOutcome =
  /** This database was started before: nothing done. */
  | { kind: "started-before" }
  /** First start with SAMPLE_DATA=off: left empty. */
  | { kind: "off" }
  /** First start of a database that already holds data (made before this version): left alone. */
  | { kind: "not-empty" }
  | { kind: "loaded"; summary: DemoSummary };

/** Called once per server process at start-up (lib/server-start.ts). */
export async function loadSampleDataOnFirstStart(): Promise<FirstStartOutcome> {
  if (await db.appSetting.findUnique({ where: { key: FIRST_START_KEY } })) return { kind: "started-before" };
  let outcome: FirstStartOutcome;
  if (!sampleDataWanted()) outcome = { kind: "off" };
  else if (!(await directoriesEmpty())) outcome = { kind: "not-empty" };
  else {
    const summary = await seedDemo();
    await showSampleDataNotice(summary);
    outcome = { kind: "loaded", summary };
  }
  await markFirstStart(outcome.kind);
  return outcome;
}

/** `npm run demo` seeded (or kept) the data itself: a later start must not seed again. */
export async function markFirstStart(kind: FirstStartOutcome["kind"] | "demo"): Promise<void> {
  const value = JSON.stringify({ at: new Date().toISOString(), outcome: kind });
  try {
    await db.appSetting.create({ data: { key: FIRST_START_KEY, value } });
  } catch (err) {
    if (!isUniqueViolation(err)) throw err; // marked already: keep the first record
  }
}

export async function showSampleDataNotice(summary: DemoSummary): Promise<void> {
  const value = JSON.stringify({ loadedAt: new Date().toISOString(), summary } satisfies SampleDataNotice);
  await db.appSetting.upsert({ where: { key: NOTICE_KEY }, update: { value }, create: { key: NOTICE_KEY, value } });
}

/** The landing page's notice, until the admin dismisses it. */
export async function sampleDataNotice(): Promise<SampleDataNotice | null> {
  const row = await db.appSetting.findUnique({ where: { key: NOTICE_KEY } });
  if (!row) return null;
  try {
    return JSON.parse(row.value) as SampleDataNotice;
  } catch {
    return null;
  }
}

export async function dismissSampleDataNotice(): Promise<void> {
  await db.appSetting.deleteMany({ where: { key: NOTICE_KEY } });
}

/** The console line a first start prints when it loads the sample. */
export function sampleDataLoadedLine(s: DemoSummary): string {
  return (
    `Sample data loaded (first start): ${s.units} organizational units, ${s.accounts} accounts and ${s.groups} groups in IDaaS; ` +
    `${s.cloudSsoUsers} manual users in CloudSSO. Start a new database with SAMPLE_DATA=off to begin empty.`
  );
}
