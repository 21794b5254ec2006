/**
 * The canonical query: one project with its company (companies), its land (land), its jobs and
 * college (workforce) and its groups (projects), in one request through the gateway. The whole
 * answer is pinned: any change to the data, the schema or the plan shows here.
 */
import { sharedStack } from './support/shared-stack';

/** The shared stack: this file only reads (see shared-stack.ts for what a file on it may write). */
const stack = sharedStack();

export const CANONICAL_QUERY = `query Valtherm {
  project(id: "valtherm-radiator-plant") {
    name
    status
    investment { tenge qualifier stated }
    plannedLaunch { text precision }
    company { name legalForm spellings { text script } }
    landPlots { status area { value unit qualifier } }
    workforce { planned { value qualifier } created { value } }
    trainingInstitutions { name status }
    groups { name reportedInvestment { tenge qualifier } jobs { planned { value qualifier } } }
  }
}`;

describe('the canonical query across all four subgraphs', () => {
  it('answers exactly this', async () => {
    const { status, body } = await stack.query(CANONICAL_QUERY);
    expect(status).toBe(200);
    expect(body).toEqual({
      data: {
        project: {
          name: 'Valtherm aluminium and bimetallic radiator plant',
          status: 'UNDER_CONSTRUCTION',
          investment: { tenge: '11600000000', qualifier: 'EXACT', stated: '11,6 млрд. теңгені құрайтын' },
          plannedLaunch: { text: '2021-09', precision: 'MONTH' },
          company: { name: 'Valtherm', legalForm: 'LLP', spellings: [{ text: 'Valtherm', script: 'LATIN' }] },
          landPlots: [{ status: 'ALLOCATED', area: { value: '10', unit: 'HECTARE', qualifier: 'AT_LEAST' } }],
          workforce: { planned: { value: 430, qualifier: 'EXACT' }, created: null },
          trainingInstitutions: [{ name: 'Technical college of the Industrial Zone', status: 'PLANNED' }],
          groups: [
            {
              name: 'The 9 projects to be launched by the end of 2021',
              reportedInvestment: { tenge: '40500000000', qualifier: 'EXACT' },
              jobs: { planned: { value: 823, qualifier: 'EXACT' } },
            },
            {
              name: 'The projects of the zone\'s 54 participant companies',
              reportedInvestment: { tenge: '211700000000', qualifier: 'EXACT' },
              jobs: { planned: { value: 6200, qualifier: 'EXACT' } },
            },
          ],
        },
      },
    });
  });
});
