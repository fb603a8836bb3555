// Validation of a scenario's `baseline` (a second, baseline run shown beside the main one): a known kind, and a
// conversation load to measure it on.
import { BASELINE_KINDS } from '../scenario-types.js';
import type { ValidationContext } from '../validate-context.js';
import { type Obj } from '../validation-kit.js';

/** Checks `$.baseline` (after the timeline, so conversation loads are counted) and records it in `x`. */
export function checkBaseline(x: ValidationContext, s: Obj): void {
  if (s.baseline === undefined) return;
  if (!x.c.member(s, 'baseline', '$', BASELINE_KINDS)) return;
  if (!x.conversationLoads) {
    x.c.add('$.baseline', 'a baseline run compares hit rates: the timeline needs a conversation load ({ "type": "load", "kind": "conversation", … })');
    return;
  }
  x.baseline = s.baseline as string;
}
