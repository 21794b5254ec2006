import { SUBGRAPH_NAMES } from '@azg/core/registry';
import {
  composeSupergraph, printSubgraphs, schemaFiles, staleSchemaFiles, type Composition, type CompositionHintLine, type Subgraph,
} from '@azg/scripts/compose';

/**
 * Composition hints we have looked at and accept. Every hint not listed here fails the test, so
 * a new one is read by a person before it reaches the supergraph. An entry names the hint's code,
 * optionally the schema element (`Type` or `Type.field`) it may be about, and why it is fine.
 */
const ACCEPTED_HINTS: Array<{ code: string; coordinate?: string; reason: string }> = [
  // None yet. For example, to accept a deliberate difference in one field's description:
  // { code: 'INCONSISTENT_DESCRIPTION', coordinate: 'Project.id', reason: 'each subgraph says where the id comes from' },
];

function isAccepted(hint: CompositionHintLine): boolean {
  return ACCEPTED_HINTS.some((accepted) => accepted.code === hint.code && (accepted.coordinate === undefined || accepted.coordinate === hint.coordinate));
}

describe('the checked-in schema', () => {
  let subgraphs: Subgraph[];
  let composition: Composition;

  beforeAll(async () => {
    subgraphs = await printSubgraphs();
    composition = composeSupergraph(subgraphs);
  }, 120_000);

  it('composes from every subgraph without errors', () => {
    expect(subgraphs.map((subgraph) => subgraph.name)).toEqual([...SUBGRAPH_NAMES, 'access']);
    expect(composition.supergraphSdl).toContain('@join__graph(name: "projects", url: "http://127.0.0.1:4001/")');
  });

  it('raises no composition hint that nobody has accepted', () => {
    for (const hint of composition.hints) process.stderr.write(`composition hint [${hint.code}] ${hint.coordinate ?? ''}\n${hint.message}\n\n`);
    const unaccepted = composition.hints.filter((hint) => !isAccepted(hint)).map((hint) => `[${hint.code}] ${hint.coordinate ?? '(schema)'}`);
    expect(unaccepted).toEqual([]);
  });

  it('is what the code produces (run npm run schema after changing a subgraph)', () => {
    expect(staleSchemaFiles(schemaFiles(subgraphs, composition))).toEqual([]);
  });
});
