import { decodeEventId, encodeEventId, EventIdError } from './event-cursor';

describe('event ids', () => {
  it('name every source\'s position, in source order, and read back the same', () => {
    const id = encodeEventId(new Map([['workforce', 33n], ['projects', 120n], ['land', 0n]]));
    expect(id).toBe('land:0,projects:120,workforce:33');
    expect(decodeEventId(id, ['projects', 'workforce', 'land'])).toEqual(new Map([['land', 0n], ['projects', 120n], ['workforce', 33n]]));
  });

  it.each([
    ['', /is not an event id/],
    ['projects:12', /another subscription field/],
    ['land:1,projects:2,workforce:3,companies:4', /another subscription field/],
    ['land:1,projects:2,projects:3', /is not an event id/],
    ['land:1,projects:-2,workforce:3', /is not an event id/],
    ['land:01,projects:2,workforce:3', /is not an event id/],
    ['land:1,projects:99999999999999999999,workforce:3', /is not an event id/],
    ['mars:1,projects:2,workforce:3', /is not an event id/],
  ])('refuses %j', (text, message) => {
    expect(() => decodeEventId(text, ['land', 'projects', 'workforce'])).toThrow(EventIdError);
    expect(() => decodeEventId(text, ['land', 'projects', 'workforce'])).toThrow(message);
  });
});
