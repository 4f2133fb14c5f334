"use client";

import * as RadixDialog from "@radix-ui/react-dialog";

/** Console dialog: 560 px, 16 px title, footer buttons OK then Cancel (supplied by callers). */
export function Dialog({
  open,
  onOpenChange,
  title,
  children,
  footer,
  width = 560,
  description,
  variant = "modal",
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: string;
  children?: React.ReactNode;
  footer?: React.ReactNode;
  width?: number;
  description?: string;
  /** "drawer": a full-height side panel from the right (the Marketplace's Add Application). */
  variant?: "modal" | "drawer";
}) {
  const drawer = variant === "drawer";
  return (
    <RadixDialog.Root open={open} onOpenChange={onOpenChange}>
      <RadixDialog.Portal>
        <RadixDialog.Overlay className="fixed inset-0 z-40 bg-black/30" />
        <RadixDialog.Content
          style={{ width }}
          className={
            drawer
              ? "fixed inset-y-0 right-0 z-50 flex max-w-[95vw] flex-col overflow-y-auto bg-white shadow-xl focus:outline-none data-[state=open]:animate-[drawer-in_200ms_ease-out]"
              : "fixed left-1/2 top-[12vh] z-50 max-h-[80vh] max-w-[95vw] -translate-x-1/2 overflow-y-auto rounded-[4px] bg-white shadow-xl focus:outline-none"
          }
          aria-describedby={description ? undefined : undefined}
        >
          <div className="flex items-center justify-between px-5 pt-5">
            <RadixDialog.Title className="text-[16px] font-medium">{title}</RadixDialog.Title>
            <RadixDialog.Close className="text-[18px] leading-none text-text-3 hover:text-text" aria-label="Close">
              ×
            </RadixDialog.Close>
          </div>
          {description ? (
            <RadixDialog.Description className="px-5 pt-3 text-text-2">{description}</RadixDialog.Description>
          ) : (
            <RadixDialog.Description className="sr-only">{title}</RadixDialog.Description>
          )}
          <div className={drawer ? "flex-1 px-5 py-4" : "px-5 py-4"}>{children}</div>
          {footer && (
            <div className={drawer ? "flex justify-start gap-2 border-t border-line-2 px-5 py-4" : "flex justify-start gap-2 px-5 pb-5"}>
              {footer}
            </div>
          )}
        </RadixDialog.Content>
      </RadixDialog.Portal>
    </RadixDialog.Root>
  );
}

/** Footer of a dialog around a form: OK submits the form (by its id), Cancel closes. */
export function FormDialogFooter({ form, busy, onCancel }: { form: string; busy: boolean; onCancel: () => void }) {
  return (
    <>
      <button type="submit" form={form} className="btn btn-primary" disabled={busy}>
        OK
      </button>
      <button type="button" className="btn" onClick={onCancel}>
        Cancel
      </button>
    </>
  );
}
