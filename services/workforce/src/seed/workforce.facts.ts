import { cite, count, type CountFigure, Qualifier, type Source } from '@azg/core/figures';

/** Jobs planned (to be created) and jobs created are kept apart; either may be unknown. */
export interface JobsFact {
  planned: CountFigure | null;
  created: CountFigure | null;
}

export interface ProjectJobsFact extends JobsFact {
  projectId: string;
}

export interface GroupJobsFact extends JobsFact {
  groupId: string;
}

export type TrainingInstitutionStatus = 'PLANNED' | 'UNDER_CONSTRUCTION' | 'OPERATING';

export interface TrainingInstitutionFact {
  id: string;
  kind: 'TECHNICAL_COLLEGE';
  name: string;
  nameKk: string;
  status: TrainingInstitutionStatus;
  builder: string;
  builderKk: string;
  location: string;
  purpose: string;
  /** Trains specialists for every project in the zone (P6), so it is linked to all of them. */
  servesAllZoneProjects: boolean;
  sources: Source[];
}

export const PROJECT_JOBS: ProjectJobsFact[] = [
  {
    projectId: 'valtherm-radiator-plant',
    planned: count(430, Qualifier.EXACT, '430 жұмыс орнын құрумен', [cite(5, '430 жұмыс орнын құрумен өндірісті іске қосу', 'Start of production, with 430 jobs created')]),
    created: null,
  },
  {
    projectId: 'kmk-investment-wire-rod-plant',
    planned: null,
    created: count(80, Qualifier.EXACT, '80 жұмыс орнын құрайтын', [cite(7, '80 жұмыс орнын құрайтын', 'creating 80 jobs', {
      note: 'Said of a plant already put into operation, so counted as created.',
    })]),
  },
  {
    projectId: 'kmk-investment-cable-plant',
    planned: null,
    created: count(100, Qualifier.EXACT, '100 жұмыс орны құрылды', [cite(7, '100 жұмыс орны құрылды', '100 jobs were created')]),
  },
  {
    projectId: 'kaz-dia-test-diagnostics-plant',
    planned: count(65, Qualifier.EXACT, '65 жұмыс орнын құрумен', [cite(9, '65 жұмыс орнын құрумен', 'creating 65 jobs', { note: 'Said of a plant still to be launched, so counted as planned.' })]),
    created: null,
  },
  {
    projectId: 'almerek-medical-products-plant',
    planned: null,
    created: count(50, Qualifier.EXACT, '50 жұмыс орны ашылды', [cite(11, '50 жұмыс орны ашылды', '50 jobs were created')]),
  },
];

export const GROUP_JOBS: GroupJobsFact[] = [
  {
    groupId: 'aerated-concrete-plants',
    planned: count(165, Qualifier.AT_LEAST, '165-тен астам', [cite(4, '165-тен астам жұмыс орнын құру жоспарлануда', 'more than 165 jobs are planned')]),
    created: null,
  },
  {
    groupId: 'p12-construction-review',
    planned: count(340, Qualifier.EXACT, '340 жұмыс орны құрылады', [cite(12, 'кәсіпорындарда 340 жұмыс орны құрылады', '340 jobs will be created at the enterprises')]),
    created: null,
  },
  {
    groupId: 'implemented-to-date',
    planned: null,
    created: count(2248, Qualifier.EXACT, '2248 жұмыс орны құрылды', [cite(13, '2248 жұмыс орны құрылды', '2,248 jobs created')]),
  },
  {
    groupId: 'launch-by-end-of-2021',
    planned: count(823, Qualifier.EXACT, '823 жұмыс орны ашылатын болады', [cite(14, '823 жұмыс орны ашылатын болады', '823 jobs to be created')]),
    created: null,
  },
  {
    groupId: 'zone-participants',
    planned: count(6200, Qualifier.EXACT, '6,2 мың жұмыс орнын құра отырып', [cite(13, '6,2 мың жұмыс орнын құра отырып', 'creating 6.2 thousand jobs', {
      note: 'The participants\' projects together, built and not yet built; the document does not say how many of the jobs exist already, so the figure is kept as planned.',
    })]),
    created: null,
  },
  {
    groupId: 'council-supported-projects',
    planned: count(6500, Qualifier.AT_LEAST, '6,5 мыңнан астам', [cite(3, '6,5 мыңнан астам жұмыс орындарын құрумен', 'creating more than 6.5 thousand jobs')]),
    created: null,
  },
  {
    groupId: 'pipeline-2025',
    planned: count(3000, Qualifier.AT_LEAST, '3 мыңнан астам', [cite(15, '3 мыңнан астам жұмыс орнын құру жоспарлануда', 'creating more than 3 thousand jobs is planned')]),
    created: null,
  },
  {
    groupId: 'industrial-parks-2021',
    planned: count(860, Qualifier.EXACT, '860 жұмыс орны құрылады', [cite(15, '860 жұмыс орны құрылады', '860 jobs will be created')]),
    created: null,
  },
];

export const TRAINING_INSTITUTIONS: TrainingInstitutionFact[] = [
  {
    id: 'industrial-zone-technical-college',
    kind: 'TECHNICAL_COLLEGE',
    name: 'Technical college of the Industrial Zone',
    nameKk: 'техникалық колледж',
    status: 'PLANNED',
    builder: 'Almaty city akimat',
    builderKk: 'Қала әкімдігі',
    location: 'Inside the Almaty Industrial Zone',
    purpose: 'To supply the necessary personnel: specialists will be trained there for all the projects implemented in the zone.',
    servesAllZoneProjects: true,
    sources: [
      cite(6, 'Қала әкімдігі қажетті кадрлармен қамтамасыз ету үшін ИАА-да техникалық колледж салынады', 'To supply the necessary personnel, the city akimat will build a technical college in the Industrial Zone'),
      cite(6, 'мұнда іске асырылатын барлық жобалар үшін мамандар оқитын болады', 'where specialists will be trained for all the projects implemented there'),
    ],
  },
];
