import type { ChangeEvent } from '@azg/core/changes';
import { latestStates, replicaDifferences } from './foreign-facts.handlers';

const event = (position: number, id: string, operation: 'UPSERT' | 'DELETE', state: Record<string, unknown> | null, entity = 'LandPlot'): ChangeEvent => ({
  source: 'land', position: String(position), entity, id, operation, state, committedAt: '2026-12-06T00:00:00.000Z',
});

describe('a batch reduced to its effect', () => {
  it('keeps each record\'s last state, whatever came before it, and skips other entities', () => {
    const { upserted, deleted } = latestStates([
      event(1, 'a', 'UPSERT', { id: 'a', areaHectares: 1 }),
      event(2, 'b', 'UPSERT', { id: 'b', areaHectares: 2 }),
      event(3, 'a', 'UPSERT', { id: 'a', areaHectares: 3 }),
      event(4, 'b', 'DELETE', null),
      event(5, 'c', 'DELETE', null),
      event(6, 'c', 'UPSERT', { id: 'c', areaHectares: 6 }),
      event(7, 'x', 'UPSERT', { id: 'x' }, 'Company'),
    ], 'LandPlot');
    expect(upserted).toEqual([{ id: 'a', areaHectares: 3 }, { id: 'c', areaHectares: 6 }]);
    expect(deleted).toEqual(['b']);
  });

  it('is the same when a batch is delivered twice (at least once delivery)', () => {
    const batch = [event(1, 'a', 'UPSERT', { id: 'a' }), event(2, 'a', 'DELETE', null)];
    expect(latestStates([...batch, ...batch], 'LandPlot')).toEqual(latestStates(batch, 'LandPlot'));
  });
});

describe('a replica compared with its owner', () => {
  async function* pages(...rows: Array<Array<{ id: string; state: Record<string, unknown> }>>) {
    yield* rows;
  }

  it('names what is missing, what differs and what the owner no longer has; numbers compare as numbers', async () => {
    const held = new Map<string, unknown>([
      ['same', { projectId: 'p', status: 'ALLOCATED', areaHectares: 10, areaQualifier: 'AT_LEAST' }],
      ['moved', { projectId: 'p', status: 'ALLOCATED', areaHectares: 2, areaQualifier: 'EXACT' }],
      ['gone', { projectId: 'q', status: 'ALLOCATED', areaHectares: 1, areaQualifier: 'EXACT' }],
    ]);
    const owner = pages(
      [{ id: 'same', state: { id: 'same', projectId: 'p', status: 'ALLOCATED', areaHectares: '10.0', areaQualifier: 'AT_LEAST' } }],
      [
        { id: 'moved', state: { id: 'moved', projectId: 'r', status: 'ALLOCATED', areaHectares: 2, areaQualifier: 'EXACT' } },
        { id: 'new', state: { id: 'new', projectId: 'r', status: 'RELEASED', areaHectares: 4, areaQualifier: 'EXACT' } },
      ],
    );
    const differences = await replicaDifferences('LandPlot', held, owner);
    expect(differences).toEqual([
      expect.stringMatching(/^LandPlot moved: the read model has .*"projectId":"p".*, the owner .*"projectId":"r"/),
      expect.stringMatching(/^LandPlot new: missing from the read model/),
      'LandPlot gone: in the read model, but the owner has no such record',
    ]);
  });

  it('compares a company by its spellings\' texts, as the read model keeps them', async () => {
    const held = new Map<string, unknown>([['c', { name: 'City Stone', zoneParticipant: true, sectors: [], spellings: ['City Stone'] }]]);
    const published = { id: 'c', name: 'City Stone', zoneParticipant: true, sectors: [], spellings: [{ text: 'City Stone', language: null, key: 'siti ston' }] };
    expect(await replicaDifferences('Company', held, pages([{ id: 'c', state: published }]))).toEqual([]);
    const renamed = { ...published, spellings: [...published.spellings, { text: 'Сити Стоун', language: null, key: 'siti ston' }] };
    expect(await replicaDifferences('Company', held, pages([{ id: 'c', state: renamed }]))).toHaveLength(1);
  });
});
