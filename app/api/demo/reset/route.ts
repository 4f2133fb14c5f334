import { consoleApi, parseBody } from "@/lib/api-handler";
import { resetDemo, resetPreview } from "@/lib/demo/seed-demo";
import { resetDemoSchema } from "@/lib/demo/schemas";

export const dynamic = "force-dynamic";

/** What a reset would delete now (the dialog shows it before asking for RESET). */
export const GET = consoleApi(async () => resetPreview());

/** Resets both consoles to the sample data; the body must say { confirm: "RESET" }. */
export const POST = consoleApi(async (req) => {
  await parseBody(req, resetDemoSchema);
  return { ok: true, summary: await resetDemo() };
});
