"use client";

import { useState } from "react";
import { toast } from "sonner";
import { Switch } from "@/components/switch";
import { ConfirmDialog } from "@/components/confirm-dialog";
import { runWithToast } from "@/components/run-with-toast";
import { SecretDialog } from "@/components/secret-dialog";
import { CopyButton } from "@/components/copy-button";
import { StatusBadge } from "@/components/status-badge";
import { daysUntil, formatTime } from "@/lib/format";
import {
  useCreateCredential,
  useCredentials,
  useSetScim,
  useSettings,
  useUpdateCredential,
  type CredentialView,
} from "@/lib/client/cloudsso";
import { errorMessage } from "@/lib/api-client";

const SECTION = "SCIM-based User Synchronization Configuration";

type PendingAction = { kind: "disable" | "enable" | "delete"; credential: CredentialView } | null;

export function ScimSettings() {
  const settings = useSettings();
  const credentials = useCredentials();
  const setScim = useSetScim();
  const create = useCreateCredential();
  const update = useUpdateCredential();
  const [confirmOff, setConfirmOff] = useState(false);
  const [secret, setSecret] = useState<{ id: string; value: string } | null>(null);
  const [pending, setPending] = useState<PendingAction>(null);

  if (settings.isLoading) return <div className="card text-text-3">Loading…</div>;
  if (settings.error || !settings.data)
    return <div role="alert" className="card text-error">{settings.error?.message ?? "Failed to load settings."}</div>;

  const { scimEnabled, scimEndpoint, maxCredentials } = settings.data;
  const list = credentials.data?.items ?? [];
  const atLimit = list.length >= maxCredentials;

  const toggle = async (next: boolean) => {
    if (!next) return setConfirmOff(true);
    try {
      await setScim.mutateAsync(true);
      toast.success("SCIM synchronization is turned on.");
    } catch (e) {
      toast.error(errorMessage(e));
    }
  };

  return (
    <section className="card" aria-labelledby="scim-section-title">
      <div className="mb-4 flex items-center gap-3">
        <h2 id="scim-section-title" className="text-[14px] font-medium">
          {SECTION}
        </h2>
        <Switch label={SECTION} checked={scimEnabled} disabled={setScim.isPending} onCheckedChange={toggle} />
        <span className={scimEnabled ? "text-success" : "text-text-3"}>{scimEnabled ? "Enabled" : "Disabled"}</span>
      </div>
      <p className="mb-4 max-w-[760px] leading-5 text-text-2">
        When SCIM synchronization is turned on, an identity provider such as IDaaS can create, update and delete CloudSSO
        users and groups through the SCIM endpoint below, authenticating with a SCIM credential. Users and groups
        synchronized by SCIM are read-only in this console while synchronization is on.
      </p>

      <div className="mb-5 max-w-[760px]">
        <label htmlFor="scim-endpoint" className="mb-1 block text-text-2">
          SCIM Endpoint
        </label>
        <div className="flex gap-2">
          <input id="scim-endpoint" className="input font-mono" readOnly value={scimEndpoint} />
          <CopyButton text={scimEndpoint} />
        </div>
      </div>

      <div className="mb-3 flex items-center gap-3">
        <button
          type="button"
          className="btn btn-primary"
          disabled={!credentials.data || atLimit || create.isPending}
          aria-describedby={atLimit ? "credential-limit" : undefined}
          onClick={async () => {
            try {
              const created = await create.mutateAsync();
              setSecret({ id: created.CredentialId, value: created.CredentialSecret });
            } catch (e) {
              toast.error(errorMessage(e));
            }
          }}
        >
          Generate New SCIM Credential
        </button>
        {atLimit && (
          <span id="credential-limit" className="text-text-3">
            You can create at most {maxCredentials} SCIM credentials. Delete a credential to generate a new one.
          </span>
        )}
      </div>

      <table className="w-full border-collapse text-left" aria-label="SCIM credentials" aria-busy={credentials.data ? undefined : true}>
        <thead>
          <tr className="bg-selected">
            {["Credential ID", "Type", "Created", "Expires", "Last Used", "Status", "Actions"].map((h) => (
              <th key={h} scope="col" className="h-10 px-4 font-medium">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {list.map((c) => {
            const days = daysUntil(c.ExpireTime);
            return (
              <tr key={c.CredentialId} className="border-b border-line-2 hover:bg-hover">
                <td className="h-10 px-4 font-mono">{c.CredentialId}</td>
                <td className="px-4">{c.CredentialType}</td>
                <td className="px-4">{formatTime(c.CreateTime)}</td>
                <td className="px-4">
                  {formatTime(c.ExpireTime)}
                  {days < 0 ? (
                    <span className="ml-2 text-error">Expired</span>
                  ) : days < 90 ? (
                    <span className="ml-2 text-[#c77700]">expires in {days} days</span>
                  ) : null}
                </td>
                <td className="px-4" title="Last successful SCIM request with this credential (updated at most every 30 seconds)">
                  {c.LastUsedTime ? formatTime(c.LastUsedTime) : "Never"}
                </td>
                <td className="px-4">
                  <StatusBadge status={c.Status} />
                </td>
                <td className="space-x-3 px-4">
                  {c.Status === "Enabled" ? (
                    <button type="button" className="link" onClick={() => setPending({ kind: "disable", credential: c })}>
                      Disable
                    </button>
                  ) : (
                    <button type="button" className="link" onClick={() => setPending({ kind: "enable", credential: c })}>
                      Enable
                    </button>
                  )}
                  <button type="button" className="link" onClick={() => setPending({ kind: "delete", credential: c })}>
                    Delete
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {credentials.data && list.length === 0 && (
        <div className="py-8 text-center text-text-3">No SCIM credentials. Generate one to connect an identity provider.</div>
      )}

      <ConfirmDialog
        open={confirmOff}
        onOpenChange={setConfirmOff}
        title="Turn Off SCIM Synchronization"
        message="After SCIM synchronization is turned off, the identity provider can no longer create, update or delete users and groups through the SCIM endpoint. Users and groups already synchronized are kept and become editable in this console. Continue?"
        onConfirm={async () => {
          await runWithToast(() => setScim.mutateAsync(false), "SCIM synchronization is turned off.");
        }}
      />

      <ConfirmDialog
        open={pending !== null}
        onOpenChange={(o) => !o && setPending(null)}
        title={
          pending?.kind === "delete"
            ? "Delete SCIM Credential"
            : pending?.kind === "disable"
              ? "Disable SCIM Credential"
              : "Enable SCIM Credential"
        }
        danger={pending?.kind === "delete"}
        message={
          pending?.kind === "delete"
            ? `Delete credential ${pending.credential.CredentialId}? Identity providers using it can no longer synchronize. This cannot be undone.`
            : pending?.kind === "disable"
              ? `Disable credential ${pending?.credential.CredentialId}? Requests using it will be rejected until it is enabled again.`
              : `Enable credential ${pending?.credential.CredentialId}?`
        }
        onConfirm={async () => {
          if (!pending) return;
          const id = pending.credential.CredentialId;
          const { kind } = pending;
          await runWithToast(
            () => update.mutateAsync(kind === "delete" ? { id, delete: true } : { id, status: kind === "disable" ? "Disabled" : "Enabled" }),
            kind === "delete" ? "Credential deleted." : kind === "disable" ? "Credential disabled." : "Credential enabled.",
          );
        }}
      />

      <SecretDialog
        open={secret !== null}
        onClose={() => setSecret(null)}
        title="SCIM Credential Generated"
        secretLabel="SCIM Credential"
        secret={secret?.value ?? ""}
        warning="The SCIM credential is displayed only once. Copy and save it before you close this dialog; it cannot be shown again."
        details={
          <p className="mb-3 text-text-2">
            Credential ID: <span className="font-mono">{secret?.id}</span>
          </p>
        }
      />
    </section>
  );
}
