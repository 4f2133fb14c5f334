import { AccessConfigurationDetail } from "@/components/cloudsso/access/access-configuration-detail";

export default async function AccessConfigurationPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <AccessConfigurationDetail id={id} />;
}
