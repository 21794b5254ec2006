import { count, Qualifier } from '@azg/core/figures';
import { jobsOrUnknown } from './jobs.type';

const planned = count(430, Qualifier.EXACT, '430 жұмыс орнын құрумен', []);

describe('jobsOrUnknown', () => {
  it('answers unknown jobs, not zero jobs, for an owner the document gives no figures for', () => {
    expect(jobsOrUnknown(null)).toEqual({ planned: null, created: null });
    expect(jobsOrUnknown(undefined)).toEqual({ planned: null, created: null });
  });

  it('keeps planned and created apart, each as reported', () => {
    expect(jobsOrUnknown({ planned, created: null })).toEqual({ planned, created: null });
  });

  it('drops whatever else the row carries', () => {
    const row = { groupId: 'aerated-concrete-plants', planned, created: null };
    expect(Object.keys(jobsOrUnknown(row))).toEqual(['planned', 'created']);
  });
});
