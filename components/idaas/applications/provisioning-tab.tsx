"use client";

import { useEffect, useState } from "react";
import { useForm, useWatch } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { toast } from "sonner";
import { ConfirmDialog } from "@/components/confirm-dialog";
import { runWithToast } from "@/components/run-with-toast";
import { FormField } from "@/components/form-field";
import { Switch } from "@/components/switch";
import { setServerFieldErrors } from "@/components/server-errors";
import { errorMessage } from "@/lib/api-client";
import {
  MATCH_ATTRIBUTES,
  provisioningConfigInputSchema,
  type ProvisioningConfigFormValues,
} from "@/lib/idaas/provisioning/config/config-schema";
import { OPERATIONS } from "@/lib/idaas/provisioning/config/operations";
import { FieldMappingTable, MappingPreview } from "./field-mapping";
import { ProvisioningHealthBanner } from "./provisioning-health-banner";
import { PushNow } from "./push-now";
import { ScopeCoverage, ScopeDialog } from "./scope-dialog";
import {
  useProvisioning,
  useProvisioningHealth,
  useSaveProvisioning,
  useScopeOptions,
  useSetProvisioningEnabled,
  useTestConnectivity,
  type ApplicationView,
  type ConnectivityResult,
  type ProvisioningView,
} from "@/lib/client/idaas-applications";

const SWITCH_TITLE = "Provision IDaaS Accounts to Application";

function formValues(v: ProvisioningView): ProvisioningConfigFormValues {
  return {
    scimServerUrl: v.scimServerUrl,
    bearerToken: "",
    operations: v.operations,
    fullScope: v.fullScope,
    userMapping: v.userMapping,
    groupMapping: v.groupMapping,
    matchAttribute: (MATCH_ATTRIBUTES as readonly string[]).includes(v.matchAttribute)
      ? (v.matchAttribute as (typeof MATCH_ATTRIBUTES)[number])
      : "userName",
  };
}

/** Where a server field error shows: mapping errors above their table, the rest on their field. */
const errorPath = (field: string) => (field === "userMapping" || field === "groupMapping" ? `${field}.root` : field);

function Section({ title, description, children }: { title: string; description?: React.ReactNode; children: React.ReactNode }) {
  const id = `section-${title.replace(/\W+/g, "-").toLowerCase()}`;
  return (
    <section aria-labelledby={id} className="border-b border-line-2 py-5 last:border-b-0">
      <h3 id={id} className="mb-1 text-[14px] font-medium">
        {title}
      </h3>
      {description && <p className="mb-3 max-w-[760px] leading-5 text-text-3">{description}</p>}
      {children}
    </section>
  );
}

export function ProvisioningTab({ instanceId, app }: { instanceId: string; app: ApplicationView }) {
  const view = useProvisioning(instanceId, app.id);
  if (view.isLoading) return <div className="card text-text-3">Loading…</div>;
  if (view.error || !view.data)
    return (
      <div role="alert" className="card text-error">
        {view.error?.message ?? "The provisioning configuration could not be loaded."}
      </div>
    );
  return <ProvisioningForm instanceId={instanceId} app={app} view={view.data} />;
}

function ProvisioningForm({ instanceId, app, view }: { instanceId: string; app: ApplicationView; view: ProvisioningView }) {
  const [scopeOpen, setScopeOpen] = useState(false);
  const [confirmSwitch, setConfirmSwitch] = useState<boolean | null>(null);
  const [connectivity, setConnectivity] = useState<ConnectivityResult | null>(null);
  const setEnabled = useSetProvisioningEnabled(instanceId, app.id);
  const save = useSaveProvisioning(instanceId, app.id);
  const test = useTestConnectivity(instanceId, app.id);
  const scopeOptions = useScopeOptions(instanceId, app.id, true);
  const health = useProvisioningHealth(instanceId, app.id);

  const form = useForm<ProvisioningConfigFormValues>({
    resolver: zodResolver(provisioningConfigInputSchema),
    defaultValues: formValues(view),
  });
  const { register, handleSubmit, reset, setError, clearErrors, getValues, formState } = form;
  const [typedUrl, typedToken] = useWatch({ control: form.control, name: ["scimServerUrl", "bearerToken"] });
  const canTest = typedUrl.trim() !== "" && (typedToken !== "" || view.hasToken);

  // Another change on the page (the switch, the scope dialog, a refetch) updates the saved
  // configuration: take it into the fields the admin has not edited, never over typed input.
  useEffect(() => {
    reset(formValues(view), { keepDirtyValues: true });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- keyed on the save timestamp on purpose
  }, [view.updatedAt, reset]);

  const onSave = handleSubmit(async (values) => {
    // A result shown before this Save tested other values. Cleared when the Save starts, not when
    // it ends: a test run meanwhile (its answer can arrive first) must keep its result.
    setConnectivity(null);
    try {
      // After a Save the fields show what was saved (the typed token becomes the saved mask).
      reset(formValues(await save.mutateAsync(values)));
      toast.success("Provisioning configuration saved.");
    } catch (e) {
      setServerFieldErrors(e, setError, undefined, errorPath);
      toast.error(errorMessage(e));
    }
  });

  const onTest = async () => {
    setConnectivity(null);
    clearErrors(["scimServerUrl", "bearerToken"]);
    const { scimServerUrl, bearerToken } = getValues();
    try {
      setConnectivity(await test.mutateAsync({ scimServerUrl, bearerToken }));
    } catch (e) {
      setServerFieldErrors(e, setError, undefined, errorPath);
      setConnectivity({ ok: false, message: errorMessage(e) });
    }
  };

  const unitNames = new Map((scopeOptions.data?.units ?? []).map((u) => [u.id, u.name]));
  const groupNames = new Map((scopeOptions.data?.groups ?? []).map((g) => [g.id, g.name]));
  const scopeSummary = [
    ...view.scope.unitIds.map((id) => unitNames.get(id) ?? id),
    ...view.scope.groupIds.map((id) => groupNames.get(id) ?? id),
  ];
  const errors = formState.errors;

  return (
    <div className="card">
      <ProvisioningHealthBanner instanceId={instanceId} appId={app.id} health={health.data} />
      {!view.applicationEnabled && (
        <div role="note" className="mb-2 rounded-[2px] border border-warning bg-[#fff8e6] px-3 py-2">
          This application is disabled, so nothing is pushed to it. Changes made meanwhile are kept and delivered in order when
          it is enabled again (General tab or the Applications list).
        </div>
      )}

      {/* At the top, not after the long form: its progress and result stay in view when clicked. */}
      <div className="border-b border-line-2 pb-4">
        <PushNow instanceId={instanceId} appId={app.id} blockedReason={view.pushNowBlockedReason} />
      </div>

      <Section
        title="Configure Provisioning Scope"
        description="Accounts in the selected organizations (including sub-organizations) and members of the selected groups are provisioned."
      >
        <div className="flex flex-wrap items-center gap-3">
          <button type="button" className="btn" onClick={() => setScopeOpen(true)}>
            Configuration
          </button>
          <span className="text-text-2" data-testid="scope-summary">
            {scopeSummary.length === 0
              ? "No organization or group selected."
              : `Organization: ${view.scope.unitIds.length}, Group: ${view.scope.groupIds.length} — ${scopeSummary.join(", ")}`}
            {" — "}
            <ScopeCoverage instanceId={instanceId} appId={app.id} selection={view.scope} />
          </span>
        </div>
      </Section>

      <Section
        title={SWITCH_TITLE}
        description="When turned on, changes to accounts and groups within the provisioning scope are pushed to the application in real time, according to the Operation settings."
      >
        <div className="flex items-center gap-3">
          <Switch
            label={SWITCH_TITLE}
            checked={view.enabled}
            disabled={setEnabled.isPending}
            onCheckedChange={(next) => setConfirmSwitch(next)}
          />
          <span className={view.enabled ? "text-success" : "text-text-3"}>{view.enabled ? "Enabled" : "Disabled"}</span>
        </div>
      </Section>

      <form onSubmit={onSave} noValidate aria-label="Provisioning configuration">
        <Section title="Basic Configurations">
          <div className="max-w-[760px]">
            <FormField label="SCIM Server URL" required error={errors.scimServerUrl?.message} hint="The SCIM Endpoint copied from the target application, e.g. the CloudSSO console.">
              {(p) => <input {...p} className="input font-mono" autoComplete="off" spellCheck={false} {...register("scimServerUrl")} />}
            </FormField>
            <FormField
              label="Bearer Token Key Mode"
              required={!view.hasToken}
              error={errors.bearerToken?.message}
              hint={
                view.hasToken
                  ? `Saved token: ${view.tokenMask}. Leave empty to keep it; enter a new token to replace it.`
                  : "The SCIM credential generated in the target application. It is stored encrypted."
              }
            >
              {(p) => (
                <input
                  {...p}
                  type="password"
                  className="input font-mono"
                  autoComplete="new-password"
                  placeholder={view.hasToken ? view.tokenMask : ""}
                  {...register("bearerToken")}
                />
              )}
            </FormField>
          </div>
        </Section>

        <Section title="Operation" description="Subscribe to change events. When an account or group within the provisioning scope changes, the change is pushed to the application in real time.">
          <fieldset>
            <legend className="sr-only">Operation</legend>
            <div className="grid max-w-[760px] grid-cols-2 gap-2 sm:grid-cols-4">
              {OPERATIONS.map((op) => (
                <label key={op.key} className="flex items-center gap-2">
                  <input type="checkbox" value={op.key} {...register("operations")} />
                  {op.label}
                </label>
              ))}
            </div>
            {errors.operations && (
              <p role="alert" className="mt-1 text-error">
                {errors.operations.message ?? errors.operations.root?.message}
              </p>
            )}
          </fieldset>
        </Section>

        <Section title="Full Scope" description="The data Push Now pushes. Specify at least one item before using Push Now.">
          <fieldset className="flex gap-6">
            <legend className="sr-only">Full Scope</legend>
            <label className="flex items-center gap-2">
              <input type="checkbox" {...register("fullScope.accounts")} />
              Accounts
            </label>
            <label className="flex items-center gap-2">
              <input type="checkbox" {...register("fullScope.groups")} />
              Groups
            </label>
          </fieldset>
        </Section>

        <Section title="Field Mapping" description="How IDaaS account and group fields map to SCIM attributes. Edit the mappings as needed.">
          <FieldMappingTable form={form} name="userMapping" label="Account field mapping" />
          <div className="mt-3 max-w-[320px]">
            <FormField label="Matching Attribute" error={errors.matchAttribute?.message} hint="Used to find an existing user in the application before creating one.">
              {(p) => (
                <select {...p} className="input" {...register("matchAttribute")}>
                  {MATCH_ATTRIBUTES.map((a) => (
                    <option key={a} value={a}>
                      {a}
                    </option>
                  ))}
                </select>
              )}
            </FormField>
          </div>
          <MappingPreview instanceId={instanceId} appId={app.id} control={form.control} />
          <h4 className="mb-2 mt-5 font-medium">Group field mapping</h4>
          <FieldMappingTable form={form} name="groupMapping" label="Group field mapping" />
        </Section>

        <div className="flex flex-wrap items-start gap-3 pt-5">
          <button type="submit" className="btn btn-primary" disabled={formState.isSubmitting}>
            {formState.isSubmitting ? "Saving…" : "Save"}
          </button>
          {/* Not while saving: the Save finishing would clear the result of a test started meanwhile. */}
          <button type="button" className="btn" disabled={test.isPending || formState.isSubmitting || !canTest} onClick={onTest}>
            {test.isPending ? "Testing…" : "Test Connectivity"}
          </button>
        </div>
        {!canTest && (
          <p className="mt-2 text-text-3">Enter the SCIM Server URL and Bearer Token Key Mode to test connectivity.</p>
        )}
        {connectivity &&
          (connectivity.ok ? (
            <p role="status" className="mt-3 text-success">
              {connectivity.message}
            </p>
          ) : (
            <p role="alert" className="mt-3 text-error">
              Connectivity test failed: {connectivity.message}
            </p>
          ))}
      </form>

      {scopeOpen && (
        <ScopeDialog instanceId={instanceId} appId={app.id} open onOpenChange={setScopeOpen} current={view.scope} />
      )}

      <ConfirmDialog
        open={confirmSwitch !== null}
        onOpenChange={(o) => !o && setConfirmSwitch(null)}
        title={confirmSwitch ? "Enable Account Provisioning" : "Disable Account Provisioning"}
        okLabel={confirmSwitch ? "Enable" : "OK"}
        message={
          confirmSwitch
            ? `After provisioning is enabled, accounts and groups within the provisioning scope are pushed to "${app.name}" as they change, according to the Operation settings. Continue?`
            : `After provisioning is disabled, changes are no longer pushed to "${app.name}": they are kept and delivered in order when you turn it on again. Accounts already provisioned stay in the application. Continue?`
        }
        onConfirm={async () => {
          if (confirmSwitch === null) return;
          await runWithToast(
            () => setEnabled.mutateAsync({ enabled: confirmSwitch }),
            confirmSwitch ? "Account provisioning enabled." : "Account provisioning disabled.",
          );
        }}
      />
    </div>
  );
}
