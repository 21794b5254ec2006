import { AreaUnit, DateBound, DatePrecision } from './figures';
import { area, cite, partialDate, toHectares } from './facts';
import { DecimalScalar, TengeScalar } from './scalars';

describe('toHectares', () => {
  it('keeps hectares as they are', () => {
    expect(toHectares('10', AreaUnit.HECTARE)).toBe('10');
  });

  it('converts square metres exactly, with no float rounding', () => {
    expect(toHectares('22000', AreaUnit.SQUARE_METRE)).toBe('2.2');
    expect(toHectares('1', AreaUnit.SQUARE_METRE)).toBe('0.0001');
    expect(toHectares('12345.67', AreaUnit.SQUARE_METRE)).toBe('1.234567');
    expect(toHectares('10000', AreaUnit.SQUARE_METRE)).toBe('1');
  });

  it('is what area() stores beside the stated value', () => {
    const figure = area('22000', AreaUnit.SQUARE_METRE, 'EXACT' as never, '22 мың шаршы метр', []);
    expect(figure).toMatchObject({ value: '22000', unit: AreaUnit.SQUARE_METRE, hectares: '2.2' });
  });
});

describe('partialDate', () => {
  const sources = [cite(7, 'Ағымдағы жылдың бірінші тоқсанында', null)];

  it.each([
    ['2018', DatePrecision.YEAR, { year: 2018, quarter: null, month: null, day: null }],
    ['2021-Q1', DatePrecision.QUARTER, { year: 2021, quarter: 1, month: null, day: null }],
    ['2021-09', DatePrecision.MONTH, { year: 2021, quarter: null, month: 9, day: null }],
    ['2020-02-29', DatePrecision.DAY, { year: 2020, quarter: null, month: 2, day: 29 }],
  ])('reads %s at %s precision', (text, precision, parts) => {
    expect(partialDate(text, DateBound.IN, text, sources)).toMatchObject({ text, precision, ...parts });
  });

  it.each(['2021-Q5', '2021-13', '2021-02-30', '21', 'September 2021', ''])('refuses %p with BAD_USER_INPUT', (text) => {
    expect(() => partialDate(text, DateBound.IN, text, sources)).toThrow(expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT' } }));
  });
});

describe('cite', () => {
  it('marks inferences and keeps their reason', () => {
    expect(cite(13, 'x', 'y', { inferred: true, note: 'why' })).toMatchObject({ paragraph: 13, inferred: true, note: 'why' });
    expect(cite(5, 'x', null)).toMatchObject({ inferred: false, note: null });
  });
});

describe('Tenge and Decimal scalars', () => {
  it('serialize Postgres numerics exactly, past 2^53', () => {
    expect(TengeScalar.serialize('211700000000')).toBe('211700000000');
    expect(TengeScalar.serialize('123456789012345678901234')).toBe('123456789012345678901234');
    expect(DecimalScalar.serialize('2.2')).toBe('2.2');
  });

  it('refuse fractions of tenge, floats and words as input', () => {
    for (const bad of ['1.5', 'ten', 1.5, '1e9', '']) {
      expect(() => TengeScalar.parseValue(bad)).toThrow(expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT' } }));
    }
  });

  it('accept digits as a string or a safe integer', () => {
    expect(TengeScalar.parseValue('443400000')).toBe('443400000');
    expect(TengeScalar.parseValue(512000000)).toBe('512000000');
  });
});
