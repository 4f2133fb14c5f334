import { ApplicationDetail } from "@/components/idaas/applications/application-detail";

export const metadata = { title: "Application — IDaaS" };

export default async function ApplicationPage({
  params,
  searchParams,
}: {
  params: Promise<{ instanceId: string; appId: string }>;
  searchParams: Promise<{ tab?: string }>;
}) {
  const { instanceId, appId } = await params;
  const { tab } = await searchParams;
  return <ApplicationDetail instanceId={instanceId} appId={appId} initialTab={tab} />;
}
