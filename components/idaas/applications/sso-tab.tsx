"use client";

import { useState } from "react";
import { useForm, useWatch } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { toast } from "sonner";
import { ConfirmDialog } from "@/components/confirm-dialog";
import { CopyButton } from "@/components/copy-button";
import { FormField } from "@/components/form-field";
import { runWithToast } from "@/components/run-with-toast";
import { showServerErrors } from "@/components/server-errors";
import { AccountPickerDialog } from "@/components/idaas/account-picker-dialog";
import { formatTime } from "@/lib/format";
import {
  AUTHORIZE_MODE_LABELS,
  AUTHORIZE_MODES,
  ssoSettingsSchema,
  USERNAME_SOURCE_LABELS,
  USERNAME_SOURCES,
  type SsoSettingsInput,
} from "@/lib/idaas/sso/schemas";
import { useRotateCertificate, useSaveSsoSettings, useSsoSettings, type SsoView } from "@/lib/client/idaas-sso";
import type { ApplicationView } from "@/lib/client/idaas-applications";
import { SsoUnitPickerDialog } from "./sso-unit-picker";

/**
 * The SSO tab of an Alibaba Cloud - CloudSSO application (reference §3): IDaaS is the SAML
 * identity provider. The admin downloads the IdP metadata for CloudSSO › Settings › SSO Logon ›
 * Configure IdP, then pastes CloudSSO's ACS URL and Entity ID here and saves.
 */
export function SsoTab({ instanceId, app }: { instanceId: string; app: ApplicationView }) {
  const view = useSsoSettings(instanceId, app.id);
  if (view.error) {
    return (
      <div role="alert" className="card text-error">
        {view.error.message}
      </div>
    );
  }
  if (!view.data) return <div className="card h-40 animate-pulse" aria-label="Loading SSO settings" />;
  return (
    <div className="flex max-w-[860px] flex-col gap-4">
      <IdpInformation instanceId={instanceId} view={view.data} />
      <SsoSettingsForm instanceId={instanceId} appId={app.id} view={view.data} />
    </div>
  );
}

function IdpInformation({ instanceId, view }: { instanceId: string; view: SsoView }) {
  const rotate = useRotateCertificate(instanceId);
  const [confirmRotate, setConfirmRotate] = useState(false);
  const row = (label: string, value: string) => (
    <>
      <dt className="text-text-3">{label}</dt>
      <dd className="flex min-w-0 items-center gap-2">
        <span className="min-w-0 break-all font-mono">{value}</span>
        <CopyButton text={value} className="link" />
      </dd>
    </>
  );
  return (
    <section className="card" aria-label="IdP Information">
      <h2 className="mb-1 text-[14px] font-medium">IdP Information</h2>
      <p className="mb-3 text-text-3">
        Download the IdP metadata and upload it in CloudSSO › Settings › SSO Logon › Configure IdP › Upload Metadata File.
      </p>
      <dl className="mb-4 grid grid-cols-[160px_1fr] gap-y-2">
        {row("IdP Entity ID", view.idp.entityId)}
        {row("IdP SSO URL", view.idp.ssoUrl)}
        <dt className="text-text-3">Signing Certificate</dt>
        <dd>
          <span className="break-all font-mono">SHA-256 {view.idp.certificate.fingerprint}</span>
          <span className="ml-2 text-text-3">valid until {formatTime(view.idp.certificate.notAfter)}</span>
        </dd>
        {row("IDaaS User Portal", view.portalUrl)}
      </dl>
      <div className="flex gap-2">
        <a className="btn btn-primary" href={`${view.idp.metadataUrl}?download=1`} download>
          Download IdP Metadata
        </a>
        <button type="button" className="btn" onClick={() => setConfirmRotate(true)}>
          Rotate Certificate
        </button>
      </div>
      <ConfirmDialog
        open={confirmRotate}
        onOpenChange={setConfirmRotate}
        title="Rotate Certificate"
        message="A new signing key and certificate replace the current ones for every application. Sign-in to CloudSSO fails until the new IdP metadata is uploaded there (Configure IdP)."
        onConfirm={() => runWithToast(() => rotate.mutateAsync(), "Certificate rotated. Upload the new IdP metadata to CloudSSO.")}
      />
    </section>
  );
}

type Grant = { id: string; label: string };

function SsoSettingsForm({ instanceId, appId, view }: { instanceId: string; appId: string; view: SsoView }) {
  const save = useSaveSsoSettings(instanceId, appId);
  const defaults = (v: SsoView): SsoSettingsInput => ({
    authorizeMode: v.authorizeMode,
    unitIds: v.units.map((u) => u.id),
    accountIds: v.accounts.map((a) => a.id),
    acsUrl: v.acsUrl,
    spEntityId: v.spEntityId,
    usernameSource: v.usernameSource,
  });
  const { register, handleSubmit, reset, setError, setValue, control, formState } = useForm<SsoSettingsInput>({
    resolver: zodResolver(ssoSettingsSchema),
    defaultValues: defaults(view),
  });
  const [units, setUnits] = useState<Grant[]>(() => view.units.map((u) => ({ id: u.id, label: u.name })));
  const [accounts, setAccounts] = useState<Grant[]>(() => view.accounts.map((a) => ({ id: a.id, label: a.username })));
  const [picker, setPicker] = useState<"unit" | "account" | null>(null);

  const setGrants = (kind: "unit" | "account", next: Grant[]) => {
    if (kind === "unit") setUnits(next);
    else setAccounts(next);
    setValue(
      kind === "unit" ? "unitIds" : "accountIds",
      next.map((g) => g.id),
      { shouldDirty: true },
    );
  };
  const merge = (current: Grant[], added: Grant[]) => [...current, ...added.filter((a) => !current.some((c) => c.id === a.id))];

  const manual = useWatch({ control, name: "authorizeMode" }) === "Manual";
  const onSubmit = handleSubmit(async (values) => {
    try {
      const saved = await save.mutateAsync(values);
      reset(defaults(saved));
      toast.success("SSO settings saved.");
    } catch (e) {
      showServerErrors(e, setError, ["authorizeMode", "unitIds", "accountIds", "acsUrl", "spEntityId", "usernameSource"]);
    }
  });

  const grantList = (kind: "unit" | "account", label: string, list: Grant[], error?: string) => (
    <div className="mb-3">
      <div className="mb-1 flex items-center gap-3">
        <span className="text-text-2">{label}</span>
        <button type="button" className="link" onClick={() => setPicker(kind)}>
          {kind === "unit" ? "Add Organization" : "Add Account"}
        </button>
      </div>
      {list.length === 0 ? (
        <p className="text-text-3">None.</p>
      ) : (
        <ul className="flex flex-wrap gap-2" aria-label={label}>
          {list.map((g) => (
            <li key={g.id} className="flex items-center gap-1 rounded-[2px] border border-line-2 bg-hover px-2 py-0.5">
              {g.label}
              <button
                type="button"
                className="text-text-3 hover:text-error"
                aria-label={`Remove ${g.label}`}
                onClick={() => setGrants(kind, list.filter((x) => x.id !== g.id))}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      {error && (
        <p role="alert" className="mt-1 text-error">
          {error}
        </p>
      )}
    </div>
  );

  return (
    <form onSubmit={onSubmit} noValidate className="card" aria-label="SSO">
      <h2 className="mb-3 text-[14px] font-medium">SSO</h2>
      <fieldset className="mb-4">
        <legend className="mb-1 text-text-2">Authorize</legend>
        <div className="flex gap-6">
          {AUTHORIZE_MODES.map((m) => (
            <label key={m} className="flex items-center gap-1.5">
              <input type="radio" value={m} {...register("authorizeMode")} />
              {AUTHORIZE_MODE_LABELS[m]}
            </label>
          ))}
        </div>
        <p className="mt-1 text-text-3">
          {manual
            ? "Only the organizations (with their sub-organizations) and accounts below see the application in the IDaaS user portal."
            : "Every account of the instance may sign in to the application."}
        </p>
      </fieldset>
      {manual && (
        <div className="mb-4 rounded-[2px] border border-line-2 p-3">
          {grantList("unit", "Authorized Organizations", units, formState.errors.unitIds?.message)}
          {grantList("account", "Authorized Accounts", accounts, formState.errors.accountIds?.message)}
        </div>
      )}
      <FormField
        label="CloudSSO ACS URL"
        error={formState.errors.acsUrl?.message}
        hint="Copy it from CloudSSO › Settings › SSO Logon (ACS URL). The signed SAML response is posted here."
      >
        {(p) => <input {...p} className="input" autoComplete="off" placeholder="https://…/saml/acs/…" {...register("acsUrl")} />}
      </FormField>
      <FormField
        label="CloudSSO Entity ID"
        error={formState.errors.spEntityId?.message}
        hint="Copy it from CloudSSO › Settings › SSO Logon (Entity ID). The assertion's Audience."
      >
        {(p) => <input {...p} className="input" autoComplete="off" placeholder="https://…/saml/sp/…" {...register("spEntityId")} />}
      </FormField>
      <FormField
        label="Application Username"
        error={formState.errors.usernameSource?.message}
        hint="Sent as the SAML NameID. It must equal the user's CloudSSO username."
      >
        {(p) => (
          <select {...p} className="input" {...register("usernameSource")}>
            {USERNAME_SOURCES.map((s) => (
              <option key={s} value={s}>
                {USERNAME_SOURCE_LABELS[s]}
              </option>
            ))}
          </select>
        )}
      </FormField>
      {!view.configured && (
        <p className="mb-3 text-text-3">
          Until both CloudSSO values are saved, the application does not appear in the IDaaS user portal.
        </p>
      )}
      <button type="submit" className="btn btn-primary" disabled={formState.isSubmitting}>
        {formState.isSubmitting ? "Saving…" : "Save"}
      </button>
      {picker === "unit" && (
        <SsoUnitPickerDialog
          instanceId={instanceId}
          selected={units.map((u) => u.id)}
          onClose={() => setPicker(null)}
          onConfirm={(picked) => {
            setGrants("unit", picked.map((u) => ({ id: u.id, label: u.name })));
            setPicker(null);
          }}
        />
      )}
      {picker === "account" && (
        <AccountPickerDialog
          instanceId={instanceId}
          title="Add Account"
          onClose={() => setPicker(null)}
          onConfirm={async (ids, usernames) => {
            setGrants("account", merge(accounts, ids.map((id, i) => ({ id, label: usernames[i] ?? id }))));
            setPicker(null);
          }}
        />
      )}
    </form>
  );
}
