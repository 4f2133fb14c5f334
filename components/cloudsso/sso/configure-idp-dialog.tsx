"use client";

import { useState } from "react";
import { toast } from "sonner";
import { Dialog } from "@/components/dialog";
import { FormField } from "@/components/form-field";
import { ApiError, errorMessage } from "@/lib/api-client";
import { configureIdpSchema, type ConfigureIdpData } from "@/lib/cloudsso/sso/schemas";
import { useConfigureIdp, type SsoLogonView } from "@/lib/client/cloudsso-sso";

type Mode = "metadata" | "manual";

const readFile = (f: File) => f.text();

/** Configure IdP: "Upload Metadata File" or "Manual Configuration" (Entity ID, Logon URL, Certificate). */
export function ConfigureIdpDialog({ open, onOpenChange, idp }: { open: boolean; onOpenChange: (o: boolean) => void; idp: SsoLogonView["idp"] }) {
  const configure = useConfigureIdp();
  return (
    <Dialog
      open={open}
      onOpenChange={onOpenChange}
      title="Configure IdP"
      width={640}
      footer={
        <>
          <button type="submit" form="configure-idp-form" className="btn btn-primary" disabled={configure.isPending}>
            OK
          </button>
          <button type="button" className="btn" onClick={() => onOpenChange(false)}>
            Cancel
          </button>
        </>
      }
    >
      {/* Mounted per opening, so every opening starts from the saved IdP. */}
      {open && <IdpForm idp={idp} onSave={(body) => configure.mutateAsync(body)} onDone={() => onOpenChange(false)} />}
    </Dialog>
  );
}

function IdpForm({ idp, onSave, onDone }: { idp: SsoLogonView["idp"]; onSave: (body: ConfigureIdpData) => Promise<unknown>; onDone: () => void }) {
  const [mode, setMode] = useState<Mode>("metadata");
  const [metadata, setMetadata] = useState("");
  const [fileName, setFileName] = useState("");
  const [entityId, setEntityId] = useState(idp?.entityId ?? "");
  const [logonUrl, setLogonUrl] = useState(idp?.logonUrl ?? "");
  const [certificate, setCertificate] = useState("");
  const [secondCertificate, setSecondCertificate] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    const body = mode === "metadata" ? { mode, metadata } : { mode, entityId, logonUrl, certificate, secondCertificate };
    const parsed = configureIdpSchema.safeParse(body);
    if (!parsed.success) {
      const out: Record<string, string> = {};
      for (const issue of parsed.error.issues) out[String(issue.path[0] ?? "_")] ??= issue.message;
      setErrors(out);
      return;
    }
    setErrors({});
    try {
      await onSave(parsed.data);
      toast.success("The IdP information is saved.");
      onDone();
    } catch (err) {
      if (err instanceof ApiError && Object.keys(err.fieldErrors).length) setErrors(err.fieldErrors);
      else toast.error(errorMessage(err));
    }
  };

  return (
      <form id="configure-idp-form" onSubmit={submit} noValidate>
        <fieldset className="mb-4 flex gap-6">
          <legend className="sr-only">Configuration Mode</legend>
          {(
            [
              ["metadata", "Upload Metadata File"],
              ["manual", "Manual Configuration"],
            ] as const
          ).map(([value, label]) => (
            <label key={value} className="flex items-center gap-2">
              <input type="radio" name="idp-mode" value={value} checked={mode === value} onChange={() => setMode(value)} />
              {label}
            </label>
          ))}
        </fieldset>
        {mode === "metadata" ? (
          <FormField
            label="Metadata File"
            required
            error={errors.metadata}
            hint="The SAML 2.0 metadata XML of your IdP (in IDaaS: the IdP metadata downloaded from the application's SSO tab)."
          >
            {(p) => (
              <div>
                <input
                  {...p}
                  type="file"
                  accept=".xml,application/xml,text/xml,application/samlmetadata+xml"
                  onChange={async (e) => {
                    const f = e.target.files?.[0];
                    if (!f) return;
                    setFileName(f.name);
                    setMetadata(await readFile(f));
                  }}
                />
                {fileName && <p className="mt-1 text-text-3">Selected: {fileName}</p>}
              </div>
            )}
          </FormField>
        ) : (
          <>
            <FormField label="Entity ID" required error={errors.entityId}>
              {(p) => <input {...p} className="input" value={entityId} onChange={(e) => setEntityId(e.target.value)} />}
            </FormField>
            <FormField label="Logon URL" required error={errors.logonUrl} hint="The IdP's single sign-on URL; CloudSSO sends users there with Redirect.">
              {(p) => <input {...p} className="input" value={logonUrl} onChange={(e) => setLogonUrl(e.target.value)} />}
            </FormField>
            <CertificateField label="Certificate" required value={certificate} onChange={setCertificate} error={errors.certificate} />
            <CertificateField
              label="Second Certificate (optional, for rotation)"
              value={secondCertificate}
              onChange={setSecondCertificate}
              error={errors.secondCertificate}
            />
          </>
        )}
      </form>
  );
}

function CertificateField({
  label,
  value,
  onChange,
  error,
  required,
}: {
  label: string;
  value: string;
  onChange: (v: string) => void;
  error?: string;
  required?: boolean;
}) {
  return (
    <FormField label={label} required={required} error={error} hint="X.509 certificate in PEM format (-----BEGIN CERTIFICATE----- …).">
      {(p) => (
        <div>
          <textarea {...p} className="input h-[96px] py-1 font-mono" value={value} onChange={(e) => onChange(e.target.value)} />
          <label className="btn mt-1 inline-flex cursor-pointer items-center">
            Upload Certificate
            <input
              type="file"
              className="sr-only"
              accept=".pem,.crt,.cer"
              onChange={async (e) => {
                const f = e.target.files?.[0];
                if (f) onChange(await readFile(f));
              }}
            />
          </label>
        </div>
      )}
    </FormField>
  );
}
