"use client";

import { useState } from "react";
import { CopyButton } from "@/components/copy-button";
import { ConfirmDialog } from "@/components/confirm-dialog";
import { runWithToast } from "@/components/run-with-toast";
import { Switch } from "@/components/switch";
import { formatTime } from "@/lib/format";
import { useClearIdp, useSetSsoEnabled, useSsoLogon } from "@/lib/client/cloudsso-sso";
import { ConfigureIdpDialog } from "./configure-idp-dialog";

const SECTION = "SSO Logon";

function ReadOnlyField({ id, label, value }: { id: string; label: string; value: string }) {
  return (
    <div className="mb-3 max-w-[760px]">
      <label htmlFor={id} className="mb-1 block text-text-2">
        {label}
      </label>
      <div className="flex gap-2">
        <input id={id} className="input font-mono" readOnly value={value} />
        <CopyButton text={value} />
      </div>
    </div>
  );
}

/**
 * Settings › SSO Logon (CloudSSO as a SAML 2.0 service provider): the SP's Entity ID and ACS URL
 * with Copy and the SP metadata download; IdP Information with Configure IdP and Clear IdP
 * Information; the switch, which needs a configured IdP and turns password logon off.
 */
export function SsoLogonSettings() {
  const view = useSsoLogon();
  const setEnabled = useSetSsoEnabled();
  const clear = useClearIdp();
  const [confirm, setConfirm] = useState<"enable" | "disable" | "clear" | null>(null);
  const [configuring, setConfiguring] = useState(false);

  if (view.isLoading) return <div className="card text-text-3">Loading…</div>;
  if (view.error || !view.data) return <div role="alert" className="card text-error">{view.error?.message ?? "Failed to load the SSO logon settings."}</div>;
  const { ssoEnabled, idp, spEntityId, acsUrl } = view.data;

  return (
    <section className="card mt-4" aria-labelledby="sso-logon-title">
      <div className="mb-4 flex items-center gap-3">
        <h2 id="sso-logon-title" className="text-[14px] font-medium">
          {SECTION}
        </h2>
        <Switch label={SECTION} checked={ssoEnabled} disabled={setEnabled.isPending || (!ssoEnabled && !idp)} onCheckedChange={(next) => setConfirm(next ? "enable" : "disable")} />
        <span className={ssoEnabled ? "text-success" : "text-text-3"}>{ssoEnabled ? "Enabled" : "Disabled"}</span>
        {!idp && !ssoEnabled && <span className="text-text-3">Configure the IdP before you enable SSO logon.</span>}
      </div>
      <p className="mb-4 max-w-[760px] leading-5 text-text-2">
        With SSO logon, users sign in to the CloudSSO user portal through your identity provider (IdP) over SAML 2.0, and
        username-password logon is disabled. The SAML NameID the IdP sends must equal the CloudSSO username.
      </p>

      <h3 className="mb-2 font-medium">SP Information</h3>
      <ReadOnlyField id="sp-entity-id" label="Entity ID" value={spEntityId} />
      <ReadOnlyField id="sp-acs-url" label="ACS URL" value={acsUrl} />
      <p className="mb-5">
        <a className="link" href="/api/cloudsso/sso/metadata" download>
          Download SP Metadata
        </a>
      </p>

      <h3 className="mb-2 font-medium">IdP Information</h3>
      {idp ? (
        <dl className="mb-3 grid max-w-[760px] grid-cols-[140px_1fr] gap-y-2" aria-label="IdP Information">
          <dt className="text-text-2">Entity ID</dt>
          <dd className="break-all font-mono">{idp.entityId}</dd>
          <dt className="text-text-2">Logon URL</dt>
          <dd className="break-all font-mono">{idp.logonUrl}</dd>
          {idp.certificates.map((c, i) => (
            <div key={c.id} className="contents">
              <dt className="text-text-2">{idp.certificates.length > 1 ? `Certificate ${i + 1}` : "Certificate"}</dt>
              <dd>
                <div>{c.subject}</div>
                <div className="text-text-3">
                  Valid {formatTime(c.notBefore)} – {formatTime(c.notAfter)}
                </div>
                <div className="break-all font-mono text-text-3" title="SHA-256 fingerprint">
                  {c.fingerprint}
                </div>
              </dd>
            </div>
          ))}
        </dl>
      ) : (
        <p className="mb-3 text-text-3">No IdP is configured.</p>
      )}
      <div className="flex items-center gap-3">
        <button type="button" className="btn btn-primary" onClick={() => setConfiguring(true)}>
          Configure IdP
        </button>
        {idp && (
          <button
            type="button"
            className="btn"
            disabled={ssoEnabled || clear.isPending}
            aria-describedby={ssoEnabled ? "clear-idp-reason" : undefined}
            onClick={() => setConfirm("clear")}
          >
            Clear IdP Information
          </button>
        )}
        {idp && ssoEnabled && (
          <span id="clear-idp-reason" className="text-text-3">
            Disable SSO logon before you clear the IdP information.
          </span>
        )}
      </div>

      <ConfigureIdpDialog open={configuring} onOpenChange={setConfiguring} idp={idp} />
      <ConfirmDialog
        open={confirm !== null}
        onOpenChange={(o) => !o && setConfirm(null)}
        title={confirm === "enable" ? "Enable SSO Logon" : confirm === "disable" ? "Disable SSO Logon" : "Clear IdP Information"}
        danger={confirm === "clear"}
        message={
          confirm === "enable"
            ? "After SSO logon is enabled, users log on to the CloudSSO user portal only through the IdP, and username-password logon is disabled. Continue?"
            : confirm === "disable"
              ? "After SSO logon is disabled, users can no longer log on through the IdP; users with a password log on with username and password. Continue?"
              : "Clear the IdP entity ID, Logon URL and certificates? SSO logon cannot be enabled again until an IdP is configured."
        }
        onConfirm={async () => {
          if (confirm === "clear") return runWithToast(() => clear.mutateAsync(), "The IdP information is cleared.");
          const on = confirm === "enable";
          return runWithToast(() => setEnabled.mutateAsync(on), on ? "SSO logon is enabled." : "SSO logon is disabled.");
        }}
      />
    </section>
  );
}
