import { SwitchModel } from '../network/network.entity';
import { REQUIRED_BASIC_FUNCTIONS, assessSwitchModel } from './neighbourhood.rules.switch-model';

/** The switch models as behaviour (§6.1–6.2): what each model must cover among the ten basic functions. */
describe('switch model check (neighbourhood.rules.switch-model)', () => {
  it('asks basic functions 2–5, 9 and 10 of a second-line team and 1, 4 and 7 of a front-line team', () => {
    expect(REQUIRED_BASIC_FUNCTIONS).toEqual({ SECOND_LINE: [2, 3, 4, 5, 9, 10], FRONTLINE: [1, 4, 7] });
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
