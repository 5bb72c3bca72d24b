import { SwitchModel } from '../network/network.entity';
import type { CheckStatus } from './neighbourhood.rules';

/**
 * The two switch models as behaviour (§6.2–6.3), rule 2b of the neighbourhood view: what a
 * switch team must cover, by its model, among the ten basic functions (§6.1), checked against
 * the basic functions of the services its current core member organisations provide for the
 * area.
 * - Model 2, second line ("schakelen in de tweede lijn", §6.2: professionals "die meer een
 *   coördinerende en verbindende taak vervullen op het niveau van netwerken, projecten en
 *   organisaties"): the book names its functions, "In het tweede model (werken in de tweede lijn)
 *   gaat het vooral om de functies 2 tot en met 5, 9 en 10" (§6.3) — 2 kennis verzamelen,
 *   3 informeren, 4 signaleren, 5 analyseren, 9 activeren, 10 infrastructuur. The data set keeps
 *   that sentence (meta.basicFunctionsOfSwitchTeam.modelNote) and the unit test reads it.
 * - Model 1, front line ("schakelen in de frontlinie", §6.2: a team in which all professionals
 *   work directly with residents in the neighbourhood, outreaching, and discuss cases): the book
 *   names no function numbers for it, so this is the product's reading of §6.2 against the
 *   texts of §6.1 — 1 presentie ("aanwezig zijn in de wijk, dicht bij bewoners"), 4 signaleren
 *   (the cases it discusses are its own signals) and 7 "het (mede) uitvoeren van hulp- en
 *   dienstverlening" (it works with residents itself).
 * A team without a recorded model, or whose members have no services recorded, is UNKNOWN.
 * The referral side of the same models: `whyNotIntoNetwork` (referral/referral.rules.ts).
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
  const source = model === SwitchModel.SECOND_LINE ? '§6.1; §6.2; §6.3' : '§6.1; §6.2';
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
