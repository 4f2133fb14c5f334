import { ApplicationDetail } from "@/components/idaas/applications/application-detail";
import { getInstance } from "@/lib/idaas/instance";

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
  const instance = await getInstance(instanceId);
  return <ApplicationDetail instanceId={instanceId} instanceName={instance.name} appId={appId} initialTab={tab} />;
}
