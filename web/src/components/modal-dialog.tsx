import { type ReactNode, useEffect, useRef } from "react";

/**
 * A modal dialog on the browser's own <dialog>: focus is trapped, Escape closes it, the page
 * behind is inert. Rendered while open; closing (Escape, Cancel) calls `onClose`.
 */
export function ModalDialog({
  title,
  onClose,
  children,
  testId,
}: {
  title: string;
  onClose: () => void;
  children: ReactNode;
  testId?: string;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog !== null && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);
  return (
    <dialog
      ref={ref}
      className="modal"
      aria-label={title}
      data-testid={testId}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      <div className="modal-header">
        <h2 className="panel-title">{title}</h2>
        <button type="button" className="button button-small button-link" onClick={onClose}>
          Close
        </button>
      </div>
      {children}
    </dialog>
  );
}
