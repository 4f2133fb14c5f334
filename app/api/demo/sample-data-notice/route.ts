import { consoleApi } from "@/lib/api-handler";
import { dismissSampleDataNotice, sampleDataNotice } from "@/lib/demo/sample-data";

export const dynamic = "force-dynamic";

/** The one-time "sample data loaded" notice: { notice: null } once dismissed (or never loaded). */
export const GET = consoleApi(async () => ({ notice: await sampleDataNotice() }));

export const DELETE = consoleApi(async () => {
  await dismissSampleDataNotice();
  return { notice: null };
});
