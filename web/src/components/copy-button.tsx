import { useEffect, useState } from "react";

const CONFIRMATION_MS = 2_000;

/** Copies `text` to the clipboard and says whether that worked. */
export function CopyButton({ text, label = "Copy" }: { text: string; label?: string }) {
  const [result, setResult] = useState<"idle" | "copied" | "failed">("idle");

  useEffect(() => {
    if (result !== "copied") return;
    const timer = window.setTimeout(() => setResult("idle"), CONFIRMATION_MS);
    return () => window.clearTimeout(timer);
  }, [result]);

  const copy = () => {
    // The clipboard API exists only in secure contexts (HTTPS or localhost).
    if (navigator.clipboard === undefined) {
      setResult("failed");
      return;
    }
    navigator.clipboard.writeText(text).then(
      () => setResult("copied"),
      () => setResult("failed"),
    );
  };

  return (
    <>
      <button type="button" className="button" onClick={copy}>
        {result === "copied" ? "Copied" : label}
      </button>
      {result === "failed" ? (
        <span className="field-error" role="alert">
          Could not copy; select the text and copy it by hand.
        </span>
      ) : null}
    </>
  );
}
