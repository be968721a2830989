import { Badge, type Tone } from "@/components/ui/badge";
import type { ResultFlag } from "../api/clinical";

const FLAG: Record<ResultFlag, [label: string, mark: string, tone: Tone]> = {
  normal: ["Normal", "", "green"],
  low: ["Low", " ↓", "amber"],
  high: ["High", " ↑", "amber"],
  abnormal: ["Abnormal", " !", "amber"],
  critical: ["Critical", " !!", "red"],
};

/** A flag's word, so the meaning never rests on colour alone. */
export function flagLabel(flag: ResultFlag | null | undefined): string {
  return flag ? FLAG[flag][0] : "—";
}

/** A result's or a vital's flag: a word (and a mark) in a coloured badge. */
export function FlagBadge({ flag }: { flag: ResultFlag | null | undefined }) {
  if (!flag) return <span>—</span>;
  const [label, mark, tone] = FLAG[flag];
  return (
    <Badge tone={tone}>
      {label}
      <span aria-hidden="true">{mark}</span>
    </Badge>
  );
}
