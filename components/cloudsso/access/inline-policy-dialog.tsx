"use client";

import { useState } from "react";
import { toast } from "sonner";
import { Dialog } from "@/components/dialog";
import { ApiError, errorMessage } from "@/lib/api-client";
import { policyDocumentProblems, type AccessConfigurationView } from "@/lib/cloudsso/access/schemas";
import { useAddPolicy, useUpdateInlinePolicy } from "@/lib/client/cloudsso-access";
import { INLINE_POLICY_TEMPLATE, PolicyDocumentField } from "./policy-document-field";

/**
 * Add Inline Policy / Update Inline Policy: the editor checks the document as the server does;
 * the server's field message (fieldErrors.document) shows under it and nothing is saved.
 */
export function InlinePolicyDialog({ c, open, onOpenChange }: { c: AccessConfigurationView; open: boolean; onOpenChange: (o: boolean) => void }) {
  const existing = c.inlinePolicy;
  const add = useAddPolicy();
  const update = useUpdateInlinePolicy();
  // Mounted when opened (PolicyTab), so it starts from the saved document each time.
  const [doc, setDoc] = useState(() => (existing ? prettify(existing.document) : INLINE_POLICY_TEMPLATE));
  const [error, setError] = useState<string | undefined>();
  const busy = add.isPending || update.isPending;
  const title = existing ? "Update Inline Policy" : "Add Inline Policy";

  const save = async () => {
    const problems = policyDocumentProblems(doc);
    if (problems.length) {
      setError(problems[0]);
      return;
    }
    try {
      if (existing) await update.mutateAsync({ id: c.id, name: existing.name, document: doc });
      else await add.mutateAsync({ id: c.id, body: { type: "Inline", name: "InlinePolicy", document: doc } });
      toast.success(existing ? "Inline policy updated." : "Inline policy added.");
      onOpenChange(false);
    } catch (e) {
      const field = e instanceof ApiError ? (e.fieldErrors.document ?? e.fieldErrors["inlinePolicy.document"]) : undefined;
      if (field) setError(field);
      else toast.error(errorMessage(e));
    }
  };

  return (
    <Dialog
      open={open}
      onOpenChange={(o) => !busy && onOpenChange(o)}
      title={title}
      width={680}
      footer={
        <>
          <button type="button" className="btn btn-primary" disabled={busy} onClick={save}>
            OK
          </button>
          <button type="button" className="btn" disabled={busy} onClick={() => onOpenChange(false)}>
            Cancel
          </button>
        </>
      }
    >
      <p className="mb-3 text-text-3">
        Provisioned as the RAM policy AliyunReservedSSO-{c.name}-InlinePolicy. Accounts where {c.name} is provisioned will need re-provisioning.
      </p>
      <PolicyDocumentField
        required
        value={doc}
        onChange={(v) => {
          setDoc(v);
          if (error) setError(undefined);
        }}
        error={error}
      />
    </Dialog>
  );
}

function prettify(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}
