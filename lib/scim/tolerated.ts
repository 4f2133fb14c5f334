import { AsyncLocalStorage } from "node:async_hooks";

/**
 * Deviations from RFC 7644 this server accepts because real clients send them (Microsoft's and
 * Okta's published test suites among them), noted per request so the SCIM Request Log can say
 * "Tolerated: …" next to the exchange. Outside collectTolerated() notes go nowhere.
 */
const current = new AsyncLocalStorage<string[]>();

export function noteTolerated(note: string): void {
  const notes = current.getStore();
  if (notes && !notes.includes(note) && notes.length < 10) notes.push(note);
}

/** Runs `fn`, collecting the notes of everything it (and what it awaits) tolerated. */
export async function collectTolerated<T>(fn: () => Promise<T>): Promise<{ result: T; notes: string[] }> {
  const notes: string[] = [];
  const result = await current.run(notes, fn);
  return { result, notes };
}
