import { SwitchModel } from '../network/network.entity';
import type { CheckStatus } from './neighbourhood.rules';

/**
 * The two switch models as behaviour (§6.2–6.3), rule 2b of the neighbourhood view: what a
 * switch team must cover, by its model, among the ten basic functions (§6.1), checked against
 * the basic functions of the services its current core member organisations provide for the
 * area.
 * - Model 2, second line ("Schakelen in de tweede lijn"): coordinators who make the networks
 *   and the front line work — they take cases from front-line workers and cover functions 2
 *   kennis verzamelen, 3 informeren, 4 signaleren, 5 analyseren, 9 activeren, 10 infrastructuur.
 * - Model 1, front line ("Schakelen in de frontlinie"): professionals who all work with
 *   residents directly — presence (1), signalling (4) and (co-)delivering help (7).
 * A team without a recorded model, or whose members have no services recorded, is UNKNOWN.
 * The referral side of the same rule: `mayBringIntoNetwork` (referral.rules.ts).
 */
export const REQUIRED_BASIC_FUNCTIONS: Record<SwitchModel, readonly number[]> = {
  [SwitchModel.SECOND_LINE]: [2, 3, 4, 5, 9, 10],
  [SwitchModel.FRONTLINE]: [1, 4, 7],
};

export interface SwitchModelAssessment {
  model: SwitchModel | null;
  status: CheckStatus;
  required: number[];
  covered: number[];
  missing: number[];
  explanation: string;
  explanationNl: string;
  source: string;
}

const MODEL_NL: Record<SwitchModel, string> = { [SwitchModel.SECOND_LINE]: 'schakelen in de tweede lijn', [SwitchModel.FRONTLINE]: 'schakelen in de frontlinie' };
const MODEL_EN: Record<SwitchModel, string> = { [SwitchModel.SECOND_LINE]: 'switching in the second line', [SwitchModel.FRONTLINE]: 'switching in the front line' };

/** `coveredFunctions`: basic function numbers of the team members' services for the area; null when no member has a service recorded. */
export function assessSwitchModel(model: SwitchModel | null, coveredFunctions: readonly number[] | null): SwitchModelAssessment {
  const source = '§6.1; §6.2';
  if (!model) {
    return {
      model,
      status: 'UNKNOWN',
      required: [],
      covered: [...new Set(coveredFunctions ?? [])].sort((a, b) => a - b),
      missing: [],
      explanation: 'Unknown: no switch model is recorded for the team.',
      explanationNl: 'Onbekend: voor het team is geen schakelmodel vastgelegd.',
      source,
    };
  }
  const required = [...REQUIRED_BASIC_FUNCTIONS[model]];
  const covered = [...new Set(coveredFunctions ?? [])].filter((n) => required.includes(n)).sort((a, b) => a - b);
  const missing = required.filter((n) => !covered.includes(n));
  const status: CheckStatus = missing.length === 0 ? 'PASS' : coveredFunctions === null ? 'UNKNOWN' : 'FAIL';
  const list = (ns: number[]) => ns.join(', ');
  return {
    model,
    status,
    required,
    covered,
    missing,
    explanation:
      status === 'PASS'
        ? `${MODEL_EN[model]}: basic functions ${list(required)} are all covered by the members' services.`
        : status === 'UNKNOWN'
          ? `Unknown: ${MODEL_EN[model]} needs basic functions ${list(required)}, and no services of the members are recorded for the area.`
          : `${MODEL_EN[model]} needs basic functions ${list(required)}; not covered by the members' services: ${list(missing)}.`,
    explanationNl:
      status === 'PASS'
        ? `${MODEL_NL[model]}: basisfuncties ${list(required)} zijn alle gedekt door het aanbod van de leden.`
        : status === 'UNKNOWN'
          ? `Onbekend: ${MODEL_NL[model]} vraagt basisfuncties ${list(required)}, en voor het gebied is geen aanbod van de leden vastgelegd.`
          : `${MODEL_NL[model]} vraagt basisfuncties ${list(required)}; niet gedekt door het aanbod van de leden: ${list(missing)}.`,
    source,
  };
}
