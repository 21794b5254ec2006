import { Qualifier } from './figures';
import { difference, DifferenceQualifier, differenceQualifier, subtractDecimal } from './sums';

describe('differenceQualifier', () => {
  it.each([
    [Qualifier.EXACT, Qualifier.EXACT, DifferenceQualifier.EXACT],
    [Qualifier.AT_LEAST, Qualifier.EXACT, DifferenceQualifier.AT_LEAST],
    [Qualifier.EXACT, Qualifier.AT_LEAST, DifferenceQualifier.AT_MOST],
    [Qualifier.APPROXIMATE, Qualifier.EXACT, DifferenceQualifier.APPROXIMATE],
    [Qualifier.EXACT, Qualifier.APPROXIMATE, DifferenceQualifier.APPROXIMATE],
    [Qualifier.APPROXIMATE, Qualifier.APPROXIMATE, DifferenceQualifier.APPROXIMATE],
  ])('reported %s minus itemized %s is %s', (reported, itemized, expected) => {
    expect(differenceQualifier(reported, itemized)).toBe(expected);
  });

  it.each([
    [Qualifier.AT_LEAST, Qualifier.AT_LEAST],
    [Qualifier.AT_LEAST, Qualifier.APPROXIMATE],
    [Qualifier.APPROXIMATE, Qualifier.AT_LEAST],
  ])('says nothing of reported %s minus itemized %s, which is unbounded', (reported, itemized) => {
    expect(differenceQualifier(reported, itemized)).toBeNull();
  });
});

describe('subtractDecimal', () => {
  it.each([
    ['75000000000', '24443400000', '50556600000'],
    ['185', '0', '185'],
    ['10', '12.5', '-2.5'],
    ['2.2', '0.0001', '2.1999'],
    ['0.1', '0.1', '0'],
    ['999999999999999999999999', '0.00000001', '999999999999999999999998.99999999'],
  ])('%s - %s = %s, exactly', (a, b, expected) => {
    expect(subtractDecimal(a, b)).toBe(expected);
  });

  it('refuses what is not a decimal', () => {
    expect(() => subtractDecimal('1e3', '1')).toThrow(RangeError);
  });
});

describe('difference', () => {
  it('is reported minus itemized, with the honest qualifier', () => {
    expect(difference({ value: '2000000000', qualifier: Qualifier.AT_LEAST }, { value: '0', qualifier: Qualifier.EXACT }))
      .toEqual({ value: '2000000000', qualifier: DifferenceQualifier.AT_LEAST });
  });

  it('is null with no reported figure, or when the qualifiers leave it unbounded', () => {
    expect(difference(null, { value: '0', qualifier: Qualifier.EXACT })).toBeNull();
    expect(difference({ value: '165', qualifier: Qualifier.AT_LEAST }, { value: '10', qualifier: Qualifier.AT_LEAST })).toBeNull();
  });
});
