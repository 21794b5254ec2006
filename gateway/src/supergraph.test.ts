import { subgraphUrlsOf } from './supergraph';

describe('subgraphUrlsOf', () => {
  it('reads each subgraph\'s name and URL from the join__Graph enum', () => {
    const sdl = `
      enum join__Graph {
        LAND @join__graph(name: "land", url: "http://127.0.0.1:4003/")
        PROJECTS @join__graph(name: "projects", url: "http://127.0.0.1:4001/")
      }
      type Query { ok: Boolean }
    `;

    expect(Object.fromEntries(subgraphUrlsOf(sdl))).toEqual({ land: 'http://127.0.0.1:4003/', projects: 'http://127.0.0.1:4001/' });
  });

  it('refuses SDL that is not a supergraph', () => {
    expect(() => subgraphUrlsOf('type Query { ok: Boolean }')).toThrow('the supergraph names no subgraphs');
  });
});
