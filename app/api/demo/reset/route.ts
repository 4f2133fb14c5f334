import { consoleApi } from "@/lib/api-handler";
import { resetDemo } from "@/lib/demo/seed-demo";

export const dynamic = "force-dynamic";

/** Resets both consoles to the demo starting point (signed-in administrators only). */
export const POST = consoleApi(async () => ({ ok: true, summary: await resetDemo() }));
