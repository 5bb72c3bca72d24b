import fs from 'node:fs';
import path from 'node:path';
import { SwitchModel } from '../network/network.entity';
import { REQUIRED_BASIC_FUNCTIONS, assessSwitchModel } from './neighbourhood.rules.switch-model';

/** The switch models as behaviour (§6.1–6.3): what each model must cover among the ten basic functions. */
describe('switch model check (neighbourhood.rules.switch-model)', () => {
  it('asks basic functions 2–5, 9 and 10 of a second-line team and 1, 4 and 7 of a front-line team', () => {
    expect(REQUIRED_BASIC_FUNCTIONS).toEqual({ SECOND_LINE: [2, 3, 4, 5, 9, 10], FRONTLINE: [1, 4, 7] });
  });

  it("asks of the second line exactly the functions the book names for it (§6.3, as the data set keeps the sentence)", () => {
    const data = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../../db/data/amersfoort-2009.json'), 'utf8'));
    const note: string = data.meta.basicFunctionsOfSwitchTeam.modelNote;
    expect(note).toMatch(/tweede lijn/);
    expect(note).toContain('(6.3)');
    // "de functies 2 tot en met 5, 9 en 10": a range and single numbers.
    const [, from, to, rest] = note.match(/functies (\d+) tot en met (\d+),? ([\d, en]+)/)!;
    const named = [...Array.from({ length: Number(to) - Number(from) + 1 }, (_, i) => Number(from) + i), ...rest.split(/,| en /).map((n) => Number(n.trim())).filter(Boolean)];
    expect(REQUIRED_BASIC_FUNCTIONS[SwitchModel.SECOND_LINE]).toEqual(named);
    // Every required function of either model is one of the ten of §6.1.
    const numbers = data.meta.basicFunctionsOfSwitchTeam.functions.map((f: { number: number }) => f.number);
    for (const model of Object.values(SwitchModel)) for (const n of REQUIRED_BASIC_FUNCTIONS[model]) expect(numbers).toContain(n);
    expect(assessSwitchModel(SwitchModel.SECOND_LINE, []).source).toBe('§6.1; §6.2; §6.3');
    expect(assessSwitchModel(SwitchModel.FRONTLINE, []).source).toBe('§6.1; §6.2');
  });

  it('passes when the members’ services cover every required function, and names what is missing otherwise', () => {
    expect(assessSwitchModel(SwitchModel.SECOND_LINE, [2, 3, 4, 5, 9, 10, 7])).toMatchObject({ status: 'PASS', covered: [2, 3, 4, 5, 9, 10], missing: [] });
    const fail = assessSwitchModel(SwitchModel.SECOND_LINE, [1, 2, 4, 7, 7]);
    expect(fail).toMatchObject({ status: 'FAIL', required: [2, 3, 4, 5, 9, 10], covered: [2, 4], missing: [3, 5, 9, 10] });
    expect(fail.explanationNl).toBe('schakelen in de tweede lijn vraagt basisfuncties 2, 3, 4, 5, 9, 10; niet gedekt door het aanbod van de leden: 3, 5, 9, 10.');
    expect(assessSwitchModel(SwitchModel.FRONTLINE, [1, 4, 7])).toMatchObject({ status: 'PASS' });
    expect(assessSwitchModel(SwitchModel.FRONTLINE, [4])).toMatchObject({ status: 'FAIL', missing: [1, 7] });
  });

  it('is UNKNOWN without a recorded model or without any service of the members, never a guess', () => {
    expect(assessSwitchModel(null, [1, 2, 3])).toMatchObject({ status: 'UNKNOWN', model: null, required: [] });
    expect(assessSwitchModel(SwitchModel.FRONTLINE, null)).toMatchObject({ status: 'UNKNOWN', missing: [1, 4, 7] });
    // A model with every required function covered passes even when some members have no services.
    expect(assessSwitchModel(SwitchModel.FRONTLINE, [])).toMatchObject({ status: 'FAIL' });
  });
});
