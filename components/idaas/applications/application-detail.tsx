"use client";

import { useState } from "react";
import { PageHeader } from "@/components/page-header";
import { instanceCrumbs } from "@/components/idaas/instance-crumbs";
import { StatusBadge } from "@/components/status-badge";
import { Tabs } from "@/components/tabs";
import { GeneralTab } from "./general-tab";
import { ProvisioningTab } from "./provisioning-tab";
import { SsoTab } from "./sso-tab";
import { useApplication } from "@/lib/client/idaas-applications";

const TABS = ["general", "provisioning", "sso"] as const;
type TabValue = (typeof TABS)[number];

export function ApplicationDetail({
  instanceId,
  instanceName,
  appId,
  initialTab,
}: {
  instanceId: string;
  instanceName: string;
  appId: string;
  initialTab?: string;
}) {
  const app = useApplication(instanceId, appId);
  const [tab, setTab] = useState<TabValue>(TABS.includes(initialTab as TabValue) ? (initialTab as TabValue) : "general");
  const base = `/idaas/instances/${instanceId}`;

  const crumbs = instanceCrumbs(
    instanceId,
    instanceName,
    { label: "Application Management" },
    { label: "Applications", href: `${base}/applications` },
    { label: app.data?.name ?? appId },
  );

  if (app.isLoading) {
    return (
      <>
        <PageHeader crumbs={crumbs} title={<span className="inline-block h-6 w-48 animate-pulse rounded-[2px] bg-line-2" aria-label="Loading" />} />
        <div className="card h-40 animate-pulse" aria-hidden />
      </>
    );
  }
  if (app.error || !app.data) {
    return (
      <>
        <PageHeader crumbs={crumbs} title="Application" />
        <div role="alert" className="card text-error">
          {app.error?.message ?? "The application could not be loaded."}
        </div>
      </>
    );
  }

  return (
    <>
      <PageHeader
        crumbs={crumbs}
        title={
          <span className="flex items-center gap-3">
            {app.data.name}
            <span className="text-[12px] font-normal">
              <StatusBadge status={app.data.status} />
            </span>
          </span>
        }
      />
      <Tabs
        label="Application details"
        value={tab}
        onValueChange={(v) => {
          setTab(v as TabValue);
          // Keep the tab in the URL so a reload or a shared link opens the same tab.
          const url = new URL(window.location.href);
          url.searchParams.set("tab", v);
          window.history.replaceState(null, "", url);
        }}
        tabs={[
          { value: "general", label: "General", content: <GeneralTab instanceId={instanceId} app={app.data} /> },
          { value: "provisioning", label: "Provisioning", content: <ProvisioningTab instanceId={instanceId} app={app.data} /> },
          // SAML SSO from IDaaS (issue 14): the CloudSSO template only.
          ...(app.data.templateId === "cloudsso" ? [{ value: "sso", label: "SSO", content: <SsoTab instanceId={instanceId} app={app.data} /> }] : []),
        ]}
      />
    </>
  );
}
