const p = (n: number) => String(n).padStart(2, "0");

/** The viewer's time zone as the console names it: "UTC+8", "UTC-3:30", "UTC+0". */
export function timeZoneLabel(at: Date = new Date()): string {
  const offset = -at.getTimezoneOffset();
  const abs = Math.abs(offset);
  return `UTC${offset < 0 ? "-" : "+"}${Math.floor(abs / 60)}${abs % 60 ? `:${p(abs % 60)}` : ""}`;
}

/**
 * Console date format: 2026-11-29 07:05:12 UTC+8 in the viewer's local time, named by its zone
 * (`zone: false` leaves the zone out where it is shown once nearby). Empty or invalid: "-".
 */
export function formatTime(iso: string | null | undefined, { zone = true }: { zone?: boolean } = {}): string {
  if (!iso) return "-";
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return "-";
  const time = `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
  return zone ? `${time} ${timeZoneLabel(d)}` : time;
}

/** Whole days from now until `iso` (negative when past). */
export function daysUntil(iso: string, now = Date.now()): number {
  return Math.floor((new Date(iso).getTime() - now) / 86_400_000);
}

/** Relative time for recent events: "just now", "2 min ago", "3 h ago", "4 days ago". */
export function timeAgo(iso: string | null | undefined, now = Date.now()): string {
  if (!iso) return "-";
  const t = new Date(iso).getTime();
  if (Number.isNaN(t)) return "-";
  const s = Math.max(0, Math.round((now - t) / 1000));
  if (s < 45) return "just now";
  const m = Math.round(s / 60);
  if (m < 60) return `${m} min ago`;
  const h = Math.round(m / 60);
  if (h < 24) return `${h} h ago`;
  const d = Math.round(h / 24);
  return `${d} day${d === 1 ? "" : "s"} ago`;
}
