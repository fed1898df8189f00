import type { CaseDetail } from "../../api/types.ts";

/** What every dialog of the case page is given. */
export interface CaseDialogProps {
  item: CaseDetail;
  onDone: (updated: CaseDetail, notice: string) => void;
  onClose: () => void;
}
