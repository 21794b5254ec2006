import { countDifference } from './count-difference';
import { Qualifier } from './figures';
import { DifferenceQualifier } from './sums';

describe('countDifference', () => {
  it('subtracts the itemized count from the reported one, as a whole number', () => {
    expect(countDifference({ value: 823, qualifier: Qualifier.EXACT }, { value: 495, qualifier: Qualifier.EXACT }))
      .toEqual({ value: 328, qualifier: DifferenceQualifier.EXACT });
  });

  it('keeps a reported lower bound a lower bound', () => {
    expect(countDifference({ value: 165, qualifier: Qualifier.AT_LEAST }, { value: 0, qualifier: Qualifier.EXACT }))
      .toEqual({ value: 165, qualifier: DifferenceQualifier.AT_LEAST });
  });

  it('says nothing when nothing is reported or the difference is unbounded', () => {
    expect(countDifference(null, { value: 10, qualifier: Qualifier.EXACT })).toBeNull();
    expect(countDifference({ value: 165, qualifier: Qualifier.AT_LEAST }, { value: 10, qualifier: Qualifier.AT_LEAST })).toBeNull();
  });
});
